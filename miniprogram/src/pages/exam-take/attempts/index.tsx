import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttemptRow } from '@shared/contracts';
import { dateTimeZh, scoreText, timeUsedZh, type Tone } from '@shared/exam/takeView';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useRemote } from '../../../hooks/useRemote';
import { exam, EXAM_PAGES } from '../../../services/exam';
import { useParam } from '../take';
import '../take.scss';
import './index.scss';

function verdict(a: AttemptRow): { label: string; tone: Tone } {
  if (a.cheating) return { label: '作弊', tone: 'bad' };
  if (a.status === 'inProgress') return { label: '答题中', tone: 'warn' };
  if (a.score == null) return { label: '评分中', tone: 'warn' };
  return a.passed ? { label: '合格', tone: 'ok' } : { label: '不合格', tone: 'bad' };
}

/** 历次成绩: every attempt at one exam, newest first; a graded one opens its result. */
export default function AttemptsPage() {
  const examId = useParam('id');
  const res = useRemote(() => exam('myAttempts', { examId }), [examId]);
  usePullDownRefresh(() => {
    void res.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = [...(res.data?.items ?? [])].sort((a, b) => b.attemptNo - a.attemptNo);
  return (
    <View className='page take attempts'>
      <View className='card attempts-list'>
        {res.status === 'error' && !res.data ? (
          <StateView compact className='attempts-error' image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
        ) : !res.data ? (
          <Skeleton rows={4} />
        ) : items.length === 0 ? (
          <StateView compact className='attempts-empty' image='exam' title='暂无考试记录' />
        ) : (
          items.map((a) => {
            const v = verdict(a);
            const done = a.status !== 'inProgress';
            return (
              <View key={a.attemptId} className='attempt-row' hoverClass={done ? 'attempt-row--hover' : 'none'} onClick={() => done && void Taro.navigateTo({ url: EXAM_PAGES.result(examId, a.attemptId) })}>
                <View className='attempt-row__main'>
                  <Text className='attempt-row__title'>
                    第{a.attemptNo}次{a.window === 'retake' ? '（补考）' : ''}
                  </Text>
                  <Text className='take-muted'>
                    {dateTimeZh(a.startedAt)} · 用时 {timeUsedZh(a.timeUsedSeconds)}
                  </Text>
                </View>
                <View className='attempt-row__side'>
                  <Text className='attempt-row__score'>{a.score != null ? `${scoreText(a.score)}分` : '—'}</Text>
                  <StatusTag className='attempt-row__status' label={v.label} tone={v.tone} />
                </View>
              </View>
            );
          })
        )}
      </View>
    </View>
  );
}
