import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fromEjson, isPlainObject, toEjsonObject, type Doc } from './ejson';
import { CorruptDataError, fsyncDir } from './journal';
import type { Store, WriteOp } from './store';

/**
 * Snapshot file: the whole committed state as JSON lines (a header, one line per document, a
 * trailer with the count). It is written to a temporary file, fsync'd and renamed over the old
 * one, so a reader sees either the previous complete snapshot or the new complete one.
 */

const FORMAT = 'anxue-localdb-snapshot';
const CHUNK_BYTES = 1 << 20;

interface Header {
  format: string;
  version: 1;
  seq: number;
  collections: string[];
}

export async function writeSnapshot(file: string, store: Store): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await fsp.open(tmp, 'w');
  try {
    let chunk: string[] = [];
    let chunkBytes = 0;
    const push = async (line: string) => {
      chunk.push(line);
      chunkBytes += line.length;
      if (chunkBytes >= CHUNK_BYTES) {
        await fh.write(chunk.join(''));
        chunk = [];
        chunkBytes = 0;
      }
    };
    const header: Header = { format: FORMAT, version: 1, seq: store.seq, collections: [...store.collections.keys()] };
    await push(`${JSON.stringify(header)}\n`);
    let count = 0;
    for (const [name, coll] of store.collections) {
      for (const doc of coll.docs.values()) {
        await push(`${JSON.stringify({ c: name, d: toEjsonObject(doc) })}\n`);
        count++;
      }
    }
    await push(`${JSON.stringify({ end: true, count })}\n`);
    if (chunk.length) await fh.write(chunk.join(''));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, file);
  await fsyncDir(path.dirname(file));
}

/** Loads a snapshot into the store; returns its sequence number (0 if there is none). */
export async function readSnapshot(file: string, store: Store): Promise<number> {
  try {
    await fsp.access(file);
  } catch {
    return 0;
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: Header | undefined;
  let count = 0;
  let ended = false;
  let batch: WriteOp[] = [];
  for await (const line of lines) {
    if (ended) throw new CorruptDataError(`snapshot ${file}: data after the trailer`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CorruptDataError(`snapshot ${file}: unreadable line`);
    }
    if (!header) {
      if (!isPlainObject(value) || value.format !== FORMAT || typeof value.seq !== 'number') throw new CorruptDataError(`snapshot ${file}: bad header`);
      header = value as unknown as Header;
      store.apply(header.collections.map((c): WriteOp => ({ t: 'coll', c })), 0);
      continue;
    }
    if (isPlainObject(value) && value.end === true) {
      if (value.count !== count) throw new CorruptDataError(`snapshot ${file}: expected ${String(value.count)} documents, read ${count}`);
      ended = true;
      continue;
    }
    if (!isPlainObject(value) || typeof value.c !== 'string') throw new CorruptDataError(`snapshot ${file}: bad document line`);
    batch.push({ t: 'put', c: value.c, d: fromEjson(value.d, 'snapshot document') as Doc });
    count++;
    if (batch.length >= 10000) {
      store.apply(batch, 0);
      batch = [];
    }
  }
  store.apply(batch, 0);
  if (!header || !ended) throw new CorruptDataError(`snapshot ${file} is incomplete`);
  store.seq = header.seq;
  return header.seq;
}
