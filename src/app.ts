// Builds the Fastify application from openapi.yaml. It never listens; src/server.ts does.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import jwt from '@fastify/jwt';
import type { Config } from './config.js';
import { loadSpec } from './openapi/document.js';
import { listOperations } from './openapi/operations.js';
import { registerOperations } from './openapi/routes.js';
import { createRequestValidatorCompiler } from './openapi/validation.js';
import { registerResponseValidation } from './openapi/response-validation.js';
import { handleError, handleFrameworkError } from './http/problems.js';
import { registerNotFound } from './http/not-found.js';
import { registerCors } from './http/cors.js';
import { registerDocs } from './http/docs.js';
import { registerAccessLog } from './http/access-log.js';
import { driftRouteScopes } from './http/drift-uploads.js';
import { createAuthenticator } from './auth/authenticate.js';
import { TOKEN_ALGORITHM } from './auth/tokens.js';
import { openLoginRateLimiter } from './auth/login-limiter-setup.js';
import type { LoginRateLimiter } from './auth/login-rate-limit.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { openStorage, type Storage } from './storage/database.js';
import { createServices, type Services } from './services/index.js';
import { handlers } from './handlers/index.js';
import { seed } from './seed/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
    services: Services;
    loginRateLimiter: LoginRateLimiter;
  }
}

// Never log credentials: the Authorization header, any password field and connector secrets.
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.old_password', '*.new_password', '*.token', 'secrets', '*.secrets'];

// A hop count N trusts the N addresses closest to this server, as Fastify does for a number.
function toFastifyTrustProxy(trustProxy: Readonly<Config>['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy !== 'number') return trustProxy;
  return (_address, hop) => hop < trustProxy;
}

export interface BuildOptions {
  /** Use this storage instead of opening one from the configuration (tests share a database this way). */
  storage?: Storage;
}

export async function buildApp(config: Readonly<Config>, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    ajv: undefined,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    trustProxy: toFastifyTrustProxy(config.trustProxy),
    // src/http/access-log.ts writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Errors the router raises before any route runs (a malformed URL, an over-long path parameter).
    frameworkErrors: handleFrameworkError,
  });

  const spec = loadSpec();
  const operations = listOperations(spec.document);

  app.setValidatorCompiler(createRequestValidatorCompiler());
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', undefined);
  registerAccessLog(app);

  await app.register(jwt, {
    secret: config.jwtSecret,
    sign: { algorithm: TOKEN_ALGORITHM, expiresIn: config.tokenTtlSeconds, iss: config.jwtIssuer, aud: config.jwtAudience },
    verify: {
      algorithms: [TOKEN_ALGORITHM],
      allowedIss: config.jwtIssuer,
      allowedAud: config.jwtAudience,
      requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud'],
      clockTolerance: config.clockToleranceSeconds * 1000,
      // fast-jwt keeps up to 1000 verified tokens (until their exp), so a client's repeated token skips the
      // HMAC check. Failures are not cached, and revocation is still read from the database on every request.
      cache: 1000,
    },
  });
  await registerSecurityHeaders(app);
  await registerCors(app, config);
  await registerDocs(app, spec);

  const storage = options.storage ?? (await openStorage({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      poolSize: config.databasePoolSize,
      onIdleError: (error) => app.log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool opens a new one on the next query'),
    }));
  app.decorate('storage', storage);
  if (!options.storage) app.addHook('onClose', async () => storage.close());

  const loginRateLimiter = await openLoginRateLimiter(config, app.log);
  app.decorate('loginRateLimiter', loginRateLimiter);
  app.addHook('onClose', async () => loginRateLimiter.close());

  const services = createServices(app, storage, config);
  app.decorate('services', services);

  if (config.validateResponses) registerResponseValidation(app, operations);
  registerOperations(app, operations, handlers, services, createAuthenticator(app, storage, config.clockToleranceSeconds), driftRouteScopes(config));
  registerNotFound(app, operations);

  try {
    await seed({ storage, config, services, log: app.log });
  } catch (error) {
    // Close the pool and the Redis connection so a rejected start exits instead of hanging.
    await app.close();
    throw error;
  }
  return app;
}
