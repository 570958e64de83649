// Every operation's handler, keyed by operationId. The type makes a missing or extra handler a compile error,
// and the route builder checks the same at startup against openapi.yaml.
import type { Handlers } from './types.js';
import { changePassword, login } from './auth.js';
import { createUser, listUsers } from './users.js';
import { getBusinessMetrics, getDrift, getMonitoring, listConnectors, listModels, listNotifications } from './dashboard.js';
import { getLiveness, getReadiness } from './health.js';
import { createDriftReport, getDriftProfile, getDriftReport, getModelDrift, listDriftReports, putDriftProfile } from './drift.js';

export const handlers: Handlers = {
  login,
  changePassword,
  listUsers,
  createUser,
  listModels,
  getBusinessMetrics,
  getDrift,
  listDriftReports,
  createDriftReport,
  getDriftReport,
  getModelDrift,
  getDriftProfile,
  putDriftProfile,
  listConnectors,
  getMonitoring,
  listNotifications,
  getLiveness,
  getReadiness,
};
