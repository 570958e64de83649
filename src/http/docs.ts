// Public documentation routes: Swagger UI at /docs and the spec itself at /openapi.yaml and /openapi.json.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Spec } from '../openapi/document.js';

const SWAGGER_UI_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

export async function registerDocs(app: FastifyInstance, spec: Spec): Promise<void> {
  // Static mode serves the parsed openapi.yaml as written; nothing is derived from the routes.
  await app.register(swagger, { mode: 'static', specification: { document: spec.raw as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Replaces the API's strict policy on the UI's pages with one that lets the UI's own scripts run.
    // Swagger UI as bundled with @fastify/swagger-ui 6.1 sets inline styles while rendering, so styles
    // may be inline; scripts still come only from this origin.
    staticCSP: SWAGGER_UI_CSP,
    uiConfig: { persistAuthorization: false, tryItOutEnabled: false, displayOperationId: true },
  });

  const yamlText = spec.text;
  const jsonText = JSON.stringify(spec.raw);
  app.get('/openapi.yaml', { schema: { hide: true } }, (_request, reply) => reply.type('application/yaml; charset=utf-8').send(yamlText));
  app.get('/openapi.json', { schema: { hide: true } }, (_request, reply) => reply.type('application/json; charset=utf-8').send(jsonText));
}
