import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Segment<T extends string> {
  value: T;
  label: string;
  badge?: number;
}

/** Underlined tabs for switching a list in place (lighter than NutUI Tabs, which also renders panes). */
export function Segmented<T extends string>({ items, value, onChange, className = '' }: { items: Segment<T>[]; value: T; onChange: (v: T) => void; className?: string }) {
  return (
    <View className={`segmented ${className}`}>
      {items.map((it) => (
        <View key={it.value} className={`segmented__item segmented__item--${it.value} ${it.value === value ? 'segmented__item--active' : ''}`} onClick={() => onChange(it.value)}>
          <Text className='segmented__label'>{it.label}</Text>
          {!!it.badge && <Text className='segmented__badge'>{it.badge}</Text>}
        </View>
      ))}
    </View>
  );
}
