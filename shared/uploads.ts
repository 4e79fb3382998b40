/**
 * Uploads through a function-issued ticket (files.requestUpload), the way CloudBase storage takes
 * them from a browser or a mini-program: the function asks the storage service for upload metadata
 * (`getUploadMetadata`: a COS URL plus a signature and a temporary token for one object key) and the
 * client POSTs a multipart form to that URL. Pure rules here; I/O lives in the clients and functions.
 */

export type UploadPurpose = 'staffImport' | 'courseMaterial' | 'offlineEvidence' | 'questionImport' | 'scoreUpload' | 'baselineImport';

export interface PurposeRule {
  /** Lower-case extensions accepted (the name's last one). */
  exts: readonly string[];
  /** Content types a client may declare (browsers send '' or octet-stream for some files). */
  contentTypes: readonly string[];
  maxBytes: number;
  /** Short Chinese description for messages. */
  label: string;
  /** Narrower limits per extension (a course video may be far bigger than a cover image). */
  byExt?: Readonly<Record<string, { maxBytes: number; contentTypes: readonly string[] }>>;
  /** Which daily quota the upload counts against (default: the general one). */
  quota?: UploadQuotaKind;
}

export type UploadQuotaKind = 'general' | 'media';
/** Per caller and Shanghai day. Course media get their own, larger allowance (a video alone may be 200 MB). */
export const UPLOAD_QUOTAS: Record<UploadQuotaKind, { files: number; bytes: number; idPrefix: string }> = {
  general: { files: 100, bytes: 50 * 1024 * 1024, idPrefix: 'uq' },
  media: { files: 100, bytes: 2048 * 1024 * 1024, idPrefix: 'uqm' },
};

const MB = 1024 * 1024;
const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'text/csv',
  'application/csv',
  'application/octet-stream',
  '',
] as const;

const LOOSE = ['application/octet-stream', ''] as const;
const IMAGE = { jpg: { maxBytes: 5 * MB, contentTypes: ['image/jpeg', ...LOOSE] }, jpeg: { maxBytes: 5 * MB, contentTypes: ['image/jpeg', ...LOOSE] }, png: { maxBytes: 5 * MB, contentTypes: ['image/png', ...LOOSE] } };
const PDF = { maxBytes: 30 * MB, contentTypes: ['application/pdf', ...LOOSE] };

/**
 * What each purpose may upload. Question-bank imports and offline exam scores: .xlsx or UTF-8 .csv
 * (the exam function reads them with the same guarded reader as the staff import).
 * Course materials: MP4 video ≤ 200 MB, PDF ≤ 30 MB, JPG/PNG (covers, article images) ≤ 5 MB.
 * Offline-training evidence: photos and scanned sign-in sheets.
 */
export const UPLOAD_PURPOSES: Record<UploadPurpose, PurposeRule> = {
  staffImport: { exts: ['xlsx', 'xls', 'csv'], contentTypes: SPREADSHEET_TYPES, maxBytes: 20 * MB, label: '员工导入表格（.xlsx/.xls/.csv）' },
  courseMaterial: {
    exts: ['mp4', 'pdf', 'jpg', 'jpeg', 'png'],
    contentTypes: ['video/mp4', 'application/pdf', 'image/jpeg', 'image/png', ...LOOSE],
    maxBytes: 200 * MB,
    label: '课程资料（MP4视频不超过200MB、PDF不超过30MB、JPG/PNG图片不超过5MB）',
    byExt: { mp4: { maxBytes: 200 * MB, contentTypes: ['video/mp4', ...LOOSE] }, pdf: PDF, ...IMAGE },
    quota: 'media',
  },
  offlineEvidence: {
    exts: ['jpg', 'jpeg', 'png', 'pdf'],
    contentTypes: ['application/pdf', 'image/jpeg', 'image/png', ...LOOSE],
    maxBytes: 30 * MB,
    label: '培训佐证材料（JPG/PNG图片不超过5MB、PDF不超过30MB）',
    byExt: { pdf: PDF, ...IMAGE },
  },
  questionImport: { exts: ['xlsx', 'csv'], contentTypes: SPREADSHEET_TYPES, maxBytes: 5 * MB, label: '题库导入表格（.xlsx/.csv，不超过5MB）' },
  scoreUpload: { exts: ['xlsx', 'csv'], contentTypes: SPREADSHEET_TYPES, maxBytes: 2 * MB, label: '考试成绩表格（.xlsx/.csv，不超过2MB）' },
  /** 基础名单 (市场主体名单, 社保缴纳名单): regulators; read by the imports function (shared/baselineSheet.ts). */
  baselineImport: { exts: ['xlsx', 'csv'], contentTypes: SPREADSHEET_TYPES, maxBytes: 5 * MB, label: '基础名单表格（.xlsx/.csv，不超过5MB）' },
};

/** What the exam function's reader accepts of each spreadsheet purpose (the ticket's limits, read back). */
export const SHEET_UPLOAD_MAX_BYTES = { questionImport: 5 * MB, scoreUpload: 2 * MB } as const;

/** The limits for one file of a purpose, by its extension; null when the purpose does not take it. */
export function uploadRuleFor(purpose: UploadPurpose, ext: string): { maxBytes: number; contentTypes: readonly string[] } | null {
  const rule = UPLOAD_PURPOSES[purpose];
  if (!rule.exts.includes(ext)) return null;
  return rule.byExt?.[ext] ?? { maxBytes: rule.maxBytes, contentTypes: rule.contentTypes };
}

/** Extensions a stored course / evidence file must have, by where it is used. */
export const FILE_EXTS = { video: ['mp4'], document: ['pdf'], image: ['jpg', 'jpeg', 'png'], evidence: ['jpg', 'jpeg', 'png', 'pdf'] } as const;

/** What one caller (console account or worker) may upload per day (Asia/Shanghai), over all purposes. */
export const UPLOAD_QUOTA_FILES = UPLOAD_QUOTAS.general.files;
export const UPLOAD_QUOTA_BYTES = UPLOAD_QUOTAS.general.bytes;
/** How long a ticket may be used (the local cloud's COS emulation refuses it afterwards). */
export const UPLOAD_TICKET_TTL_S = 600;

/** The file name's extension, lower-case, or ''. */
export const extOf = (name: string): string => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
};

/**
 * `uploads/<ownerTag>/<yyyymmdd>/<uuid>-<declaredBytes>.<ext>`: the caller (a keyed tag, not its id)
 * and the size it declared are part of the signed key, so a function can tell, from the fileID
 * alone, who uploaded a file and whether it is bigger than declared.
 */
export function uploadCloudPath(p: { ownerTag: string; day: string; uuid: string; size: number; ext: string }): string {
  return `uploads/${p.ownerTag}/${p.day}/${p.uuid}-${p.size}.${p.ext}`;
}

const PATH_RE = /^uploads\/([a-z0-9]{8,64})\/(\d{8})\/([a-f0-9-]{16,40})-(\d{1,10})\.([a-z0-9]{1,8})$/;

export interface ParsedUpload {
  cloudPath: string;
  ownerTag: string;
  day: string;
  declaredBytes: number;
  ext: string;
}

/** The cloud path inside a fileID `cloud://<env>.<bucket>/<path>` (or a bare path); null if not an upload. */
export function parseUploadFileId(fileID: string): ParsedUpload | null {
  const m = /^cloud:\/\/[^/\s]+\/(.+)$/.exec(fileID);
  const cloudPath = m ? m[1] : fileID;
  const p = PATH_RE.exec(cloudPath);
  if (!p) return null;
  return { cloudPath, ownerTag: p[1], day: p[2], declaredBytes: Number(p[4]), ext: p[5] };
}

/** The multipart form a ticket asks for (COS POST Object), file last. */
export interface UploadTicket {
  fileID: string;
  url: string;
  fields: Record<string, string>;
  /** ISO time after which the ticket is refused. */
  expiresAt: string;
  maxBytes: number;
}
