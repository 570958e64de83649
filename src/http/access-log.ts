// One access-log line per request with fixed fields: 5xx at error, the rest at info.
import type { FastifyInstance } from 'fastify';

export function registerAccessLog(app: FastifyInstance): void {
  // At debug level a line also marks each request's arrival, to trace requests that never complete.
  app.addHook('onRequest', async (request) => {
    request.log.debug({ method: request.method, url: request.url.split('?')[0] }, 'request received');
  });

  app.addHook('onResponse', async (request, reply) => {
    const entry = {
      method: request.method,
      url: request.url.split('?')[0],
      operation: request.routeOptions.config?.operationId,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
      user: request.principal?.username,
    };
    if (reply.statusCode >= 500) request.log.error(entry, 'request failed');
    else request.log.info(entry, 'request completed');
  });
}
