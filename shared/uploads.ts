/**
 * Uploads through a function-issued ticket (files.requestUpload), the way CloudBase storage takes
 * them from a browser or a mini-program: the function asks the storage service for upload metadata
 * (`getUploadMetadata`: a COS URL plus a signature and a temporary token for one object key) and the
 * client POSTs a multipart form to that URL. Pure rules here; I/O lives in the clients and functions.
 */

export type UploadPurpose = 'staffImport';

export interface PurposeRule {
  /** Lower-case extensions accepted (the name's last one). */
  exts: readonly string[];
  /** Content types a client may declare (browsers send '' or octet-stream for some files). */
  contentTypes: readonly string[];
  maxBytes: number;
  /** Short Chinese description for messages. */
  label: string;
}

const MB = 1024 * 1024;
const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'text/csv',
  'application/csv',
  'application/octet-stream',
  '',
] as const;

/**
 * What each purpose may upload. Course materials (video/pdf/image), evidence photos and question
 * banks get their own entries (and their own limits) when those features land.
 */
export const UPLOAD_PURPOSES: Record<UploadPurpose, PurposeRule> = {
  staffImport: { exts: ['xlsx', 'xls', 'csv'], contentTypes: SPREADSHEET_TYPES, maxBytes: 20 * MB, label: '员工导入表格（.xlsx/.xls/.csv）' },
};

/** What one caller (console account or worker) may upload per day (Asia/Shanghai), over all purposes. */
export const UPLOAD_QUOTA_FILES = 100;
export const UPLOAD_QUOTA_BYTES = 50 * MB;
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
