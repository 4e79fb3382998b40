import { createHash } from 'crypto';
import { readSheetTable } from '../../shared/staffImport';
import type { Ctx } from '../common/action';
import { AppError } from '../common/errors';
import { downloadFile } from '../common/storage';
import { ownUpload } from '../common/uploads';

export const SHEET_EXTS = ['xlsx', 'csv'] as const;

/**
 * An uploaded spreadsheet of the caller's own (a ticket issued to this very caller: anyone else's
 * fileID answers FILE_NOT_FOUND, like a missing one), read with the staff import's guarded reader:
 * bytes beyond the ticket's declared size, a huge or zip-bomb file, a file that is not xlsx/csv all
 * get a coded error before anything is parsed further.
 */
export async function loadSheet(ctx: Ctx, fileID: string, limits: { maxRows: number; maxBytes: number; maxColumns?: number; what: string }): Promise<{ hash: string; table: unknown[][] }> {
  const upload = ownUpload(ctx, fileID, SHEET_EXTS);
  if (upload.declaredBytes > limits.maxBytes) throw new AppError('FILE_TOO_LARGE', `文件不能超过${limits.maxBytes / 1024 / 1024}MB`);
  let buf: Buffer;
  try {
    buf = await downloadFile(fileID);
  } catch {
    throw new AppError('FILE_NOT_FOUND', '文件不存在或已过期，请重新上传');
  }
  if (buf.length > upload.declaredBytes) throw new AppError('FILE_TOO_LARGE', '文件大小超过申请上传时声明的大小，请重新上传');
  const r = readSheetTable(buf, { maxRows: limits.maxRows, maxBytes: limits.maxBytes, maxColumns: limits.maxColumns, what: limits.what, csv: upload.ext === 'csv' });
  if (!r.ok) throw new AppError(r.code, r.reason, { problems: [] });
  return { hash: createHash('sha256').update(buf).digest('hex'), table: r.table };
}
