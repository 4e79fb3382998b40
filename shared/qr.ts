import qrcode from 'qrcode-generator';

/**
 * QR codes as data, drawn by each client its own way (mini-program: rows of runs as views; console:
 * SVG). Byte mode (UTF-8 for ASCII URLs is the same bytes), error correction M, smallest version
 * that fits.
 */
export interface QrMatrix {
  size: number;
  /** `dark[row][col]`. */
  dark: boolean[][];
}

export function qrMatrix(text: string, level: 'L' | 'M' | 'Q' | 'H' = 'M'): QrMatrix {
  const qr = qrcode(0, level);
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const dark = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.isDark(r, c)));
  return { size, dark };
}

/** One row as alternating runs: `[light, dark, light, dark, …]` widths in modules (the first may be 0). */
export function rowRuns(row: boolean[]): number[] {
  const runs: number[] = [];
  let current = false;
  let n = 0;
  for (const d of row) {
    if (d === current) n++;
    else {
      runs.push(n);
      current = d;
      n = 1;
    }
  }
  runs.push(n);
  return runs;
}
