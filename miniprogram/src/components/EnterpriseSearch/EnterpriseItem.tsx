import { Text, View } from '@tarojs/components';
import type { EnterpriseBrief } from '@shared/contracts';

interface Props {
  enterprise: EnterpriseBrief;
  selected?: boolean;
  onClick: () => void;
}

/** One search result: name, then region and unified social credit code. */
export function EnterpriseItem({ enterprise, selected, onClick }: Props) {
  return (
    <View className={`enterprise-item ${selected ? 'enterprise-item--selected' : ''}`} hoverClass='enterprise-item--hover' onClick={onClick}>
      <View className='enterprise-item__avatar'>{enterprise.name.slice(0, 1)}</View>
      <View className='enterprise-item__body'>
        <Text className='enterprise-item__name'>{enterprise.name}</Text>
        <View className='enterprise-item__meta'>
          <Text className='enterprise-item__region'>{enterprise.regionName}</Text>
          <Text className='enterprise-item__code'>{enterprise.creditCode}</Text>
        </View>
      </View>
      <View className='enterprise-item__arrow' />
    </View>
  );
}
