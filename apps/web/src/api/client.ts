/** One invalid field of a request, as the API's RFC 9457 problem bodies list them. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem answered by the API (or a network failure, status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** Messages for one field path (`classPeriods[0].localStart`), or for the field and everything under it. */
  messagesFor(field: string, nested = false): string[] {
    return this.errors
      .filter((e) => e.field === field || (nested && (e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))))
      .map((e) => e.message);
  }
}

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Ask for text (CSV, iCalendar) or bytes (XLSX) instead of JSON. */
  as?: 'json' | 'text' | 'blob';
  accept?: string;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = (await response.json()) as Record<string, unknown>;
    const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
    return new ApiProblem(
      response.status,
      String(body.code ?? `HTTP_${response.status}`),
      String(body.detail ?? body.title ?? response.statusText),
      errors,
      body,
    );
  }
  return new ApiProblem(response.status, `HTTP_${response.status}`, (await response.text()) || response.statusText);
}

/**
 * Fetch with the signed-in user's bearer token. A 401 triggers one token refresh (when the
 * session has a refresh token) and one retry; a second 401 signs the user out.
 */
export class ApiClient {
  constructor(
    private readonly tokens: () => Tokens | null,
    private readonly refresh: () => Promise<boolean>,
    private readonly signedOut: () => void,
  ) {}

  get = <T>(path: string, query?: Query, options: RequestOptions = {}) => this.request<T>('GET', path, { ...options, query });
  post = <T>(path: string, body?: unknown, options: RequestOptions = {}) => this.request<T>('POST', path, { ...options, body });
  patch = <T>(path: string, body: unknown) => this.request<T>('PATCH', path, { body });
  put = <T>(path: string, body: unknown) => this.request<T>('PUT', path, { body });
  delete = <T>(path: string) => this.request<T>('DELETE', path);

  async request<T>(method: string, path: string, options: RequestOptions = {}, retried = false): Promise<T> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const token = this.tokens()?.accessToken;
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(withQuery(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw new ApiProblem(0, 'NETWORK', (error as Error).message);
    }
    if (response.status === 401 && token && !retried) {
      if (await this.refresh()) return this.request<T>(method, path, options, true);
      this.signedOut();
    }
    if (!response.ok) throw await problemOf(response);
    if (response.status === 204) return undefined as T;
    if (options.as === 'text') return (await response.text()) as T;
    if (options.as === 'blob') return (await response.blob()) as T;
    return (await response.json()) as T;
  }
}
