import { CloudError } from '../../../shared/client';
import { uploadWithTicket } from '../../../shared/ticketUpload';
import type { UploadTicket } from '../../../shared/uploads';

/**
 * Uploads as a console account would, from a script or test: a ticket from files.requestUpload
 * (over `/api/fn/files`, session in the body), then the ticket's form POST — the clients' own code
 * path (shared/ticketUpload.ts). Answers the fileID.
 */
export async function uploadAs(baseUrl: string, sessionToken: string, body: Buffer | Uint8Array, name = 'staff.xlsx'): Promise<string> {
  const requestTicket = async (input: Record<string, unknown>): Promise<UploadTicket> => {
    const res = await fetch(`${baseUrl}/api/fn/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'requestUpload', ...input, sessionToken }),
    });
    const r = (await res.json()) as { ok: boolean; data?: UploadTicket; code?: string; message?: string };
    if (!r.ok) throw new CloudError((r.code ?? 'INTERNAL') as never, r.message ?? '');
    return r.data!;
  };
  return uploadWithTicket(requestTicket, 'staffImport', new Blob([body]), name);
}
