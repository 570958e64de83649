// Size limits of drift requests, shared by the JSON and CSV forms. openapi.yaml states the same numbers.

/** Maximum features (columns) per sample. */
export const MAX_DRIFT_FEATURES = 500;

/** Maximum values per column, missing ones included. */
export const MAX_DRIFT_VALUES_PER_COLUMN = 1_000_000;

/** Maximum values in one request, reference and current together. */
export const MAX_DRIFT_TOTAL_VALUES = 5_000_000;
