import { CloudError } from '../../shared/client';
import { uploadWithTicket } from '../../shared/ticketUpload';
import type { UploadPurpose, UploadTicket } from '../../shared/uploads';

/**
 * A console account's calls against a running local cloud, from a script (the demo seed, tests,
 * the bench): the function over `/api/fn/<fn>` with the session in the body, and uploads through
 * a files.requestUpload ticket and its form POST — the clients' own code path (shared/ticketUpload.ts).
 */
export async function consoleCall<T>(baseUrl: string, fn: string, action: string, input: Record<string, unknown>, sessionToken?: string): Promise<T> {
  const res = await fetch(`${baseUrl}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, ...input, ...(sessionToken ? { sessionToken } : {}) }),
  });
  const r = (await res.json()) as { ok: boolean; data?: T; code?: string; message?: string };
  if (!r.ok) throw new CloudError((r.code ?? 'INTERNAL') as never, r.message ?? '');
  return r.data as T;
}

export async function consoleLogin(baseUrl: string, username: string, password: string): Promise<string> {
  return (await consoleCall<{ token: string }>(baseUrl, 'identity', 'consoleLogin', { username, password })).token;
}

/** Uploads `body` for `purpose` as the session's account; answers the fileID. */
export function consoleUpload(
  baseUrl: string,
  sessionToken: string,
  body: Buffer | Uint8Array,
  name: string,
  opts: { purpose?: UploadPurpose; type?: string } = {},
): Promise<string> {
  const requestTicket = (input: Record<string, unknown>) => consoleCall<UploadTicket>(baseUrl, 'files', 'requestUpload', input, sessionToken);
  return uploadWithTicket(requestTicket, opts.purpose ?? 'staffImport', new Blob([new Uint8Array(body)], { type: opts.type ?? '' }), name);
}
