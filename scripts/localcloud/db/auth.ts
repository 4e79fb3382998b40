import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Signer } from '@cloudbase/signature-nodejs';

/**
 * Who may use the local database endpoint: only clients holding this process's secret, i.e. the
 * function instances (and seed/tools) the local cloud started, whose wx-server-sdk signs every
 * request with TENCENTCLOUD_SECRETID/SECRETKEY (TC3-HMAC-SHA256, as for the real CloudBase API).
 * A web page or another local process cannot forge the signature, so it cannot read password hashes
 * or make itself sysadmin through `POST /db/admin`.
 */
export interface DbCredentials {
  secretId: string;
  secretKey: string;
}

/** The SDK sends X-Signature-Expires: 600. */
const MAX_AGE_S = 600;
const AUTH = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([\w-]+)\/tc3_request,(?: SignedParams=([^,]*),)? SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/**
 * Verifies the request's signature over method, URL, signed headers and every non-empty body
 * parameter. Returns null when it is valid, else the reason (for the 401 answer).
 */
export function verifySignedRequest(req: IncomingMessage, params: Record<string, unknown>, creds: DbCredentials, nowMs = Date.now()): string | null {
  const m = AUTH.exec(header(req, 'authorization') ?? '');
  if (!m) return 'missing or malformed Authorization';
  const [, secretId, date, service, signedParamList, signedHeaderList, signature] = m;
  if (secretId !== creds.secretId) return 'unknown SecretId';
  const timestamp = Number(header(req, 'x-timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_AGE_S) return 'signature expired';
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'credential date mismatch';

  const signedHeaders: Record<string, string> = {};
  for (const name of signedHeaderList.split(';')) {
    const v = header(req, name);
    if (v === undefined) return `signed header ${name} missing`;
    signedHeaders[name] = v;
  }
  if (!signedHeaders.host || !signedHeaders['content-type']) return 'host and content-type must be signed';

  // Every non-empty parameter the server will act on must be covered by the signature.
  const signedParams = signedParamList ? signedParamList.split(';') : [];
  const formatted = Signer.formatKeyAndValue(params) as Record<string, unknown>;
  for (const [k, v] of Object.entries(formatted)) if (v && !signedParams.includes(k)) return `parameter ${k} not signed`;

  let expected: string;
  try {
    expected = String(
      new Signer({ secretId: creds.secretId, secretKey: creds.secretKey }, service).tc3sign(
        (req.method ?? 'POST').toLowerCase(),
        `http://${signedHeaders.host}${req.url ?? '/'}`,
        signedHeaders,
        params,
        timestamp,
        { withSignedParams: true, includeKeys: signedParams },
      ).signature,
    );
  } catch {
    return 'cannot verify signature';
  }
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(signature, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b) ? null : 'bad signature';
}
