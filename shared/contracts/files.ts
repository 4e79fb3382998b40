import { z } from 'zod';
import { UPLOAD_PURPOSES, type UploadPurpose, type UploadTicket } from '../uploads';
import { contract } from './define';

const purposes = Object.keys(UPLOAD_PURPOSES) as [UploadPurpose, ...UploadPurpose[]];

export const filesContracts = {
  /** A ticket for one upload: POST `fields` + `file` as multipart/form-data to `url`, then use `fileID`. */
  requestUpload: contract<UploadTicket>()(
    z.object({
      purpose: z.enum(purposes, { message: '上传用途不正确' }),
      name: z.string().trim().min(1, '请选择文件').max(200, '文件名过长'),
      size: z.number().int().min(1, '文件为空').max(1024 * 1024 * 1024),
      contentType: z.string().max(200).optional().default(''),
    }),
  ),
};
