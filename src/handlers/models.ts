// Handlers of the model registry: models, versions, aliases and the alias history.
import type { OperationHandler } from './types.js';
import { requirePrincipal } from './types.js';
import { decodeCursor, finishPage } from '../http/paging.js';
import { DEFAULT_PAGE_LIMIT } from './page.js';

export const listModels: OperationHandler<'listModels'> = async ({ query }, { services, request, reply }) => {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const afterId = decodeCursor(query.cursor, ['number'])?.[0] as number | undefined;
  const rows = await services.models.list({ name: query.name, tag: query.tag, owner: query.owner, afterId, limit: limit + 1 });
  return finishPage(request, reply, rows, limit, (row) => [row.id]);
};

export const createModel: OperationHandler<'createModel'> = async ({ body }, context) => {
  const model = await context.services.models.create(body, requirePrincipal(context).username);
  context.reply.header('location', `/models/${model.id}`);
  return model;
};

export const getModel: OperationHandler<'getModel'> = async ({ params }, { services }) => services.models.get(params.id);

export const updateModel: OperationHandler<'updateModel'> = async ({ params, body }, { services }) => services.models.update(params.id, body);

export const deleteModel: OperationHandler<'deleteModel'> = async ({ params }, context) => {
  await context.services.models.remove(params.id, requirePrincipal(context).username);
  return undefined;
};

export const createModelVersion: OperationHandler<'createModelVersion'> = async ({ params, body }, context) => {
  const version = await context.services.models.addVersion(params.id, body, requirePrincipal(context).username);
  context.reply.header('location', `/models/${params.id}/versions/${version.version}`);
  return version;
};

export const listModelVersions: OperationHandler<'listModelVersions'> = async ({ params, query }, { services, request, reply }) => {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const beforeVersion = decodeCursor(query.cursor, ['number'])?.[0] as number | undefined;
  const rows = await services.models.listVersions(params.id, limit + 1, beforeVersion);
  return finishPage(request, reply, rows, limit, (row) => [row.version]);
};

export const getModelVersion: OperationHandler<'getModelVersion'> = async ({ params }, { services }) => services.models.getVersion(params.id, params.version);

export const setModelAlias: OperationHandler<'setModelAlias'> = async ({ params, body }, context) =>
  context.services.models.setAlias(params.id, params.alias, body.version, requirePrincipal(context).username);

export const deleteModelAlias: OperationHandler<'deleteModelAlias'> = async ({ params }, context) => {
  await context.services.models.deleteAlias(params.id, params.alias, requirePrincipal(context).username);
  return undefined;
};

export const listModelAliasHistory: OperationHandler<'listModelAliasHistory'> = async ({ params, query }, { services, request, reply }) => {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const beforeId = decodeCursor(query.cursor, ['number'])?.[0] as number | undefined;
  const rows = await services.models.listAliasHistory(params.id, limit + 1, beforeId);
  return finishPage(request, reply, rows, limit, (row) => [row.id]);
};
