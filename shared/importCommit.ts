/**
 * The client side of a staff import commit, shared by the console and the mini-program: commit the
 * file chunk by chunk (each call is short and idempotent), report progress after every chunk, and on
 * failure say where to resume (re-running a chunk changes nothing, so 重试 continues from there).
 */
import type { ImportCredential } from './contracts/imports';

/** The server accepts at most 100 rows a call (every new account's password is hashed at full cost). */
export const IMPORT_CHUNK_ROWS = 100;

export interface ImportSums {
  created: number;
  updated: number;
  /** Rows not written because the person is not staff here (ImportPlan.elsewhere). */
  skipped: number;
  /** @deprecated old servers turned such rows into transfer requests; 0 from current servers. */
  transfers: number;
  /** One-time passwords of created accounts, in commit order: shown once, so kept across a resume. */
  credentials: ImportCredential[];
}

/**
 * One chunk's answer: ImportCommitResult from current servers; `skipped`/`credentials` are optional
 * and `transfers` accepted so older servers (and callers' fakes) still fit.
 */
export interface ImportChunkResult {
  processed: number;
  total: number;
  done: boolean;
  created: number;
  updated: number;
  skipped?: number;
  transfers?: number;
  credentials?: ImportCredential[];
}

export interface ImportProgress {
  offset: number;
  processed: number;
  total: number;
  sums: ImportSums;
}

export class ImportCommitError extends Error {
  constructor(
    public readonly failure: unknown,
    public readonly progress: ImportProgress,
  ) {
    super('import commit failed');
  }
}

export const emptySums = (): ImportSums => ({ created: 0, updated: 0, skipped: 0, transfers: 0, credentials: [] });

/** Sums saved by an older client version may lack the newer fields. */
const normalise = (s: Partial<ImportSums>): ImportSums => ({
  created: s.created ?? 0,
  updated: s.updated ?? 0,
  skipped: s.skipped ?? 0,
  transfers: s.transfers ?? 0,
  credentials: [...(s.credentials ?? [])],
});

const copy = (s: ImportSums): ImportSums => ({ ...s, credentials: [...s.credentials] });

/**
 * Runs chunks from `from.offset` until done. `onProgress` returning false stops quietly (the page
 * went away). Resolves with the final sums, or null when stopped; rejects with ImportCommitError.
 */
export async function commitInChunks(
  commitChunk: (offset: number, limit: number) => Promise<ImportChunkResult>,
  from: { offset: number; sums: Partial<ImportSums>; total: number; /** Rows a call (default IMPORT_CHUNK_ROWS). */ chunkRows?: number },
  onProgress: (p: ImportProgress) => boolean | void,
): Promise<{ total: number; sums: ImportSums } | null> {
  let offset = from.offset;
  let total = from.total;
  const sums = normalise(from.sums);
  for (;;) {
    let r: ImportChunkResult;
    try {
      r = await commitChunk(offset, from.chunkRows ?? IMPORT_CHUNK_ROWS);
    } catch (e) {
      throw new ImportCommitError(e, { offset, processed: offset, total, sums: copy(sums) });
    }
    sums.created += r.created;
    sums.updated += r.updated;
    sums.skipped += r.skipped ?? 0;
    sums.transfers += r.transfers ?? 0;
    if (r.credentials?.length) sums.credentials.push(...r.credentials);
    offset = r.processed;
    total = r.total;
    if (onProgress({ offset, processed: r.processed, total, sums: copy(sums) }) === false) return null;
    if (r.done) return { total, sums };
  }
}
