import { parseUploadFileId, UPLOAD_QUOTAS, type ParsedUpload, type UploadQuotaKind } from '../../shared/uploads';
import type { Ctx } from './action';
import { keyedHash } from './crypto';
import { C, type Database } from './db';
import { AppError } from './errors';
import type { Principal } from './principal';

/** Who is uploading, as a stable key: a console account or a worker (null for anyone else). */
export function callerKeyOf(p: Principal): string | null {
  if (p.kind === 'account') return `account:${p.accountId}`;
  if (p.kind === 'person') return `person:${p.personId}`;
  return null;
}

/** The caller's folder name in upload paths: keyed, so a path does not say whose it is. */
export const ownerTagOf = (callerKey: string): string => keyedHash(`upload-owner:${callerKey}`).slice(0, 24);

/**
 * Reserves one file of `bytes` in the caller's daily quota: one conditional increment of a counter
 * with a deterministic `_id` (plus one insert on the day's first upload), so parallel requests
 * cannot get past the limits.
 */
export async function reserveUploadQuota(db: Database, ownerTag: string, day: string, bytes: number, nextDay: Date, kind: UploadQuotaKind = 'general'): Promise<void> {
  const { files: UPLOAD_QUOTA_FILES, bytes: UPLOAD_QUOTA_BYTES, idPrefix } = UPLOAD_QUOTAS[kind];
  const id = `${idPrefix}:${ownerTag}:${day}`;
  const _ = db.command;
  const coll = db.collection(C.stats);
  const increment = async () =>
    (await coll.where({ _id: id, files: _.lt(UPLOAD_QUOTA_FILES), bytes: _.lte(UPLOAD_QUOTA_BYTES - bytes) }).update({ data: { files: _.inc(1), bytes: _.inc(bytes) } })).stats.updated === 1;
  const refuse = () =>
    new AppError('UPLOAD_QUOTA_EXCEEDED', `今日上传已达上限（${UPLOAD_QUOTA_FILES} 个文件或 ${UPLOAD_QUOTA_BYTES / 1024 / 1024} MB），请明天再试`);
  if (bytes > UPLOAD_QUOTA_BYTES) throw refuse();
  if (await increment()) return;
  try {
    await coll.add({ data: { _id: id, kind: 'uploadQuota', files: 1, bytes, expiresAt: nextDay } });
    return;
  } catch {
    // The day's counter exists (full, or created by a parallel request a moment ago): one more try decides.
    if (await increment()) return;
  }
  throw refuse();
}

/**
 * A fileID the caller may use: an upload ticket issued to this very caller (its owner tag is in the
 * signed path). Anything else — another caller's upload, a path outside uploads/, a made-up fileID —
 * answers FILE_NOT_FOUND, the same as a missing file (no oracle for other people's files).
 */
export function ownUpload(ctx: Pick<Ctx, 'principal'>, fileID: string, exts?: readonly string[]): ParsedUpload {
  const parsed = parseUploadFileId(fileID);
  const key = callerKeyOf(ctx.principal);
  if (!parsed || !key || parsed.ownerTag !== ownerTagOf(key)) throw new AppError('FILE_NOT_FOUND', '文件不存在或已过期，请重新上传');
  if (exts && !exts.includes(parsed.ext)) throw new AppError('INVALID_INPUT', `文件类型不正确：应为 ${exts.join('/')} 文件`);
  return parsed;
}
