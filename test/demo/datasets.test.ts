import t from 'tap';
import { loadPenguins, loadSeattleWeather, parseCsv, PENGUIN_SPECIES, WEATHER_TYPES } from '../../src/demo/datasets.js';

t.test('penguins drop incomplete rows', async (t) => {
  const data = loadPenguins();
  t.equal(data.totalRowCount, 344);
  t.equal(data.droppedRowCount, 11, '2 rows without measurements, 8 without sex, 1 with sex "."');
  t.equal(data.rows.length, 333);

  const counts = Object.fromEntries(PENGUIN_SPECIES.map((species) => [species, data.rows.filter((row) => row.species === species).length]));
  t.same(counts, { Adelie: 146, Chinstrap: 68, Gentoo: 119 });
  t.same(data.rows[0], {
    species: 'Adelie',
    island: 'Torgersen',
    bill_length_mm: 39.1,
    bill_depth_mm: 18.7,
    flipper_length_mm: 181,
    body_mass_g: 3750,
    sex: 'male',
  });
});

t.test('seattle weather covers 2012 to 2015', async (t) => {
  const rows = loadSeattleWeather();
  t.equal(rows.length, 1461, 'one row a day');
  t.equal(rows[0]!.date, '2012-01-01');
  t.equal(rows.at(-1)!.date, '2015-12-31');
  t.same(rows[1], { date: '2012-01-02', precipitation: 10.9, temp_max: 10.6, temp_min: 2.8, wind: 4.5, weather: 'rain' });
  t.equal(new Set(rows.map((row) => row.date)).size, rows.length, 'dates are unique');
  t.ok(rows.every((row) => (WEATHER_TYPES as readonly string[]).includes(row.weather)), 'weather categories are known');
  t.ok(rows.every((row) => row.precipitation >= 0), 'precipitation is not negative');
  t.ok(rows.every((row) => row.temp_min <= row.temp_max), 'temp_min <= temp_max');
});

t.test('csv parser handles quotes and line ends', async (t) => {
  t.same(parseCsv('a,b\n1,2\n'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  t.same(parseCsv('a,b\r\n1,2'), [
    ['a', 'b'],
    ['1', '2'],
  ], 'CRLF and no final line end');
  t.same(parseCsv('"x, y","say ""hi"""\n'), [['x, y', 'say "hi"']], 'quoted comma and escaped quote');
  t.same(parseCsv('"two\nlines",z\n'), [['two\nlines', 'z']], 'line end inside quotes');
  t.same(parseCsv('a,,c\n'), [['a', '', 'c']], 'empty field');
  t.same(parseCsv(''), [], 'empty text');
  t.throws(() => parseCsv('"open\n'), /inside a quoted field/);
});
