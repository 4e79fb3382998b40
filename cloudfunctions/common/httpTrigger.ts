import { ERROR_MESSAGES, type ErrorCode, type Fail } from '../../shared/errors';
import { jsonTextDepthExceeds, MAX_JSON_DEPTH } from '../../shared/jsonDepth';

/**
 * CloudBase HTTP access service (云接入, "HTTP 访问服务"): a request to a function's HTTP path
 * reaches the function as an *integration request* (集成请求)
 *   { path, httpMethod, headers, queryStringParameters, requestContext, body, isBase64Encoded }
 * (docs.cloudbase.net/service/access-cloud-function), and an object the function returns in the
 * shape { statusCode, headers, body, isBase64Encoded } is sent back as that HTTP response (集成响应).
 * The console reaches every function this way; the local cloud builds the same event (`/fn/<name>`).
 *
 * This module is pure: the router calls `unwrapHttpCall` first and `httpAnswer` last.
 */

/** The request body limit of a call, as callFunction's (larger payloads go through storage). */
export const MAX_HTTP_CALL_BYTES = 100 * 1024;
/** Environment variable: comma-separated origins allowed to call from a browser (the console's). */
export const CONSOLE_ORIGINS_ENV = 'ANXUE_CONSOLE_ORIGINS';
/** The one header that carries a console session over HTTP (a body `sessionToken` is ignored). */
export const SESSION_HEADER = 'x-session-token';

export interface HttpTriggerEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string> | null;
  requestContext?: Record<string, unknown>;
  body?: string | null;
  isBase64Encoded?: boolean | string;
}

export interface IntegrationResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** An HTTP-trigger event has the gateway's keys; a callFunction event never has `httpMethod` + `headers`. */
export function isHttpTriggerEvent(e: unknown): e is HttpTriggerEvent {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  return typeof x.httpMethod === 'string' && typeof x.path === 'string' && !!x.headers && typeof x.headers === 'object';
}

/** Header lookup, case-insensitive (the gateway passes names as the client sent them, or lower-cased). */
export function headerOf(ev: HttpTriggerEvent, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(ev.headers ?? {})) if (k.toLowerCase() === want && typeof v === 'string') return v;
  return undefined;
}

export function allowedOrigins(raw = process.env[CONSOLE_ORIGINS_ENV]): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** CORS headers for an allowed Origin only; nothing for other origins or for callers without one. */
export function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': `content-type, ${SESSION_HEADER}`,
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

export function httpAnswer(status: number, body: unknown, cors: Record<string, string>): IntegrationResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const fail = (code: ErrorCode, message: string = ERROR_MESSAGES[code]): Fail => ({ ok: false, code, message });

export type Unwrapped =
  /** Run the call: the same `{ action, ...input, sessionToken? }` event callFunction would carry. */
  | { kind: 'call'; event: Record<string, unknown>; cors: Record<string, string> }
  /** Answer at once (preflight, refused origin, bad method or body) without running anything. */
  | { kind: 'answer'; response: IntegrationResponse };

/**
 * Turns an integration request into a call, or into the answer that refuses it:
 * - a browser Origin must be one of `allowed` (else 403, nothing runs); OPTIONS is the preflight;
 * - POST only, `Content-Type: application/json` only (a cross-site form cannot post as the console);
 * - the body (base64-decoded when `isBase64Encoded`) is at most MAX_HTTP_CALL_BYTES, nested at most
 *   MAX_JSON_DEPTH levels (checked on the text), and a JSON object;
 * - the session token comes from the `X-Session-Token` header only.
 */
export function unwrapHttpCall(ev: HttpTriggerEvent, allowed: string[] = allowedOrigins()): Unwrapped {
  const origin = headerOf(ev, 'origin');
  const cors = corsHeaders(origin, allowed);
  const answer = (status: number, body: Fail | null): Unwrapped => ({
    kind: 'answer',
    response: status === 204 ? { statusCode: 204, headers: { ...cors, 'cache-control': 'no-store' }, body: '', isBase64Encoded: false } : httpAnswer(status, body, cors),
  });
  if (origin !== undefined && !cors['access-control-allow-origin']) return answer(403, fail('FORBIDDEN', '该网页来源不允许访问此服务'));
  const method = ev.httpMethod.toUpperCase();
  if (method === 'OPTIONS') return answer(204, null);
  if (method !== 'POST') return answer(405, fail('INVALID_INPUT', '请使用 POST 调用云函数'));
  const type = (headerOf(ev, 'content-type') ?? '').toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(type)) return answer(415, fail('INVALID_INPUT', '请求内容应为 JSON（Content-Type: application/json）'));
  const raw = typeof ev.body === 'string' ? ev.body : '';
  const base64 = ev.isBase64Encoded === true || ev.isBase64Encoded === 'true';
  // Bounded before decoding: base64 text is 4/3 of its bytes.
  if (raw.length > (base64 ? Math.ceil((MAX_HTTP_CALL_BYTES * 4) / 3) + 4 : MAX_HTTP_CALL_BYTES * 4)) return answer(413, fail('PAYLOAD_TOO_LARGE'));
  let bytes: Buffer;
  if (base64) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw) || raw.length % 4 !== 0) return answer(400, fail('INVALID_INPUT', '请求内容编码不正确'));
    bytes = Buffer.from(raw, 'base64');
  } else {
    bytes = Buffer.from(raw, 'utf8');
  }
  if (bytes.length > MAX_HTTP_CALL_BYTES) return answer(413, fail('PAYLOAD_TOO_LARGE'));
  const text = bytes.toString('utf8');
  if (jsonTextDepthExceeds(text, MAX_JSON_DEPTH)) return answer(400, fail('INVALID_INPUT', '请求数据层级过深'));
  let parsed: unknown;
  try {
    parsed = text.length ? JSON.parse(text) : {};
  } catch {
    return answer(400, fail('INVALID_INPUT', '请求内容不是有效的 JSON'));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return answer(400, fail('INVALID_INPUT', '请求内容应为 JSON 对象'));
  const event: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  // The header is the only authority; whatever the body says about identity is dropped.
  delete event.sessionToken;
  delete event.userInfo;
  const token = headerOf(ev, SESSION_HEADER);
  if (token) event.sessionToken = token;
  return { kind: 'call', event, cors };
}
