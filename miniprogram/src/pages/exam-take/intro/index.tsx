import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CloudError } from '@shared/client';
import { EXAM_KIND_ZH } from '@shared/exam/attemptState';
import { EXAM_CHIP, entryAction, windowZh } from '@shared/exam/takeView';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useConfirm } from '../../../components/Confirm';
import { useRemote } from '../../../hooks/useRemote';
import { exam, EXAM_PAGES } from '../../../services/exam';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import { myExam, primeStart, useParam } from '../take';
import { useIdentityCheck } from '../IdentityCheck';
import '../take.scss';
import './index.scss';

const RULES = {
  formal: ['开始后计时，时间以服务器为准，中途退出不暂停计时', '每道题作答后立即保存，可在截止前换设备继续作答', '到时未交卷将按已保存的答案自动交卷', '交卷后由系统评分，成绩计入个人考试记录'],
  mock: ['与正式考试规则相同，成绩不计入考核', '每道题作答后立即保存，到时自动交卷', '交卷后可查看答案与解析'],
  practice: ['每答一题即显示对错、正确答案与解析', '答错的题目自动进入错题本，可反复练习', '练习次数不限，成绩不计入考核'],
} as const;

export default function ExamIntroPage() {
  const examId = useParam('id');
  const loadedAt = useRef(0);
  const res = useRemote(() => {
    loadedAt.current = Date.now();
    return myExam(examId);
  }, [examId]);
  useDidShow(() => {
    if (loadedAt.current && Date.now() - loadedAt.current > 1000) void res.reload();
  });
  const [starting, setStarting] = useState(false);
  const [checkFailed, setCheckFailed] = useState(false);
  const { confirm, dialog } = useConfirm();

  const start = async () => {
    setStarting(true);
    try {
      const out = await exam('start', { examId });
      primeStart(examId, out);
      void Taro.navigateTo({ url: EXAM_PAGES.paper(examId, { practice: res.data?.kind === 'practice' }) });
    } catch (err) {
      if (err instanceof CloudError && err.code === 'IDENTITY_CHECK_REQUIRED') void identity.begin();
      else {
        toast(errorMessage(err));
        void res.reload();
      }
    } finally {
      setStarting(false);
    }
  };
  const identity = useIdentityCheck(examId, (passed) => {
    setCheckFailed(!passed);
    if (passed) {
      toast('核验通过');
      void start();
    }
  });

  if (res.status === 'error' && !res.data) {
    return (
      <View className='page take'>
        <StateView className='intro-error' image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
      </View>
    );
  }
  if (res.status === 'ready' && !res.data) {
    return (
      <View className='page take'>
        <StateView className='intro-missing' image='exam' title='考试不可参加' description='考试不存在、已取消，或不面向您发布' />
      </View>
    );
  }
  if (!res.data) {
    return (
      <View className='page take'>
        <View className='take-hero'>
          <Text className='take-hero__title'>　</Text>
        </View>
        <View className='card'>
          <Skeleton rows={6} />
        </View>
      </View>
    );
  }

  const e = res.data;
  const chip = EXAM_CHIP[e.status];
  const action = entryAction(e.status, e.kind);
  const begin = () => {
    if (e.status === 'inProgress' || e.kind === 'practice') return void start();
    confirm({
      title: action.label,
      className: 'intro-confirm',
      content: `开始后计时${e.durationMinutes}分钟，中途退出不暂停计时，到时自动交卷。确定开始吗？`,
      confirmText: '开始',
      onConfirm: () => start(),
    });
  };

  return (
    <View className='page take intro'>
      <View className='take-hero'>
        <Text className='take-hero__title intro-title'>{e.title}</Text>
        <View className='take-hero__meta'>
          <Text>{EXAM_KIND_ZH[e.kind]}</Text>
          <StatusTag className='intro-status' label={chip.label} tone={chip.tone} />
        </View>
      </View>

      <View className='card intro-facts'>
        <Fact k='考试时长' v={`${e.durationMinutes}分钟`} />
        <Fact k='满分 / 及格分' v={`${e.fullScore}分 / ${e.passScore}分`} />
        <Fact k='考试时间' v={windowZh(e.opensAt, e.closesAt)} />
        <Fact k='剩余次数' v={e.attemptsLeft == null ? '不限' : `${e.attemptsLeft}次`} />
        {action.can ? (
          <Button className='intro-start' type='primary' block loading={starting} onClick={begin}>
            {action.label}
          </Button>
        ) : e.status === 'pending' || e.status === 'passed' || e.status === 'failed' ? (
          // Time is up or the paper is in: the score is under 历次成绩 (an overdue paper is graded there or by the timer).
          <Button className='intro-results' type='primary' fill='outline' block onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.attempts(examId) })}>
            {e.status === 'pending' ? '查看评分进度' : '查看成绩'}
          </Button>
        ) : (
          <Text className='intro-closed'>{e.status === 'upcoming' ? '考试尚未开始，请在考试时间内参加' : `当前状态：${chip.label}`}</Text>
        )}
        {checkFailed && <Text className='intro-check-failed'>人脸核验未通过，核验通过后才能开始答题</Text>}
      </View>

      <View className='card intro-rules'>
        <Text className='take-section-title'>考试须知</Text>
        {RULES[e.kind].map((r, i) => (
          <Text key={r} className='intro-rules__item'>
            {i + 1}. {r}
          </Text>
        ))}
        <Text className='intro-rules__item intro-rules__item--muted'>若考试要求人脸核验，开始答题前将先进行核验。</Text>
      </View>

      <View className='card take-links'>
        <View className='take-links__item intro-attempts' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.attempts(examId) })}>
          <Text>历次成绩</Text>
        </View>
        {e.kind === 'practice' && (
          <View className='take-links__item intro-wrongbook' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.wrongBook(examId) })}>
            <Text>错题本</Text>
          </View>
        )}
        <View className='take-links__item intro-appeals' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.appeals })}>
          <Text>我的申诉</Text>
        </View>
      </View>
      {dialog}
      {identity.dialog}
    </View>
  );
}

function Fact({ k, v }: { k: string; v: string }) {
  return (
    <View className='take-kv'>
      <Text className='take-kv__k'>{k}</Text>
      <Text className='take-kv__v'>{v}</Text>
    </View>
  );
}
