import Taro from '@tarojs/taro';
import { CloudError } from '@shared/client';
import { ERROR_MESSAGES, isErrorCode } from '@shared/errors';
import { initCloud } from './cloud';

/**
 * Uploads a file to cloud storage and returns its fileID; large payloads (Excel files) go this way
 * because a function call body is limited to 100 KB.
 * weapp: wx.cloud.uploadFile from a temp path (e.g. chooseMessageFile). H5 (local cloud): POST the
 * browser File to /api/storage/upload.
 */
export type UploadSource = { filePath: string; name: string } | { file: Blob; name: string };

const safeName = (name: string) => name.replace(/[^\w\-.\u4e00-\u9fa5]/g, '_').slice(-100) || 'upload.bin';

export async function uploadFile(src: UploadSource, folder = 'imports'): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    if (!('filePath' in src)) throw new CloudError('INVALID_INPUT', '请选择文件');
    initCloud();
    const rand = Math.random().toString(36).slice(2, 10);
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${Date.now()}-${rand}-${safeName(src.name)}`, filePath: src.filePath });
      return res.fileID;
    } catch {
      throw new CloudError('NETWORK', '文件上传失败，请检查网络后重试');
    }
  }
  if (!('file' in src)) throw new CloudError('INVALID_INPUT', '请选择文件');
  let res: Response;
  try {
    res = await fetch(`/api/storage/upload?name=${encodeURIComponent(safeName(src.name))}`, { method: 'POST', body: src.file, credentials: 'same-origin' });
  } catch {
    throw new CloudError('NETWORK', '文件上传失败，请检查网络后重试');
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
