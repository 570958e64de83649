// The settings and secret keys each connector provider accepts. No I/O.

export type Provider = 'postgresql' | 'databricks' | 'aws_s3' | 'azure_blob_storage' | 'gcs' | 'snowflake';
export type SettingValue = string | number | boolean;

type SettingKind = 'text' | 'port' | 'boolean' | 'https-url';

interface ProviderShape {
  required: Record<string, SettingKind>;
  optional: Record<string, SettingKind>;
  secrets: string[];
}

export const PROVIDERS: Record<Provider, ProviderShape> = {
  postgresql: { required: { host: 'text', port: 'port', database: 'text', user: 'text' }, optional: { ssl: 'boolean' }, secrets: ['password'] },
  databricks: { required: { workspace_url: 'https-url' }, optional: { http_path: 'text', catalog: 'text' }, secrets: ['token'] },
  aws_s3: { required: { bucket: 'text', region: 'text' }, optional: { prefix: 'text', endpoint_url: 'https-url' }, secrets: ['access_key_id', 'secret_access_key'] },
  azure_blob_storage: { required: { account_name: 'text', container: 'text' }, optional: { prefix: 'text' }, secrets: ['account_key', 'sas_token'] },
  gcs: { required: { bucket: 'text' }, optional: { project_id: 'text', prefix: 'text' }, secrets: ['service_account_json'] },
  snowflake: { required: { account: 'text', warehouse: 'text', database: 'text', user: 'text' }, optional: { schema: 'text', role: 'text' }, secrets: ['password'] },
};

function describeKind(kind: SettingKind): string {
  switch (kind) {
    case 'text':
      return 'a non-empty string';
    case 'port':
      return 'an integer from 1 to 65535';
    case 'boolean':
      return 'true or false';
    case 'https-url':
      return 'an https:// URL';
  }
}

function matchesKind(value: SettingValue, kind: SettingKind): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
    case 'port':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
    case 'boolean':
      return typeof value === 'boolean';
    case 'https-url':
      return typeof value === 'string' && /^https:\/\/[^\s/]+/.test(value);
  }
}

/** Returns a sentence naming the first setting that the provider does not accept, or undefined. */
export function findSettingsProblem(provider: Provider, settings: Record<string, SettingValue>, location: string): string | undefined {
  const shape = PROVIDERS[provider];
  for (const [key, kind] of Object.entries(shape.required)) {
    if (!(key in settings)) return `${location}/${key} is missing; a ${provider} connector needs ${Object.keys(shape.required).join(', ')}.`;
  }
  for (const [key, value] of Object.entries(settings)) {
    const kind = shape.required[key] ?? shape.optional[key];
    if (!kind) {
      const known = [...Object.keys(shape.required), ...Object.keys(shape.optional)].join(', ');
      return `${location}/${key} is not a ${provider} setting; use only ${known}, and put credentials in secrets.`;
    }
    if (!matchesKind(value, kind)) return `${location}/${key} must be ${describeKind(kind)}, but it is ${JSON.stringify(value)}.`;
  }
  return undefined;
}

/** Returns a sentence naming the first secret key that the provider does not use, or undefined. */
export function findSecretsProblem(provider: Provider, secrets: Record<string, string>, location: string): string | undefined {
  const allowed = PROVIDERS[provider].secrets;
  for (const key of Object.keys(secrets)) {
    if (!allowed.includes(key)) return `${location}/${key} is not a ${provider} secret; use only ${allowed.join(', ')}.`;
  }
  return undefined;
}
