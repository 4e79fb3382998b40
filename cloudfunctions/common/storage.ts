import { AppError } from './errors';
import { getCloud } from './cloud';

/**
 * The storage seam: actions read uploaded files through here, never by calling the SDK directly.
 * wx-server-sdk's downloadFile asks the storage service for a temporary URL and GETs it; locally
 * the local cloud answers both (scripts/localcloud/storage.ts).
 */
export async function downloadFile(fileID: string): Promise<Buffer> {
  let res: { fileContent?: Buffer | Uint8Array | string };
  try {
    res = (await getCloud().downloadFile({ fileID })) as typeof res;
  } catch (e) {
    // A missing file, an unknown bucket or a malformed fileID all mean "no such file" to the caller.
    const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
    throw new AppError('FILE_NOT_FOUND', '文件不存在或已过期，请重新上传', { reason: msg.slice(0, 200) });
  }
  const c = res?.fileContent;
  if (c === undefined || c === null) throw new AppError('FILE_NOT_FOUND', '文件不存在或已过期，请重新上传');
  return Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
}
