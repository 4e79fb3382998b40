/**
 * Checks an untrusted ZIP (an .xlsx) before any spreadsheet library inflates it: a 1 MB file can
 * declare or hide 1 GB of content (a "zip bomb"). Pure TypeScript (console and functions alike).
 *
 * 1. The declared sizes, from the central directory and from each local header (SheetJS trusts the
 *    local header): entry count, each entry and the total against the limits; ZIP64, encryption and
 *    unknown methods are refused.
 * 2. Each compressed entry is inflated by a streaming inflater that is stopped as soon as it yields
 *    more than its declared size (a lying header), and must yield exactly that size, so the library
 *    that reads the file afterwards never allocates or decodes more than the limits allow.
 *
 * Memory stays at about one 16 KB input chunk and the inflater's window: output is counted, not kept.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** A lower limit for some entries (by path, e.g. an xlsx's shared strings), if any. */
  maxBytesOf?: (path: string) => number | undefined;
}

export type ZipCheck =
  | { ok: true; entries: number; totalBytes: number }
  /** tooLarge: within the format but beyond the limits; otherwise malformed or unsupported. */
  | { ok: false; tooLarge: boolean; reason: string };

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const CHUNK = 16 * 1024;

class Refused extends Error {
  constructor(
    readonly tooLarge: boolean,
    reason: string,
  ) {
    super(reason);
  }
}
const invalid = (reason: string): never => {
  throw new Refused(false, reason);
};
const tooLarge = (reason: string): never => {
  throw new Refused(true, reason);
};

export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
  try {
    return { ok: true, ...scan(bytes, limits) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, tooLarge: e.tooLarge, reason: e.message };
    return { ok: false, tooLarge: false, reason: 'corrupt zip' };
  }
}

function scan(b: Uint8Array, limits: ZipLimits): { entries: number; totalBytes: number } {
  const u16 = (at: number) => {
    if (at < 0 || at + 2 > b.length) invalid('truncated');
    return b[at] | (b[at + 1] << 8);
  };
  const u32 = (at: number) => {
    if (at < 0 || at + 4 > b.length) invalid('truncated');
    return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
  };
  const hasZip64 = (from: number, len: number) => {
    for (let p = from; p + 4 <= from + len; ) {
      if (u16(p) === ZIP64_EXTRA) return true;
      p += 4 + u16(p + 2);
    }
    return false;
  };

  // The end-of-central-directory record, found as SheetJS finds it: the last signature in the file.
  let eocd = b.length - 4;
  while (eocd >= 0 && !(b[eocd] === 0x50 && b[eocd + 1] === 0x4b && b[eocd + 2] === 0x05 && b[eocd + 3] === 0x06)) eocd--;
  if (eocd < 0 || u32(eocd) !== SIG_EOCD || eocd + 22 > b.length) invalid('no end of central directory');
  const count = u16(eocd + 8);
  const cdStart = u32(eocd + 16);
  if (count === 0xffff || cdStart === 0xffffffff) tooLarge('zip64');
  if (count > limits.maxEntries) tooLarge(`${count} entries`);

  // Pass 1: every declared size, before inflating anything.
  const deflated: { start: number; csz: number; usz: number }[] = [];
  let total = 0;
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    if (u32(p) !== SIG_CENTRAL) invalid('bad central directory');
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const csz = u32(p + 20);
    const usz = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const offset = u32(p + 42);
    if (hasZip64(p + 46 + nameLen, extraLen) || csz === 0xffffffff || usz === 0xffffffff) tooLarge('zip64');
    if (flags & 0x2041) invalid('encrypted');
    if (method !== 0 && method !== 8) invalid(`method ${method}`);
    if (usz > limits.maxEntryBytes) tooLarge(`entry of ${usz} bytes`);
    total += usz;
    if (total > limits.maxTotalBytes) tooLarge(`${total} bytes in all`);

    // The local header is what SheetJS reads: its sizes and extra field must agree.
    if (u32(offset) !== SIG_LOCAL) invalid('bad local header');
    const lFlags = u16(offset + 6);
    const lMethod = u16(offset + 8);
    const lCsz = u32(offset + 18);
    const lUsz = u32(offset + 22);
    const lNameLen = u16(offset + 26);
    const lExtraLen = u16(offset + 28);
    if (lFlags & 0x2041) invalid('encrypted');
    if (lMethod !== method) invalid('method mismatch');
    // Names as SheetJS reads them (one char per byte, from the local header); both copies must agree.
    let name = '';
    for (let k = 0; k < lNameLen; k++) name += String.fromCharCode(b[offset + 30 + k] ?? invalid('truncated'));
    if (lNameLen !== nameLen || b.subarray(p + 46, p + 46 + nameLen).some((c, k) => c !== name.charCodeAt(k))) invalid('name mismatch');
    const own = limits.maxBytesOf?.(name);
    if (own !== undefined && usz > own) tooLarge(`${name}: ${usz} bytes`);
    if (hasZip64(offset + 30 + lNameLen, lExtraLen)) tooLarge('zip64');
    // Sizes may be zero in the local header when a data descriptor follows (bit 3); else they must match.
    const deferred = (lFlags & 8) !== 0 && lCsz === 0 && lUsz === 0;
    if (!deferred && (lCsz !== csz || lUsz !== usz)) invalid('size mismatch');
    const dataStart = offset + 30 + lNameLen + lExtraLen;
    if (dataStart + csz > b.length) invalid('entry beyond end of file');
    if (method === 0) {
      if (csz !== usz) invalid('stored size mismatch');
    } else {
      // SheetJS inflates from the data start to the end of the deflate stream, whatever csz says:
      // the stream must end inside the entry (an empty one is 2 bytes), with exactly usz bytes out.
      if (csz < 2) invalid('empty deflate entry');
      deflated.push({ start: dataStart, csz, usz });
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  // Pass 2: what the entries really hold, each stopped at its declared size.
  for (const e of deflated) if (inflatedSize(b.subarray(e.start, e.start + e.csz), e.usz) !== e.usz) invalid('inflated size mismatch');
  return { entries: count, totalBytes: total };
}

/** Inflates raw deflate data, counting output; stops at `limit` + 1 bytes. Throws on a broken stream. */
function inflatedSize(data: Uint8Array, limit: number): number {
  let out = 0;
  const inflater = new Inflate((chunk) => {
    out += chunk.length;
    if (out > limit) throw new Refused(false, 'entry inflates beyond its declared size');
  });
  for (let i = 0; i < data.length; i += CHUNK) inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
  return out;
}
