import { Text } from '@tarojs/components';
import './index.scss';

interface Props {
  label: string;
  tone: 'warn' | 'ok' | 'muted' | 'bad';
  className?: string;
}

/** A small coloured badge: 待审核 / 在职 / 已离职 / 已驳回 … */
export function StatusTag({ label, tone, className = '' }: Props) {
  return <Text className={`status-tag status-tag--${tone} ${className}`}>{label}</Text>;
}
