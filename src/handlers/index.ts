// Every operation's handler, keyed by operationId. The type makes a missing or extra handler a compile error,
// and the route builder checks the same at startup against openapi.yaml.
import type { Handlers } from './types.js';
import { changePassword, getCurrentUser, login, logout } from './auth.js';
import { createUser, deleteUser, listUsers, updateUser } from './users.js';
import { getBusinessMetrics, getDrift, getMonitoring, listConnectors, listModels, listNotifications } from './dashboard.js';
import { getLiveness, getReadiness } from './health.js';
import { createModel, createModelVersion, deleteModel, deleteModelAlias, getModel, getModelVersion, listModelAliasHistory, listModelVersions, setModelAlias, updateModel } from './models.js';
import { ingestBusinessMetrics } from './business-metrics.js';
import { createConnector, deleteConnector, getConnector, testConnector, updateConnector } from './connectors.js';
import { markAllNotificationsRead, markNotificationRead } from './notifications.js';
import { createDriftReport, getDriftProfile, getDriftReport, getModelDrift, listDriftReports, putDriftProfile } from './drift.js';

export const handlers: Handlers = {
  login,
  changePassword,
  logout,
  getCurrentUser,
  listUsers,
  createUser,
  updateUser,
  deleteUser,
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
  createModel,
  getModel,
  updateModel,
  deleteModel,
  createModelVersion,
  listModelVersions,
  getModelVersion,
  setModelAlias,
  deleteModelAlias,
  listModelAliasHistory,
  ingestBusinessMetrics,
  createConnector,
  getConnector,
  updateConnector,
  deleteConnector,
  testConnector,
  markNotificationRead,
  markAllNotificationsRead,
};
