// Prints which documented response of each operation the test suite produced, from the records that
// test/helpers/contract.ts appends. Exits with 1 when a documented status was never seen, when a response
// had a status openapi.yaml does not document, or when a response body broke its schema.
//
// Usage: npm run coverage:contract (after tap). CONTRACT_RECORD_FILE overrides .tap/contract-seen.jsonl.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDocument } from '../src/openapi/document.js';
import { listOperations } from '../src/openapi/operations.js';

interface SeenRecord {
  operationId: string;
  status: number;
  problem?: string;
}

interface Row {
  operationId: string;
  status: string;
  seen: number;
}

const recordFile = process.env.CONTRACT_RECORD_FILE ?? path.resolve('.tap/contract-seen.jsonl');

function readRecords(file: string): SeenRecord[] {
  if (!existsSync(file)) {
    console.error(`${file} does not exist; run the tap suite first (npm run test:tap), which records every response it checks.`);
    process.exit(1);
  }
  const records: SeenRecord[] = [];
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  for (const [index, line] of lines.entries()) {
    try {
      records.push(JSON.parse(line) as SeenRecord);
    } catch {
      // Parallel appends can only interleave whole lines, so a broken line means the file was edited or cut off.
      console.error(`${file}:${index + 1} is not JSON; delete the file and run the tap suite again.`);
      process.exit(1);
    }
  }
  return records;
}

/** Returns the documented status key that a response status falls under: exact code, then 4XX-style range, then default. */
function documentedKey(statuses: string[], status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, 'default'].find((key) => statuses.includes(key));
}

const operations = listOperations(loadDocument());
const records = readRecords(recordFile);

const rows: Row[] = [];
const failures: string[] = [];
for (const operation of operations) {
  const statuses = Object.keys(operation.responses);
  const mine = records.filter((record) => record.operationId === operation.operationId);

  for (const status of statuses) {
    const seen = mine.filter((record) => documentedKey(statuses, record.status) === status).length;
    rows.push({ operationId: operation.operationId, status, seen });
    if (seen === 0) failures.push(`${operation.operationId} ${status} was never produced by a test; add a test that triggers it.`);
  }

  const undocumented = new Map<number, number>();
  for (const record of mine) {
    if (!documentedKey(statuses, record.status)) undocumented.set(record.status, (undocumented.get(record.status) ?? 0) + 1);
  }
  for (const [status, count] of undocumented) {
    rows.push({ operationId: operation.operationId, status: `${status} (undocumented)`, seen: count });
    failures.push(`${operation.operationId} returned ${status} ${count} time(s), which openapi.yaml does not document; document it or fix the server.`);
  }
}

const unknownIds = new Set(records.map((record) => record.operationId).filter((id) => !operations.some((operation) => operation.operationId === id)));
for (const id of unknownIds) failures.push(`The records name the operation ${id}, which openapi.yaml does not have; delete ${recordFile} and run the tap suite again.`);

const schemaProblems = new Map<string, number>();
for (const record of records) {
  if (record.problem) schemaProblems.set(record.problem, (schemaProblems.get(record.problem) ?? 0) + 1);
}
for (const [problem, count] of schemaProblems) failures.push(`${problem} (${count} time(s)).`);

const idWidth = Math.max('operation'.length, ...rows.map((row) => row.operationId.length));
const statusWidth = Math.max('status'.length, ...rows.map((row) => row.status.length));
console.log(`${'operation'.padEnd(idWidth)}  ${'status'.padEnd(statusWidth)}  ${'seen'.padStart(6)}`);
for (const row of rows) {
  const mark = row.seen > 0 && !row.status.includes('undocumented') ? '✓' : '✗';
  console.log(`${row.operationId.padEnd(idWidth)}  ${row.status.padEnd(statusWidth)}  ${String(row.seen).padStart(6)}  ${mark}`);
}

const covered = rows.filter((row) => row.seen > 0 && !row.status.includes('undocumented')).length;
const documented = rows.filter((row) => !row.status.includes('undocumented')).length;
console.log(`\n${covered} of ${documented} documented responses seen, from ${records.length} recorded responses in ${recordFile}.`);

if (failures.length > 0) {
  console.error(`\nContract coverage failed:\n${failures.map((failure) => `- ${failure}`).join('\n')}`);
  process.exit(1);
}
