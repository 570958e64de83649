// Connections to data platforms, as the dashboard lists them.
import type { Storage } from '../storage/database.js';
import { listConnectorRows } from '../storage/connectors.js';

export function createConnectorService(storage: Storage) {
  return {
    async list() {
      const rows = await listConnectorRows(storage.db);
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        provider: row.provider,
        type: row.type,
        status: row.status,
        last_checked: row.last_checked,
        status_reason: row.status_reason,
      }));
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;
