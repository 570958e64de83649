// Monthly accuracy of the Seattle rain model after its training year: the model is fitted once on
// 2012 and scored, without refitting, on each later month's days.
import { loadSeattleWeather, type SeattleWeatherRow } from './datasets.js';
import { evaluate, fitSeattleRainModel, isRainyDay, seattleRainFeatureRow } from './models.js';

export interface MonthlyAccuracy {
  /** First day of the month, `YYYY-MM-01`. */
  month: string;
  /** Share of the month's days classified correctly, in percent (0 to 100). */
  accuracy_percent: number;
}

export const PERFORMANCE_FIRST_MONTH = '2013-01';
export const PERFORMANCE_LAST_MONTH = '2015-12';

/**
 * Computes the rain model's accuracy for each calendar month from 2013-01 to 2015-12 (36 points),
 * in month order. Throws if a month in that range has no rows.
 */
export function computeMonthlyRainAccuracy(rows: readonly SeattleWeatherRow[] = loadSeattleWeather()): MonthlyAccuracy[] {
  const { fit } = fitSeattleRainModel(rows);

  const rowsByMonth = new Map<string, SeattleWeatherRow[]>();
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    const monthRows = rowsByMonth.get(month);
    if (monthRows === undefined) rowsByMonth.set(month, [row]);
    else monthRows.push(row);
  }

  return listMonths(PERFORMANCE_FIRST_MONTH, PERFORMANCE_LAST_MONTH).map((month) => {
    const monthRows = rowsByMonth.get(month);
    if (monthRows === undefined) throw new Error(`No Seattle weather rows for ${month}, so its accuracy cannot be computed.`);
    const { accuracy } = evaluate(fit, monthRows.map(seattleRainFeatureRow), monthRows.map(isRainyDay));
    return { month: `${month}-01`, accuracy_percent: accuracy * 100 };
  });
}

/** Lists `YYYY-MM` months from first to last, both included. */
function listMonths(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}
