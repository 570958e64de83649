import t from 'tap';
import { loadConfig } from '../src/config.js';

const SECRET = 'x'.repeat(40);

t.test('config has working defaults', async (t) => {
  const config = loadConfig({ JWT_SECRET: SECRET });

  t.equal(config.port, 8000);
  t.equal(config.env, 'development');
  t.equal(config.tokenTtlSeconds, 3600);
  t.equal(config.corsOrigins, undefined);
  t.ok(Object.isFrozen(config));
});

const INVALID: Array<{ name: string; env: Record<string, string>; message: RegExp }> = [
  { name: 'a non-numeric port', env: { PORT: 'eighty' }, message: /PORT must be an integer from 0 to 65535; got "eighty"/ },
  { name: 'a short secret', env: { JWT_SECRET: 'short' }, message: /JWT_SECRET must be at least 32 bytes/ },
  { name: 'an unknown NODE_ENV', env: { NODE_ENV: 'staging' }, message: /NODE_ENV must be development, test or production/ },
  { name: 'an unknown log level', env: { LOG_LEVEL: 'loud' }, message: /LOG_LEVEL must be one of/ },
  { name: 'a CORS origin with a path', env: { CORS_ORIGINS: 'https://a.example/app' }, message: /write the bare origin https:\/\/a.example/ },
  { name: 'a CORS value that is no URL', env: { CORS_ORIGINS: 'dashboard' }, message: /not a URL/ },
  { name: 'a non-PostgreSQL DATABASE_URL', env: { DATABASE_URL: 'mysql://x' }, message: /DATABASE_URL must start with postgres/ },
  { name: 'a TTL below a minute', env: { TOKEN_TTL_SECONDS: '5' }, message: /TOKEN_TTL_SECONDS must be an integer from 60/ },
  { name: 'an unreadable secret file', env: { JWT_SECRET_FILE: '/nonexistent/secret' }, message: /JWT_SECRET_FILE is \/nonexistent\/secret, which cannot be read/ },
  { name: 'a boolean that is neither', env: { VALIDATE_RESPONSES: 'maybe' }, message: /VALIDATE_RESPONSES must be true or false/ },
];

for (const row of INVALID) {
  t.test(`config rejects ${row.name}`, async (t) => {
    t.throws(() => loadConfig({ JWT_SECRET: SECRET, ...row.env }), { name: 'ConfigError', message: row.message });
  });
}
