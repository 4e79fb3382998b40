import { CloudError } from './client';
import { ERROR_MESSAGES, isErrorCode } from './errors';

/**
 * Upload to the local cloud's storage (`POST /api/storage/upload`, standing in for
 * wx.cloud.uploadFile) → fileID. Shared by the console and the mini-program's H5 build; large
 * payloads (Excel files) go this way because a function call body is limited to 100 KB.
 */

/** The storage keeps letters, digits, CJK, '-', '_' and '.'; anything else becomes '_'. */
export const safeUploadName = (name: string): string => name.replace(/[^\w\-.\u4e00-\u9fa5]/g, '_').slice(-100) || 'upload.bin';

/**
 * Uploads need a signed-in caller: a console session (its token, in `X-Session-Token`) or, without
 * one, the worker bound to this browser's simulated WeChat user.
 */
export async function uploadToLocalCloud(file: Blob, name: string, sessionToken?: string | null): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/storage/upload?name=${encodeURIComponent(safeUploadName(name))}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      ...(sessionToken ? { headers: { 'X-Session-Token': sessionToken } } : {}),
    });
  } catch {
    throw new CloudError('NETWORK', '文件上传失败，请检查网络后重试');
  }
  let body: { ok?: boolean; code?: string; message?: string; data?: { fileID?: string } };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  }
  if (!body.ok || !body.data?.fileID) {
    const code = isErrorCode(body.code) ? body.code : 'INTERNAL';
    throw new CloudError(code, body.message ?? ERROR_MESSAGES[code]);
  }
  return body.data.fileID;
}
