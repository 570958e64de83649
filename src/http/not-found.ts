// Unknown routes get a 404 problem; a known path with the wrong method gets a 405 with an Allow header.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Operation } from '../openapi/operations.js';
import { ApiError } from '../errors.js';
import { sendProblem } from './problems.js';

function pathPattern(specPath: string): RegExp {
  const escaped = specPath.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}/?$`);
}

export function registerNotFound(app: FastifyInstance, operations: Operation[]): void {
  const paths = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const operation of operations) {
    const entry = paths.get(operation.specPath) ?? { pattern: pathPattern(operation.specPath), methods: new Set<string>() };
    entry.methods.add(operation.method.toUpperCase());
    // Fastify registers a HEAD route for every GET route.
    if (operation.method === 'get') entry.methods.add('HEAD');
    paths.set(operation.specPath, entry);
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const match = [...paths.values()].find((entry) => entry.pattern.test(path));
    if (match) {
      const allowed = [...match.methods].sort().join(', ');
      return sendProblem(reply, request, new ApiError('method-not-allowed', `${request.method} is not allowed on ${path}; use ${allowed}.`, { headers: { allow: allowed } }));
    }
    return sendProblem(reply, request, new ApiError('route-not-found', `No operation matches ${request.method} ${path}; see /docs for the operations this API offers.`));
  });
}
