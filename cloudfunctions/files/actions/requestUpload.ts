import { randomUUID } from 'crypto';
import { filesContracts } from '../../../shared/contracts/files';
import { shanghai } from '../../../shared/calendar';
import { extOf, UPLOAD_PURPOSES, UPLOAD_TICKET_TTL_S, uploadCloudPath, uploadRuleFor, type UploadPurpose } from '../../../shared/uploads';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import type { Role } from '../../common/principal';
import { rolesOf } from '../../common/principal';
import { getUploadMetadata } from '../../common/storage';
import { callerKeyOf, ownerTagOf, reserveUploadQuota } from '../../common/uploads';

/** Who may upload for which purpose (the action itself is open to every signed-in role). */
const PURPOSE_ROLES: Record<UploadPurpose, readonly Role[]> = {
  staffImport: ['enterpriseAdmin'],
  courseMaterial: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  offlineEvidence: ['enterpriseAdmin'],
  questionImport: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  scoreUpload: ['enterpriseAdmin'],
  baselineImport: ['sysadmin', 'regulator'],
};

/**
 * An upload ticket: checks the purpose's limits on what the client declares, reserves the caller's
 * daily quota, and asks the storage service for upload metadata for a path that names the caller
 * and the declared size. The client then POSTs the form to COS (or, locally, to the local cloud).
 */
export default defineAction(filesContracts.requestUpload, {
  allow: ['enterpriseAdmin', 'regulator', 'sysadmin', 'worker'],
  async run({ purpose, name, size, contentType }, ctx) {
    const callerKey = callerKeyOf(ctx.principal);
    if (!callerKey) throw new AppError('UNAUTHENTICATED', '请先登录后再上传文件');
    if (!PURPOSE_ROLES[purpose].some((r) => rolesOf(ctx.principal).includes(r))) throw new AppError('FORBIDDEN');
    const rule = UPLOAD_PURPOSES[purpose];
    const ext = extOf(name);
    const limits = uploadRuleFor(purpose, ext);
    if (!limits || !limits.contentTypes.includes(contentType.toLowerCase())) {
      throw new AppError('INVALID_INPUT', `文件类型不支持：请上传${rule.label}`);
    }
    if (size > limits.maxBytes) throw new AppError('FILE_TOO_LARGE', `文件不能超过 ${limits.maxBytes / 1024 / 1024} MB`);
    const now = shanghai(ctx.now());
    const day = now.format('YYYYMMDD');
    const ownerTag = ownerTagOf(callerKey);
    await reserveUploadQuota(ctx.db, ownerTag, day, size, now.add(1, 'day').startOf('day').toDate(), rule.quota);
    const cloudPath = uploadCloudPath({ ownerTag, day, uuid: randomUUID(), size, ext });
    const meta = await getUploadMetadata(cloudPath);
    return {
      fileID: meta.fileId,
      url: meta.url,
      fields: { key: cloudPath, Signature: meta.authorization, 'x-cos-security-token': meta.token, 'x-cos-meta-fileid': meta.cosFileId },
      expiresAt: new Date(ctx.now().getTime() + UPLOAD_TICKET_TTL_S * 1000).toISOString(),
      maxBytes: size,
    };
  },
});
