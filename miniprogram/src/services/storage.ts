import Taro from '@tarojs/taro';
import { CloudError } from '@shared/client';
import { safeUploadName, uploadToLocalCloud } from '@shared/localUpload';
import { getAdminSession } from './adminSession';
import { initCloud } from './cloud';

/**
 * Uploads a file to cloud storage and returns its fileID; large payloads (Excel files) go this way
 * because a function call body is limited to 100 KB.
 * weapp: wx.cloud.uploadFile from a temp path (e.g. chooseMessageFile). H5 (local cloud): POST the
 * browser File to /api/storage/upload.
 */
export type UploadSource = { filePath: string; name: string } | { file: Blob; name: string };


export async function uploadFile(src: UploadSource, folder = 'imports'): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    if (!('filePath' in src)) throw new CloudError('INVALID_INPUT', '请选择文件');
    initCloud();
    const rand = Math.random().toString(36).slice(2, 10);
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${Date.now()}-${rand}-${safeUploadName(src.name)}`, filePath: src.filePath });
      return res.fileID;
    } catch {
      throw new CloudError('NETWORK', '文件上传失败，请检查网络后重试');
    }
  }
  if (!('file' in src)) throw new CloudError('INVALID_INPUT', '请选择文件');
  // The local cloud accepts uploads from a signed-in caller: the enterprise admin's session when there is one.
  return uploadToLocalCloud(src.file, src.name, getAdminSession()?.token);
}
