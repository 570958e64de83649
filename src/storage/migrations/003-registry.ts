// The model registry's aliases and their history, per-user read flags of notifications, and lookup indexes.
import type { Kysely } from 'kysely';
import { idColumn, type Engine } from './columns.js';

export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema
      .createTable('model_aliases')
      .addColumn('model_id', 'integer', (column) => column.notNull().references('models.id').onDelete('cascade'))
      .addColumn('alias', 'varchar(64)', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('updated_by', 'varchar(64)')
      .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
      .addPrimaryKeyConstraint('model_aliases_pk', ['model_id', 'alias'])
      .execute();

    // One row per move; to_version is null when the alias was deleted, from_version when it was created.
    await db.schema
      .createTable('model_alias_history')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('model_id', 'integer', (column) => column.notNull().references('models.id').onDelete('cascade'))
      .addColumn('alias', 'varchar(64)', (column) => column.notNull())
      .addColumn('from_version', 'integer')
      .addColumn('to_version', 'integer')
      .addColumn('moved_by', 'varchar(64)')
      .addColumn('moved_at', 'varchar(32)', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('model_alias_history_model').on('model_alias_history').columns(['model_id', 'id']).execute();

    await db.schema
      .createTable('notification_reads')
      .addColumn('notification_id', 'integer', (column) => column.notNull().references('notifications.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id').onDelete('cascade'))
      .addColumn('read_at', 'varchar(32)', (column) => column.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['user_id', 'notification_id'])
      .execute();

    await db.schema.createIndex('metric_points_model_key').on('metric_points').columns(['model_key']).execute();
    await db.schema.createIndex('models_owner').on('models').columns(['owner']).execute();
  };
}
