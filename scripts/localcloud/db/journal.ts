import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fromEjson, isPlainObject, toEjsonObject } from './ejson';
import type { WriteOp } from './store';

/**
 * Append-only journal: one JSON line per committed write or transaction commit, holding full
 * post-images (so replaying a record twice is harmless). A record is written and fdatasync'd
 * before the write is acknowledged. A crash can leave only the last line incomplete; loading
 * drops such a tail and truncates the file so later appends start on a clean line.
 */

export interface JournalRecord {
  seq: number;
  ops: WriteOp[];
}

export class CorruptDataError extends Error {
  override name = 'CorruptDataError';
}

export function encodeRecord(record: JournalRecord): string {
  return `${JSON.stringify(toEjsonObject(record))}\n`;
}

export function decodeRecord(line: string): JournalRecord {
  const value = fromEjson(JSON.parse(line), 'journal record');
  if (!isPlainObject(value) || typeof value.seq !== 'number' || !Array.isArray(value.ops)) throw new Error('not a journal record');
  return value as unknown as JournalRecord;
}

export interface JournalContents {
  records: JournalRecord[];
  /** Bytes of an incomplete last line that were dropped. */
  droppedBytes: number;
}

/** Reads every complete record; an unreadable last line is a torn write and is cut off the file. */
export async function readJournal(file: string): Promise<JournalContents> {
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], droppedBytes: 0 };
    throw e;
  }
  const records: JournalRecord[] = [];
  let start = 0;
  let lastSeq = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    const isLast = nl === -1 || (buf.indexOf(0x0a, nl + 1) === -1 && isBlank(buf, nl + 1));
    let record: JournalRecord | undefined;
    if (nl !== -1) {
      try {
        record = decodeRecord(buf.toString('utf8', start, end));
      } catch {
        record = undefined;
      }
    }
    if (!record) {
      // Only the tail may be damaged (a write interrupted by a crash was never acknowledged).
      if (!isLast) throw new CorruptDataError(`journal ${file} is corrupt at byte ${start} (not at its end)`);
      await truncateFile(file, start);
      return { records, droppedBytes: buf.length - start };
    }
    if (record.seq <= lastSeq) throw new CorruptDataError(`journal ${file}: sequence ${record.seq} after ${lastSeq}`);
    lastSeq = record.seq;
    records.push(record);
    start = nl + 1;
  }
  return { records, droppedBytes: 0 };
}

function isBlank(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0 && buf[i] !== 0x20) return false;
  return true;
}

async function truncateFile(file: string, size: number): Promise<void> {
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.truncate(size);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes a new directory entry (created or renamed file) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export class Journal {
  private broken = false;

  private constructor(
    private readonly fh: fsp.FileHandle,
    /** Current size in bytes. */
    public size: number,
    public records: number,
  ) {}

  static async open(file: string, records: number): Promise<Journal> {
    const existed = await fsp.stat(file).then(() => true, () => false);
    const fh = await fsp.open(file, 'a');
    if (!existed) await fsyncDir(path.dirname(file));
    const { size } = await fh.stat();
    return new Journal(fh, size, records);
  }

  /** Appends one record and waits until it is on disk. */
  async append(record: JournalRecord): Promise<void> {
    if (this.broken) throw new Error('journal is unusable after a failed write; restart the database');
    const buf = Buffer.from(encodeRecord(record), 'utf8');
    try {
      let written = 0;
      while (written < buf.length) {
        const { bytesWritten } = await this.fh.write(buf, written, buf.length - written);
        written += bytesWritten;
      }
      await this.fh.datasync();
    } catch (e) {
      // Leave no partial line behind, or the next record would follow garbage.
      await this.fh.truncate(this.size).catch(() => {
        this.broken = true;
      });
      throw e;
    }
    this.size += buf.length;
    this.records++;
  }

  /** Empties the journal once a snapshot holds everything in it. */
  async reset(): Promise<void> {
    await this.fh.truncate(0);
    await this.fh.sync();
    this.size = 0;
    this.records = 0;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
