import t from 'tap';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { startTestApp } from './helpers/app.js';

const SECRET = 'kV9q2mXw7LzR4tYp8NbC3dFg6HjK1sQe';
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: SECRET, CORS_ORIGINS: 'https://dashboard.example.com', CONNECTOR_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') };

const REJECTED_SETTINGS: Array<{ name: string; env: Record<string, string | undefined>; message: RegExp }> = [
  { name: 'a missing secret', env: { JWT_SECRET: undefined }, message: /JWT_SECRET is missing/ },
  { name: 'a short secret', env: { JWT_SECRET: 'kV9q2mXw7LzR4tYp' }, message: /JWT_SECRET must be at least 32 bytes/ },
  { name: 'a known default secret', env: { JWT_SECRET: 'your-256-bit-secret' }, message: /JWT_SECRET is a publicly known example value/ },
  { name: 'a long known default secret', env: { JWT_SECRET: 'change-this-to-a-long-random-secret-value' }, message: /publicly known example value/ },
  { name: 'a repetitive secret', env: { JWT_SECRET: 'x'.repeat(40) }, message: /fewer than 8 distinct characters/ },
  { name: 'a missing connector key', env: { CONNECTOR_SECRET_KEY: undefined }, message: /CONNECTOR_SECRET_KEY is missing/ },
  { name: 'unset CORS origins', env: { CORS_ORIGINS: undefined }, message: /CORS_ORIGINS is not set/ },
  { name: 'a wildcard CORS origin', env: { CORS_ORIGINS: 'https://dashboard.example.com,*' }, message: /CORS_ORIGINS contains "\*"/ },
  { name: 'an admin password without name', env: { ADMIN_PASSWORD: 'a-long-admin-passphrase' }, message: /ADMIN_PASSWORD is set but ADMIN_USERNAME is not/ },
  { name: 'an admin name without password', env: { ADMIN_USERNAME: 'root-admin' }, message: /ADMIN_PASSWORD \(or ADMIN_PASSWORD_FILE\) is not/ },
  { name: 'an invalid admin name', env: { ADMIN_USERNAME: 'a b', ADMIN_PASSWORD: 'a-long-admin-passphrase' }, message: /ADMIN_USERNAME "a b" is invalid/ },
  { name: 'an unreadable admin password file', env: { ADMIN_USERNAME: 'root-admin', ADMIN_PASSWORD_FILE: '/nonexistent/pw' }, message: /ADMIN_PASSWORD_FILE is \/nonexistent\/pw, which cannot be read/ },
  { name: 'an invalid TRUST_PROXY', env: { TRUST_PROXY: 'loadbalancer' }, message: /TRUST_PROXY contains "loadbalancer"/ },
  { name: 'a non-Redis REDIS_URL', env: { REDIS_URL: 'http://127.0.0.1' }, message: /REDIS_URL must start with redis:\/\// },
];

for (const row of REJECTED_SETTINGS) {
  t.test(`production rejects ${row.name}`, async (t) => {
    const env: Record<string, string | undefined> = { ...PRODUCTION, ...row.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];

    t.throws(() => loadConfig(env), { name: 'ConfigError', message: row.message });
  });
}

t.test('production accepts a safe configuration', async (t) => {
  const config = loadConfig({ ...PRODUCTION, TRUST_PROXY: '10.0.0.0/8, 192.168.1.1', SHUTDOWN_GRACE_MS: '2500', REQUEST_TIMEOUT_MS: '5000' });

  t.equal(config.env, 'production');
  t.same(config.trustProxy, ['10.0.0.0/8', '192.168.1.1']);
  t.equal(config.shutdownGraceMs, 2500);
  t.equal(config.requestTimeoutMs, 5000);
  t.equal(config.validateResponses, false);
});

t.test('TRUST_PROXY takes booleans and hop counts', async (t) => {
  t.equal(loadConfig({ JWT_SECRET: SECRET }).trustProxy, false);
  t.equal(loadConfig({ JWT_SECRET: SECRET, TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(loadConfig({ JWT_SECRET: SECRET, TRUST_PROXY: '2' }).trustProxy, 2);
});

t.test('production creates the admin from ADMIN_PASSWORD_FILE', async (t) => {
  const probe = await startTestApp(t);
  const passwordFile = path.join(probe.dataDir, 'admin-password');
  writeFileSync(passwordFile, 'a-long-admin-passphrase\n');

  const api = await startTestApp(t, { ...PRODUCTION, ADMIN_USERNAME: 'root-admin', ADMIN_PASSWORD_FILE: passwordFile });
  const token = await api.login('root-admin', 'a-long-admin-passphrase');
  const users = await api.request({ method: 'GET', url: '/users', token });

  t.same(users.json(), ['root-admin'], 'there is no development user');
  const devLogin = await api.request({ method: 'POST', url: '/login', payload: { username: 'user', password: 'password' } });
  t.equal(devLogin.statusCode, 401);
});

t.test('production rejects a weak ADMIN_PASSWORD', async (t) => {
  await t.rejects(startTestApp(t, { ...PRODUCTION, ADMIN_USERNAME: 'root-admin', ADMIN_PASSWORD: 'qwerty123' }), {
    name: 'ConfigError',
    message: /ADMIN_PASSWORD is one of the most common passwords.*Set ADMIN_PASSWORD/,
  });
});

t.test('production rejects an empty database without ADMIN_USERNAME', async (t) => {
  await t.rejects(startTestApp(t, PRODUCTION), { name: 'ConfigError', message: /The database has no user; set ADMIN_USERNAME and ADMIN_PASSWORD/ });
});

t.test('production rejects the development password', async (t) => {
  const development = await startTestApp(t);
  await development.close();

  await t.rejects(startTestApp(t, { ...PRODUCTION, DATA_DIR: development.dataDir }), {
    name: 'ConfigError',
    message: /The admin user still has the development password "password"/,
  });
});

t.test('responses carry security headers', async (t) => {
  const api = await startTestApp(t);

  const response = await api.request({ method: 'GET', url: '/health/live' });
  const docs = await api.app.inject({ method: 'GET', url: '/docs' });

  t.equal(response.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
  t.equal(response.headers['x-content-type-options'], 'nosniff');
  t.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
  t.match(response.headers['strict-transport-security'], /max-age=/);
  t.equal(docs.statusCode, 200);
  t.match(docs.headers['content-security-policy'], /script-src 'self';.*style-src 'self' 'unsafe-inline'/, 'Swagger UI gets a policy that allows its own scripts and inline styles');
});
