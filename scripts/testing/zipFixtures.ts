/** Hostile ZIP files for tests of the spreadsheet guards (node only). */
import * as XLSX from 'xlsx';
import { constants, createDeflateRaw, deflateRawSync } from 'zlib';

/** A ZIP writer for hostile test files: every header field can lie. */
export interface TestEntry {
  name: string;
  /** The payload as stored (already deflated for method 8). */
  payload: Uint8Array;
  method?: 0 | 8;
  /** Declared sizes (central directory and local header unless overridden). */
  csz?: number;
  usz: number;
  localCsz?: number;
  localUsz?: number;
  flags?: number;
}

export function writeZip(entries: TestEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const csz = e.csz ?? e.payload.length;
    const method = e.method ?? 8;
    const flags = e.flags ?? 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(e.localCsz ?? csz, 18);
    lh.writeUInt32LE(e.localUsz ?? e.usz, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(csz, 20);
    ch.writeUInt32LE(e.usz, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    const local = Buffer.concat([lh, name, Buffer.from(e.payload)]);
    locals.push(local);
    centrals.push(Buffer.concat([ch, name]));
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

/**
 * A raw deflate stream of `mb` MiB of zeros (about 1 KiB per MiB), built without ever holding the
 * zeros: the block that zlib emits for one MiB of zeros after a sync flush, once the history is
 * all zeros, is valid again after itself; it is repeated, then an empty final block closes the stream.
 */
export async function zeroBomb(mb: number): Promise<Uint8Array> {
  const MiB = Buffer.alloc(1024 * 1024);
  const d = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  const flushed = async () => {
    await new Promise<void>((resolve) => d.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    const out = Buffer.concat(chunks);
    chunks.length = 0;
    return out;
  };
  d.write(MiB);
  const first = await flushed();
  d.write(MiB);
  const steady = await flushed();
  d.destroy();
  const parts: Buffer[] = [first];
  for (let i = 1; i < mb; i++) parts.push(steady);
  parts.push(Buffer.from([0x03, 0x00])); // an empty final block (fixed Huffman: end-of-block only)
  return new Uint8Array(Buffer.concat(parts));
}

/** The entries of a ZIP (paths without SheetJS's "Root Entry/" prefix → bytes), read with SheetJS's CFB. */
export function zipEntries(zip: Uint8Array): Map<string, Uint8Array> {
  const cfb = XLSX.CFB.read(zip, { type: 'array' });
  const out = new Map<string, Uint8Array>();
  cfb.FullPaths.forEach((p: string, i: number) => {
    const e = cfb.FileIndex[i];
    if (e.type === 2 && e.content) out.set(p.replace(/^Root Entry\//, ''), new Uint8Array(e.content as ArrayLike<number>));
  });
  return out;
}

/** An xlsx rebuilt (deflated, honest headers) with some entries replaced: `deflated` ones are taken as given raw streams. */
export function rebuildXlsx(base: Uint8Array, replace: Record<string, Uint8Array | { deflated: Uint8Array; usz: number }> = {}): Uint8Array {
  const entries: TestEntry[] = [];
  for (const [name, content] of zipEntries(base)) {
    if (name.endsWith('Sh33tJ5')) continue; // SheetJS's marker entry
    const r = replace[name];
    if (r && 'deflated' in r) entries.push({ name, payload: r.deflated, usz: r.usz });
    else {
      const data = r ?? content;
      entries.push({ name, payload: new Uint8Array(deflateRawSync(data)), usz: data.length });
    }
  }
  return writeZip(entries);
}
