// Handlers of the drift operations: reports, per-model summaries and the drift profiles of the privacy path.
import { ApiError } from '../errors.js';
import type { OperationHandler, OperationInput } from './types.js';
import { requirePrincipal } from './types.js';
import { mediaTypeOf, readUploadedCsvFiles } from '../http/drift-uploads.js';
import { readCsvPair, splitCsvBySample } from '../domain/drift-csv.js';
import { runEngine } from '../services/drift-input.js';
import { finishPage } from '../http/paging.js';
import type { CreateDriftReportInput } from '../services/drift.js';
import type { CurrentCounts, DriftProfile } from '../drift/index.js';

type CreateInput = OperationInput<'createDriftReport'>;

function fromJson(body: NonNullable<CreateInput['body']>, query: CreateInput['query']): CreateDriftReportInput {
  if (query.model_id !== undefined || query.drift_share !== undefined) {
    throw new ApiError('invalid-request', 'The query parameters model_id and drift_share apply to CSV uploads; with a JSON body, put them in the body.');
  }
  return {
    modelId: body.model_id,
    driftShare: body.drift_share,
    featureOptions: body.feature_options,
    reference: body.reference,
    current: body.current,
    profile: body.profile as DriftProfile | undefined,
    counts: body.counts as CurrentCounts | undefined,
  };
}

/** Reads the request in any of its three forms into one service input. */
async function readCreateInput({ body, query }: CreateInput, context: Parameters<OperationHandler<'createDriftReport'>>[1]): Promise<CreateDriftReportInput> {
  const mediaType = mediaTypeOf(context.request);
  const fromQuery = { modelId: query.model_id, driftShare: query.drift_share };

  if (mediaType === 'text/csv') {
    const text = body as unknown as string;
    return { ...fromQuery, ...runEngine(() => splitCsvBySample(text, query.sample_column ?? 'sample')) };
  }
  if (mediaType === 'multipart/form-data') {
    const files = await readUploadedCsvFiles(context.request, context.request.routeOptions.bodyLimit ?? 0);
    return { ...fromQuery, ...runEngine(() => readCsvPair(files.reference, files.current)) };
  }
  if (body === undefined || body === null) {
    throw new ApiError('invalid-request', 'The request body is missing; send JSON, a CSV file (text/csv) or two CSV files (multipart/form-data).');
  }
  return fromJson(body, query);
}

export const createDriftReport: OperationHandler<'createDriftReport'> = async (input, context) => {
  const request = await readCreateInput(input, context);
  return context.services.drift.createReport(request, requirePrincipal(context).username);
};

export const listDriftReports: OperationHandler<'listDriftReports'> = async ({ query }, { services, request, reply }) => {
  const limit = query.limit ?? 50;
  const rows = await services.drift.listReports({ modelId: query.model_id, cursor: query.cursor, limit });
  return finishPage(request, reply, rows, limit, (row) => [row.id]);
};

export const getDriftReport: OperationHandler<'getDriftReport'> = async ({ params }, { services }) => services.drift.getReport(params.id);

export const getModelDrift: OperationHandler<'getModelDrift'> = async ({ params }, { services }) => services.drift.latestSummary(params.model_id);

export const getDriftProfile: OperationHandler<'getDriftProfile'> = async ({ params }, { services }) => services.drift.getProfile(params.id);

export const putDriftProfile: OperationHandler<'putDriftProfile'> = async ({ params, body }, context) =>
  context.services.drift.putProfile(params.id, { reference: body.reference, bins: body.bins }, requirePrincipal(context).username);
