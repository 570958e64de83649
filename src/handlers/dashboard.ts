// Handlers of the read operations behind the dashboard's screens. The writable resources have their own files.
import type { OperationHandler } from './types.js';

export { listModels } from './models.js';

export { getBusinessMetrics } from './business-metrics.js';

export const getDrift: OperationHandler<'getDrift'> = async ({ query }, { services }) => services.drift.latestSummary(query.model_id);

export { listConnectors } from './connectors.js';

export const getMonitoring: OperationHandler<'getMonitoring'> = async (_input, { services }) => services.monitoring.checkAll();

export { listNotifications } from './notifications.js';
