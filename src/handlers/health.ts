import { ApiError } from '../errors.js';
import type { OperationHandler } from './types.js';

export const getLiveness: OperationHandler<'getLiveness'> = async () => ({ status: 'ok' });

export const getReadiness: OperationHandler<'getReadiness'> = async (_input, { services }) => {
  if (!(await services.monitoring.isReady())) {
    throw new ApiError('not-ready', 'The database did not respond to SELECT 1; check DATABASE_URL and the database server.');
  }
  return { status: 'ok' };
};
