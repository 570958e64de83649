// The benchmark's baseline: a plain node:http server that responds to the benchmarked requests with the bodies the
// real server sent, pre-serialized, with no routing library, validation, authentication or database.
// Usage: node --import tsx scripts/bench-baseline.ts RESPONSES_JSON — it prints the listening port on stdout.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('Usage: bench-baseline.ts RESPONSES_JSON (a JSON array of {method, path, status, contentType, body}).\n');
  process.exit(2);
}

const responses = new Map<string, { status: number; headers: Record<string, string | number>; body: Buffer }>();
for (const response of JSON.parse(readFileSync(file, 'utf8')) as RecordedResponse[]) {
  const body = Buffer.from(response.body);
  responses.set(`${response.method} ${response.path}`, { status: response.status, headers: { 'content-type': response.contentType, 'content-length': body.length }, body });
}

const server = createServer((request, response) => {
  const recorded = responses.get(`${request.method} ${request.url}`);
  // The request body is read and dropped, as a real server reads it before responding.
  request.resume();
  request.on('end', () => {
    if (!recorded) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(recorded.status, recorded.headers).end(recorded.body);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
