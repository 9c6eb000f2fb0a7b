// The one HTTP client of the web app: JSON over fetch with the session cookie, the CSRF
// double-submit header on every state-changing request, and typed errors.
import { filenameFromDisposition } from './disposition';

export interface ApiFieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ApiFieldError[];

  constructor(status: number, code: string, message: string, fields: ApiFieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Do not redirect to /login on 401 UNAUTHENTICATED (used for the session probe). */
  allowUnauthenticated?: boolean;
}

const CSRF_COOKIE = 'zp_csrf';
const CSRF_HEADER = 'x-csrf-token';

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function fetchCsrfToken(): Promise<string> {
  const response = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  if (!response.ok) throw await toApiError(response);
  const body = (await response.json()) as { csrfToken: string };
  return readCookie(CSRF_COOKIE) ?? body.csrfToken;
}

async function csrfToken(): Promise<string> {
  return readCookie(CSRF_COOKIE) ?? fetchCsrfToken();
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = response.status === 429 ? '操作过于频繁，请稍后再试' : `请求失败（${response.status}）`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; fields?: ApiFieldError[] } };
    const error = body.error ?? {};
    return new ApiError(response.status, error.code ?? 'HTTP_ERROR', error.message || fallback, error.fields ?? []);
  } catch {
    return new ApiError(response.status, 'HTTP_ERROR', fallback);
  }
}

function redirectToLogin(): void {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/login') {
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
}

async function send(method: Method, url: string, body: BodyInit | undefined, json: boolean, retried = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = await csrfToken();
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  // A stale CSRF cookie (e.g. after the session changed): fetch a fresh token and try once more.
  if (response.status === 403 && method !== 'GET' && !retried) {
    const error = await toApiError(response.clone());
    if (/csrf/i.test(error.code)) {
      await fetchCsrfToken();
      return send(method, url, body, json, true);
    }
  }
  return response;
}

async function request<T>(method: Method, url: string, body: BodyInit | undefined, json: boolean, options: RequestOptions): Promise<T> {
  const response = await send(method, url, body, json);
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && error.code === 'UNAUTHENTICATED' && !options.allowUnauthenticated) redirectToLogin();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Download {
  blob: Blob;
  filename: string;
}

/** Builds a query string from the defined, non-empty values. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get<T>(url: string, options: RequestOptions = {}): Promise<T> {
    return request<T>('GET', url, undefined, false, options);
  },
  post<T = void>(url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return request<T>('POST', url, body === undefined ? undefined : JSON.stringify(body), body !== undefined, options);
  },
  put<T = void>(url: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return request<T>('PUT', url, JSON.stringify(body), true, options);
  },
  patch<T = void>(url: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return request<T>('PATCH', url, JSON.stringify(body), true, options);
  },
  delete<T = void>(url: string, options: RequestOptions = {}): Promise<T> {
    return request<T>('DELETE', url, undefined, false, options);
  },
  upload<T>(url: string, form: FormData, options: RequestOptions = {}): Promise<T> {
    return request<T>('POST', url, form, false, options);
  },
  /** A generated file (PDF, Excel), fetched so that a refusal reads as the server's message, not as a JSON page. */
  async download(url: string, fallbackName: string): Promise<Download> {
    const response = await send('GET', url, undefined, false);
    if (!response.ok) {
      const error = await toApiError(response);
      if (error.status === 401 && error.code === 'UNAUTHENTICATED') redirectToLogin();
      throw error;
    }
    return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition'), fallbackName) };
  },
};

/** A refusal with the server's whole `error` object, for errors that carry more than code and message (e.g. DRAW_FAILED's `problems`). */
export class ApiErrorWithBody extends ApiError {
  readonly body: Record<string, unknown>;

  constructor(error: ApiError, body: Record<string, unknown>) {
    super(error.status, error.code, error.message, error.fields);
    this.name = 'ApiErrorWithBody';
    this.body = body;
  }
}

/** A JSON POST like `api.post`, whose refusal keeps the whole `error` object of the response (`ApiErrorWithBody.body`). */
export async function postKeepingErrorBody<T>(url: string, body: unknown): Promise<T> {
  const response = await send('POST', url, JSON.stringify(body), true);
  if (!response.ok) {
    let raw: Record<string, unknown> = {};
    try {
      const parsed = (await response.clone().json()) as { error?: Record<string, unknown> };
      raw = parsed.error ?? {};
    } catch {
      // Not JSON: toApiError gives the fallback message.
    }
    const error = await toApiError(response);
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') redirectToLogin();
    throw new ApiErrorWithBody(error, raw);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
