import { readFileSync } from 'node:fs';
import t from 'tap';
import { computeMonthlyRainAccuracy } from '../../src/demo/performance.js';
import { loadSeattleWeather } from '../../src/demo/datasets.js';

const reference = JSON.parse(readFileSync(new URL('./fixtures/fit-reference.json', import.meta.url), 'utf8')) as {
  seattle_monthly_accuracy: { month: string; accuracy_percent: number }[];
};

t.test('monthly accuracy spans 2013 to 2015', async (t) => {
  const series = computeMonthlyRainAccuracy();
  t.equal(series.length, 36);
  t.equal(series[0]!.month, '2013-01-01');
  t.equal(series.at(-1)!.month, '2015-12-01');

  const months = series.map((point) => point.month);
  t.same(months, [...months].sort(), 'months ascend');
  t.equal(new Set(months).size, 36, 'months are unique');
  t.ok(
    months.every((month) => /^\d{4}-\d{2}-01$/.test(month)),
    'months are YYYY-MM-01',
  );
  for (const point of series) {
    t.ok(point.accuracy_percent >= 0 && point.accuracy_percent <= 100, `${point.month}: ${point.accuracy_percent} in [0, 100]`);
  }
});

t.test('monthly accuracy matches reference', async (t) => {
  const series = computeMonthlyRainAccuracy();
  t.equal(series.length, reference.seattle_monthly_accuracy.length);
  series.forEach((point, i) => {
    const expected = reference.seattle_monthly_accuracy[i]!;
    t.equal(point.month, expected.month);
    t.ok(Math.abs(point.accuracy_percent - expected.accuracy_percent) < 1e-9, `${point.month}: ${point.accuracy_percent} vs ${expected.accuracy_percent}`);
  });
});

t.test('missing month is rejected', async (t) => {
  const rows = loadSeattleWeather().filter((row) => !row.date.startsWith('2014-06'));
  t.throws(() => computeMonthlyRainAccuracy(rows), /No Seattle weather rows for 2014-06/);
});
