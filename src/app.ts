// Builds the Fastify application from openapi.yaml. It never listens; src/server.ts does.
import Fastify, { type FastifyInstance } from 'fastify';
import jwt from '@fastify/jwt';
import type { Config } from './config.js';
import { loadDocument } from './openapi/document.js';
import { listOperations } from './openapi/operations.js';
import { registerOperations } from './openapi/routes.js';
import { createRequestValidatorCompiler } from './openapi/validation.js';
import { registerResponseValidation } from './openapi/response-validation.js';
import { handleError } from './http/problems.js';
import { registerNotFound } from './http/not-found.js';
import { registerCors } from './http/cors.js';
import { registerDocs } from './http/docs.js';
import { driftRouteScopes } from './http/drift-uploads.js';
import { createAuthenticator } from './auth/authenticate.js';
import { CLOCK_TOLERANCE_SECONDS, TOKEN_ALGORITHM } from './auth/tokens.js';
import { openStorage, type Storage } from './storage/database.js';
import { createServices, type Services } from './services/index.js';
import { handlers } from './handlers/index.js';
import { seed } from './seed/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
    services: Services;
  }
}

// Never log credentials: the Authorization header and any password field.
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.old_password', '*.new_password', '*.token'];

export interface BuildOptions {
  /** Use this storage instead of opening one from the configuration (tests share a database this way). */
  storage?: Storage;
}

export async function buildApp(config: Readonly<Config>, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    ajv: undefined,
    requestTimeout: 30_000,
  });

  const document = loadDocument();
  const operations = listOperations(document);

  app.setValidatorCompiler(createRequestValidatorCompiler());
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', undefined);

  await app.register(jwt, {
    secret: config.jwtSecret,
    sign: { algorithm: TOKEN_ALGORITHM, expiresIn: config.tokenTtlSeconds, iss: config.jwtIssuer, aud: config.jwtAudience },
    verify: {
      algorithms: [TOKEN_ALGORITHM],
      allowedIss: config.jwtIssuer,
      allowedAud: config.jwtAudience,
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS * 1000,
    },
  });
  await registerCors(app, config);
  await registerDocs(app);

  const storage = options.storage ?? (await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize }));
  app.decorate('storage', storage);
  if (!options.storage) app.addHook('onClose', async () => storage.close());

  const services = createServices(app, storage, config);
  app.decorate('services', services);

  if (config.validateResponses) registerResponseValidation(app, operations);
  registerOperations(app, operations, handlers, services, createAuthenticator(app, storage), driftRouteScopes(config));
  registerNotFound(app, operations);

  await seed({ storage, config, services, log: app.log });
  return app;
}
