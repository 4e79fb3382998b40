import { CloudError } from '@shared/client';
import { safeUploadName, ticketForm, uploadFailure, uploadWithTicket } from '@shared/ticketUpload';
import { extOf, UPLOAD_PURPOSES, uploadRuleFor, type UploadPurpose } from '@shared/uploads';
import { call } from './api';

/** Uploads a file to cloud storage with a ticket from files.requestUpload and returns its fileID. */
export const uploadFile = (file: Blob, name: string, purpose: UploadPurpose = 'staffImport'): Promise<string> =>
  uploadWithTicket((input) => call('files', 'requestUpload', input), purpose, file, name);

/**
 * The purpose's limits checked before asking for a ticket (the function checks them again): a
 * Chinese message for a file the purpose does not take, or null.
 */
export function checkUploadLimits(file: { name: string; size: number }, purpose: UploadPurpose): string | null {
  const rule = uploadRuleFor(purpose, extOf(file.name));
  if (!rule) return `不支持该文件类型，请上传${UPLOAD_PURPOSES[purpose].label}`;
  if (file.size > rule.maxBytes) return `文件过大（该类型最大 ${Math.round(rule.maxBytes / 1024 / 1024)}MB）`;
  if (file.size <= 0) return '文件为空';
  return null;
}

export interface ProgressUpload {
  /** The fileID once stored. */
  done: Promise<string>;
  abort(): void;
}

/**
 * Same ticket flow with upload progress (large videos): XMLHttpRequest, because fetch reports no
 * upload progress. `onProgress` receives 0–1.
 */
export function uploadWithProgress(file: File, purpose: UploadPurpose, onProgress: (fraction: number) => void): ProgressUpload {
  let xhr: XMLHttpRequest | null = null;
  let aborted = false;
  const done = (async () => {
    const name = safeUploadName(file.name);
    const ticket = await call('files', 'requestUpload', { purpose, name, size: file.size, contentType: file.type ?? '' });
    if (aborted) throw new CloudError('NETWORK', '已取消上传');
    return new Promise<string>((resolve, reject) => {
      const x = new XMLHttpRequest();
      xhr = x;
      x.open('POST', ticket.url);
      x.withCredentials = false;
      x.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.min(1, e.loaded / e.total));
      x.onload = () => (x.status >= 200 && x.status < 300 ? (onProgress(1), resolve(ticket.fileID)) : reject(uploadFailure(x.status, x.responseText ?? '')));
      x.onerror = () => reject(new CloudError('NETWORK', '文件上传失败，请检查网络后重试'));
      x.onabort = () => reject(new CloudError('NETWORK', '已取消上传'));
      x.send(ticketForm(ticket, file, file.name));
    });
  })();
  return {
    done,
    abort() {
      aborted = true;
      xhr?.abort();
    },
  };
}
