// Handlers of the connectors to data platforms.
import type { OperationHandler } from './types.js';
import { decodeCursor, finishPage } from '../http/paging.js';
import { DEFAULT_PAGE_LIMIT } from './page.js';

export const listConnectors: OperationHandler<'listConnectors'> = async ({ query }, { services, request, reply }) => {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const after = decodeCursor(query.cursor, ['string', 'number']) as [string, number] | undefined;
  const rows = await services.connectors.list(limit + 1, after);
  return finishPage(request, reply, rows, limit, (row) => [row.name, row.id]);
};

export const getConnector: OperationHandler<'getConnector'> = async ({ params }, { services }) => services.connectors.get(params.id);

export const createConnector: OperationHandler<'createConnector'> = async ({ body }, { services, reply }) => {
  const connector = await services.connectors.create(body);
  reply.header('location', `/connectors/${connector.id}`);
  return connector;
};

export const updateConnector: OperationHandler<'updateConnector'> = async ({ params, body }, { services }) => services.connectors.update(params.id, body);

export const deleteConnector: OperationHandler<'deleteConnector'> = async ({ params }, { services }) => {
  await services.connectors.remove(params.id);
  return undefined;
};

export const testConnector: OperationHandler<'testConnector'> = async ({ params }, { services }) => services.connectors.test(params.id);
