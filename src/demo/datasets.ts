// Loaders for the public data sets shipped in the npm package vega-datasets (checked with 3.2.1,
// whose files sit in <package root>/data/). The files are read from disk, so results are the same
// on every start for a given installed version.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const PENGUIN_SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'] as const;
export type PenguinSpecies = (typeof PENGUIN_SPECIES)[number];

/** One complete penguin record, with column names as in the palmerpenguins R package. */
export interface PenguinRow {
  species: PenguinSpecies;
  island: string;
  bill_length_mm: number;
  bill_depth_mm: number;
  flipper_length_mm: number;
  body_mass_g: number;
  sex: 'male' | 'female';
}

export interface PenguinData {
  /** Rows with every field present, in file order. */
  rows: PenguinRow[];
  /** Rows in penguins.json (344 in vega-datasets 3.2.1). */
  totalRowCount: number;
  /** Rows dropped because a field is null or sex is '.' (11 in vega-datasets 3.2.1). */
  droppedRowCount: number;
}

export const WEATHER_TYPES = ['drizzle', 'rain', 'snow', 'sun', 'fog'] as const;
export type WeatherType = (typeof WEATHER_TYPES)[number];

/** One day of Seattle weather, fields and units as in seattle-weather.csv. */
export interface SeattleWeatherRow {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Precipitation in mm. */
  precipitation: number;
  /** Daily maximum temperature in °C. */
  temp_max: number;
  /** Daily minimum temperature in °C. */
  temp_min: number;
  // NOTE: datapackage.json in vega-datasets 3.2.1 documents km/h, but values of about 0.4 to 9.5
  // for daily mean wind in Seattle look like m/s. The loader keeps the number as in the file.
  /** Wind speed as recorded in the file. */
  wind: number;
  /** Category that vega-datasets derived from several NOAA fields. */
  weather: WeatherType;
}

const SEATTLE_WEATHER_COLUMNS = ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'] as const;

/**
 * Finds the data folder of the installed vega-datasets package.
 * The package's `exports` map exposes only its entry point, so `vega-datasets/package.json` cannot
 * be resolved directly: this resolves the entry point and walks up to the folder with its package.json.
 */
export function vegaDatasetsDataDir(): string {
  const require = createRequire(import.meta.url);
  let entryPoint: string;
  try {
    entryPoint = require.resolve('vega-datasets');
  } catch (error) {
    throw new Error('The npm package vega-datasets is not installed: run `npm install` to get the demo data sets.', { cause: error });
  }

  let directory = path.dirname(entryPoint);
  while (true) {
    const manifestPath = path.join(directory, 'package.json');
    if (readPackageName(manifestPath) === 'vega-datasets') return path.join(directory, 'data');
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`No package.json named vega-datasets found above its entry point ${entryPoint}.`);
    }
    directory = parent;
  }
}

function readPackageName(manifestPath: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(text) as { name?: unknown };
  return typeof manifest.name === 'string' ? manifest.name : undefined;
}

function readDataFile(fileName: string, dataDir: string): string {
  return readFileSync(path.join(dataDir, fileName), 'utf8');
}

/** Loads penguins.json and drops every row with a missing field (null, or '.' for sex). */
export function loadPenguins(dataDir: string = vegaDatasetsDataDir()): PenguinData {
  const records = JSON.parse(readDataFile('penguins.json', dataDir)) as unknown;
  if (!Array.isArray(records)) throw new Error('penguins.json is not a JSON array.');

  const rows: PenguinRow[] = [];
  records.forEach((record: Record<string, unknown>, index) => {
    const row = toPenguinRow(record, index);
    if (row !== undefined) rows.push(row);
  });
  return { rows, totalRowCount: records.length, droppedRowCount: records.length - rows.length };
}

/** Returns the typed row, or undefined when a field is missing. Throws on a present but invalid field. */
function toPenguinRow(record: Record<string, unknown>, index: number): PenguinRow | undefined {
  const species = record['Species'];
  const island = record['Island'];
  const billLength = record['Beak Length (mm)'];
  const billDepth = record['Beak Depth (mm)'];
  const flipperLength = record['Flipper Length (mm)'];
  const bodyMass = record['Body Mass (g)'];
  const sex = record['Sex'];

  const fields = [species, island, billLength, billDepth, flipperLength, bodyMass, sex];
  if (fields.some((value) => value === null || value === undefined) || sex === '.') return undefined;

  if (!PENGUIN_SPECIES.includes(species as PenguinSpecies)) {
    throw new Error(`penguins.json row ${index}: unknown Species ${JSON.stringify(species)}.`);
  }
  if (typeof island !== 'string') throw new Error(`penguins.json row ${index}: Island is not a string.`);
  if (sex !== 'MALE' && sex !== 'FEMALE') throw new Error(`penguins.json row ${index}: unknown Sex ${JSON.stringify(sex)}.`);
  const measurements = [billLength, billDepth, flipperLength, bodyMass];
  if (!measurements.every((value) => typeof value === 'number' && Number.isFinite(value))) {
    throw new Error(`penguins.json row ${index}: a measurement is not a finite number.`);
  }

  return {
    species: species as PenguinSpecies,
    island,
    bill_length_mm: billLength as number,
    bill_depth_mm: billDepth as number,
    flipper_length_mm: flipperLength as number,
    body_mass_g: bodyMass as number,
    sex: sex === 'MALE' ? 'male' : 'female',
  };
}

/** Loads seattle-weather.csv (one row a day, 2012-01-01 to 2015-12-31 in 3.2.1), sorted by date. */
export function loadSeattleWeather(dataDir: string = vegaDatasetsDataDir()): SeattleWeatherRow[] {
  const [header, ...records] = parseCsv(readDataFile('seattle-weather.csv', dataDir));
  if (header === undefined || header.join(',') !== SEATTLE_WEATHER_COLUMNS.join(',')) {
    throw new Error(`seattle-weather.csv: expected header ${SEATTLE_WEATHER_COLUMNS.join(',')}, got ${header?.join(',') ?? 'an empty file'}.`);
  }

  const rows = records.map((record, index) => toSeattleWeatherRow(record, index + 2));
  // Dates are YYYY-MM-DD, so string order is date order.
  rows.sort((a, b) => a.date.localeCompare(b.date));
  return rows;
}

function toSeattleWeatherRow(record: string[], lineNumber: number): SeattleWeatherRow {
  if (record.length !== SEATTLE_WEATHER_COLUMNS.length) {
    throw new Error(`seattle-weather.csv line ${lineNumber}: expected ${SEATTLE_WEATHER_COLUMNS.length} fields, got ${record.length}.`);
  }
  const [date, precipitation, tempMax, tempMin, wind, weather] = record as [string, string, string, string, string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`seattle-weather.csv line ${lineNumber}: invalid date ${JSON.stringify(date)}.`);
  if (!WEATHER_TYPES.includes(weather as WeatherType)) {
    throw new Error(`seattle-weather.csv line ${lineNumber}: unknown weather ${JSON.stringify(weather)}.`);
  }
  return {
    date,
    precipitation: parseNumber(precipitation, 'precipitation', lineNumber),
    temp_max: parseNumber(tempMax, 'temp_max', lineNumber),
    temp_min: parseNumber(tempMin, 'temp_min', lineNumber),
    wind: parseNumber(wind, 'wind', lineNumber),
    weather: weather as WeatherType,
  };
}

function parseNumber(text: string, column: string, lineNumber: number): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new Error(`seattle-weather.csv line ${lineNumber}: ${column} is not a number: ${JSON.stringify(text)}.`);
  }
  return value;
}

/**
 * Parses RFC 4180 CSV: comma-separated fields, optional double quotes around a field, `""` for a
 * quote inside quotes, LF or CRLF line ends. A trailing line end does not add an empty record.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let index = 0;

  while (index < text.length) {
    const char = text[index]!;
    if (inQuotes) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') inQuotes = false;
      else field += char;
      index++;
      continue;
    }

    if (char === '"' && field === '') {
      inQuotes = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (char === '\r' && text[index + 1] === '\n') index++;
    } else {
      field += char;
    }
    index++;
  }

  if (inQuotes) throw new Error('CSV ends inside a quoted field.');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
