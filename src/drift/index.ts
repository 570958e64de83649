// Public API of the drift engine. Pure TypeScript with no runtime imports, so browsers can run it too.

export type * from './types.js';
export { DriftInputError } from './errors.js';

export { driftReport, summarizeDrift, DEFAULT_DRIFT_SHARE } from './report.js';
export { analyzeFeature } from './feature.js';
export { buildProfile, countCurrent, driftReportFromCounts, analyzeFeatureCounts } from './profile.js';

export {
  defaultMethod,
  DRIFT_METHODS,
  SMALL_REFERENCE_MAX_COUNT,
  FEW_VALUES_MAX,
  DEFAULT_P_VALUE_THRESHOLD,
  DEFAULT_DISTANCE_THRESHOLD,
  MIN_SAMPLE_SIZE,
} from './methods.js';

export { ksTwoSample, ksTwoSampleSorted, ksStatisticSorted, KS_EXACT_MAX_N, type KsResult } from './ks.js';
export {
  wassersteinDistance,
  wassersteinDistanceSorted,
  wassersteinDistanceWeighted,
  normWasserstein,
  WASSERSTEIN_STD_FLOOR,
} from './wasserstein.js';
export {
  quantileSorted,
  quantileBinEdges,
  countBinsSorted,
  binIndex,
  binRepresentativePoints,
  DEFAULT_BINS,
  MAX_BINS,
} from './bins.js';
export { populationStabilityIndex, PSI_EMPTY_BIN_PROPORTION } from './psi.js';
export { jensenShannonDistance } from './jensen-shannon.js';
export { chiSquareTest, type ChiSquareResult } from './chi-square.js';
export { twoProportionZTest, type ZTestResult } from './z-test.js';
export { logGamma, regularizedGammaQ, chiSquareSf, normalSf, normalTwoSidedP } from './distributions.js';
export { kolmogorovSmirnovSf, smirnovSf } from './ks-distributions.js';
export { sortedCopy, meanAndStd, isMissing } from './sample.js';
