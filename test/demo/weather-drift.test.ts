import t from 'tap';
import { WEATHER_TYPES } from '../../src/demo/datasets.js';
import { buildWeatherDriftSamples, DRIFT_CATEGORICAL_FEATURES, DRIFT_NUMERICAL_FEATURES } from '../../src/demo/weather-drift.js';

t.test('drift samples split 2012 and 2015', async (t) => {
  const { reference, current } = buildWeatherDriftSamples();
  for (const feature of [...DRIFT_NUMERICAL_FEATURES, ...DRIFT_CATEGORICAL_FEATURES]) {
    t.equal(reference[feature].length, 366, `reference ${feature} has the days of 2012`);
    t.equal(current[feature].length, 365, `current ${feature} has the days of 2015`);
  }
  t.same(Object.keys(reference).sort(), ['precipitation', 'temp_max', 'temp_min', 'weather', 'wind']);

  // First rows of 2012 and 2015 in seattle-weather.csv.
  t.same(
    [reference.precipitation[0], reference.temp_max[0], reference.temp_min[0], reference.wind[0], reference.weather[0]],
    [0, 12.8, 5, 4.7, 'drizzle'],
  );
  t.same(
    [current.precipitation[0], current.temp_max[0], current.temp_min[0], current.wind[0], current.weather[0]],
    [0, 5.6, -3.2, 1.2, 'sun'],
  );
  t.ok(current.weather.every((value) => (WEATHER_TYPES as readonly string[]).includes(value)), 'weather categories are known');
});
