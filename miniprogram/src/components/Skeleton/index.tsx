import { View } from '@tarojs/components';
import './index.scss';

/** Grey placeholder rows while a card loads (keeps the layout from jumping). */
export function Skeleton({ rows = 3, className = '' }: { rows?: number; className?: string }) {
  return (
    <View className={`skeleton ${className}`}>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='skeleton__row' style={{ width: `${[92, 76, 84, 64][i % 4]}%` }} />
      ))}
    </View>
  );
}
