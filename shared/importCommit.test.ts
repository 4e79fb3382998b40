import { commitInChunks, emptySums, ImportCommitError, IMPORT_CHUNK_ROWS, type ImportChunkResult } from './importCommit';
import type { ImportCommitResult } from './contracts/imports';

const fakeServer = (total: number, failAt?: number) => {
  const calls: number[] = [];
  return {
    calls,
    chunk: async (offset: number, limit: number): Promise<ImportChunkResult> => {
      calls.push(offset);
      if (offset === failAt) throw new Error('network');
      const processed = Math.min(total, offset + limit);
      return { processed, total, done: processed >= total, created: processed - offset, updated: 0, transfers: 0 };
    },
  };
};

/** A current server: every 10th row is skipped (not staff here), the others are created with a password. */
const currentServer = (total: number, failAt?: number) => {
  const calls: number[] = [];
  return {
    calls,
    chunk: async (offset: number, limit: number): Promise<ImportCommitResult> => {
      calls.push(offset);
      if (offset === failAt) throw new Error('network');
      const processed = Math.min(total, offset + limit);
      const rows = Array.from({ length: processed - offset }, (_, i) => offset + i + 2);
      const skippedRows = rows.filter((r) => r % 10 === 0);
      const created = rows.filter((r) => r % 10 !== 0);
      return {
        processed,
        total,
        done: processed >= total,
        created: created.length,
        updated: 0,
        skipped: skippedRows.length,
        credentials: created.map((row) => ({ row, name: `员工${row}`, idMasked: '1101**********0011', oneTimePassword: `pw${row}` })),
      };
    },
  };
};

describe('commitInChunks', () => {
  it('asks for at most 100 rows a call (the server limit)', () => {
    expect(IMPORT_CHUNK_ROWS).toBeLessThanOrEqual(100);
  });

  it('commits chunk after chunk, reporting progress, until done', async () => {
    const s = fakeServer(250);
    const seen: number[] = [];
    const r = await commitInChunks(s.chunk, { offset: 0, total: 250, sums: emptySums() }, (p) => void seen.push(p.processed));
    expect(s.calls).toEqual([0, 100, 200]);
    expect(seen).toEqual([100, 200, 250]);
    expect(r).toEqual({ total: 250, sums: { created: 250, updated: 0, skipped: 0, transfers: 0, credentials: [] } });
  });

  it('accumulates one-time passwords and sums skipped rows over chunks', async () => {
    const s = currentServer(250);
    const r = await commitInChunks(s.chunk, { offset: 0, total: 250, sums: emptySums() }, () => undefined);
    expect(r?.sums.skipped).toBe(25);
    expect(r?.sums.created).toBe(225);
    expect(r?.sums.credentials).toHaveLength(225);
    expect(r?.sums.credentials.map((c) => c.row)).toEqual(Array.from({ length: 250 }, (_, i) => i + 2).filter((x) => x % 10 !== 0));
    expect(r?.sums.credentials[0]).toEqual({ row: 2, name: '员工2', idMasked: '1101**********0011', oneTimePassword: 'pw2' });
  });

  it('progress snapshots are copies (a later chunk does not change what was reported)', async () => {
    const s = currentServer(150);
    const seen: number[] = [];
    const snapshots: { credentials: unknown[] }[] = [];
    await commitInChunks(s.chunk, { offset: 0, total: 150, sums: emptySums() }, (p) => {
      seen.push(p.sums.credentials.length);
      snapshots.push(p.sums);
    });
    expect(snapshots.map((x) => x.credentials.length)).toEqual(seen);
  });

  it('says where to resume after a failure, and resumes there keeping the passwords already shown by the server', async () => {
    const s = currentServer(250, 100);
    const err = await commitInChunks(s.chunk, { offset: 0, total: 250, sums: emptySums() }, () => undefined).catch((e) => e);
    expect(err).toBeInstanceOf(ImportCommitError);
    expect(err.progress).toMatchObject({ offset: 100, sums: { created: 90, skipped: 10 } });
    expect(err.progress.sums.credentials).toHaveLength(90);
    const again = currentServer(250);
    const r = await commitInChunks(again.chunk, { offset: err.progress.offset, total: 250, sums: err.progress.sums }, () => undefined);
    expect(again.calls).toEqual([100, 200]);
    expect(r?.sums.created).toBe(225);
    expect(r?.sums.credentials).toHaveLength(225);
  });

  it('still takes sums from an older client (no skipped/credentials)', async () => {
    const s = fakeServer(150);
    const r = await commitInChunks(s.chunk, { offset: 100, total: 150, sums: { created: 100, updated: 0, transfers: 0 } }, () => undefined);
    expect(r?.sums).toEqual({ created: 150, updated: 0, skipped: 0, transfers: 0, credentials: [] });
  });

  it('stops quietly when the page goes away', async () => {
    const s = fakeServer(1000);
    expect(await commitInChunks(s.chunk, { offset: 0, total: 1000, sums: emptySums() }, () => false)).toBeNull();
    expect(s.calls).toEqual([0]);
  });
});
