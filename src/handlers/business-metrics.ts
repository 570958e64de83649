// Handlers of the business metric series and their ingestion.
import type { OperationHandler } from './types.js';

export const getBusinessMetrics: OperationHandler<'getBusinessMetrics'> = async ({ query }, { services }) =>
  services.businessMetrics.dashboard({ from: query.from, to: query.to, interval: query.interval, modelId: query.model_id });

export const ingestBusinessMetrics: OperationHandler<'ingestBusinessMetrics'> = async ({ body }, { services }) => services.businessMetrics.ingest(body.points);
