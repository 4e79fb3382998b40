import type { ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import emblem from '../../assets/emblem.png';
import './index.scss';

interface Props {
  title: string;
  subtitle?: string;
  /** The home page shows the product mark and slogan; other pages a plain section title. */
  brand?: boolean;
  children?: ReactNode;
}

/** The blue banner that continues the navigation bar at the top of every tab page. */
export function PageHeader({ title, subtitle, brand = false, children }: Props) {
  return (
    <View className={`page-header ${brand ? 'page-header--brand' : ''}`}>
      <View className='page-header__row'>
        {brand && <Image className='page-header__emblem' src={emblem} />}
        <View className='page-header__text'>
          <Text className='page-header__title'>{title}</Text>
          {subtitle && <Text className='page-header__subtitle'>{subtitle}</Text>}
        </View>
      </View>
      {children}
    </View>
  );
}
