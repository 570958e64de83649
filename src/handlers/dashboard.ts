// Handlers of the read operations behind the dashboard's screens.
import type { OperationHandler } from './types.js';

export const listModels: OperationHandler<'listModels'> = async (_input, { services }) => services.models.list();

export const getBusinessMetrics: OperationHandler<'getBusinessMetrics'> = async (_input, { services }) => services.businessMetrics.dashboard();

export const getDrift: OperationHandler<'getDrift'> = async ({ query }, { services }) => services.drift.latestSummary(query.model_id);

export const listConnectors: OperationHandler<'listConnectors'> = async (_input, { services }) => services.connectors.list();

export const getMonitoring: OperationHandler<'getMonitoring'> = async (_input, { services }) => services.monitoring.checkAll();

export const listNotifications: OperationHandler<'listNotifications'> = async (_input, { services }) => services.notifications.list();
