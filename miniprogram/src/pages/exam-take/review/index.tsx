import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { ReviewItem } from '@shared/exam/grading';
import { QUESTION_TYPE_ZH } from '@shared/exam/basics';
import { lettersZh, scoreText } from '@shared/exam/takeView';
import { Segmented } from '../../../components/Segmented';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { exam, EXAM_PAGES } from '../../../services/exam';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import { useParam } from '../take';
import '../take.scss';
import './index.scss';

const PAGE = 20;

/** After grading, when the exam allows it: my answer against the right one, with 解析 and 申诉 per question. */
export default function ReviewPage() {
  const attemptId = useParam('attempt');
  const res = useRemote(() => exam('review', { attemptId }), [attemptId]);
  const [filter, setFilter] = useState<'all' | 'wrong'>('all');
  const [shown, setShown] = useState(PAGE);

  if (res.status === 'error' && !res.data) {
    const refused = res.code === 'REVIEW_NOT_ALLOWED' || res.code === 'ATTEMPT_NOT_GRADED';
    return (
      <View className='page take'>
        <StateView className='review-error' image={refused ? 'exam' : 'error'} title={refused ? '暂不能查看解析' : '加载失败'} description={res.error} actionText={refused ? undefined : '重试'} onAction={refused ? undefined : () => void res.reload()} />
      </View>
    );
  }
  if (!res.data) {
    return (
      <View className='page take'>
        <View className='card'>
          <Skeleton rows={6} />
        </View>
      </View>
    );
  }
  const r = res.data;
  const wrong = r.items.filter((i) => !i.correct);
  const list = (filter === 'wrong' ? wrong : r.items).slice(0, shown);
  return (
    <View className='page take review'>
      <View className='card review-summary'>
        <Text className='review-summary__score'>
          {scoreText(r.score)} / {r.fullScore}分
        </Text>
        <Text className={`review-summary__verdict review-summary__verdict--${r.cheating ? 'bad' : r.passed ? 'ok' : 'bad'}`}>{r.cheating ? '作弊' : r.passed ? '合格' : '不合格'}</Text>
        <Text className='take-muted'>
          答对 {r.items.length - wrong.length} 题 · 答错 {wrong.length} 题
        </Text>
      </View>
      <View className='card review-list'>
        <Segmented
          className='review-tabs'
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setShown(PAGE);
          }}
          items={[
            { value: 'all', label: `全部（${r.items.length}）` },
            { value: 'wrong', label: `错题（${wrong.length}）` },
          ]}
        />
        {list.length === 0 ? (
          <StateView compact className='review-empty' image='exam' title='没有答错的题目' />
        ) : (
          list.map((item) => <ReviewCard key={item._id} item={item} index={r.items.indexOf(item)} attemptId={attemptId} />)
        )}
        {(filter === 'wrong' ? wrong : r.items).length > shown && (
          <Text className='review-more' onClick={() => setShown((n) => n + PAGE)}>
            加载更多
          </Text>
        )}
      </View>
    </View>
  );
}

function ReviewCard({ item, index, attemptId }: { item: ReviewItem; index: number; attemptId: string }) {
  const [appealing, setAppealing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const submit = async () => {
    if (reason.trim().length < 5) return toast('请说明申诉理由（至少5个字）');
    setBusy(true);
    try {
      await exam('appeal', { attemptId, questionId: item._id, reason: reason.trim() });
      setSent(true);
      setAppealing(false);
      toast('申诉已提交');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`review-item review-item--${item.correct ? 'right' : 'wrong'}`}>
      <View className='review-item__head'>
        <Text className='q-type'>
          {index + 1}. {QUESTION_TYPE_ZH[item.type]}
        </Text>
        <Text className='review-item__points'>
          {item.voided ? '已作废（全员得分）' : `得分 ${scoreText(item.points)} / ${scoreText(item.score)}`}
        </Text>
      </View>
      <Text className='q-stem'>{item.stem}</Text>
      {item.options.map((o) => {
        const right = item.correctAnswer.includes(o.key);
        const mine = item.myAnswer.includes(o.key);
        return (
          <View key={o.key} className={`q-option q-option--${item.type} ${right ? 'q-option--right' : mine ? 'q-option--wrong' : ''}`}>
            <Text className='q-option__key'>{o.key}</Text>
            <Text className='q-option__text'>{o.text}</Text>
          </View>
        );
      })}
      <View className='q-analysis'>
        <Text className={`q-analysis__verdict q-analysis__verdict--${item.correct ? 'right' : 'wrong'}`}>{item.correct ? '回答正确' : '回答错误'}</Text>
        <Text className='q-analysis__line review-mine'>你的答案：{lettersZh(item.myAnswer)}</Text>
        <Text className='q-analysis__line review-key'>正确答案：{lettersZh(item.correctAnswer)}</Text>
        {item.analysis && <Text className='q-analysis__line review-analysis'>解析：{item.analysis}</Text>}
      </View>
      {sent ? (
        <Text className='review-appeal-sent' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.appeals })}>
          已申诉，查看处理进度 ›
        </Text>
      ) : appealing ? (
        <View className='review-appeal-form'>
          <TextArea className='review-appeal-reason' placeholder='请说明申诉理由，如题目或答案有误的依据（至少5个字）' maxLength={500} value={reason} onChange={setReason} />
          <View className='review-appeal-actions'>
            <Button size='small' fill='none' onClick={() => setAppealing(false)}>
              取消
            </Button>
            <Button className='review-appeal-submit' size='small' type='primary' loading={busy} onClick={() => void submit()}>
              提交申诉
            </Button>
          </View>
        </View>
      ) : (
        !item.voided && (
          <Text className='review-appeal-open' onClick={() => setAppealing(true)}>
            对本题有异议？申诉
          </Text>
        )
      )}
    </View>
  );
}
