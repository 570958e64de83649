import type { Kysely } from 'kysely';
import type { Engine } from './columns.js';

// One drift profile per model: the reference sample reduced to bins and vocabularies, for the privacy path.
export function up(_engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema
      .createTable('drift_profiles')
      .addColumn('model_id', 'integer', (column) => column.primaryKey().references('models.id').onDelete('cascade'))
      .addColumn('profile', 'text', (column) => column.notNull())
      .addColumn('report_id', 'integer', (column) => column.references('drift_reports.id').onDelete('set null'))
      .addColumn('created_by', 'varchar(64)')
      .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
      .execute();
  };
}
