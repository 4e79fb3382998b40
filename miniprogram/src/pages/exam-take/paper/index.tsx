import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CloudError } from '@shared/client';
import type { StartOutput } from '@shared/contracts';
import type { PublicQuestion } from '@shared/exam/grading';
import { QUESTION_TYPE_ZH } from '@shared/exam/basics';
import { AnswerSaver } from '@shared/exam/answerSaver';
import { attemptOver, clockOffset, countdownText, countdownUrgent, isAnswered, lettersZh, remainingMs, sheetCell, toggleAnswer, unansweredCount, type SaveState } from '@shared/exam/takeView';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { useConfirm } from '../../../components/Confirm';
import { exam, EXAM_PAGES, type ExamOutput } from '../../../services/exam';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import { takePrimed, useParam } from '../take';
import '../take.scss';
import './index.scss';

type Feedback = ExamOutput<'practiceCheck'>;
type Phase = { kind: 'loading' } | { kind: 'error'; message: string; code?: string } | { kind: 'answering' } | { kind: 'submitting'; auto: boolean } | { kind: 'submitFailed'; message: string; auto: boolean };

/**
 * One question per screen with an answer sheet. Each choice is saved at once (formal and mock:
 * `saveAnswer`, one request per question at a time, failed ones retried); practice checks a
 * question on 确认答案 (`practiceCheck`: locked, with the key and 解析). The countdown runs to the
 * server's deadline, re-read whenever the page shows again; at zero the page submits by itself.
 */
export default function PaperPage() {
  const examId = useParam('id');
  const mode = useParam('mode');
  const wrongRound = mode === 'wrong';
  const isPractice = wrongRound || mode === 'practice';
  const [paper, setPaper] = useState<StartOutput | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [saves, setSaves] = useState<Record<string, SaveState>>({});
  const savesRef = useRef(saves);
  savesRef.current = saves;
  const [feedback, setFeedback] = useState<Record<string, Feedback>>({});
  const [checking, setChecking] = useState(false);
  const [index, setIndex] = useState(0);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  /** Server clock − phone clock, from each `start` answer. */
  const offset = useRef(0);
  const { confirm, dialog } = useConfirm();
  const finishing = useRef(false);
  const paperRef = useRef<StartOutput | null>(null);
  paperRef.current = paper;

  const finish = useCallback(
    async (auto: boolean) => {
      const p = paperRef.current;
      if (!p || finishing.current) return;
      finishing.current = true;
      setSheetOpen(false);
      setPhase({ kind: 'submitting', auto });
      try {
        await saverRef.current?.idle();
        await exam('submit', { attemptId: p.attemptId });
        void Taro.redirectTo({ url: EXAM_PAGES.result(examId, p.attemptId) });
      } catch (err) {
        finishing.current = false;
        setPhase({ kind: 'submitFailed', message: errorMessage(err), auto });
      }
    },
    [examId],
  );

  const saverRef = useRef<AnswerSaver | null>(null);
  if (!saverRef.current) {
    saverRef.current = new AnswerSaver(
      async (questionId, answer) => {
        await exam('saveAnswer', { attemptId: paperRef.current!.attemptId, questionId, answer });
      },
      (questionId, state, error) => {
        setSaves((s) => ({ ...s, [questionId]: state }));
        // Submitted elsewhere or past the deadline: the attempt is over; grading takes what was saved.
        if (state === 'failed' && error instanceof CloudError && attemptOver(error.code)) void finish(true);
      },
    );
  }
  const saver = saverRef.current;

  const apply = useCallback((out: StartOutput, resync: boolean, receivedAt: number) => {
    offset.current = clockOffset(out.serverNow, receivedAt);
    setPaper(out);
    const saved = out.saved ?? {};
    if (!resync) {
      setAnswers({ ...saved });
      setSaves(Object.fromEntries(Object.keys(saved).map((k) => [k, 'saved' as SaveState])));
    } else {
      // Answers this page still sends (or failed to) stay as chosen; the rest follow the server.
      const s = savesRef.current;
      setAnswers((a) => {
        const next = { ...a };
        for (const [q, v] of Object.entries(saved)) if (s[q] !== 'saving' && s[q] !== 'failed') next[q] = v;
        return next;
      });
    }
    setNow(Date.now());
    setPhase({ kind: 'answering' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const load = useCallback(
    async (resync: boolean) => {
      try {
        const primed = resync ? null : takePrimed(examId);
        const out = primed?.out ?? (wrongRound && !resync ? await exam('startWrongBook', { examId }) : await exam('start', { examId }));
        if (resync && paperRef.current && out.attemptId !== paperRef.current.attemptId) return void finish(true);
        apply(out, resync, primed?.at ?? Date.now());
      } catch (err) {
        if (!resync) setPhase({ kind: 'error', message: errorMessage(err), code: err instanceof CloudError ? err.code : undefined });
      }
    },
    [apply, examId, finish, wrongRound],
  );

  useEffect(() => {
    void load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [examId]);

  // Back on the page (app shown again, back from another page): the server's deadline and answers again.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    const p = paperRef.current;
    if (p && !finishing.current && remainingMs(p.deadline, Date.now(), offset.current) > 0) void load(true);
  });

  // The countdown: one tick a second; at the deadline the page submits with what was saved.
  useEffect(() => {
    if (!paper) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [paper]);
  const remaining = paper ? remainingMs(paper.deadline, now, offset.current) : 0;
  useEffect(() => {
    if (paper && phase.kind === 'answering' && remaining <= 0) void finish(true);
  }, [paper, phase.kind, remaining, finish]);

  // weapp: leaving (back) while an answer is unsaved asks first; a saved paper leaves freely (it resumes).
  const unsaved = Object.values(saves).some((st) => st === 'saving' || st === 'failed');
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    if (unsaved) Taro.enableAlertBeforeUnload({ message: '有答案尚未保存，离开后这些答案不会计入。确定离开吗？' });
    else Taro.disableAlertBeforeUnload({});
  }, [unsaved]);

  const questions = paper?.questions ?? [];
  const ids = useMemo(() => questions.map((x) => x._id), [questions]);
  const q: PublicQuestion | undefined = questions[Math.min(index, questions.length - 1)];

  if (phase.kind === 'error') {
    const final = phase.code && phase.code !== 'NETWORK' && phase.code !== 'INTERNAL';
    return (
      <View className='page take paper'>
        <StateView className='paper-error' image={final ? 'exam' : 'error'} title={final ? '无法开始答题' : '加载失败'} description={phase.message} actionText={final ? '返回' : '重试'} onAction={() => (final ? void Taro.navigateBack() : void load(false))} />
      </View>
    );
  }
  if (!paper || !q) {
    return (
      <View className='page take paper'>
        <View className='card paper-loading'>
          <Skeleton rows={6} />
        </View>
      </View>
    );
  }

  const mine = answers[q._id] ?? [];
  const fb = feedback[q._id];
  const locked = isPractice && (!!fb || saves[q._id] === 'saved');
  const save = saves[q._id];

  const choose = (key: string) => {
    if (phase.kind !== 'answering' || locked) return;
    const next = toggleAnswer(q.type, mine, key);
    setAnswers((a) => ({ ...a, [q._id]: next }));
    if (!isPractice) saver.save(q._id, next);
  };

  const check = async () => {
    if (!isAnswered(mine)) return toast('请先作答');
    setChecking(true);
    try {
      const r = await exam('practiceCheck', { attemptId: paper.attemptId, questionId: q._id, answer: mine });
      setFeedback((f) => ({ ...f, [q._id]: r }));
      setSaves((s) => ({ ...s, [q._id]: 'saved' }));
    } catch (err) {
      if (err instanceof CloudError && err.code === 'ANSWER_LOCKED') setSaves((s) => ({ ...s, [q._id]: 'saved' }));
      else if (err instanceof CloudError && attemptOver(err.code)) void finish(true);
      toast(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  const askSubmit = () => {
    const failed = saver.failedIds().length;
    if (failed) {
      saver.retryAll();
      return toast(`${failed}道题保存失败，已重新保存，请稍后再交卷`);
    }
    const left = unansweredCount(ids, answers);
    confirm({
      title: isPractice ? '结束练习' : '确认交卷',
      className: 'submit-confirm',
      content: left ? `还有${left}道题未作答，交卷后不能修改。确定交卷吗？` : '已全部作答，交卷后不能修改。确定交卷吗？',
      confirmText: isPractice ? '结束' : '交卷',
      onConfirm: () => finish(false),
    });
  };

  const urgent = countdownUrgent(remaining);
  const answeredCount = ids.length - unansweredCount(ids, answers);

  return (
    <View className='page take paper'>
      <View className='paper-bar'>
        <View className={`paper-countdown ${urgent ? 'paper-countdown--urgent' : ''}`}>
          <Text className='paper-countdown__label'>剩余</Text>
          <Text className='paper-countdown__time'>{countdownText(remaining)}</Text>
        </View>
        <Text className='paper-progress'>
          已答 {answeredCount}/{ids.length}
        </Text>
        <View className={`paper-submit ${phase.kind !== 'answering' ? 'paper-submit--disabled' : ''}`} onClick={() => phase.kind === 'answering' && askSubmit()}>
          <Text>{isPractice ? '结束练习' : '交卷'}</Text>
        </View>
      </View>

      <View className={`card paper-question paper-question--${q.type}`} data-qid={q._id}>
        <View className='paper-question__head'>
          <Text className='q-type'>{QUESTION_TYPE_ZH[q.type]}</Text>
          <Text className='paper-index'>
            第 {index + 1} / {ids.length} 题
          </Text>
        </View>
        <Text className='q-stem paper-stem'>{q.stem}</Text>
        {q.options.map((o) => {
          const chosen = mine.includes(o.key);
          const mark = fb ? (fb.correctAnswer.includes(o.key) ? 'right' : chosen ? 'wrong' : '') : chosen ? 'chosen' : '';
          return (
            <View key={o.key} className={`q-option q-option--${q.type} ${mark ? `q-option--${mark}` : ''} paper-option paper-option--${o.key}`} onClick={() => choose(o.key)}>
              <Text className='q-option__key'>{o.key}</Text>
              <Text className='q-option__text'>{o.text}</Text>
            </View>
          );
        })}
        {q.type === 'multiple' && !locked && <Text className='paper-hint'>多选题：选出全部正确答案</Text>}

        {isPractice ? (
          fb ? (
            <View className={`q-analysis paper-feedback paper-feedback--${fb.correct ? 'right' : 'wrong'}`}>
              <Text className={`q-analysis__verdict q-analysis__verdict--${fb.correct ? 'right' : 'wrong'}`}>{fb.correct ? '回答正确' : '回答错误'}</Text>
              <Text className='q-analysis__line paper-feedback__key'>正确答案：{lettersZh(fb.correctAnswer)}</Text>
              {fb.analysis && <Text className='q-analysis__line paper-feedback__analysis'>解析：{fb.analysis}</Text>}
            </View>
          ) : locked ? (
            <Text className='paper-hint paper-locked'>本题已作答：{lettersZh(mine)}</Text>
          ) : (
            <Button className='paper-check' type='primary' fill='outline' block loading={checking} disabled={!isAnswered(mine)} onClick={() => void check()}>
              确认答案
            </Button>
          )
        ) : (
          <SaveLine state={save} answered={isAnswered(mine)} onRetry={() => saver.retry(q._id)} />
        )}
      </View>

      <View className='paper-nav'>
        <Button className='paper-prev' size='small' disabled={index === 0} onClick={() => setIndex((i) => Math.max(0, i - 1))}>
          上一题
        </Button>
        <Button className='paper-sheet-open' size='small' type='primary' fill='outline' onClick={() => setSheetOpen(true)}>
          答题卡
        </Button>
        {index < ids.length - 1 ? (
          <Button className='paper-next' size='small' type='primary' onClick={() => setIndex((i) => Math.min(ids.length - 1, i + 1))}>
            下一题
          </Button>
        ) : (
          <Button className='paper-next paper-last' size='small' type='primary' disabled={phase.kind !== 'answering'} onClick={askSubmit}>
            {isPractice ? '结束练习' : '交卷'}
          </Button>
        )}
      </View>

      {sheetOpen && (
        <View className='paper-sheet' onClick={() => setSheetOpen(false)}>
          <View className='paper-sheet__panel' onClick={(e) => e.stopPropagation()}>
            <View className='paper-sheet__head'>
              <Text className='paper-sheet__title'>答题卡</Text>
              <Text className='take-muted'>
                已答 {answeredCount} · 未答 {ids.length - answeredCount}
              </Text>
            </View>
            <View className='paper-sheet__grid'>
              {questions.map((x, i) => {
                const f = feedback[x._id];
                const cell = f ? (f.correct ? 'right' : 'wrong') : sheetCell(answers[x._id], saves[x._id]);
                return (
                  <View
                    key={x._id}
                    className={`paper-cell paper-cell--${cell} ${i === index ? 'paper-cell--current' : ''}`}
                    onClick={() => {
                      setIndex(i);
                      setSheetOpen(false);
                    }}
                  >
                    <Text>{i + 1}</Text>
                  </View>
                );
              })}
            </View>
            <View className='paper-sheet__legend'>
              <Text className='legend legend--answered'>已答</Text>
              <Text className='legend legend--empty'>未答</Text>
              {!isPractice && <Text className='legend legend--failed'>保存失败</Text>}
            </View>
            <Button className='paper-sheet__submit' type='primary' block disabled={phase.kind !== 'answering'} onClick={askSubmit}>
              {isPractice ? '结束练习' : '交卷'}
            </Button>
          </View>
        </View>
      )}

      {(phase.kind === 'submitting' || phase.kind === 'submitFailed') && (
        <View className='paper-overlay'>
          <View className='paper-overlay__box'>
            {phase.kind === 'submitting' ? (
              <Text className='paper-overlay__text paper-submitting'>{phase.auto ? '考试时间到，正在按已保存的答案交卷…' : '正在交卷…'}</Text>
            ) : (
              <>
                <Text className='paper-overlay__text paper-submit-failed'>交卷失败：{phase.message}</Text>
                <Button className='paper-submit-retry' type='primary' block onClick={() => void finish(phase.auto)}>
                  重新交卷
                </Button>
                {!phase.auto && (
                  <Button className='paper-submit-cancel' block fill='none' onClick={() => setPhase({ kind: 'answering' })}>
                    继续答题
                  </Button>
                )}
              </>
            )}
          </View>
        </View>
      )}
      {dialog}
    </View>
  );
}

function SaveLine({ state, answered, onRetry }: { state: SaveState | undefined; answered: boolean; onRetry: () => void }) {
  if (state === 'failed')
    return (
      <View className='paper-save paper-save--failed'>
        <Text>保存失败</Text>
        <Text className='paper-save__retry' onClick={onRetry}>
          重试
        </Text>
      </View>
    );
  if (state === 'saving')
    return (
      <View className='paper-save paper-save--saving'>
        <Text>保存中…</Text>
      </View>
    );
  if (state === 'saved' && answered)
    return (
      <View className='paper-save paper-save--saved'>
        <Text>已保存</Text>
      </View>
    );
  return (
    <View className='paper-save paper-save--none'>
      <Text>选择后自动保存</Text>
    </View>
  );
}
