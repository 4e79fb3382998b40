import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { QUESTION_TYPE_ZH } from '@shared/exam/basics';
import { dateTimeZh } from '@shared/exam/takeView';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { exam, EXAM_PAGES, type ExamOutput } from '../../../services/exam';
import { errorMessage } from '../../../utils/errors';
import { useParam } from '../take';
import '../take.scss';
import './index.scss';

type Row = ExamOutput<'wrongBook'>['items'][number];
const PAGE_SIZE = 20;

/** 错题本: practice questions answered wrong and not yet right since; 错题重练 starts a round over them. */
export default function WrongBookPage() {
  const examId = useParam('id') || undefined;
  const [rows, setRows] = useState<Row[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error' | 'more'>('loading');
  const [error, setError] = useState('');
  const seq = useRef(0);

  const load = async (p: number) => {
    const mine = ++seq.current;
    setStatus(p === 1 ? 'loading' : 'more');
    try {
      const r = await exam('wrongBook', { ...(examId ? { examId } : {}), page: p, pageSize: PAGE_SIZE });
      if (mine !== seq.current) return;
      setRows((old) => (p === 1 ? r.items : [...old, ...r.items]));
      setTotal(r.total);
      setPage(p);
      setStatus('ready');
    } catch (err) {
      if (mine !== seq.current) return;
      setError(errorMessage(err));
      setStatus('error');
    }
  };
  useEffect(() => {
    void load(1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [examId]);
  // Back from a round: cleared questions leave the list.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load(1);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void load(1).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='page take wrongbook'>
      <View className='card wrongbook-head'>
        <View>
          <Text className='wrongbook-head__count'>{status === 'loading' ? '—' : total}</Text>
          <Text className='take-muted'>道错题待巩固</Text>
        </View>
        {examId ? (
          <Button className='wrongbook-practice' type='primary' size='small' disabled={!total} onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.paper(examId, { wrong: true }) })}>
            错题重练
          </Button>
        ) : (
          <Text className='take-muted wrongbook-hint'>在练习的考试说明页可进行错题重练</Text>
        )}
      </View>
      <View className='card wrongbook-list'>
        {status === 'error' && rows.length === 0 ? (
          <StateView compact className='wrongbook-error' image='error' title='加载失败' description={error} actionText='重试' onAction={() => void load(1)} />
        ) : status === 'loading' ? (
          <Skeleton rows={5} />
        ) : rows.length === 0 ? (
          <StateView compact className='wrongbook-empty' image='exam' title='暂无错题' description='练习中答错的题目会记录在这里' />
        ) : (
          rows.map((w) => (
            <View key={w.questionId} className='wrong-row'>
              <Text className='wrong-row__type'>{QUESTION_TYPE_ZH[w.type]}</Text>
              <Text className='wrong-row__stem'>{w.stem}</Text>
              <Text className='take-muted'>
                答错 {w.wrongCount} 次 · 最近 {dateTimeZh(w.lastWrongAt)}
              </Text>
            </View>
          ))
        )}
        {rows.length < total && status !== 'loading' && (
          <Text className='wrongbook-more' onClick={() => status !== 'more' && void load(page + 1)}>
            {status === 'more' ? '加载中…' : status === 'error' ? '加载失败，点击重试' : '加载更多'}
          </Text>
        )}
      </View>
    </View>
  );
}
