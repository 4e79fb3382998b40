import { commitInChunks, emptySums, ImportCommitError, type ImportChunkResult } from './importCommit';

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

describe('commitInChunks', () => {
  it('commits chunk after chunk, reporting progress, until done', async () => {
    const s = fakeServer(450);
    const seen: number[] = [];
    const r = await commitInChunks(s.chunk, { offset: 0, total: 450, sums: emptySums() }, (p) => void seen.push(p.processed));
    expect(s.calls).toEqual([0, 200, 400]);
    expect(seen).toEqual([200, 400, 450]);
    expect(r).toEqual({ total: 450, sums: { created: 450, updated: 0, transfers: 0 } });
  });

  it('says where to resume after a failure, and resumes there', async () => {
    const s = fakeServer(450, 200);
    const err = await commitInChunks(s.chunk, { offset: 0, total: 450, sums: emptySums() }, () => undefined).catch((e) => e);
    expect(err).toBeInstanceOf(ImportCommitError);
    expect(err.progress).toMatchObject({ offset: 200, sums: { created: 200 } });
    const again = fakeServer(450);
    const r = await commitInChunks(again.chunk, { offset: err.progress.offset, total: 450, sums: err.progress.sums }, () => undefined);
    expect(again.calls).toEqual([200, 400]);
    expect(r?.sums.created).toBe(450);
  });

  it('stops quietly when the page goes away', async () => {
    const s = fakeServer(1000);
    expect(await commitInChunks(s.chunk, { offset: 0, total: 1000, sums: emptySums() }, () => false)).toBeNull();
    expect(s.calls).toEqual([0]);
  });
});
