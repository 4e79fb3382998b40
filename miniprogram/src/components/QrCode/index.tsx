import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { qrMatrix, rowRuns } from '@shared/qr';
import './index.scss';

/**
 * A QR code drawn with views (rows of light/dark runs), so it renders the same in the weapp and
 * H5 with no canvas or image API. `size` in px (design width 375) including a 2-module quiet zone.
 */
export function QrCode({ text, size = 160, className = '' }: { text: string; size?: number; className?: string }) {
  const m = useMemo(() => qrMatrix(text), [text]);
  const cell = size / (m.size + 4);
  return (
    <View className={`qr-code ${className}`} style={{ width: `${size}px`, height: `${size}px`, padding: `${cell * 2}px` }} data-text={text}>
      {m.dark.map((row, r) => (
        <View key={r} className='qr-code__row' style={{ height: `${cell}px` }}>
          {rowRuns(row).map((n, i) => (n > 0 ? <View key={i} className={i % 2 ? 'qr-code__dark' : 'qr-code__light'} style={{ width: `${n * cell}px` }} /> : null))}
        </View>
      ))}
    </View>
  );
}
