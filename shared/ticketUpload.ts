import { CloudError } from './client';
import type { UploadPurpose, UploadTicket } from './uploads';

/**
 * Browser upload through a function-issued ticket (files.requestUpload): the same code in the
 * cloud (COS) and on the local cloud (its COS emulation). Shared by the console and the
 * mini-program's H5 build; the weapp posts the same fields with wx.uploadFile.
 */

/** Keeps letters, digits, CJK, '-', '_' and '.'; anything else becomes '_'. */
export const safeUploadName = (name: string): string => name.replace(/[^\w\-.\u4e00-\u9fa5]/g, '_').slice(-100) || 'upload.bin';

export type RequestTicket = (input: { purpose: UploadPurpose; name: string; size: number; contentType: string }) => Promise<UploadTicket>;

/** The ticket's form: its fields in order, the file last (COS reads fields before the file). */
export function ticketForm(ticket: UploadTicket, file: Blob, name: string): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', file, safeUploadName(name));
  return form;
}

/** Asks for a ticket, POSTs the file to storage, answers the fileID to pass to the function that reads it. */
export async function uploadWithTicket(requestTicket: RequestTicket, purpose: UploadPurpose, file: Blob, name: string): Promise<string> {
  const ticket = await requestTicket({ purpose, name: safeUploadName(name), size: file.size, contentType: file.type ?? '' });
  let res: Response;
  try {
    res = await fetch(ticket.url, { method: 'POST', body: ticketForm(ticket, file, name), credentials: 'omit', mode: 'cors' });
  } catch {
    throw new CloudError('NETWORK', '文件上传失败，请检查网络后重试');
  }
  if (res.ok) return ticket.fileID;
  throw uploadFailure(res.status, await res.text().catch(() => ''));
}

/** The error for a storage answer that is not 2xx: COS answers an XML <Error>; its <Message> (Chinese on the local cloud) is shown as is. */
export function uploadFailure(status: number, body: string): CloudError {
  const message = /<Message>([^<]{1,200})<\/Message>/.exec(body)?.[1];
  return new CloudError(status === 400 ? 'FILE_TOO_LARGE' : 'INVALID_INPUT', message ? `文件上传失败：${message}` : '文件上传失败，请重新上传');
}
