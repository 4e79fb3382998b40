import jsQR from 'jsqr';
import { qrMatrix, rowRuns } from './qr';

/** Renders a matrix as an RGBA bitmap (4 px per module, 4-module quiet zone) and reads it back with jsQR. */
function decode(m: { size: number; dark: boolean[][] }): string | null {
  const scale = 4;
  const quiet = 4;
  const px = (m.size + quiet * 2) * scale;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let y = 0; y < px; y++)
    for (let x = 0; x < px; x++) {
      const r = Math.floor(y / scale) - quiet;
      const c = Math.floor(x / scale) - quiet;
      if (r >= 0 && c >= 0 && r < m.size && c < m.size && m.dark[r][c]) {
        const i = (y * px + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  return jsQR(data, px, px, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

describe('qrMatrix', () => {
  it.each([
    'https://console.example.cn/admin/#/verify?code=AB23CD45',
    'http://127.0.0.1:8787/admin/#/verify?code=K7M2P9QX',
    'A',
    '安学学时证明 AB23CD45',
    // Long enough for versions ≥ 7 (version information blocks) and several RS blocks.
    'https://anxue-env-1234567890.service.tcloudbase.com/admin/#/verify?code=AB23CD45&from=miniprogram&lang=zh-CN&note=' + 'x'.repeat(120),
  ])('a scanner reads back %s', (text) => {
    const m = qrMatrix(text);
    expect((m.size - 17) % 4).toBe(0);
    expect(decode(m)).toBe(text);
  });

  it('uses the smallest version that fits (a verification URL stays small enough to print)', () => {
    expect(qrMatrix('A').size).toBe(21);
    const url = qrMatrix('https://console.example.cn/admin/#/verify?code=AB23CD45');
    expect(url.size).toBeLessThanOrEqual(37);
  });

  it('has finder patterns in three corners', () => {
    const m = qrMatrix('x?code=AAAAAAAA');
    for (const [r0, c0] of [[0, 0], [0, m.size - 7], [m.size - 7, 0]]) {
      for (let i = 0; i < 7; i++) {
        expect(m.dark[r0][c0 + i]).toBe(true);
        expect(m.dark[r0 + 6][c0 + i]).toBe(true);
      }
      expect(m.dark[r0 + 1][c0 + 1]).toBe(false);
      expect(m.dark[r0 + 3][c0 + 3]).toBe(true);
    }
  });

  it('is deterministic and differs for different codes', () => {
    expect(qrMatrix('x?code=AAAAAAAA')).toEqual(qrMatrix('x?code=AAAAAAAA'));
    expect(qrMatrix('x?code=BBBBBBBB').dark).not.toEqual(qrMatrix('x?code=AAAAAAAA').dark);
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
