import Taro from '@tarojs/taro';
import { CloudError } from '@shared/client';
import { safeUploadName, uploadWithTicket, type RequestTicket } from '@shared/ticketUpload';
import type { UploadPurpose } from '@shared/uploads';
import { adminCall } from './adminSession';

/**
 * Uploads a file to cloud storage and returns its fileID; large payloads (Excel files) go this way
 * because a function call body is limited to 100 KB. Every upload takes a ticket from
 * files.requestUpload (who, what, how big; daily quota; the path names the uploader, so a function
 * only accepts the caller's own files) and POSTs the ticket's form to storage:
 * weapp: wx.uploadFile (a temp path from chooseMessageFile) to the ticket's COS URL with its fields
 * as formData — the COS domain must be in the mini-program's uploadFile legal domains;
 * H5 (local cloud): the same form with fetch (shared/ticketUpload.ts).
 * (Not wx.cloud.uploadFile: it lets the client pick any cloudPath, with no size, type or quota check.)
 */
export type UploadSource = { filePath: string; name: string; size: number } | { file: Blob; name: string };

export async function uploadFile(src: UploadSource, purpose: UploadPurpose = 'staffImport'): Promise<string> {
  // Today every mini-program upload is an enterprise admin's (导入员工), so the ticket is asked with its session.
  const requestTicket: RequestTicket = (input) => adminCall('files', 'requestUpload', input);
  if (process.env.TARO_ENV === 'weapp') {
    if (!('filePath' in src)) throw new CloudError('INVALID_INPUT', '请选择文件');
    const ticket = await requestTicket({ purpose, name: safeUploadName(src.name), size: src.size, contentType: '' });
    let res: Taro.uploadFile.SuccessCallbackResult;
    try {
      res = await Taro.uploadFile({ url: ticket.url, filePath: src.filePath, name: 'file', formData: ticket.fields });
    } catch {
      throw new CloudError('NETWORK', '文件上传失败，请检查网络后重试');
    }
    if (res.statusCode < 200 || res.statusCode >= 300) throw new CloudError('INVALID_INPUT', '文件上传失败，请重新上传');
    return ticket.fileID;
  }
  if (!('file' in src)) throw new CloudError('INVALID_INPUT', '请选择文件');
  return uploadWithTicket(requestTicket, purpose, src.file, src.name);
}
