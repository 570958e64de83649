// Versioned migrations, applied in name order by Kysely's Migrator. Add new ones at the end; never edit an applied one.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from './columns.js';
import * as initial from './001-initial.js';
import * as driftProfiles from './002-drift-profiles.js';
import * as registry from './003-registry.js';
import * as auth from './004-auth.js';

type MigrationModule = { up: (engine: Engine) => (db: Kysely<unknown>) => Promise<void> };

const MIGRATIONS: Record<string, MigrationModule> = {
  '001-initial': initial,
  '002-drift-profiles': driftProfiles,
  '003-registry': registry,
  '004-auth': auth,
};

export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const migrations: Record<string, Migration> = {};
      for (const [name, module] of Object.entries(MIGRATIONS)) migrations[name] = { up: module.up(engine) };
      return migrations;
    },
  };
}
