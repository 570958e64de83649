import t from 'tap';
import { createUserToken, modelBody, nextLink, registerModel, startEmptyApp } from './fixtures.js';

t.test('listModels filters by name, tag and owner', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const bob = await createUserToken(api, admin);
  await api.request({ method: 'POST', url: '/models', token: admin, payload: modelBody('churn-a', { tags: ['growth'] }) });
  await api.request({ method: 'POST', url: '/models', token: bob, payload: modelBody('churn-b', { tags: ['growth-team'] }) });
  await api.request({ method: 'POST', url: '/models', token: bob, payload: modelBody('fraud_1', { tags: ['risk'] }) });
  await api.request({ method: 'POST', url: '/models', token: admin, payload: modelBody('fraudx1', { tags: ['risk'] }) });

  const names = async (query: string) => (await api.request({ method: 'GET', url: `/models${query}`, token: admin })).json().map((model: { name: string }) => model.name);

  t.same(await names(''), ['churn-a', 'churn-b', 'fraud_1', 'fraudx1']);
  t.same(await names('?name=churn'), ['churn-a', 'churn-b']);
  t.same(await names('?name=CHURN'), [], 'the name filter is case-sensitive');
  t.same(await names('?name=d_'), ['fraud_1'], '_ matches itself, not any character');
  t.same(await names('?tag=growth'), ['churn-a'], 'a tag matches whole tags only');
  t.same(await names('?owner=bob'), ['churn-b', 'fraud_1']);
  t.same(await names('?owner=user&tag=risk'), ['fraudx1']);
});

t.test('listModels pages by id with a Link header', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  for (const name of ['a', 'b', 'c']) await registerModel(api, admin, name);

  const first = await api.request({ method: 'GET', url: '/models?limit=2', token: admin });
  await registerModel(api, admin, 'd');
  const second = await api.request({ method: 'GET', url: nextLink(first.headers.link)!, token: admin });

  t.same(first.json().map((model: { name: string }) => model.name), ['a', 'b']);
  t.same(second.json().map((model: { name: string }) => model.name), ['c', 'd'], 'a model inserted meanwhile appears once, at the end');
  t.equal(second.headers.link, undefined);
});

t.test('listModels rejects a limit over 200 (400)', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const response = await api.request({ method: 'GET', url: '/models?limit=201', token: admin });

  t.equal(response.statusCode, 400);
  t.match(response.json().detail, /querystring\/limit must be <= 200/);
});
