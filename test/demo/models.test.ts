import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { loadPenguins } from '../../src/demo/datasets.js';
import { fitLogisticRegression, LogisticRegressionError } from '../../src/demo/logistic-regression.js';
import { buildDemoModels, buildPenguinSpeciesClassifier, buildSeattleRainPredictor, PENGUIN_FEATURES, type DemoModel } from '../../src/demo/models.js';

/** Asserts |actual - expected| <= relativeTolerance × |expected|. */
function assertClose(t: Test, actual: number, expected: number, relativeTolerance: number, label: string): void {
  const difference = Math.abs(actual - expected);
  t.ok(difference <= relativeTolerance * Math.abs(expected), `${label}: ${actual} is within relative ${relativeTolerance} of ${expected}`);
}

// Written by scripts/fit-reference.py (statsmodels Logit with Newton's method on the same files).
interface ReferenceModel {
  source: string;
  feature_names: string[];
  n_train: number;
  n_positive: number;
  feature_means: number[];
  intercept: number;
  coefficients: number[];
  intercept_variance: number;
  coefficient_variance: number[];
  log_likelihood: number;
  accuracy: number;
  log_loss: number;
  n_holdout?: number;
  holdout_accuracy?: number;
  holdout_log_loss?: number;
}

const reference = JSON.parse(readFileSync(new URL('./fixtures/fit-reference.json', import.meta.url), 'utf8')) as {
  penguin_species_classifier: ReferenceModel;
  seattle_rain_predictor: ReferenceModel;
};

const TOLERANCE = 1e-6;

function compareWithReference(t: Test, model: DemoModel, expected: ReferenceModel): void {
  t.same(model.stats.feature_names, expected.feature_names, 'feature names');
  t.equal(model.metrics.n_train, expected.n_train, 'training rows');
  t.equal(model.metrics.n_positive, expected.n_positive, 'positive training rows');
  t.equal(model.stats.coefficients.length, expected.feature_names.length, 'one coefficient per feature');
  t.equal(model.stats.feature_means.length, expected.feature_names.length, 'one mean per feature');
  t.equal(model.stats.coefficient_variance.length, expected.feature_names.length, 'one variance per feature');

  assertClose(t, model.intercept, expected.intercept, TOLERANCE, 'intercept');
  assertClose(t, model.intercept_variance, expected.intercept_variance, TOLERANCE, 'intercept variance');
  expected.feature_names.forEach((name, j) => {
    assertClose(t, model.stats.coefficients[j]!, expected.coefficients[j]!, TOLERANCE, `coefficient of ${name}`);
    assertClose(t, model.stats.coefficient_variance[j]!, expected.coefficient_variance[j]!, TOLERANCE, `variance of ${name}`);
    assertClose(t, model.stats.feature_means[j]!, expected.feature_means[j]!, 1e-12, `mean of ${name}`);
  });
  assertClose(t, model.metrics.log_likelihood, expected.log_likelihood, TOLERANCE, 'log-likelihood');
  assertClose(t, model.metrics.log_loss, expected.log_loss, TOLERANCE, 'log-loss');
  t.equal(model.metrics.accuracy, expected.accuracy, 'training accuracy');
}

t.test('penguin classifier matches reference fit', async (t) => {
  const model = buildPenguinSpeciesClassifier();
  const expected = reference.penguin_species_classifier;
  t.match(expected.source, /statsmodels|numpy/, `reference from ${expected.source}`);

  t.equal(model.name, 'penguin-species-classifier');
  t.same(model.labels, ['Chinstrap or Gentoo', 'Adelie']);
  compareWithReference(t, model, expected);
  t.equal(model.metrics.n_train, 333);
  t.equal(model.metrics.n_positive, 146);
  t.ok(model.metrics.accuracy > 0.98, `training accuracy ${model.metrics.accuracy}`);
});

t.test('seattle rain predictor matches reference fit', async (t) => {
  const model = buildSeattleRainPredictor();
  const expected = reference.seattle_rain_predictor;

  t.equal(model.name, 'seattle-rain-predictor');
  t.same(model.labels, ['dry', 'rain']);
  compareWithReference(t, model, expected);
  t.equal(model.metrics.n_train, 366, 'days of 2012');
  t.equal(model.metrics.n_holdout, expected.n_holdout, 'holdout days');
  t.equal(model.metrics.n_holdout, 1095, 'days of 2013 to 2015');
  t.equal(model.metrics.holdout_accuracy, expected.holdout_accuracy, 'holdout accuracy');
  assertClose(t, model.metrics.holdout_log_loss!, expected.holdout_log_loss!, TOLERANCE, 'holdout log-loss');
});

t.test('demo models are deterministic', async (t) => {
  const first = buildDemoModels();
  const second = buildDemoModels();
  t.same(second, first);
  t.same(
    first.map((model) => model.name),
    ['penguin-species-classifier', 'seattle-rain-predictor'],
  );
  for (const model of first) {
    t.ok(model.stats.coefficient_variance.every((variance) => variance > 0), `${model.name} variances are positive`);
  }
});

t.test('gentoo target is separated', async (t) => {
  // Bill depth and flipper length alone separate Gentoo penguins from the other species,
  // which is why the demo classifier models Adelie instead.
  const { rows } = loadPenguins();
  const features = rows.map((row) => PENGUIN_FEATURES.map((feature) => row[feature]));
  const outcomes = rows.map((row) => row.species === 'Gentoo');
  t.throws(() => fitLogisticRegression(features, outcomes), LogisticRegressionError);
  try {
    fitLogisticRegression(features, outcomes);
  } catch (error) {
    t.equal((error as LogisticRegressionError).reason, 'separation');
  }
});
