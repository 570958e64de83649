// Drift reports as the dashboard reads them.
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/database.js';
import { latestDriftReport } from '../storage/drift-reports.js';

export interface DriftSummary {
  drift_score: number;
  drift_detected: boolean;
  details: Record<string, number>;
}

export function createDriftService(storage: Storage) {
  return {
    async latestSummary(): Promise<DriftSummary> {
      const report = await latestDriftReport(storage.db);
      if (!report) throw new ApiError('not-found', 'No drift report exists yet; create one with POST /drift/reports.');
      return { drift_score: report.drift_score, drift_detected: report.drift_detected === 1, details: JSON.parse(report.details) as Record<string, number> };
    },
  };
}

export type DriftService = ReturnType<typeof createDriftService>;
