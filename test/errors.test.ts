import t from 'tap';
import { readFileSync } from 'node:fs';
import { ERRORS } from '../src/errors.js';

t.test('docs/errors.md lists every catalogue entry', async (t) => {
  const table = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \|/gm)].map((match) => [match[1], Number(match[2])]);

  const catalogue = Object.entries(ERRORS).map(([code, definition]) => [code, definition.status]);

  t.same(rows.sort(), catalogue.sort());
});
