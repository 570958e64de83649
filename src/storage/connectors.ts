// Reads and writes connectors.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ConnectorTable, Database } from './schema.js';

export type ConnectorRow = Selectable<ConnectorTable>;

export function listConnectorRows(db: Kysely<Database>): Promise<ConnectorRow[]> {
  return db.selectFrom('connectors').selectAll().orderBy('name').execute();
}

export async function insertConnector(db: Kysely<Database>, row: Insertable<ConnectorTable>): Promise<number> {
  const inserted = await db.insertInto('connectors').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
