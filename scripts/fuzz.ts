// Runs the schema-driven fuzz test alone, for longer than npm test does.
// Usage: npm run fuzz -- [--runs N] [--seed S]; FUZZ_RUNS and FUZZ_SEED work too.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const env = { ...process.env };
if (values.runs) env.FUZZ_RUNS = values.runs;
env.FUZZ_SEED = values.seed ?? env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));

const result = spawnSync('npx', ['tap', '--disable-coverage', 'test/fuzz/operations.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
