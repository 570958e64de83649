import type { Kysely } from 'kysely';
import { idColumn, type Engine } from './columns.js';

export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'varchar(64)', (column) => column.primaryKey())
      .addColumn('value', 'text', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('username', 'varchar(64)', (column) => column.notNull().unique())
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('role', 'varchar(16)', (column) => column.notNull())
      .addColumn('token_version', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('models')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('name', 'varchar(200)', (column) => column.notNull().unique())
      .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
      .addColumn('labels', 'text', (column) => column.notNull())
      .addColumn('tags', 'text', (column) => column.notNull())
      .addColumn('owner', 'varchar(64)')
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('model_versions')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('model_id', 'integer', (column) => column.notNull().references('models.id').onDelete('cascade'))
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('stats', 'text', (column) => column.notNull())
      .addColumn('metrics', 'text', (column) => column.notNull())
      .addColumn('status', 'varchar(32)', (column) => column.notNull())
      .addColumn('created_by', 'varchar(64)')
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .addUniqueConstraint('model_versions_model_version', ['model_id', 'version'])
      .execute();

    await db.schema
      .createTable('metric_points')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('metric', 'varchar(64)', (column) => column.notNull())
      .addColumn('model_key', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('timestamp', 'varchar(32)', (column) => column.notNull())
      .addColumn('value', 'double precision', (column) => column.notNull())
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .addUniqueConstraint('metric_points_metric_model_timestamp', ['metric', 'model_key', 'timestamp'])
      .execute();

    await db.schema
      .createTable('drift_reports')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('model_id', 'integer', (column) => column.references('models.id').onDelete('cascade'))
      .addColumn('drift_score', 'double precision', (column) => column.notNull())
      .addColumn('drift_detected', 'integer', (column) => column.notNull())
      .addColumn('drift_share', 'double precision', (column) => column.notNull())
      .addColumn('details', 'text', (column) => column.notNull())
      .addColumn('features', 'text', (column) => column.notNull())
      .addColumn('created_by', 'varchar(64)')
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('drift_reports_model_created').on('drift_reports').columns(['model_id', 'id']).execute();

    await db.schema
      .createTable('connectors')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('name', 'varchar(200)', (column) => column.notNull().unique())
      .addColumn('provider', 'varchar(64)', (column) => column.notNull())
      .addColumn('type', 'varchar(16)', (column) => column.notNull())
      .addColumn('status', 'varchar(16)', (column) => column.notNull())
      .addColumn('settings', 'text', (column) => column.notNull())
      .addColumn('secrets', 'text')
      .addColumn('status_reason', 'text')
      .addColumn('last_checked', 'varchar(32)')
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', idColumn(engine), (column) => column.primaryKey())
      .addColumn('kind', 'varchar(64)', (column) => column.notNull())
      .addColumn('severity', 'varchar(16)', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('message', 'text', (column) => column.notNull())
      .addColumn('model_id', 'integer')
      .addColumn('related_id', 'integer')
      .addColumn('timestamp', 'varchar(32)', (column) => column.notNull())
      .execute();
  };
}
