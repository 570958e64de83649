// Reads and writes connectors.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ConnectorTable, Database } from './schema.js';

export type ConnectorRow = Selectable<ConnectorTable>;

/** Lists connectors by name, then id, starting after (name, id) when given. */
export function listConnectorRows(db: Kysely<Database>, page: { limit: number; after?: [string, number] } = { limit: 1000 }): Promise<ConnectorRow[]> {
  let query = db.selectFrom('connectors').selectAll();
  if (page.after) {
    const [name, id] = page.after;
    query = query.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  return query.orderBy('name').orderBy('id').limit(page.limit).execute();
}

export function findConnector(db: Kysely<Database>, id: number): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertConnector(db: Kysely<Database>, row: Insertable<ConnectorTable>): Promise<number> {
  const inserted = await db.insertInto('connectors').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateConnectorRow(db: Kysely<Database>, id: number, changes: Updateable<ConnectorTable>): Promise<boolean> {
  const result = await db.updateTable('connectors').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteConnectorRow(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('connectors').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
