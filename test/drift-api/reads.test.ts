import t from 'tap';
import { startDriftApp, uniformValues } from './support.js';
import type { TestApp } from '../helpers/app.js';

const REFERENCE = { x: uniformValues(50, 21) };
const CURRENT = { x: uniformValues(50, 22, 0.3) };

async function createReports(api: TestApp, count: number, modelId?: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const report = await api.app.services.drift.createReport({ modelId, reference: REFERENCE, current: CURRENT }, 'user');
    ids.push(report.id);
  }
  return ids;
}

function idsOf(response: { json(): unknown }): number[] {
  return (response.json() as Array<{ id: number }>).map((report) => report.id);
}

function nextUrl(link: string | string[] | number | undefined): string {
  const match = /^<([^>]+)>; rel="next"$/.exec(String(link));
  if (!match) throw new Error(`no rel="next" Link in ${String(link)}`);
  return match[1]!;
}

t.test('listDriftReports pages newest first with a stable cursor', async (t) => {
  const { api, token } = await startDriftApp(t);
  await createReports(api, 5);

  const first = await api.request({ method: 'GET', url: '/drift/reports?limit=2', token });
  await createReports(api, 2);
  const second = await api.request({ method: 'GET', url: nextUrl(first.headers.link), token });
  const third = await api.request({ method: 'GET', url: nextUrl(second.headers.link), token });

  t.equal(first.statusCode, 200);
  t.same(idsOf(first), [5, 4]);
  t.same(idsOf(second), [3, 2], 'reports created meanwhile do not shift the page');
  t.same(idsOf(third), [1]);
  t.equal(third.headers.link, undefined, 'the last page has no Link');
  const fresh = await api.request({ method: 'GET', url: '/drift/reports?limit=2', token });
  t.same(idsOf(fresh), [7, 6], 'a new first page starts at the newest');
});

t.test('listDriftReports filters by model and keeps the filter in Link', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  await createReports(api, 2);
  await createReports(api, 3, modelId);

  const first = await api.request({ method: 'GET', url: `/drift/reports?model_id=${modelId}&limit=2`, token });
  const second = await api.request({ method: 'GET', url: nextUrl(first.headers.link), token });

  t.same(idsOf(first), [5, 4]);
  t.match(nextUrl(first.headers.link), `model_id=${modelId}`);
  t.same(idsOf(second), [3]);
  const none = await api.request({ method: 'GET', url: '/drift/reports?model_id=99', token });
  t.same(none.json(), []);
});

const INVALID_LISTS: Array<{ name: string; url: string; detail: RegExp }> = [
  { name: 'a forged cursor', url: '/drift/reports?cursor=abc', detail: /querystring\/cursor is not a cursor this list issued/ },
  { name: 'a limit of 0', url: '/drift/reports?limit=0', detail: /querystring\/limit must be >= 1/ },
  { name: 'a limit of 201', url: '/drift/reports?limit=201', detail: /querystring\/limit must be <= 200/ },
  { name: 'a model id that is not a number', url: '/drift/reports?model_id=rain', detail: /querystring\/model_id must be integer/ },
];

for (const { name, url, detail } of INVALID_LISTS) {
  t.test(`listDriftReports rejects ${name} (400)`, async (t) => {
    const { api, token } = await startDriftApp(t);

    const response = await api.request({ method: 'GET', url, token });

    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'invalid-request');
    t.match(response.json().detail, detail);
  });
}
