import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { dateTimeZh, scoreText, timeUsedZh } from '@shared/exam/takeView';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { exam, EXAM_PAGES } from '../../../services/exam';
import { useParam } from '../take';
import '../take.scss';
import './index.scss';

/** After submitting (or the automatic submit at the deadline): score, pass or fail, time used. */
export default function ResultPage() {
  const examId = useParam('id');
  const attemptId = useParam('attempt');
  const res = useRemote(async () => (await exam('myAttempts', { examId })).items.find((a) => a.attemptId === attemptId) ?? null, [examId, attemptId]);

  if (res.status === 'error' && !res.data) {
    return (
      <View className='page take'>
        <StateView className='result-error' image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
      </View>
    );
  }
  if (res.status === 'ready' && !res.data) {
    return (
      <View className='page take'>
        <StateView className='result-missing' image='exam' title='未找到本次成绩' />
      </View>
    );
  }
  if (!res.data) {
    return (
      <View className='page take'>
        <View className='card'>
          <Skeleton rows={5} />
        </View>
      </View>
    );
  }
  const a = res.data;
  const graded = a.score != null;
  const verdict = a.cheating ? { cls: 'cheating', text: '作弊' } : !graded ? { cls: 'pending', text: '评分中' } : a.passed ? { cls: 'passed', text: '合格' } : { cls: 'failed', text: '不合格' };
  return (
    <View className='page take result'>
      <View className={`result-hero result-hero--${verdict.cls}`}>
        <Text className='result-score'>{graded ? scoreText(a.score!) : '—'}</Text>
        <Text className='result-full'>满分 {a.fullScore}</Text>
        <Text className='result-verdict'>{verdict.text}</Text>
      </View>
      <View className='card result-facts'>
        <View className='take-kv'>
          <Text className='take-kv__k'>用时</Text>
          <Text className='take-kv__v result-time'>{timeUsedZh(a.timeUsedSeconds)}</Text>
        </View>
        <View className='take-kv'>
          <Text className='take-kv__k'>交卷时间</Text>
          <Text className='take-kv__v'>{a.submittedAt ? dateTimeZh(a.submittedAt) : '—'}</Text>
        </View>
        <View className='take-kv'>
          <Text className='take-kv__k'>交卷方式</Text>
          <Text className='take-kv__v'>{a.status === 'expired' ? '到时自动交卷' : '主动交卷'}</Text>
        </View>
        <View className='take-kv'>
          <Text className='take-kv__k'>考试次数</Text>
          <Text className='take-kv__v'>
            第{a.attemptNo}次{a.window === 'retake' ? '（补考）' : ''}
          </Text>
        </View>
      </View>
      <View className='result-actions'>
        <Button className='result-review' type='primary' block onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.review(a.attemptId) })}>
          查看答案与解析
        </Button>
        <Button className='result-attempts' block onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.attempts(examId) })}>
          历次成绩
        </Button>
        <Button className='result-back' block fill='none' onClick={() => void Taro.switchTab({ url: '/pages/exam/index' })}>
          返回考试列表
        </Button>
      </View>
    </View>
  );
}
