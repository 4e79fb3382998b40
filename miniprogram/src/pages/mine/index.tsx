import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import avatar from '../../assets/avatar.png';
import { MenuList, type MenuEntry } from '../../components/MenuList';
import { accountComingSoon } from '../../utils/feedback';
import './index.scss';

const MENU: MenuEntry[] = [
  { key: 'archive', title: '学习档案', note: '登录后查看', onClick: accountComingSoon },
  { key: 'exams', title: '考试记录', note: '登录后查看', onClick: accountComingSoon },
  { key: 'employer', title: '更换工作单位', note: '登录后办理', onClick: accountComingSoon },
];

export default function MinePage() {
  return (
    <View className='page mine'>
      <View className='mine-banner'>
        <View className='mine-profile'>
          <Image className='mine-profile__avatar' src={avatar} />
          <View className='mine-profile__text'>
            <Text className='mine-profile__name'>未登录</Text>
            <Text className='mine-profile__desc'>登录后查看您的培训学时、积分与证书</Text>
          </View>
        </View>
        <Button className='mine-login' type='primary' block onClick={accountComingSoon}>
          登录/注册
        </Button>
      </View>

      <MenuList items={MENU} />

      <View className='mine-about'>
        <Text>安学 · 安全生产全员培训平台</Text>
      </View>
    </View>
  );
}
