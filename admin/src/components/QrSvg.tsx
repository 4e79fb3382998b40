import { useMemo } from 'react';
import { qrMatrix, rowRuns } from '@shared/qr';

/** A QR code of `text` as crisp SVG (shared/qr.ts encoder; one path of dark runs, a 4-module quiet zone). */
export function QrSvg({ text, size = 200, testId }: { text: string; size?: number; testId?: string }) {
  const { n, d } = useMemo(() => {
    const m = qrMatrix(text);
    let path = '';
    m.dark.forEach((row, y) => {
      let x = 0;
      rowRuns(row).forEach((w, i) => {
        if (i % 2 === 1) path += `M${x + 4} ${y + 4}h${w}v1h-${w}z`;
        x += w;
      });
    });
    return { n: m.size + 8, d: path };
  }, [text]);
  return (
    <svg width={size} height={size} viewBox={`0 0 ${n} ${n}`} shapeRendering="crispEdges" role="img" aria-label="二维码" data-testid={testId} data-qr-text={text}>
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
