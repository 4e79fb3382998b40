import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { APPEAL_STATUS_ZH } from '@shared/exam/itemAnalysis';
import { dateTimeZh } from '@shared/exam/takeView';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useRemote } from '../../../hooks/useRemote';
import { exam } from '../../../services/exam';
import '../take.scss';
import './index.scss';

const TONE = { pending: 'warn', accepted: 'ok', rejected: 'muted' } as const;

/** 我的申诉: each appeal with its question, reason, status and the reply once decided. */
export default function AppealsPage() {
  const res = useRemote(() => exam('myAppeals', {}), []);
  usePullDownRefresh(() => {
    void res.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = res.data?.items ?? [];
  return (
    <View className='page take appeals'>
      <View className='card appeals-list'>
        {res.status === 'error' && !res.data ? (
          <StateView compact className='appeals-error' image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
        ) : !res.data ? (
          <Skeleton rows={4} />
        ) : items.length === 0 ? (
          <StateView compact className='appeals-empty' image='exam' title='暂无申诉' description='在考试的答案与解析页，可对有异议的题目提出申诉' />
        ) : (
          items.map((a) => (
            <View key={a.appealId} className={`appeal-row appeal-row--${a.status}`}>
              <View className='appeal-row__top'>
                <Text className='appeal-row__exam'>{a.examTitle}</Text>
                <StatusTag className='appeal-row__status' label={APPEAL_STATUS_ZH[a.status]} tone={TONE[a.status]} />
              </View>
              <Text className='appeal-row__stem'>{a.stem}</Text>
              <Text className='appeal-row__reason'>申诉理由：{a.reason}</Text>
              {a.reply && <Text className='appeal-row__reply'>处理意见：{a.reply}</Text>}
              <Text className='take-muted'>
                {dateTimeZh(a.createdAt)} 提交{a.decidedAt ? ` · ${dateTimeZh(a.decidedAt)} 处理` : ''}
              </Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
}
