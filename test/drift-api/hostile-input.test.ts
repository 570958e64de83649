import t from 'tap';
import { startDriftApp } from './support.js';

t.test('createDriftReport rejects reserved feature names (400)', async (t) => {
  const { api, token } = await startDriftApp(t);

  for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
    const response = await api.request({ method: 'POST', url: '/drift/reports', token, payload: { reference: { [name]: [1, 2, 3] }, current: { [name]: [1, 2, 3] } } });

    t.equal(response.statusCode, 400, `${name}: status`);
    t.match(response.json().detail, new RegExp(`Feature "${name}" in the reference sample has a name JavaScript objects reserve`), `${name}: detail`);
  }
  const reports = await api.app.storage.db.selectFrom('drift_reports').selectAll().execute();
  t.same(reports, [], 'nothing was stored');
});

t.test('createDriftReport rejects a reserved CSV column (400)', async (t) => {
  const { api, token } = await startDriftApp(t);

  const response = await api.request({ method: 'POST', url: '/drift/reports', token, headers: { 'content-type': 'text/csv' }, payload: 'sample,__proto__,wind\nreference,1,2\nreference,2,3\ncurrent,1,2\ncurrent,3,4\n' });

  t.equal(response.statusCode, 400);
  t.match(response.json().detail, /"__proto__", a name JavaScript objects reserve/);
});

t.test('putDriftProfile rejects values that overflow (400)', async (t) => {
  const { api, token, modelId } = await startDriftApp(t);
  const values = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? 1.7976931348623157e308 : -1.7976931348623157e308));

  const response = await api.request({ method: 'PUT', url: `/models/${modelId}/drift-profile`, token, payload: { reference: { a: values } } });

  t.equal(response.statusCode, 400);
  t.match(response.json().detail, /beyond ±1e\+300; rescale the feature/);
  const profiles = await api.app.storage.db.selectFrom('drift_profiles').selectAll().execute();
  t.same(profiles, [], 'nothing was stored');
  const read = await api.request({ method: 'GET', url: `/models/${modelId}/drift-profile`, token });
  t.equal(read.statusCode, 404);
});
