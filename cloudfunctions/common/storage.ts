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

/** What `getUploadMetadata` (storage.getUploadMetadata) answers: one object key, signed for a form POST. */
export interface UploadMetadata {
  url: string;
  token: string;
  authorization: string;
  fileId: string;
  cosFileId: string;
}

type TcbRequest = (o: { config: unknown; params: Record<string, unknown>; method: 'post'; headers: Record<string, string> }) => Promise<{ data?: Partial<UploadMetadata>; code?: string; message?: string }>;
let tcbApp: { config: unknown } | null = null;

/**
 * Upload metadata for `cloudPath` from the storage service: the wire action `storage.getUploadMetadata`
 * (`{ path }` → `{ data: { url, token, authorization, fileId, cosFileId } }`) that the CloudBase JS
 * SDK's uploadFile uses for its multipart form POST to COS. wx-server-sdk does not expose it, and
 * @cloudbase/node-sdk 3.17's public `getUploadMetadata` asks for the PUT variant (`method: 'put'`,
 * headers instead of a form — which wx.uploadFile cannot send), so this calls node-sdk's requester
 * (the same signed request every storage call makes) without `method`. Locally the local cloud
 * answers the same action.
 */
export async function getUploadMetadata(cloudPath: string): Promise<UploadMetadata> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tcb = require('@cloudbase/node-sdk') as { init(c: { env: unknown }): { config: unknown }; SYMBOL_CURRENT_ENV: unknown };
  const { request } = require('@cloudbase/node-sdk/dist/utils/tcbapirequester') as { request: TcbRequest };
  /* eslint-enable @typescript-eslint/no-require-imports */
  tcbApp ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const res = await request({ config: tcbApp.config, params: { action: 'storage.getUploadMetadata', path: cloudPath }, method: 'post', headers: { 'content-type': 'application/json' } });
  const d = res?.data;
  if (!d?.url || !d.authorization || !d.fileId || d.cosFileId === undefined || d.token === undefined) {
    throw new Error(`storage.getUploadMetadata failed: ${res?.code ?? ''} ${res?.message ?? ''}`.trim());
  }
  return { url: d.url, token: d.token, authorization: d.authorization, fileId: d.fileId, cosFileId: d.cosFileId };
}

/** How long a study material's download URL lives: long enough for a long video watched in one go. */
export const MATERIAL_URL_TTL_S = 4 * 3600;

/**
 * Short-lived download URLs for stored files (one storage call for all, no database round trip).
 * A file the storage service does not know gets no URL (absent from the map), never an error:
 * the caller shows "unavailable" for that one material.
 */
export async function tempFileUrls(fileIDs: readonly string[], maxAgeS: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(fileIDs.filter(Boolean))];
  if (!unique.length) return out;
  const res = (await getCloud().getTempFileURL({ fileList: unique.map((fileID) => ({ fileID, maxAge: maxAgeS })) })) as {
    fileList?: { fileID: string; tempFileURL?: string; status?: number; code?: string }[];
  };
  for (const f of res?.fileList ?? []) if (f.tempFileURL && (f.status === undefined || f.status === 0)) out.set(f.fileID, f.tempFileURL);
  return out;
}
