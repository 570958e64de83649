// Connections to data platforms: admins create, change, delete and test them; everyone reads them.
// Secrets are sealed with AES-256-GCM before they are stored, and no response or log contains them.
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/database.js';
import { isUniqueViolation } from '../storage/database.js';
import { deleteConnectorRow, findConnector, insertConnector, listConnectorRows, updateConnectorRow, type ConnectorRow } from '../storage/connectors.js';
import { findSecretsProblem, findSettingsProblem, type Provider, type SettingValue } from '../domain/connector-settings.js';
import { checkConnector } from './connector-check.js';
import type { SecretBox } from './secret-box.js';
import type { NotificationService } from './notifications.js';

export type ConnectorType = 'cloud' | 'onprem';
export type ConnectorStatus = 'connected' | 'pending' | 'disconnected';

export interface ConnectorView {
  id: number;
  name: string;
  provider: Provider;
  type: ConnectorType;
  status: ConnectorStatus;
  status_reason: string | null;
  last_checked: string | null;
  settings: Record<string, SettingValue>;
  secrets_set: string[];
  created_at: string;
  updated_at: string;
}

export interface CreateConnectorInput {
  name: string;
  provider: Provider;
  type: ConnectorType;
  settings: Record<string, SettingValue>;
  secrets?: Record<string, string>;
}

export interface UpdateConnectorInput {
  name?: string;
  type?: ConnectorType;
  settings?: Record<string, SettingValue>;
  secrets?: Record<string, string>;
}

export interface ConnectorServiceDependencies {
  storage: Storage;
  secretBox: SecretBox;
  notifications: NotificationService;
}

function nameTaken(name: string, cause: unknown): ApiError {
  return new ApiError('connector-name-taken', `A connector named "${name}" exists already; choose another name.`, { cause });
}

export function createConnectorService({ storage, secretBox, notifications }: ConnectorServiceDependencies) {
  const db = storage.db;

  function readSecrets(row: ConnectorRow): Record<string, string> {
    if (row.secrets === null) return {};
    try {
      return JSON.parse(secretBox.open(row.secrets)) as Record<string, string>;
    } catch (error) {
      throw new Error(`The secrets of connector ${row.id} cannot be decrypted; CONNECTOR_SECRET_KEY differs from the key they were stored with, so enter them again with PATCH /connectors/${row.id}.`, { cause: error });
    }
  }

  function sealSecrets(secrets: Record<string, string> | undefined): string | null {
    if (!secrets || Object.keys(secrets).length === 0) return null;
    return secretBox.seal(JSON.stringify(secrets));
  }

  // Responses name the stored secret keys (secrets_set) and never their values.
  function view(row: ConnectorRow, secretKeys: string[]): ConnectorView {
    return {
      id: row.id,
      name: row.name,
      provider: row.provider as Provider,
      type: row.type,
      status: row.status,
      status_reason: row.status_reason,
      last_checked: row.last_checked,
      settings: JSON.parse(row.settings) as Record<string, SettingValue>,
      secrets_set: secretKeys,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  function viewOf(row: ConnectorRow): ConnectorView {
    return view(row, Object.keys(readSecretsOrEmpty(row)).sort());
  }

  // A listing must not fail because one connector's secrets were stored under an older key.
  function readSecretsOrEmpty(row: ConnectorRow): Record<string, string> {
    try {
      return readSecrets(row);
    } catch {
      return {};
    }
  }

  async function requireConnector(id: number): Promise<ConnectorRow> {
    const row = await findConnector(db, id);
    if (!row) throw new ApiError('not-found', `No connector has the id ${id}; list the connectors with GET /connectors.`);
    return row;
  }

  async function recordStatusChange(row: ConnectorRow, status: ConnectorStatus, reason: string, now: string): Promise<void> {
    if (row.status === status) return;
    await notifications.record({
      kind: 'connector_status_changed',
      severity: status === 'disconnected' ? 'warning' : 'info',
      title: `Connector ${status}`,
      message: `${row.name} changed from ${row.status} to ${status}: ${reason}`,
      relatedId: row.id,
      timestamp: now,
    });
  }

  return {
    async list(limit: number, after?: [string, number]): Promise<ConnectorView[]> {
      const rows = await listConnectorRows(db, { limit, after });
      return rows.map(viewOf);
    },

    async get(id: number): Promise<ConnectorView> {
      return viewOf(await requireConnector(id));
    },

    async create(input: CreateConnectorInput): Promise<ConnectorView> {
      const settingsProblem = findSettingsProblem(input.provider, input.settings, 'body/settings');
      if (settingsProblem) throw new ApiError('invalid-request', settingsProblem);
      const secretsProblem = findSecretsProblem(input.provider, input.secrets ?? {}, 'body/secrets');
      if (secretsProblem) throw new ApiError('invalid-request', secretsProblem);

      const now = new Date().toISOString();
      let id: number;
      try {
        id = await insertConnector(db, {
          name: input.name,
          provider: input.provider,
          type: input.type,
          status: 'pending',
          settings: JSON.stringify(input.settings),
          secrets: sealSecrets(input.secrets),
          status_reason: 'Not tested yet; test it with POST /connectors/{id}/test.',
          last_checked: null,
          created_at: now,
          updated_at: now,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name, error);
        throw error;
      }
      return viewOf(await requireConnector(id));
    },

    async update(id: number, input: UpdateConnectorInput): Promise<ConnectorView> {
      const row = await requireConnector(id);
      const provider = row.provider as Provider;
      if (input.settings) {
        const problem = findSettingsProblem(provider, input.settings, 'body/settings');
        if (problem) throw new ApiError('invalid-request', problem);
      }
      if (input.secrets) {
        const problem = findSecretsProblem(provider, input.secrets, 'body/secrets');
        if (problem) throw new ApiError('invalid-request', problem);
      }

      const now = new Date().toISOString();
      const changes: Parameters<typeof updateConnectorRow>[2] = { updated_at: now };
      if (input.name !== undefined) changes.name = input.name;
      if (input.type !== undefined) changes.type = input.type;
      if (input.settings !== undefined) changes.settings = JSON.stringify(input.settings);
      if (input.secrets !== undefined) changes.secrets = sealSecrets(input.secrets);
      // A stored status describes the old settings, so a change to them makes it stale.
      if (input.settings !== undefined || input.secrets !== undefined) {
        changes.status = 'pending';
        changes.status_reason = 'Settings or secrets changed; test the connector again.';
      }

      try {
        if (!(await updateConnectorRow(db, id, changes))) throw new ApiError('not-found', `No connector has the id ${id}; another request deleted it meanwhile.`);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name ?? row.name, error);
        throw error;
      }
      if (changes.status) await recordStatusChange(row, 'pending', changes.status_reason!, now);
      return viewOf(await requireConnector(id));
    },

    async remove(id: number): Promise<void> {
      if (!(await deleteConnectorRow(db, id))) throw new ApiError('not-found', `No connector has the id ${id}; list the connectors with GET /connectors.`);
    },

    /** Checks the connector now, stores the status with its reason, and records a notification when the status changed. */
    async test(id: number): Promise<ConnectorView> {
      const row = await requireConnector(id);
      const provider = row.provider as Provider;
      const settings = JSON.parse(row.settings) as Record<string, SettingValue>;

      const problem = findSettingsProblem(provider, settings, 'settings');
      const result = problem ? { status: 'disconnected' as const, reason: `The stored settings are invalid: ${problem} Fix them with PATCH /connectors/${id}.` } : await checkConnector(provider, settings, readSecrets(row));

      const now = new Date().toISOString();
      await updateConnectorRow(db, id, { status: result.status, status_reason: result.reason, last_checked: now, updated_at: now });
      await recordStatusChange(row, result.status, result.reason, now);
      return viewOf(await requireConnector(id));
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;
