// Connector bodies and helpers shared by the connector tests.
import type { TestApp } from '../helpers/app.js';

export const SECRET = 'hunter2-very-secret-value';

// Only ever the local PostgreSQL server.
export function postgresBody(name = 'Feature store', port = 5432, extra: Record<string, unknown> = {}) {
  return { name, provider: 'postgresql', type: 'onprem', settings: { host: '127.0.0.1', port, database: 'postgres', user: 'postgres' }, secrets: { password: SECRET }, ...extra };
}

export async function createConnector(api: TestApp, token: string, body: Record<string, unknown>): Promise<number> {
  const response = await api.request({ method: 'POST', url: '/connectors', token, payload: body });
  if (response.statusCode !== 201) throw new Error(`creating the connector failed with ${response.statusCode}: ${response.body}`);
  return response.json().id;
}
