import { deflateRawSync, inflateRawSync } from 'zlib';
import { writeZip, zeroBomb } from '../scripts/testing/zipFixtures';
import { checkZip, type ZipLimits } from './zipGuard';

const LIMITS: ZipLimits = { maxEntries: 20, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };
const text = (s: string) => new Uint8Array(Buffer.from(s));
const deflated = (s: string) => new Uint8Array(deflateRawSync(Buffer.from(s)));

describe('zeroBomb (test helper)', () => {
  it('is a valid stream of the stated size', async () => {
    expect(inflateRawSync(await zeroBomb(3)).length).toBe(3 * 1024 * 1024);
    expect((await zeroBomb(64)).length).toBeLessThan(80 * 1024);
  });
});

describe('checkZip', () => {
  it('accepts an honest archive (stored and deflated) and reports its inflated size', () => {
    const zip = writeZip([
      { name: 'a.xml', payload: deflated('<a>hello</a>'), usz: 12 },
      { name: 'b.txt', payload: text('plain'), method: 0, usz: 5 },
    ]);
    expect(checkZip(zip, LIMITS)).toEqual({ ok: true, entries: 2, totalBytes: 17 });
  });

  it('refuses by declared sizes, without inflating: one entry, the total, the entry count', () => {
    const big = writeZip([{ name: 'x', payload: deflated('x'), usz: 1024 * 1024 * 1024 }]);
    expect(checkZip(big, LIMITS)).toMatchObject({ ok: false, tooLarge: true });
    const half = (n: string) => ({ name: n, payload: deflated('x'), usz: 900 * 1024 });
    expect(checkZip(writeZip([half('a'), half('b'), half('c')]), LIMITS)).toMatchObject({ ok: false, tooLarge: true });
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, payload: text(''), method: 0 as const, usz: 0 }));
    expect(checkZip(writeZip(many), LIMITS)).toMatchObject({ ok: false, tooLarge: true });
  });

  it('stops a lying entry as soon as it inflates past its declared size (1 GiB hidden in 1 MiB)', async () => {
    const bomb = await zeroBomb(1024);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    // How fast it stops is measured by `npm run bench`, never by a timed assertion here.
    const r = checkZip(writeZip([{ name: 'xl/worksheets/sheet1.xml', payload: bomb, usz: 1000 }]), LIMITS);
    expect(r).toMatchObject({ ok: false, tooLarge: false });
  });

  it('checks entries whose local header defers the sizes to a data descriptor', async () => {
    const bomb = await zeroBomb(64);
    const deferred = writeZip([{ name: 's.xml', payload: bomb, usz: 1000, flags: 8, localCsz: 0, localUsz: 0 }]);
    expect(checkZip(deferred, LIMITS)).toMatchObject({ ok: false });
    const honest = writeZip([{ name: 's.xml', payload: deflated('<a/>'), usz: 4, flags: 8, localCsz: 0, localUsz: 0 }]);
    expect(checkZip(honest, LIMITS)).toMatchObject({ ok: true });
  });

  it('refuses local headers that disagree with the central directory, and streams that outrun their entry', () => {
    // SheetJS trusts the local header: a small central size must not hide a huge local one.
    const lying = writeZip([{ name: 's.xml', payload: deflated('<a/>'), usz: 4, localUsz: 1024 * 1024 * 1024 }]);
    expect(checkZip(lying, LIMITS)).toMatchObject({ ok: false });
    // A zero-length deflate entry would make SheetJS inflate whatever follows it.
    const empty = writeZip([{ name: 'e', payload: new Uint8Array(0), usz: 0 }]);
    expect(checkZip(empty, LIMITS)).toMatchObject({ ok: false });
    const full = deflated('<a>hello</a>');
    const short = writeZip([{ name: 's', payload: full, csz: full.length - 3, usz: 12 }]);
    expect(checkZip(short, LIMITS)).toMatchObject({ ok: false });
  });

  it('refuses encryption, unknown methods, ZIP64 markers and garbage', () => {
    expect(checkZip(writeZip([{ name: 'a', payload: deflated('a'), usz: 1, flags: 1 }]), LIMITS)).toMatchObject({ ok: false });
    expect(checkZip(writeZip([{ name: 'a', payload: text('a'), usz: 1, method: 12 as 0 }]), LIMITS)).toMatchObject({ ok: false });
    expect(checkZip(writeZip([{ name: 'a', payload: text('a'), usz: 0xffffffff, method: 0 }]), LIMITS)).toMatchObject({ ok: false, tooLarge: true });
    expect(checkZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), LIMITS)).toMatchObject({ ok: false, tooLarge: false });
    expect(checkZip(new Uint8Array(0), LIMITS)).toMatchObject({ ok: false });
  });
});
