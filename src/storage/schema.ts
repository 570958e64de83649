// Table types for Kysely. JSON columns are stored as text in both engines, so the code is the same on each.
import type { Generated } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: 'admin' | 'user';
  /** Bumped on a password change or deletion; tokens carry the version they were issued for. */
  token_version: number;
  created_at: string;
  updated_at: string;
}

export interface ModelTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** JSON array of strings. */
  labels: string;
  /** JSON array of strings. */
  tags: string;
  owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface ModelVersionTable {
  id: Generated<number>;
  model_id: number;
  version: number;
  /** JSON: feature_names, coefficients, feature_means, coefficient_variance. */
  stats: string;
  /** JSON object of evaluation metrics, e.g. {"accuracy": 0.93}. */
  metrics: string;
  status: string;
  created_by: string | null;
  created_at: string;
}

export interface MetricPointTable {
  id: Generated<number>;
  metric: string;
  /** 0 when the point belongs to no model, so the unique key (metric, model_key, timestamp) holds. */
  model_key: number;
  timestamp: string;
  value: number;
  created_at: string;
}

export interface DriftReportTable {
  id: Generated<number>;
  model_id: number | null;
  drift_score: number;
  drift_detected: number;
  drift_share: number;
  /** JSON object: feature name to score. */
  details: string;
  /** JSON array of per-feature results. */
  features: string;
  created_by: string | null;
  created_at: string;
}

/** A model's drift profile; the newest one replaces the previous. */
export interface DriftProfileTable {
  model_id: number;
  /** JSON: the DriftProfile of src/drift. */
  profile: string;
  /** The report whose reference gave the profile; null when registered directly. */
  report_id: number | null;
  created_by: string | null;
  created_at: string;
}

export interface ConnectorTable {
  id: Generated<number>;
  name: string;
  provider: string;
  type: 'cloud' | 'onprem';
  status: 'connected' | 'pending' | 'disconnected';
  /** JSON object of non-secret settings. */
  settings: string;
  /** AES-GCM ciphertext of the JSON secrets, or null. */
  secrets: string | null;
  status_reason: string | null;
  last_checked: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  model_id: number | null;
  related_id: number | null;
  timestamp: string;
}

export interface ModelAliasTable {
  model_id: number;
  alias: string;
  /** The version number (model_versions.version) the alias points at. */
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface ModelAliasHistoryTable {
  id: Generated<number>;
  model_id: number;
  alias: string;
  /** Null when the move created the alias. */
  from_version: number | null;
  /** Null when the move deleted the alias. */
  to_version: number | null;
  moved_by: string | null;
  moved_at: string;
}

export interface NotificationReadTable {
  notification_id: number;
  user_id: number;
  read_at: string;
}

/** One-off facts about the database, e.g. that the demo data was seeded. */
export interface SettingTable {
  key: string;
  value: string;
}

/** A token revoked by POST /logout, kept until its own expiry. */
export interface RevokedTokenTable {
  jti: string;
  user_id: number;
  /** The token's `exp` as an ISO 8601 time; rows past it are purged. */
  expires_at: string;
}

export interface Database {
  settings: SettingTable;
  users: UserTable;
  models: ModelTable;
  model_versions: ModelVersionTable;
  metric_points: MetricPointTable;
  drift_reports: DriftReportTable;
  drift_profiles: DriftProfileTable;
  connectors: ConnectorTable;
  notifications: NotificationTable;
  model_aliases: ModelAliasTable;
  model_alias_history: ModelAliasHistoryTable;
  notification_reads: NotificationReadTable;
  revoked_tokens: RevokedTokenTable;
}
