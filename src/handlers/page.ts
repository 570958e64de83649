// The page size of list operations when the request leaves `limit` out. Ajv fills in the spec's
// default (components/parameters/Limit), so this fallback only satisfies the optional type.
export const DEFAULT_PAGE_LIMIT = 50;
