import t from 'tap';
import { startTestApp } from '../helpers/app.js';

t.test('demo models start with a production alias and its history', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const models = (await api.request({ method: 'GET', url: '/models', token })).json();

  for (const { id, name } of models) {
    const detail = (await api.request({ method: 'GET', url: `/models/${id}`, token })).json();
    const history = (await api.request({ method: 'GET', url: `/models/${id}/alias-history`, token })).json();
    t.match(detail, { owner: 'demo', current_version: 1, latest_version: 1, tags: ['demo'], aliases: [{ alias: 'production', version: 1, updated_by: 'demo' }] }, `${name} detail`);
    t.match(history, [{ alias: 'production', from_version: null, to_version: 1, moved_by: 'demo' }], `${name} history`);
  }
});

t.test('demo connectors start pending and the PostgreSQL one connects', async (t) => {
  const api = await startTestApp(t);
  const token = await api.login();

  const connectors = (await api.request({ method: 'GET', url: '/connectors', token })).json();
  t.same(connectors.map((row: { status: string }) => row.status), ['pending', 'pending', 'pending']);

  const postgres = connectors.find((row: { provider: string }) => row.provider === 'postgresql');
  const tested = await api.request({ method: 'POST', url: `/connectors/${postgres.id}/test`, token });
  t.equal(tested.json().status, 'connected');
});
