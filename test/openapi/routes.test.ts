import t from 'tap';
import { checkHandlerBinding } from '../../src/openapi/routes.js';
import { listOperations, toRoutePath } from '../../src/openapi/operations.js';
import { loadDocument } from '../../src/openapi/document.js';

t.test('every spec operation has a handler', async (t) => {
  const operations = listOperations(loadDocument());
  const { handlers } = await import('../../src/handlers/index.js');

  t.doesNotThrow(() => checkHandlerBinding(operations, handlers as unknown as Record<string, unknown>));
});

t.test('binding fails on a missing handler', async (t) => {
  const operations = listOperations(loadDocument());
  const { handlers } = await import('../../src/handlers/index.js');
  const { login: _removed, ...rest } = handlers;

  t.throws(() => checkHandlerBinding(operations, rest as unknown as Record<string, unknown>), /no handler for operation login/);
});

t.test('binding fails on a handler without operation', async (t) => {
  const operations = listOperations(loadDocument());
  const { handlers } = await import('../../src/handlers/index.js');

  t.throws(() => checkHandlerBinding(operations, { ...handlers, deleteEverything: async () => ({}) } as unknown as Record<string, unknown>), /handler deleteEverything matches no operationId/);
});

t.test('path templates become Fastify parameters', async (t) => {
  t.equal(toRoutePath('/models/{id}/aliases/{alias}'), '/models/:id/aliases/:alias');
});

t.test('the spec rejects a second 2xx response', async (t) => {
  const document = loadDocument(`openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  /a:
    get:
      operationId: a
      responses:
        '200': {description: ok}
        '201': {description: created}
`);

  t.throws(() => listOperations(document), /must document exactly one 2xx response/);
});

t.test('the spec rejects a duplicate operationId', async (t) => {
  const document = loadDocument(`openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  /a:
    get: {operationId: same, responses: {'200': {description: ok}}}
  /b:
    get: {operationId: same, responses: {'200': {description: ok}}}
`);

  t.throws(() => listOperations(document), /operationId same appears twice/);
});

t.test('the spec must be OpenAPI 3.1', async (t) => {
  t.throws(() => loadDocument('openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n'), /must be an OpenAPI 3.1 document/);
});

t.test('a dangling $ref fails with its name', async (t) => {
  t.throws(() => loadDocument("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\nx: {$ref: '#/components/schemas/Nope'}\n"), /#\/components\/schemas\/Nope" in openapi.yaml points at nothing/);
});
