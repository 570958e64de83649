import t from 'tap';
import { STATS_V2, createUserToken, nextLink, registerModel, startEmptyApp } from './fixtures.js';

t.test('registry changes store notifications, newest first', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const id = await registerModel(api, admin);
  await api.request({ method: 'POST', url: `/models/${id}/versions`, token: admin, payload: { stats: STATS_V2 } });

  const response = await api.request({ method: 'GET', url: '/notifications', token: admin });

  t.equal(response.statusCode, 200);
  t.match(response.json(), [
    { kind: 'model_version_created', severity: 'info', title: 'Model version added', message: 'user added version 2 of churn-classifier.', model_id: id, related_id: 2, read: false },
    { kind: 'model_registered', severity: 'info', title: 'Model registered', message: 'user registered churn-classifier (version 1).', model_id: id, related_id: 1, read: false },
  ]);
});

t.test('read flags are kept per user', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const bob = await createUserToken(api, admin);
  await registerModel(api, admin, 'a');
  await registerModel(api, admin, 'b');
  const all = (await api.request({ method: 'GET', url: '/notifications', token: admin })).json();
  const newest = all[0].id;

  const marked = await api.request({ method: 'POST', url: `/notifications/${newest}/read`, token: admin });
  const markedAgain = await api.request({ method: 'POST', url: `/notifications/${newest}/read`, token: admin });

  t.equal(marked.statusCode, 204);
  t.equal(markedAgain.statusCode, 204, 'marking twice is fine');
  const adminView = (await api.request({ method: 'GET', url: '/notifications', token: admin })).json();
  const bobView = (await api.request({ method: 'GET', url: '/notifications', token: bob })).json();
  t.same(adminView.map((row: { read: boolean }) => row.read), [true, false, false]);
  t.same(bobView.map((row: { read: boolean }) => row.read), [false, false, false], 'bob has read nothing');

  const unread = (await api.request({ method: 'GET', url: '/notifications?unread=true', token: admin })).json();
  const read = (await api.request({ method: 'GET', url: '/notifications?unread=false', token: admin })).json();
  t.same(unread.map((row: { id: number }) => row.id), all.slice(1).map((row: { id: number }) => row.id));
  t.same(read.map((row: { id: number }) => row.id), [newest]);
});

t.test('markAllNotificationsRead marks the rest for the caller only', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  const bob = await createUserToken(api, admin);
  await registerModel(api, admin, 'a');
  const first = (await api.request({ method: 'GET', url: '/notifications', token: bob })).json()[0].id;
  await api.request({ method: 'POST', url: `/notifications/${first}/read`, token: bob });

  const response = await api.request({ method: 'POST', url: '/notifications/read', token: bob });
  const again = await api.request({ method: 'POST', url: '/notifications/read', token: bob });

  t.equal(response.statusCode, 200);
  t.same(response.json(), { marked: 1 }, 'the user-created and model notifications, less the one read before');
  t.same(again.json(), { marked: 0 });
  t.same((await api.request({ method: 'GET', url: '/notifications?unread=true', token: bob })).json(), []);
  t.equal((await api.request({ method: 'GET', url: '/notifications?unread=true', token: admin })).json().length, 2, 'the admin still has two unread');
});

t.test('listNotifications pages stably while events arrive', async (t) => {
  const { api, admin } = await startEmptyApp(t);
  for (const name of ['a', 'b', 'c']) await registerModel(api, admin, name);

  const first = await api.request({ method: 'GET', url: '/notifications?limit=2', token: admin });
  await registerModel(api, admin, 'd');
  const second = await api.request({ method: 'GET', url: nextLink(first.headers.link)!, token: admin });

  t.same(first.json().map((row: { message: string }) => row.message), ['user registered c (version 1).', 'user registered b (version 1).']);
  t.same(second.json().map((row: { message: string }) => row.message), ['user registered a (version 1).'], 'the newer event does not shift the page');
  t.equal(second.headers.link, undefined);
});

t.test('notification operations error statuses', async (t) => {
  const { api, admin } = await startEmptyApp(t);

  const unknown = await api.request({ method: 'POST', url: '/notifications/77/read', token: admin });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().detail, 'No notification has the id 77; list them with GET /notifications.');
  t.equal((await api.request({ method: 'POST', url: '/notifications/abc/read', token: admin })).statusCode, 400);
  t.equal((await api.request({ method: 'POST', url: '/notifications/1/read' })).statusCode, 401);
  t.equal((await api.request({ method: 'POST', url: '/notifications/read' })).statusCode, 401);
  t.equal((await api.request({ method: 'GET', url: '/notifications?unread=maybe', token: admin })).statusCode, 400);
  t.equal((await api.request({ method: 'GET', url: '/notifications?cursor=%%%', token: admin })).statusCode, 400);
});
