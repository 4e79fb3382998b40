import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COURSE_CATEGORIES, COURSE_CATEGORY_ZH, type CourseCategory } from '@shared/learning/labels';
import { PageHeader } from '../../components/PageHeader';
import { StateView } from '../../components/StateView';
import { FeatureList } from '../../components/FeatureList';
import { Skeleton } from '../../components/Skeleton';
import { TaskRow } from '../../components/TaskList';
import { Segmented } from '../../components/Segmented';
import { useSession } from '../../services/session';
import { learn } from '../../services/learning';
import { useRemote } from '../../hooks/useRemote';
import './index.scss';

// What each kind of study task means; the tasks themselves need a signed-in person.
const KINDS = [
  { title: '必学必训', desc: '按行业、岗位推送的法定培训课程，须按时完成学时' },
  { title: '应知应会', desc: '本岗位必须掌握的安全知识与操作规程' },
  { title: '自主学习', desc: '从课程库中自选课程，拓展安全技能' },
];

const EMPTY: Record<CourseCategory, string> = {
  required: '暂无必学必训任务，主管部门推送后会显示在这里',
  knowledge: '暂无应知应会任务',
  elective: '暂无可自主学习的课程',
};

export default function StudyPage() {
  const session = useSession();
  const person = session.status === 'ready' ? session.person : null;
  const active = person?.status === 'active' && !person.mustChangePassword;
  return (
    <View className='page study'>
      <PageHeader title='学习' subtitle='必学必训 · 应知应会 · 自主学习' />
      {active ? (
        <StudyTasks />
      ) : (
        <View className='card'>
          {person ? (
            <StateView className='study-inactive' image='study' title='暂无学习任务' description='在职员工可查看所在企业推送的学习任务；入职审核通过后即可开始学习' />
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
      )}
      <FeatureList title='学习任务说明' items={KINDS} />
    </View>
  );
}

function StudyTasks() {
  const [tab, setTab] = useState<CourseCategory>('required');
  const loadedAt = useRef(0);
  const tasks = useRemote(() => {
    loadedAt.current = Date.now();
    return learn('myTasks', {});
  }, []);
  useDidShow(() => {
    if (Date.now() - loadedAt.current > 1000) void tasks.reload();
  });
  usePullDownRefresh(() => {
    void tasks.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = (tasks.data?.items ?? []).filter((t) => t.category === tab);
  const now = Date.now();

  return (
    <View className='card study-tasks'>
      <Segmented
        className='study-tabs'
        value={tab}
        onChange={setTab}
        items={COURSE_CATEGORIES.map((c) => ({ value: c, label: COURSE_CATEGORY_ZH[c], badge: (tasks.data?.items ?? []).filter((t) => t.category === c && t.status !== 'done').length }))}
      />
      <View className={`study-list study-list--${tab}`}>
        {tasks.status === 'error' && !tasks.data ? (
          <StateView compact className='study-error' image='error' title='加载失败' description={tasks.error} actionText='重试' onAction={() => void tasks.reload()} />
        ) : !tasks.data ? (
          <Skeleton rows={5} />
        ) : items.length === 0 ? (
          <StateView compact className='study-empty' image='study' title={EMPTY[tab]} />
        ) : (
          items.map((t) => <TaskRow key={t.courseId} task={t} now={now} />)
        )}
      </View>
      {tab === 'elective' && tasks.data && (
        <Text className='study-elective-hint'>自主学习课程学完同样计入学时和积分</Text>
      )}
    </View>
  );
}
