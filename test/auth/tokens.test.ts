import t from 'tap';
import { generateKeyPairSync } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { startTestApp } from '../helpers/app.js';

// The demo data set is not needed here, and skipping it makes each app start faster.
const NO_DEMO = { SEED_DEMO_DATA: 'false' };

const CLAIMS = { iss: 'vision-dashboard-api', aud: 'vision-dashboard' };

t.test('tokens with another algorithm are rejected (401)', async (t) => {
  const api = await startTestApp(t, NO_DEMO);
  await api.login();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: 'user', uid: 1, ver: 0, jti: 'alg-test', iat: now, exp: now + 600 };

  const signers: Array<{ name: string; sign: (claims: object) => string }> = [
    { name: 'HS512 with the real secret', sign: createSigner({ key: api.config.jwtSecret, algorithm: 'HS512', ...CLAIMS }) },
    { name: 'HS384 with the real secret', sign: createSigner({ key: api.config.jwtSecret, algorithm: 'HS384', ...CLAIMS }) },
    { name: 'RS256 with a foreign key', sign: createSigner({ key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'RS256', ...CLAIMS }) },
  ];

  for (const signer of signers) {
    const response = await api.request({ method: 'GET', url: '/me', token: signer.sign(payload) });
    t.equal(response.statusCode, 401, `${signer.name}: status`);
    t.equal(response.json().code, 'token-invalid', `${signer.name}: code`);
  }
});

t.test('clock skew within the tolerance is accepted', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, CLOCK_TOLERANCE_SECONDS: '30' });
  await api.login();
  const sign = createSigner({ key: api.config.jwtSecret, algorithm: 'HS256', ...CLAIMS });
  const now = Math.floor(Date.now() / 1000);

  const rows = [
    { name: 'expired 10 s ago', exp: now - 10, status: 200 },
    { name: 'expired 60 s ago', exp: now - 60, status: 401 },
  ];

  for (const row of rows) {
    const token = sign({ sub: 'user', uid: 1, ver: 0, jti: `skew-${row.exp}`, iat: now - 5, exp: row.exp });
    const response = await api.request({ method: 'GET', url: '/me', token });
    t.equal(response.statusCode, row.status, row.name);
    if (row.status === 401) t.equal(response.json().code, 'token-expired', `${row.name}: code`);
  }
});

t.test('a token issued slightly in the future is accepted', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, CLOCK_TOLERANCE_SECONDS: '30' });
  await api.login();
  const sign = createSigner({ key: api.config.jwtSecret, algorithm: 'HS256', ...CLAIMS });
  const now = Math.floor(Date.now() / 1000);

  const near = sign({ sub: 'user', uid: 1, ver: 0, jti: 'future-near', iat: now + 10, nbf: now + 10, exp: now + 3600 });
  const far = sign({ sub: 'user', uid: 1, ver: 0, jti: 'future-far', iat: now + 120, nbf: now + 120, exp: now + 3600 });

  const nearResponse = await api.request({ method: 'GET', url: '/me', token: near });
  const farResponse = await api.request({ method: 'GET', url: '/me', token: far });

  t.equal(nearResponse.statusCode, 200, 'nbf 10 s ahead is within 30 s');
  t.equal(farResponse.statusCode, 401, 'nbf 120 s ahead is beyond 30 s');
  t.equal(farResponse.json().code, 'token-invalid');
});

t.test('CLOCK_TOLERANCE_SECONDS=0 rejects any expired token', async (t) => {
  const api = await startTestApp(t, { ...NO_DEMO, CLOCK_TOLERANCE_SECONDS: '0' });
  await api.login();
  const sign = createSigner({ key: api.config.jwtSecret, algorithm: 'HS256', ...CLAIMS });
  const now = Math.floor(Date.now() / 1000);

  const response = await api.request({ method: 'GET', url: '/me', token: sign({ sub: 'user', uid: 1, ver: 0, jti: 'zero', iat: now - 5, exp: now - 2 }) });

  t.equal(response.statusCode, 401);
  t.equal(response.json().code, 'token-expired');
});

t.test('the secret can come from JWT_SECRET_FILE', async (t) => {
  const probe = await startTestApp(t, NO_DEMO);
  const { writeFileSync } = await import('node:fs');
  const file = `${probe.dataDir}/secret-file`;
  writeFileSync(file, 'f'.repeat(8) + 'kV9q2mXw7LzR4tYp8NbC3dFg6HjK1sQe\n');

  const api = await startTestApp(t, { ...NO_DEMO, JWT_SECRET_FILE: file });

  t.equal(api.config.jwtSecret, 'ffffffffkV9q2mXw7LzR4tYp8NbC3dFg6HjK1sQe');
  t.ok(await api.login());
});
