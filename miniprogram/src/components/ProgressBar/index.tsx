import { View } from '@tarojs/components';
import './index.scss';

/** A thin progress bar (0–100); green when complete. */
export function ProgressBar({ value, className = '' }: { value: number; className?: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <View className={`progress-bar ${v >= 100 ? 'progress-bar--done' : ''} ${className}`}>
      <View className='progress-bar__fill' style={{ width: `${v}%` }} />
    </View>
  );
}
