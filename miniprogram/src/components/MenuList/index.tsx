import { Text, View } from '@tarojs/components';
import './index.scss';

export interface MenuEntry {
  key: string;
  title: string;
  note?: string;
  /** A red count (e.g. pending approvals); hidden when 0. */
  badge?: number;
  onClick: () => void;
}

/** A card of tappable rows with a chevron. */
export function MenuList({ items, className = '' }: { items: MenuEntry[]; className?: string }) {
  return (
    <View className={`card menu-list ${className}`}>
      {items.map((it) => (
        <View key={it.key} className={`menu-list__row menu-${it.key}`} hoverClass='menu-list__row--hover' onClick={it.onClick}>
          <Text className='menu-list__title'>{it.title}</Text>
          {it.note && <Text className='menu-list__note'>{it.note}</Text>}
          {!!it.badge && <Text className='menu-list__badge'>{it.badge > 99 ? '99+' : it.badge}</Text>}
          <View className='menu-list__arrow' />
        </View>
      ))}
    </View>
  );
}
