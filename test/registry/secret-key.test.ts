import t from 'tap';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { testEnv } from '../helpers/app.js';
import { createSecretBox } from '../../src/services/secret-box.js';

t.test('CONNECTOR_SECRET_KEY accepts base64 and hex', async (t) => {
  const key = randomBytes(32);

  t.same(loadConfig(testEnv({ CONNECTOR_SECRET_KEY: key.toString('base64') })).connectorSecretKey, key);
  t.same(loadConfig(testEnv({ CONNECTOR_SECRET_KEY: key.toString('hex') })).connectorSecretKey, key);
});

t.test('CONNECTOR_SECRET_KEY is generated once in test and kept', async (t) => {
  const env = testEnv();

  const first = loadConfig(env).connectorSecretKey;
  const second = loadConfig(env).connectorSecretKey;

  t.equal(first.length, 32);
  t.same(second, first);
});

const INVALID_KEYS = [
  { name: 'a short key', value: randomBytes(16).toString('base64') },
  { name: 'a long key', value: randomBytes(48).toString('base64') },
  { name: 'text that is no base64', value: 'not a key at all, with spaces' },
];

for (const row of INVALID_KEYS) {
  t.test(`CONNECTOR_SECRET_KEY rejects ${row.name}`, async (t) => {
    t.throws(() => loadConfig(testEnv({ CONNECTOR_SECRET_KEY: row.value })), { name: 'ConfigError', message: /CONNECTOR_SECRET_KEY must be 32 bytes in base64 or 64 hex digits/ });
  });
}

t.test('CONNECTOR_SECRET_KEY is required in production', async (t) => {
  t.throws(() => loadConfig(testEnv({ NODE_ENV: 'production' })), { name: 'ConfigError', message: /CONNECTOR_SECRET_KEY is missing/ });
});

t.test('secret box seals with a fresh IV and detects tampering', async (t) => {
  const box = createSecretBox(randomBytes(32));

  const first = box.seal('{"password":"p"}');
  const second = box.seal('{"password":"p"}');
  const [version, iv, tag, ciphertext] = first.split('.');
  const flipped = Buffer.from(ciphertext!, 'base64url');
  flipped[0] = flipped[0]! ^ 1;

  t.not(first, second, 'two seals of one value differ');
  t.equal(box.open(first), '{"password":"p"}');
  t.throws(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.')), 'a changed ciphertext fails authentication');
  t.throws(() => createSecretBox(randomBytes(32)).open(first), 'another key cannot open it');
});
