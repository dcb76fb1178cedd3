import { ApiProblem, offline } from './problem.ts';

/**
 * The one way the pages talk to the server. It adds the access token, turns problem+json answers
 * into ApiProblem, and on an expired or revoked session asks `session.renew()` — which refreshes the
 * token or, failing that, lets the user sign in again in a dialog while the page (and its
 * half-filled form) stays as it is — then repeats the request once.
 */
export interface SessionPort {
  token(): string | undefined;
  renew(): Promise<boolean>;
}

let session: SessionPort | undefined;
export function connectSession(port: SessionPort): void {
  session = port;
}

/** The connected session, for requests that are not JSON (the task stream reads its token and renews it). */
export const sessionPort = (): SessionPort | undefined => session;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Public routes: no token, no re-sign-in. */
  anonymous?: boolean;
}

function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = options.anonymous ? undefined : session?.token();
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(url(path, options.query), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw offline();
  }
}

async function problemOf(res: Response): Promise<ApiProblem> {
  const body = await res.json().catch(() => ({ status: res.status, code: `HTTP_${res.status}` }));
  return new ApiProblem({ status: res.status, ...body });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, options);
  if (res.status === 401 && !options.anonymous && session && (await session.renew())) res = await send(method, path, options);
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** A PDF the user may open: fetched with the token, handed to the browser as a blob URL. */
export async function pdfUrl(path: string): Promise<string> {
  let res = await send('GET', path, {});
  if (res.status === 401 && session && (await session.renew())) res = await send('GET', path, {});
  if (!res.ok) throw await problemOf(res);
  return URL.createObjectURL(await res.blob());
}

/** A file sent as it is (its own Content-Type), e.g. a task attachment; answers the route's JSON. */
export async function upload<T>(path: string, file: Blob, query?: RequestOptions['query']): Promise<T> {
  const once = () => fetch(url(path, query), {
    method: 'POST', body: file,
    headers: { accept: 'application/json, application/problem+json', 'content-type': file.type || 'application/octet-stream', ...(session?.token() ? { authorization: `Bearer ${session.token()}` } : {}) },
  }).catch(() => { throw offline(); });
  let res = await once();
  if (res.status === 401 && session && (await session.renew())) res = await once();
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/** A text answer (a BPMN file's XML). */
export async function text(path: string): Promise<string> {
  let res = await send('GET', path, { headers: { accept: 'application/xml, text/plain, application/problem+json' } });
  if (res.status === 401 && session && (await session.renew())) res = await send('GET', path, {});
  if (!res.ok) throw await problemOf(res);
  return res.text();
}
