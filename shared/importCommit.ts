/**
 * The client side of a staff import commit, shared by the console and the mini-program: commit the
 * file chunk by chunk (each call is short and idempotent), report progress after every chunk, and on
 * failure say where to resume (re-running a chunk changes nothing, so 重试 continues from there).
 */
export const IMPORT_CHUNK_ROWS = 200;

export interface ImportSums {
  created: number;
  updated: number;
  transfers: number;
}

export interface ImportChunkResult extends ImportSums {
  processed: number;
  total: number;
  done: boolean;
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

export const emptySums = (): ImportSums => ({ created: 0, updated: 0, transfers: 0 });

/**
 * Runs chunks from `from.offset` until done. `onProgress` returning false stops quietly (the page
 * went away). Resolves with the final sums, or null when stopped; rejects with ImportCommitError.
 */
export async function commitInChunks(
  commitChunk: (offset: number, limit: number) => Promise<ImportChunkResult>,
  from: { offset: number; sums: ImportSums; total: number },
  onProgress: (p: ImportProgress) => boolean | void,
): Promise<{ total: number; sums: ImportSums } | null> {
  let offset = from.offset;
  let total = from.total;
  const sums = { ...from.sums };
  for (;;) {
    let r: ImportChunkResult;
    try {
      r = await commitChunk(offset, IMPORT_CHUNK_ROWS);
    } catch (e) {
      throw new ImportCommitError(e, { offset, processed: offset, total, sums: { ...sums } });
    }
    sums.created += r.created;
    sums.updated += r.updated;
    sums.transfers += r.transfers;
    offset = r.processed;
    total = r.total;
    if (onProgress({ offset, processed: r.processed, total, sums: { ...sums } }) === false) return null;
    if (r.done) return { total, sums };
  }
}
