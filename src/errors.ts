// The catalogue of errors the API returns. Each code backs a problem-details `type` (urn:problem:<code>);
// docs/errors.md lists them, and a test keeps that table equal to this catalogue.

export interface ErrorDefinition {
  status: number;
  title: string;
}

export const ERRORS = {
  // Requests
  'invalid-request': { status: 400, title: 'Invalid request' },
  'invalid-json': { status: 400, title: 'Invalid JSON' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'route-not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },

  // Authentication and authorization
  'token-missing': { status: 401, title: 'Unauthorized' },
  'token-invalid': { status: 401, title: 'Unauthorized' },
  'token-expired': { status: 401, title: 'Unauthorized' },
  'token-revoked': { status: 401, title: 'Unauthorized' },
  'invalid-credentials': { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'too-many-requests': { status: 429, title: 'Too many requests' },

  // Users
  'username-taken': { status: 409, title: 'Conflict' },
  'wrong-password': { status: 400, title: 'Wrong password' },
  'weak-password': { status: 400, title: 'Weak password' },
  'last-admin': { status: 409, title: 'Conflict' },
  'self-deletion': { status: 409, title: 'Conflict' },

  // Resources
  'not-found': { status: 404, title: 'Not found' },

  // Registry and connectors
  'model-name-taken': { status: 409, title: 'Conflict' },
  'connector-name-taken': { status: 409, title: 'Conflict' },

  // Dependencies
  'not-ready': { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal server error' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

export interface ValidationIssue {
  location: string;
  message: string;
  keyword?: string;
}

/** An error that becomes a problem-details response with the catalogue's status and title. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly errors: ValidationIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, detail: string, options: { cause?: unknown; errors?: ValidationIssue[]; headers?: Record<string, string> } = {}) {
    super(detail, { cause: options.cause });
    this.code = code;
    this.status = ERRORS[code].status;
    this.title = ERRORS[code].title;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

export function problemType(code: ErrorCode): string {
  return `urn:problem:${code}`;
}
