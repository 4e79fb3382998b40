import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { POINTS_SOURCE_ZH } from '@shared/learning/labels';
import { shanghai } from '@shared/calendar';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { learn, LEARN_PAGES } from '../../../services/learning';
import '../learn.scss';
import './index.scss';

/** 积分: total, this week, today, and the latest ledger entries (one per source event). */
export default function PointsPage() {
  const res = useRemote(() => learn('myPoints', {}), []);
  usePullDownRefresh(() => void res.reload().finally(() => Taro.stopPullDownRefresh()));
  const d = res.data;
  return (
    <View className='page points'>
      <View className='learn-hero points-hero'>
        <Text className='points-hero__label'>累计积分</Text>
        <Text className='points-hero__total points-total'>{d ? d.total : '—'}</Text>
        <View className='points-hero__sub'>
          <Text>本周 {d ? d.week : '—'}</Text>
          <Text>今日 {d ? d.today : '—'}</Text>
          <Text className='points-hero__rank' onClick={() => void Taro.navigateTo({ url: LEARN_PAGES.leaderboard })}>
            排行榜 ›
          </Text>
        </View>
      </View>
      <View className='card points-list'>
        <Text className='learn-section-title'>积分明细</Text>
        {res.status === 'error' && !d ? (
          <StateView compact image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
        ) : !d ? (
          <Skeleton rows={5} />
        ) : d.recent.length === 0 ? (
          <StateView compact className='points-empty' image='study' title='还没有积分' description='学习课程、完成课程和评价课程都可以获得积分' />
        ) : (
          d.recent.map((r, i) => (
            <View key={`${r.at}-${i}`} className='points-row'>
              <View className='points-row__text'>
                <Text className='points-row__title'>{POINTS_SOURCE_ZH[r.source]}</Text>
                <Text className='points-row__desc'>
                  {r.title ? `${r.title} · ` : ''}
                  {shanghai(r.at).format('M月D日 HH:mm')}
                </Text>
              </View>
              <Text className='points-row__value'>+{r.points}</Text>
            </View>
          ))
        )}
      </View>
      <View className='card points-rules'>
        <Text className='learn-section-title'>积分规则</Text>
        <Text className='points-rules__text'>学习时长按服务器计入的学时累计积分；完成课程、评价课程另有积分。各类积分每日设有上限，同一事件只计一次。</Text>
      </View>
    </View>
  );
}
