import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageHeader } from '../../components/PageHeader';
import { StateView } from '../../components/StateView';
import { FeatureList } from '../../components/FeatureList';
import { useSession } from '../../services/session';

// What each kind of study task means; the tasks themselves need a signed-in person.
const KINDS = [
  { title: '必学必训', desc: '按行业、岗位推送的法定培训课程，须按时完成学时' },
  { title: '应知应会', desc: '本岗位必须掌握的安全知识与操作规程' },
  { title: '自主学习', desc: '从课程库中自选课程，拓展安全技能' },
];

export default function StudyPage() {
  const session = useSession();
  const signedIn = session.status === 'ready' && !!session.person;
  return (
    <View className='page study'>
      <PageHeader title='学习' subtitle='必学必训 · 应知应会 · 自主学习' />
      <View className='card'>
        {signedIn ? (
          <StateView className='study-soon' image='study' title='课程正在准备中' description='必学必训、应知应会和自主学习课程即将上线，届时会显示在这里' />
        ) : (
          <StateView
            className='study-login'
            image='study'
            title='登录后开始学习'
            description='登录后可查看推送给您的必学必训、应知应会和自主学习任务'
            actionText='登录/注册'
            onAction={() => void Taro.navigateTo({ url: '/pages/auth/login/index' })}
          />
        )}
      </View>
      <FeatureList title='学习任务说明' items={KINDS} />
    </View>
  );
}
