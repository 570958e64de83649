// Demo models fitted on public data (vega-datasets), as plain data for seeding.
// Each model is a binary logistic regression. `stats` has the API's ModelStats shape, with one entry
// per feature in each array, so the intercept is kept apart from it.
import { loadPenguins, loadSeattleWeather, type PenguinData, type SeattleWeatherRow } from './datasets.js';
import { fitLogisticRegression, predictLogOdds, softplus, type LogisticRegressionFit } from './logistic-regression.js';

export interface DemoModelStats {
  feature_names: string[];
  /** Coefficients on the original feature scale (log-odds per unit of the feature). */
  coefficients: number[];
  /** Feature means over the training rows. */
  feature_means: number[];
  /** Variances of the coefficients: diagonal of the inverse Fisher information at the optimum. */
  coefficient_variance: number[];
}

export interface DemoModelMetrics {
  /** Share of training rows classified correctly, 0 to 1, predicting `labels[1]` when P ≥ 0.5. */
  accuracy: number;
  /** Mean negative log-likelihood per training row (natural log). */
  log_loss: number;
  n_train: number;
  /** Training rows of the modelled class `labels[1]`. */
  n_positive: number;
  log_likelihood: number;
  iterations: number;
  /** Accuracy on rows outside the training period, 0 to 1, where the model has such rows. */
  holdout_accuracy?: number;
  holdout_log_loss?: number;
  n_holdout?: number;
}

export interface DemoModel {
  name: string;
  description: string;
  /** [negative class, modelled class]: the model returns P(labels[1]). */
  labels: string[];
  stats: DemoModelStats;
  intercept: number;
  intercept_variance: number;
  metrics: DemoModelMetrics;
}

export const PENGUIN_FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'] as const;
export const SEATTLE_RAIN_FEATURES = ['temp_max', 'temp_min', 'wind'] as const;
export const SEATTLE_TRAINING_YEAR = '2012';

/**
 * Defines the Seattle target: a rainy day is a day with measurable precipitation (> 0 mm).
 * The file's `weather` category is not used because vega-datasets derives it from several fields
 * and it disagrees with the measurement: 35 days of 2012 labelled 'rain' have 0 mm.
 * Snow days count as rainy days (21 in 2012).
 */
export function isRainyDay(row: SeattleWeatherRow): boolean {
  return row.precipitation > 0;
}

export function seattleRainFeatureRow(row: SeattleWeatherRow): number[] {
  return SEATTLE_RAIN_FEATURES.map((feature) => row[feature]);
}

/** Fits the Seattle rain model on the rows of SEATTLE_TRAINING_YEAR. */
export function fitSeattleRainModel(rows: readonly SeattleWeatherRow[]): { fit: LogisticRegressionFit; trainingRows: SeattleWeatherRow[] } {
  const trainingRows = rows.filter((row) => row.date.startsWith(`${SEATTLE_TRAINING_YEAR}-`));
  if (trainingRows.length === 0) throw new Error(`No Seattle weather rows for the training year ${SEATTLE_TRAINING_YEAR}.`);
  const fit = fitLogisticRegression(trainingRows.map(seattleRainFeatureRow), trainingRows.map(isRainyDay));
  return { fit, trainingRows };
}

/** Fits the Adelie-versus-other classifier on the complete penguin rows (333 of 344 in vega-datasets 3.2.1). */
export function buildPenguinSpeciesClassifier(data: PenguinData = loadPenguins()): DemoModel {
  // Adelie versus the other two species: 3 training rows stay misclassified, so the MLE exists.
  // Gentoo versus the others would be completely separated by bill depth and flipper length.
  const features = data.rows.map((row) => PENGUIN_FEATURES.map((feature) => row[feature]));
  const outcomes = data.rows.map((row) => row.species === 'Adelie');
  const fit = fitLogisticRegression(features, outcomes);
  const evaluation = evaluate(fit, features, outcomes);

  return {
    name: 'penguin-species-classifier',
    description:
      'Logistic regression of P(species = Adelie) on bill length, bill depth, flipper length and body mass, ' +
      `fitted on the ${data.rows.length} complete rows of the Palmer penguins data ` +
      `(${data.droppedRowCount} of ${data.totalRowCount} rows dropped for missing values).`,
    labels: ['Chinstrap or Gentoo', 'Adelie'],
    stats: toStats(PENGUIN_FEATURES, fit, features),
    intercept: fit.intercept,
    intercept_variance: fit.interceptVariance,
    metrics: {
      accuracy: evaluation.accuracy,
      log_loss: evaluation.logLoss,
      n_train: features.length,
      n_positive: outcomes.filter(Boolean).length,
      log_likelihood: fit.logLikelihood,
      iterations: fit.iterations,
    },
  };
}

/** Fits the rain model on 2012 and evaluates it on 2012 (training) and on the later years (holdout). */
export function buildSeattleRainPredictor(rows: readonly SeattleWeatherRow[] = loadSeattleWeather()): DemoModel {
  const { fit, trainingRows } = fitSeattleRainModel(rows);
  const features = trainingRows.map(seattleRainFeatureRow);
  const outcomes = trainingRows.map(isRainyDay);
  const training = evaluate(fit, features, outcomes);

  const holdoutRows = rows.filter((row) => row.date > `${SEATTLE_TRAINING_YEAR}-12-31`);
  const holdout = evaluate(fit, holdoutRows.map(seattleRainFeatureRow), holdoutRows.map(isRainyDay));
  const holdoutYears = holdoutRows.length > 0 ? `${holdoutRows[0]!.date.slice(0, 4)}–${holdoutRows.at(-1)!.date.slice(0, 4)}` : 'none';

  return {
    name: 'seattle-rain-predictor',
    description:
      'Logistic regression of P(precipitation > 0 mm) on the daily maximum and minimum temperature and wind ' +
      `in Seattle, fitted on the ${trainingRows.length} days of ${SEATTLE_TRAINING_YEAR}; ` +
      `holdout metrics cover ${holdoutRows.length} days of ${holdoutYears}.`,
    labels: ['dry', 'rain'],
    stats: toStats(SEATTLE_RAIN_FEATURES, fit, features),
    intercept: fit.intercept,
    intercept_variance: fit.interceptVariance,
    metrics: {
      accuracy: training.accuracy,
      log_loss: training.logLoss,
      n_train: trainingRows.length,
      n_positive: outcomes.filter(Boolean).length,
      log_likelihood: fit.logLikelihood,
      iterations: fit.iterations,
      holdout_accuracy: holdout.accuracy,
      holdout_log_loss: holdout.logLoss,
      n_holdout: holdoutRows.length,
    },
  };
}

/** Builds every demo model, loading the data sets once. */
export function buildDemoModels(): DemoModel[] {
  return [buildPenguinSpeciesClassifier(loadPenguins()), buildSeattleRainPredictor(loadSeattleWeather())];
}

/**
 * Computes accuracy (0 to 1, predicting the positive class when P ≥ 0.5) and mean log-loss.
 * Both are NaN for no rows.
 */
export function evaluate(
  fit: Pick<LogisticRegressionFit, 'intercept' | 'coefficients'>,
  features: readonly (readonly number[])[],
  outcomes: readonly boolean[],
): { accuracy: number; logLoss: number } {
  let correct = 0;
  let loss = 0;
  features.forEach((row, i) => {
    const logOdds = predictLogOdds(fit, row);
    const positive = outcomes[i]!;
    if (logOdds >= 0 === positive) correct++;
    // -log P(observed class), computed from the log-odds so that P rounding to 0 or 1 stays finite.
    loss += softplus(positive ? -logOdds : logOdds);
  });
  return { accuracy: correct / features.length, logLoss: loss / features.length };
}

function toStats(featureNames: readonly string[], fit: LogisticRegressionFit, features: readonly (readonly number[])[]): DemoModelStats {
  const featureMeans = featureNames.map((_, j) => features.reduce((sum, row) => sum + row[j]!, 0) / features.length);
  return {
    feature_names: [...featureNames],
    coefficients: fit.coefficients,
    feature_means: featureMeans,
    coefficient_variance: fit.coefficientVariance,
  };
}
