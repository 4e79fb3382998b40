import { ScrollView, Text, View } from '@tarojs/components';
import { Popup } from '@nutui/nutui-react-taro';
import type { EnterpriseBrief } from '@shared/contracts';
import { EnterpriseSearch } from '../EnterpriseSearch';
import './index.scss';

interface Props {
  visible: boolean;
  title?: string;
  selectedId?: string;
  onSelect: (e: EnterpriseBrief) => void;
  onClose: () => void;
}

/** Bottom sheet with the enterprise search, for registration and 更换企业. */
export function EnterprisePicker({ visible, title = '选择所在企业', selectedId, onSelect, onClose }: Props) {
  return (
    <Popup visible={visible} position='bottom' round className='enterprise-picker' onClose={onClose} destroyOnClose>
      <View className='enterprise-picker__head'>
        <Text className='enterprise-picker__title'>{title}</Text>
        <Text className='enterprise-picker__close' onClick={onClose}>
          取消
        </Text>
      </View>
      <ScrollView scrollY className='enterprise-picker__body'>
        <EnterpriseSearch selectedId={selectedId} onSelect={onSelect} />
      </ScrollView>
    </Popup>
  );
}
