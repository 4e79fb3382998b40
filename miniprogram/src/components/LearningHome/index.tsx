import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { TaskGroups } from '../TaskList';
import { Skeleton } from '../Skeleton';
import { StateView } from '../StateView';
import { useRemote } from '../../hooks/useRemote';
import { learn, LEARN_PAGES } from '../../services/learning';
import './index.scss';

/**
 * 首页 of an active worker: points and rank in the enterprise, then the tasks by category.
 * One call (`learning.myTasks`), re-read whenever the page shows again (back from studying).
 */
export function LearningHome() {
  const loadedAt = useRef(0);
  const tasks = useRemote(() => {
    loadedAt.current = Date.now();
    return learn('myTasks', {});
  }, []);
  useDidShow(() => {
    if (Date.now() - loadedAt.current > 1000) void tasks.reload();
  });
  const data = tasks.data;
  const go = (url: string) => () => void Taro.navigateTo({ url });
  const rank = (n: number | null | undefined) => (n == null ? '—' : String(n));

  return (
    <>
      <View className='card learn-stats'>
        <View className='learn-stats__item learn-points' onClick={go(LEARN_PAGES.points)}>
          <Text className='learn-stats__value'>{data ? data.points : '—'}</Text>
          <Text className='learn-stats__label'>我的积分</Text>
        </View>
        <View className='learn-stats__item learn-rank-week' onClick={go(LEARN_PAGES.leaderboard)}>
          <Text className='learn-stats__value'>{rank(data?.rank.enterpriseWeek)}</Text>
          <Text className='learn-stats__label'>本周企业排名</Text>
        </View>
        <View className='learn-stats__item learn-rank-all' onClick={go(LEARN_PAGES.leaderboard)}>
          <Text className='learn-stats__value'>{rank(data?.rank.enterpriseAll)}</Text>
          <Text className='learn-stats__label'>总排名</Text>
        </View>
      </View>

      <View className='card learn-tasks'>
        <View className='card__head learn-tasks__head'>
          <Text className='card__title'>我的学习任务</Text>
          <Text className='learn-tasks__more' onClick={() => void Taro.switchTab({ url: '/pages/study/index' })}>
            全部
          </Text>
        </View>
        {tasks.status === 'error' && !data ? (
          <StateView compact className='learn-tasks-error' image='error' title='学习任务加载失败' description={tasks.error} actionText='重试' onAction={() => void tasks.reload()} />
        ) : !data ? (
          <Skeleton rows={4} />
        ) : data.items.length === 0 ? (
          <StateView compact className='learn-tasks-empty' image='study' title='暂无学习任务' description='主管部门或企业发布课程后，会自动出现在这里' />
        ) : (
          <TaskGroups items={data.items} now={Date.now()} />
        )}
      </View>
    </>
  );
}
