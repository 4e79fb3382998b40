import { CloudError } from '@shared/client';
import { ERROR_MESSAGES, isErrorCode } from '@shared/errors';

/**
 * Uploads a file to storage (the local cloud's `POST /api/storage/upload`, standing in for
 * wx.cloud.uploadFile) and returns its fileID. Large payloads go this way: a function call body is
 * limited to 100 KB.
 */
export async function uploadFile(file: Blob, name: string): Promise<string> {
  // The storage keeps letters, digits, CJK, '-', '_' and '.'; anything else becomes '_'.
  const safe = name.replace(/[^\w\-.\u4e00-\u9fa5]/g, '_').slice(-100) || 'upload.bin';
  let res: Response;
  try {
    res = await fetch(`/api/storage/upload?name=${encodeURIComponent(safe)}`, { method: 'POST', body: file, credentials: 'same-origin' });
  } catch {
    throw new CloudError('NETWORK', '网络连接失败，请检查网络后重试');
  }
  let body: { ok?: boolean; code?: string; message?: string; data?: { fileID?: string } };
  try {
    body = await res.json();
  } catch {
    throw new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  }
  if (!body.ok || !body.data?.fileID) {
    const code = isErrorCode(body.code) ? body.code : 'INTERNAL';
    throw new CloudError(code, body.message ?? ERROR_MESSAGES[code]);
  }
  return body.data.fileID;
}
