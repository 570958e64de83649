// The demo drift report: Seattle weather of 2012 (reference) against 2015 (current), computed with the drift engine.
import type { SeedContext } from './index.js';
import type { SeattleWeatherRow } from '../demo/datasets.js';
import { buildWeatherDriftSamples } from '../demo/weather-drift.js';
import { DEMO_OWNER } from './demo.js';

/** Stores the report and, through it, the model's drift profile, so GET /drift has data at first start. */
export async function seedDemoDriftReport({ services }: SeedContext, weather: SeattleWeatherRow[], modelId: number, now: string): Promise<void> {
  const { reference, current } = buildWeatherDriftSamples(weather);
  await services.drift.createReport({ modelId, reference: { ...reference }, current: { ...current } }, DEMO_OWNER, now);
}
