// Drift reports: computed with the engine in src/drift, stored with the model's profile, and read by the dashboard.
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/database.js';
import { findDriftReport, insertDriftReport, latestDriftReport, listDriftReportRows, type DriftReportRow } from '../storage/drift-reports.js';
import { findDriftProfile, upsertDriftProfile } from '../storage/drift-profiles.js';
import { findModelName } from '../storage/models.js';
import { decodeCursor } from '../http/paging.js';
import {
  buildProfile,
  driftReport,
  driftReportFromCounts,
  type CurrentCounts,
  type Dataset,
  type DatasetDriftReport,
  type DriftProfile,
  type FeatureDriftResult,
  type FeatureOptions,
} from '../drift/index.js';
import type { NotificationService } from './notifications.js';
import { checkCountsMatchProfile, checkSample, checkSamplePair, checkTotalValues, runEngine } from './drift-input.js';

export interface DriftSummary {
  drift_score: number;
  drift_detected: boolean;
  details: Record<string, number>;
}

export interface DriftReportSummary extends DriftSummary {
  id: number;
  model_id: number | null;
  created_at: string;
  drift_share: number;
}

export interface StoredDriftReport extends DriftReportSummary {
  features: FeatureDriftResult[];
}

export interface DriftProfileResource {
  model_id: number;
  report_id: number | null;
  created_at: string;
  profile: DriftProfile;
}

/** A report request in either form: raw samples, or counts with a profile (given, or the model's stored one). */
export interface CreateDriftReportInput {
  modelId?: number;
  driftShare?: number;
  featureOptions?: Record<string, FeatureOptions>;
  reference?: Dataset;
  current?: Dataset;
  profile?: DriftProfile;
  counts?: CurrentCounts;
}

export interface PutDriftProfileInput {
  reference: Dataset;
  bins?: number;
}

function invalid(detail: string): ApiError {
  return new ApiError('invalid-request', detail);
}

function toSummary(row: DriftReportRow): DriftReportSummary {
  return {
    id: row.id,
    model_id: row.model_id,
    created_at: row.created_at,
    drift_score: row.drift_score,
    drift_detected: row.drift_detected === 1,
    drift_share: row.drift_share,
    details: JSON.parse(row.details) as Record<string, number>,
  };
}

function toReport(row: DriftReportRow): StoredDriftReport {
  return { ...toSummary(row), features: JSON.parse(row.features) as FeatureDriftResult[] };
}

// details is `additionalProperties: number` in the spec, so features without a score are left out; `features` still lists them.
function scoredDetails(details: Record<string, number | null>): Record<string, number> {
  return Object.fromEntries(Object.entries(details).filter((entry): entry is [string, number] => entry[1] !== null));
}

// Fewer than 2 values, all missing, or absent: such features cannot be evaluated, and a report needs at least one that can.
function requireEvaluated(report: DatasetDriftReport): number {
  if (report.drift_score !== null) return report.drift_score;
  const statuses = report.features.slice(0, 10).map((feature) => `"${feature.name}" is ${feature.status}`).join(', ');
  throw invalid(`No feature could be evaluated (${statuses}); send at least 2 non-missing values per feature in each sample.`);
}

export function createDriftService(storage: Storage, notifications: NotificationService) {
  async function requireModelName(modelId: number): Promise<string> {
    const name = await findModelName(storage.db, modelId);
    if (name === undefined) throw new ApiError('not-found', `Model ${modelId} does not exist; list the models with GET /models.`);
    return name;
  }

  async function storedProfile(modelId: number): Promise<DriftProfileResource> {
    const row = await findDriftProfile(storage.db, modelId);
    if (!row) {
      throw new ApiError('not-found', `Model ${modelId} has no drift profile yet; register a reference sample with PUT /models/${modelId}/drift-profile, or create a report from raw samples with model_id ${modelId}.`);
    }
    return { model_id: row.model_id, report_id: row.report_id, created_at: row.created_at, profile: JSON.parse(row.profile) as DriftProfile };
  }

  /** Runs the engine on either form of the request; the returned profile is the reference's, stored with a model's report. */
  async function compute(input: CreateDriftReportInput): Promise<{ report: DatasetDriftReport; referenceProfile?: DriftProfile }> {
    const options = { drift_share: input.driftShare, feature_options: input.featureOptions };
    const raw = input.reference !== undefined || input.current !== undefined;

    if (raw) {
      if (input.counts !== undefined || input.profile !== undefined) throw invalid('The body has raw samples and counts or a profile; send either reference and current, or counts with a profile or model_id.');
      if (input.reference === undefined || input.current === undefined) throw invalid(`The body has ${input.reference === undefined ? 'current but no reference' : 'reference but no current'}; send both samples.`);
      checkSamplePair(input.reference, input.current);

      const report = runEngine(() => driftReport(input.reference!, input.current!, options));
      if (input.modelId === undefined) return { report };
      const bins = Object.fromEntries(Object.entries(input.featureOptions ?? {}).filter(([, own]) => own.bins !== undefined).map(([name, own]) => [name, { bins: own.bins }]));
      return { report, referenceProfile: runEngine(() => buildProfile(input.reference!, { feature_options: bins })) };
    }

    if (input.counts === undefined) throw invalid('The body has no data; send reference and current, or counts with a profile or model_id.');
    let profile = input.profile;
    if (profile === undefined) {
      if (input.modelId === undefined) throw invalid("The body has counts but no profile; send the profile the counts were made with, or the model_id whose stored profile it is.");
      profile = (await storedProfile(input.modelId)).profile;
    }
    checkCountsMatchProfile(profile, input.counts);
    const countedProfile = profile;
    return { report: runEngine(() => driftReportFromCounts(countedProfile, input.counts!, options)) };
  }

  return {
    /** Computes a report and stores it, the model's new profile and a drift notification in one transaction. */
    async createReport(input: CreateDriftReportInput, createdBy: string, now = new Date().toISOString()): Promise<StoredDriftReport> {
      const modelName = input.modelId === undefined ? undefined : await requireModelName(input.modelId);
      const { report, referenceProfile } = await compute(input);
      const driftScore = requireEvaluated(report);
      const details = scoredDetails(report.details);

      const id = await storage.db.transaction().execute(async (trx) => {
        const reportId = await insertDriftReport(trx, {
          model_id: input.modelId ?? null,
          drift_score: driftScore,
          drift_detected: report.drift_detected ? 1 : 0,
          drift_share: report.drift_share,
          details: JSON.stringify(details),
          features: JSON.stringify(report.features),
          created_by: createdBy,
          created_at: now,
        });
        if (referenceProfile && input.modelId !== undefined) {
          await upsertDriftProfile(trx, { model_id: input.modelId, profile: JSON.stringify(referenceProfile), report_id: reportId, created_by: createdBy, created_at: now });
        }
        if (report.drift_detected) {
          await notifications.record(
            {
              kind: 'drift_detected',
              severity: 'warning',
              title: 'Model drift detected',
              message: `Drift in ${modelName ?? 'unassigned data'}: drift score ${driftScore.toFixed(2)} reached the drift share ${report.drift_share.toFixed(2)} (${report.number_of_drifted_features} of ${report.number_of_evaluated_features} features drifted, report ${reportId}).`,
              modelId: input.modelId ?? null,
              relatedId: reportId,
              timestamp: now,
            },
            trx,
          );
        }
        return reportId;
      });

      return {
        id,
        model_id: input.modelId ?? null,
        created_at: now,
        drift_score: driftScore,
        drift_detected: report.drift_detected,
        drift_share: report.drift_share,
        details,
        features: report.features,
      };
    },

    async getReport(id: number): Promise<StoredDriftReport> {
      const row = await findDriftReport(storage.db, id);
      if (!row) throw new ApiError('not-found', `Drift report ${id} does not exist; list the reports with GET /drift/reports.`);
      return toReport(row);
    },

    /** Returns up to limit + 1 reports newest first, so the caller can tell whether another page follows. */
    async listReports(options: { modelId?: number; cursor?: string; limit: number }): Promise<DriftReportSummary[]> {
      const [beforeId] = decodeCursor(options.cursor, ['number']) ?? [];
      const rows = await listDriftReportRows(storage.db, { modelId: options.modelId, beforeId: beforeId as number | undefined, limit: options.limit + 1 });
      return rows.map(toSummary);
    },

    /** Returns the latest report in the dashboard's shape, of one model when modelId is given. */
    async latestSummary(modelId?: number): Promise<DriftSummary> {
      if (modelId !== undefined) await requireModelName(modelId);
      const row = await latestDriftReport(storage.db, modelId);
      if (!row) {
        const detail = modelId === undefined
          ? 'No drift report exists yet; create one with POST /drift/reports.'
          : `Model ${modelId} has no drift report yet; create one with POST /drift/reports and model_id ${modelId}.`;
        throw new ApiError('not-found', detail);
      }
      const { drift_score, drift_detected, details } = toSummary(row);
      return { drift_score, drift_detected, details };
    },

    async getProfile(modelId: number): Promise<DriftProfileResource> {
      await requireModelName(modelId);
      return storedProfile(modelId);
    },

    /** Builds the profile of a reference sample and stores it as the model's, replacing the previous one. */
    async putProfile(modelId: number, input: PutDriftProfileInput, createdBy: string, now = new Date().toISOString()): Promise<DriftProfileResource> {
      await requireModelName(modelId);
      checkTotalValues(checkSample(input.reference, 'reference'));
      const profile = runEngine(() => buildProfile(input.reference, { bins: input.bins }));
      await upsertDriftProfile(storage.db, { model_id: modelId, profile: JSON.stringify(profile), report_id: null, created_by: createdBy, created_at: now });
      return { model_id: modelId, report_id: null, created_at: now, profile };
    },
  };
}

export type DriftService = ReturnType<typeof createDriftService>;
