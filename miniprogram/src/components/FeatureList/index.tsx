import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  title: string;
  items: { title: string; desc: string }[];
}

/** A card explaining what a section offers (static text, not data). */
export function FeatureList({ title, items }: Props) {
  return (
    <View className='card feature-list'>
      <View className='card__head'>
        <Text className='card__title'>{title}</Text>
      </View>
      {items.map((it) => (
        <View key={it.title} className='feature-list__item'>
          <View className='feature-list__mark' />
          <View className='feature-list__body'>
            <Text className='feature-list__title'>{it.title}</Text>
            <Text className='feature-list__desc'>{it.desc}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
