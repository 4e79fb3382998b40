import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LeaderboardRow } from '@shared/contracts';
import { isoWeekRange } from '@shared/calendar';
import { formatDuration, weekLabel } from '@shared/learning/studyView';
import { Segmented } from '../../../components/Segmented';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { learn } from '../../../services/learning';
import '../learn.scss';
import './index.scss';

type Scope = 'enterprise' | 'county' | 'city';
const SCOPES: { value: Scope; label: string }[] = [
  { value: 'enterprise', label: '本企业' },
  { value: 'county', label: '本县区' },
  { value: 'city', label: '本市' },
];

/** 排行榜: study hours this ISO week (Shanghai), top 100, with my own row pinned at the bottom. */
export default function LeaderboardPage() {
  const [scope, setScope] = useState<Scope>('enterprise');
  const res = useRemote(() => learn('leaderboard', { scope }), [scope]);
  usePullDownRefresh(() => void res.reload().finally(() => Taro.stopPullDownRefresh()));
  const d = res.data && res.data.scope === scope ? res.data : undefined;

  return (
    <View className='page leaderboard'>
      <View className='learn-hero leaderboard-hero'>
        <Text className='learn-hero__title'>学习时长周榜</Text>
        <View className='learn-hero__meta'>
          <Text className='leaderboard-week'>{d ? weekLabel(d.week, isoWeekRange(d.week)) : '本周'}</Text>
        </View>
      </View>
      <View className='card leaderboard-card'>
        <Segmented className='leaderboard-scopes' items={SCOPES} value={scope} onChange={setScope} />
        {res.status === 'error' && !d ? (
          <StateView compact image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
        ) : !d ? (
          <Skeleton rows={8} />
        ) : d.items.length === 0 ? (
          <StateView compact className='leaderboard-empty' image='study' title='本周还没有人学习' description='现在开始学习，争当第一名' />
        ) : (
          <View className='leaderboard-list'>
            {d.items.map((r) => (
              <Row key={r.personId} row={r} mine={r.personId === d.me?.personId} showEnterprise={scope !== 'enterprise'} />
            ))}
          </View>
        )}
      </View>
      {d && (
        <View className='leaderboard-me'>
          {d.me ? <Row row={d.me} mine showEnterprise={false} /> : <Text className='leaderboard-me__none'>您本周还没有学习记录，学习后即可上榜</Text>}
        </View>
      )}
    </View>
  );
}

function Row({ row, mine, showEnterprise }: { row: LeaderboardRow; mine: boolean; showEnterprise: boolean }) {
  return (
    <View className={`leaderboard-row ${mine ? 'leaderboard-row--me' : ''}`}>
      <Text className={`leaderboard-row__rank leaderboard-row__rank--${row.rank <= 3 ? row.rank : 'n'}`}>{row.rank}</Text>
      <View className='leaderboard-row__who'>
        <Text className='leaderboard-row__name'>
          {row.name}
          {mine ? '（我）' : ''}
        </Text>
        {showEnterprise && row.enterpriseName && <Text className='leaderboard-row__ent'>{row.enterpriseName}</Text>}
      </View>
      <Text className='leaderboard-row__time'>{formatDuration(row.seconds)}</Text>
    </View>
  );
}
