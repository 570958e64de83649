// The demo drift report: Seattle weather of 2012 (reference) against 2015 (current).
import type { SeedContext } from './index.js';
import type { SeattleWeatherRow } from '../demo/datasets.js';

// TODO: compute the report with the drift engine once it lands; until then the demo has no drift report and GET /drift returns 404.
export async function seedDemoDriftReport(_context: SeedContext, _weather: SeattleWeatherRow[], _modelId: number, _now: string): Promise<void> {}
