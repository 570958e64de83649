// Public types of the drift engine. Field names are snake_case because results go out as JSON unchanged.

/** One cell of a column. null, undefined, NaN and ±Infinity count as missing. */
export type CellValue = number | string | boolean | null | undefined;

/** One feature's values, one entry per row. */
export type Column = ReadonlyArray<CellValue> | Float64Array;

/** Column-oriented data: feature name to values. */
export type Dataset = Readonly<Record<string, Column>>;

export type FeatureKind = 'numerical' | 'categorical';

export type DriftMethod = 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'chisquare' | 'z';

/** Methods whose verdict is p < threshold; the others are distances with verdict value > threshold. */
export type PValueMethod = 'ks' | 'chisquare' | 'z';

export type FeatureStatus = 'ok' | 'empty' | 'constant' | 'insufficient' | 'missing_in_current';

export interface FeatureOptions {
  /** Overrides the default method choice. */
  method?: DriftMethod;
  /** p-value methods: drift when p < threshold, in (0, 1). Distances: drift when value > threshold, at least 0. */
  threshold?: number;
  /** Number of quantile bins for numerical psi, jensenshannon and chisquare; an integer from 2 to 1000. */
  bins?: number;
  /** Overrides the inferred kind, e.g. to treat integer codes as categories. */
  kind?: FeatureKind;
}

export interface FeatureDriftResult {
  name: string;
  kind: FeatureKind;
  /** null when the status leaves no method to run (missing_in_current, empty). */
  method: DriftMethod | null;
  /** Test statistic for ks, chisquare and z; the distance itself for wasserstein (normed), psi and jensenshannon. */
  statistic: number | null;
  p_value: number | null;
  threshold: number | null;
  drifted: boolean;
  status: FeatureStatus;
  /** Non-missing values in the reference sample. */
  reference_count: number;
  /** Non-missing values in the current sample. */
  current_count: number;
  /** Missing values in reference and current together. */
  missing_count: number;
  /** Drift score for the dashboard's details map: the distance, or 1 − p for p-value methods; null unless ok or constant. */
  score: number | null;
  /** Present and true when the statistic was estimated from bins rather than computed from raw values. */
  approximate?: true;
  /** Explanation of a non-ok status or of how an approximate statistic was estimated. */
  note?: string;
}

export interface ReportOptions {
  /** Features to analyse; defaults to every column of the reference dataset. */
  features?: readonly string[];
  feature_options?: Readonly<Record<string, FeatureOptions>>;
  /** Non-negative weight per feature in the drift score; features without an entry weigh 1. */
  weights?: Readonly<Record<string, number>>;
  /** Dataset drift is detected when drift_score >= drift_share; defaults to 0.5. */
  drift_share?: number;
}

export interface DatasetDriftReport {
  features: FeatureDriftResult[];
  /** Feature name to score, for the dashboard. */
  details: Record<string, number | null>;
  /** Weighted share of evaluated (ok or constant) features that drifted; null when none carries weight. */
  drift_score: number | null;
  drift_share: number;
  drift_detected: boolean;
  number_of_features: number;
  number_of_evaluated_features: number;
  number_of_drifted_features: number;
}

export interface NumericalFeatureProfile {
  kind: 'numerical';
  /** Finite inner bin edges, ascending and distinct. The outer edges are −∞ and +∞, and bin i is [edges[i−1], edges[i]). */
  edges: number[];
  /** Reference count per bin, edges.length + 1 entries. */
  counts: number[];
  n: number;
  /** null when n is 0. */
  mean: number | null;
  /** Population standard deviation (ddof 0); null when n is 0. */
  std: number | null;
  missing_count: number;
}

export interface CategoricalFeatureProfile {
  kind: 'categorical';
  /** Category to reference count. */
  categories: Record<string, number>;
  n: number;
  missing_count: number;
}

export type FeatureProfile = NumericalFeatureProfile | CategoricalFeatureProfile;

/** Reference summary that a client needs to count its own data into the same bins; it contains no raw values. */
export interface DriftProfile {
  version: 1;
  features: Record<string, FeatureProfile>;
}

export interface NumericalFeatureCounts {
  kind: 'numerical';
  /** Count per profile bin, in the profile's bin order. */
  counts: number[];
  /** Optional check: must equal the sum of counts when given. */
  n?: number;
  mean?: number | null;
  std?: number | null;
  missing_count?: number;
}

export interface CategoricalFeatureCounts {
  kind: 'categorical';
  /** Category to current count; categories outside the profile's vocabulary are new categories. */
  categories: Record<string, number>;
  missing_count?: number;
}

export type FeatureCounts = NumericalFeatureCounts | CategoricalFeatureCounts;

export interface CurrentCounts {
  features: Record<string, FeatureCounts>;
}

export interface ProfileOptions {
  features?: readonly string[];
  /** Default number of quantile bins per numerical feature; 10 when not given. */
  bins?: number;
  feature_options?: Readonly<Record<string, Pick<FeatureOptions, 'bins' | 'kind'>>>;
}
