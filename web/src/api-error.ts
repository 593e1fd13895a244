/**
 * An API failure as the UI needs it: `code` to branch on, `detail` to show, `field` to put the
 * message next to the right input (problem+json, RFC 9457).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field: string | undefined;
  /** Problem extension members, e.g. `limit` on approval_required. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    detail: string,
    field?: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.field = field === undefined ? undefined : normaliseField(field);
    this.extensions = extensions;
  }
}

/** The server may name a field as `body/address/city` or `/address/city`; forms use `address.city`. */
export function normaliseField(field: string): string {
  return field
    .replace(/^\/?body\//, '')
    .replace(/^\//, '')
    .replaceAll('/', '.');
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/** The message belonging to one form field, if the error names it (or a sub-field of it). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || error.field === undefined) return undefined;
  const named = error.field;
  const within = named.startsWith(`${field}.`) || named.startsWith(`${field}[`);
  return named === field || within ? error.detail : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not problem+json (e.g. a proxy error page): fall back to the status line.
  }
  const text = (key: string): string | undefined => {
    const value = isRecord(body) ? body[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const detail =
    text('detail') ?? text('message') ?? text('title') ?? (response.statusText || 'Request failed');
  return new ApiError(
    response.status,
    text('code') ?? `http_${response.status}`,
    detail,
    text('field'),
    isRecord(body) ? body : {},
  );
}
