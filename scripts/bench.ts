// Load-tests the built server (dist/) in production mode against a plain node:http baseline that sends the
// same bytes, and prints req/s, p50 and p99 latency for each, with the server's startup time and memory.
// docs/benchmarks.md explains each number and the targets.
//
// Usage: npm run bench [-- --duration 5 --repeats 3 --connections 50]
// All traffic goes to 127.0.0.1. The server runs on a fresh SQLite database in a temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { RecordedResponse } from './bench-baseline.js';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    repeats: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
  },
});
const DURATION_S = Number(options.duration);
const WARMUP_S = Number(options.warmup);
const REPEATS = Number(options.repeats);
const CONNECTIONS = Number(options.connections);
/** Connections that log in during the burst test, next to the readers. */
const LOGIN_BURST_CONNECTIONS = 10;
const STARTUP_TIMEOUT_MS = 20_000;
const SERVER_ENTRY = path.resolve('dist/src/server.js');
const ADMIN_USERNAME = 'user';

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  authenticated: boolean;
  body?: string;
}

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  statuses: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the built server and returns it with the milliseconds from spawn to the first 200 on /health/live. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string; startupMs: number }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER_ENTRY], { env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'inherit', 'inherit'] });

  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (performance.now() - started < STARTUP_TIMEOUT_MS) {
    if (exited) throw new Error(`The server exited with code ${child.exitCode} before responding on /health/live; its output is above.`);
    try {
      const response = await fetch(`${origin}/health/live`);
      if (response.status === 200) return { child, origin, startupMs: performance.now() - started };
    } catch {
      // Not listening yet.
    }
    await sleep(5);
  }
  child.kill('SIGTERM');
  throw new Error(`The server did not respond with 200 on ${origin}/health/live within ${STARTUP_TIMEOUT_MS} ms.`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function post(origin: string, pathname: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${origin}${pathname}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function login(origin: string, password: string): Promise<string> {
  const response = await post(origin, '/login', { username: ADMIN_USERNAME, password });
  if (response.status !== 200) throw new Error(`Login as ${ADMIN_USERNAME} failed with ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Prepares a database for production mode, which seeds no users: a development start creates the admin and the
 * demo data, and the admin's default password is replaced by a random one before the production start.
 */
async function prepareDataDir(dataDir: string, jwtSecret: string, connectorKey: string): Promise<string> {
  const server = await startServer({ NODE_ENV: 'development', DATA_DIR: dataDir, JWT_SECRET: jwtSecret, CONNECTOR_SECRET_KEY: connectorKey });
  try {
    const password = randomBytes(18).toString('base64url');
    const token = await login(server.origin, 'password');
    const changed = await post(server.origin, '/change-password', { old_password: 'password', new_password: password }, token);
    if (changed.status !== 200) throw new Error(`Changing the admin password failed with ${changed.status}: ${await changed.text()}`);
    return password;
  } finally {
    await stop(server.child);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function runLoad(origin: string, target: Target, token: string, durationS: number, connections = CONNECTIONS): Promise<autocannon.Result> {
  const headers: Record<string, string> = {};
  if (target.authenticated) headers.authorization = `Bearer ${token}`;
  if (target.body) headers['content-type'] = 'application/json';
  return autocannon({ url: `${origin}${target.path}`, method: target.method, headers, body: target.body, connections, duration: durationS, pipelining: 1 });
}

function summarize(results: autocannon.Result[]): Measurement {
  // The run with the median req/s is kept whole, so its p50 and p99 belong to the same run.
  const medianRun = results.find((result) => result.requests.average === median(results.map((item) => item.requests.average)))!;
  const statuses = Object.entries(medianRun.statusCodeStats ?? {}).map(([status, stats]) => `${status}×${(stats as { count: number }).count}`).join(' ');
  return { requestsPerSecond: medianRun.requests.average, p50: medianRun.latency.p50, p99: medianRun.latency.p99, statuses: medianRun.errors > 0 ? `${statuses} errors×${medianRun.errors}` : statuses };
}

async function measure(origin: string, target: Target, token: string): Promise<Measurement> {
  await runLoad(origin, target, token, WARMUP_S);
  const results: autocannon.Result[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat += 1) results.push(await runLoad(origin, target, token, DURATION_S));
  return summarize(results);
}

async function recordResponses(origin: string, targets: Target[], token: string): Promise<RecordedResponse[]> {
  const recorded: RecordedResponse[] = [];
  for (const target of targets) {
    const headers: Record<string, string> = {};
    if (target.authenticated) headers.authorization = `Bearer ${token}`;
    if (target.body) headers['content-type'] = 'application/json';
    const response = await fetch(`${origin}${target.path}`, { method: target.method, headers, body: target.body });
    recorded.push({ method: target.method, path: target.path, status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body: await response.text() });
  }
  return recorded;
}

async function startBaseline(responsesFile: string): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/bench-baseline.ts'), responsesFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The baseline server exited with code ${code} before listening.`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kilobytes / 1024;
}

function cpuModel(): string {
  return cpus()[0]?.model ?? 'unknown';
}

function format(value: number, digits = 0): string {
  return value.toFixed(digits);
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing; run npm run build first (npm run bench does).`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'vision-bench-'));
  const jwtSecret = randomBytes(48).toString('base64url');
  const children: ChildProcess[] = [];
  try {
    const connectorKey = randomBytes(32).toString('base64');
    const password = await prepareDataDir(dataDir, jwtSecret, connectorKey);
    // The login rate limit is raised because the benchmark logs in as one user thousands of times on purpose.
    const server = await startServer({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      JWT_SECRET: jwtSecret,
      CONNECTOR_SECRET_KEY: connectorKey,
      CORS_ORIGINS: 'http://localhost:5173',
      LOGIN_MAX_ATTEMPTS_PER_IP: '1000000',
      LOGIN_MAX_ATTEMPTS_PER_USERNAME: '1000000',
    });
    children.push(server.child);
    const token = await login(server.origin, password);

    const loginBody = JSON.stringify({ username: ADMIN_USERNAME, password });
    const targets: Target[] = [
      { name: 'GET /models', method: 'GET', path: '/models', authenticated: true },
      { name: 'GET /drift', method: 'GET', path: '/drift', authenticated: true },
      { name: 'GET /business-metrics', method: 'GET', path: '/business-metrics', authenticated: true },
      { name: 'GET /users', method: 'GET', path: '/users', authenticated: true },
      { name: 'POST /login', method: 'POST', path: '/login', authenticated: false, body: loginBody },
    ];

    const responsesFile = path.join(dataDir, 'bench-responses.json');
    const recorded = await recordResponses(server.origin, targets, token);
    writeFileSync(responsesFile, JSON.stringify(recorded));
    const baseline = await startBaseline(responsesFile);
    children.push(baseline.child);

    console.log(`node ${process.version}, ${cpus().length} cores (${cpuModel()}), ${CONNECTIONS} connections, ${DURATION_S} s per run, median of ${REPEATS} runs after a ${WARMUP_S} s warm-up`);
    console.log(`startup: ${format(server.startupMs)} ms from spawn to the first 200 on /health/live`);
    console.log('');
    console.log('| request | status | server req/s | baseline req/s | ratio | server p50 ms | server p99 ms | baseline p99 ms |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [index, target] of targets.entries()) {
      const ours = await measure(server.origin, target, token);
      const theirs = await measure(baseline.origin, target, token);
      console.log(`| ${target.name} | ${recorded[index]!.status} (${ours.statuses}) | ${format(ours.requestsPerSecond)} | ${format(theirs.requestsPerSecond)} | ${format((100 * ours.requestsPerSecond) / theirs.requestsPerSecond)}% | ${format(ours.p50)} | ${format(ours.p99)} | ${format(theirs.p99)} |`);
    }

    // Reads alone, then the same reads while other connections log in as fast as they can.
    const read = targets[0]!;
    const quiet = summarize([await runLoad(server.origin, read, token, DURATION_S)]);
    const [busy, burst] = await Promise.all([runLoad(server.origin, read, token, DURATION_S), runLoad(server.origin, targets[4]!, token, DURATION_S, LOGIN_BURST_CONNECTIONS)]);
    const busyReads = summarize([busy]);
    console.log('');
    console.log(`${read.name} p99 alone: ${format(quiet.p99)} ms (${format(quiet.requestsPerSecond)} req/s)`);
    console.log(`${read.name} p99 during a login burst of ${LOGIN_BURST_CONNECTIONS} connections (${format(burst.requests.average)} logins/s): ${format(busyReads.p99)} ms (${format(busyReads.requestsPerSecond)} req/s), ${format(busyReads.p99 / Math.max(quiet.p99, 1), 2)}× the p99 alone`);
    console.log(`server RSS after the load: ${format(residentMegabytes(server.child.pid!))} MB`);
  } finally {
    for (const child of children) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
