import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageHeader } from '../../components/PageHeader';
import { StateView } from '../../components/StateView';
import { FeatureList } from '../../components/FeatureList';
import { useSession } from '../../services/session';

const KINDS = [
  { title: '在线考试', desc: '企业和监管部门发布的考试，限时作答，自动评分' },
  { title: '考试记录', desc: '历次考试成绩与合格情况，可随时查询' },
];

export default function ExamPage() {
  const session = useSession();
  const signedIn = session.status === 'ready' && !!session.person;
  return (
    <View className='page exam'>
      <PageHeader title='考试' subtitle='在线考试 · 成绩查询' />
      <View className='card'>
        {signedIn ? (
          <StateView className='exam-soon' image='exam' title='暂无考试' description='企业或监管部门发布考试后，会显示在这里' />
        ) : (
          <StateView
            className='exam-login'
            image='exam'
            title='登录后参加考试'
            description='登录后可参加考试，查看成绩与考试记录'
            actionText='登录/注册'
            onAction={() => void Taro.navigateTo({ url: '/pages/auth/login/index' })}
          />
        )}
      </View>
      <FeatureList title='考试说明' items={KINDS} />
    </View>
  );
}
