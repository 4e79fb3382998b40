import { qrMatrix, rowRuns } from './qr';

describe('qrMatrix', () => {
  it('encodes a verification URL in a small symbol with finder patterns in three corners', () => {
    const m = qrMatrix('https://console.example.cn/admin/#/verify?code=AB23CD45');
    expect(m.size).toBeGreaterThanOrEqual(21);
    expect(m.size).toBeLessThanOrEqual(41);
    expect((m.size - 17) % 4).toBe(0);
    // Finder pattern: a dark 7×7 ring with a dark 3×3 centre, top-left, top-right, bottom-left.
    for (const [r0, c0] of [[0, 0], [0, m.size - 7], [m.size - 7, 0]]) {
      for (let i = 0; i < 7; i++) {
        expect(m.dark[r0][c0 + i]).toBe(true);
        expect(m.dark[r0 + 6][c0 + i]).toBe(true);
        expect(m.dark[r0 + i][c0]).toBe(true);
      }
      expect(m.dark[r0 + 1][c0 + 1]).toBe(false);
      expect(m.dark[r0 + 3][c0 + 3]).toBe(true);
    }
  });

  it('is deterministic and differs for different codes', () => {
    const a = qrMatrix('x?code=AAAAAAAA');
    expect(qrMatrix('x?code=AAAAAAAA')).toEqual(a);
    expect(qrMatrix('x?code=BBBBBBBB').dark).not.toEqual(a.dark);
  });
});

describe('rowRuns', () => {
  it('alternates light and dark runs starting with light', () => {
    expect(rowRuns([true, true, false, true])).toEqual([0, 2, 1, 1]);
    expect(rowRuns([false, false, true])).toEqual([2, 1]);
    expect(rowRuns([])).toEqual([0]);
  });
  it('adds up to the row width', () => {
    const m = qrMatrix('hello');
    for (const row of m.dark) expect(rowRuns(row).reduce((a, b) => a + b, 0)).toBe(m.size);
  });
});
