// Reference and current samples of the Seattle weather data for drift detection: the days of 2012
// against the days of 2015, one array per column, in date order.
import { loadSeattleWeather, type SeattleWeatherRow, type WeatherType } from './datasets.js';

export const DRIFT_NUMERICAL_FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'] as const;
export const DRIFT_CATEGORICAL_FEATURES = ['weather'] as const;
export const DRIFT_REFERENCE_YEAR = '2012';
export const DRIFT_CURRENT_YEAR = '2015';

/** One sample as columns: each array has one entry per day. */
export interface WeatherColumns {
  precipitation: number[];
  temp_max: number[];
  temp_min: number[];
  wind: number[];
  weather: WeatherType[];
}

export interface WeatherDriftSamples {
  /** Days of DRIFT_REFERENCE_YEAR (366 in vega-datasets 3.2.1). */
  reference: WeatherColumns;
  /** Days of DRIFT_CURRENT_YEAR (365 in vega-datasets 3.2.1). */
  current: WeatherColumns;
}

/** Splits the Seattle weather rows into the 2012 reference sample and the 2015 current sample. */
export function buildWeatherDriftSamples(rows: readonly SeattleWeatherRow[] = loadSeattleWeather()): WeatherDriftSamples {
  return {
    reference: toColumns(rowsOfYear(rows, DRIFT_REFERENCE_YEAR)),
    current: toColumns(rowsOfYear(rows, DRIFT_CURRENT_YEAR)),
  };
}

function rowsOfYear(rows: readonly SeattleWeatherRow[], year: string): SeattleWeatherRow[] {
  const selected = rows.filter((row) => row.date.startsWith(`${year}-`));
  if (selected.length === 0) throw new Error(`No Seattle weather rows for ${year}, so the drift sample would be empty.`);
  return selected;
}

function toColumns(rows: readonly SeattleWeatherRow[]): WeatherColumns {
  return {
    precipitation: rows.map((row) => row.precipitation),
    temp_max: rows.map((row) => row.temp_max),
    temp_min: rows.map((row) => row.temp_min),
    wind: rows.map((row) => row.wind),
    weather: rows.map((row) => row.weather),
  };
}
