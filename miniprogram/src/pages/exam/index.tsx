import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MyExamItem } from '@shared/contracts';
import { EXAM_CHIP, entryAction, sectionsByKind, windowZh } from '@shared/exam/takeView';
import { spotCodeFromScan } from '@shared/exam/spot';
import { PageHeader } from '../../components/PageHeader';
import { StateView } from '../../components/StateView';
import { FeatureList } from '../../components/FeatureList';
import { Skeleton } from '../../components/Skeleton';
import { StatusTag } from '../../components/StatusTag';
import { useSession } from '../../services/session';
import { exam, EXAM_PAGES } from '../../services/exam';
import { useRemote } from '../../hooks/useRemote';
import { errorMessage } from '../../utils/errors';
import { toast } from '../../utils/feedback';
import './index.scss';

const KINDS = [
  { title: '正式考试', desc: '企业和监管部门组织的考试，限时作答，服务器计时、自动评分' },
  { title: '模拟考试', desc: '与正式考试相同的规则，成绩不计入考核' },
  { title: '练习', desc: '每答一题即显示对错与解析，答错的题进入错题本' },
];

export default function ExamPage() {
  const session = useSession();
  const person = session.status === 'ready' ? session.person : null;
  const active = person?.status === 'active' && !person.mustChangePassword;
  return (
    <View className='page exam'>
      <PageHeader title='考试' subtitle='正式考试 · 模拟考试 · 练习' />
      {active ? (
        <MyExams />
      ) : (
        <View className='card'>
          {person ? (
            <StateView className='exam-inactive' image='exam' title='暂无考试' description='在职员工可参加所在企业和监管部门发布的考试；入职审核通过后即可参加' />
          ) : (
            <StateView
              className='exam-login'
              image='exam'
              title='登录后参加考试'
              description='登录后可参加考试，查看成绩与考试记录'
              actionText='登录/注册'
              onAction={() => void Taro.navigateTo({ url: '/pages/auth/login/index' })}
            />
          )}
        </View>
      )}
      <FeatureList title='考试说明' items={KINDS} />
    </View>
  );
}

function MyExams() {
  const loadedAt = useRef(0);
  const list = useRemote(() => {
    loadedAt.current = Date.now();
    return exam('myExams', {});
  }, []);
  // Back from an exam: fresh statuses.
  useDidShow(() => {
    if (loadedAt.current && Date.now() - loadedAt.current > 1000) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const now = Date.now();
  const sections = sectionsByKind(list.data?.items ?? []);

  return (
    <>
      <SpotEntry />
      <View className='card exam-links'>
        <View className='exam-links__item exam-links__appeals' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.appeals })}>
          <Text>我的申诉</Text>
        </View>
        <View className='exam-links__item exam-links__wrongbook' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.wrongBook() })}>
          <Text>错题本</Text>
        </View>
      </View>
      <View className='card exam-list'>
        {list.status === 'error' && !list.data ? (
          <StateView compact className='exam-error' image='error' title='加载失败' description={list.error} actionText='重试' onAction={() => void list.reload()} />
        ) : !list.data ? (
          <Skeleton rows={5} />
        ) : sections.length === 0 ? (
          <StateView compact className='exam-empty' image='exam' title='暂无考试' description='企业或监管部门发布考试后，会显示在这里' />
        ) : (
          sections.map((s) => (
            <View key={s.kind} className={`exam-section exam-section--${s.kind}`}>
              <Text className='exam-section__title'>{s.title}</Text>
              {s.items.map((e) => (
                <ExamRow key={e.examId} item={e} now={now} />
              ))}
            </View>
          ))
        )}
      </View>
    </>
  );
}

function ExamRow({ item: e, now }: { item: MyExamItem; now: number }) {
  const chip = EXAM_CHIP[e.status];
  const action = entryAction(e.status, e.kind);
  return (
    <View className={`exam-row exam-row--${e.status}`} hoverClass='exam-row--hover' onClick={() => void Taro.navigateTo({ url: EXAM_PAGES.intro(e.examId) })}>
      <View className='exam-row__top'>
        <Text className='exam-row__title'>{e.title}</Text>
        {e.spot && <StatusTag className='exam-row__spot' label='逢查必考' tone='bad' />}
        <StatusTag className='exam-row__status' label={chip.label} tone={chip.tone} />
      </View>
      <View className='exam-row__meta'>
        <Text>{e.durationMinutes}分钟</Text>
        <Text>满分{e.fullScore}</Text>
        <Text>及格{e.passScore}</Text>
        {e.attemptsLeft != null && <Text className='exam-row__left'>剩余{e.attemptsLeft}次</Text>}
      </View>
      <View className='exam-row__bottom'>
        <Text className='exam-row__window'>{windowZh(e.opensAt, e.closesAt, now)}</Text>
        {action.can && <Text className='exam-row__go'>{action.label}</Text>}
      </View>
    </View>
  );
}

/** 逢查必考: scan the inspector's QR code (weapp) or type its 6-character code. */
function SpotEntry() {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const join = async (raw: string) => {
    const c = spotCodeFromScan(raw);
    if (!c) return toast('考试码为6位字母或数字');
    setBusy(true);
    try {
      const r = await exam('joinSpotExam', { code: c });
      setOpen(false);
      setCode('');
      void Taro.navigateTo({ url: EXAM_PAGES.intro(r.examId) });
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      await join(r.result);
    } catch {
      // Cancelled by the worker: nothing to say.
    }
  };
  return (
    <View className='card exam-spot'>
      <View className='exam-spot__head'>
        <View>
          <Text className='exam-spot__title'>逢查必考</Text>
          <Text className='exam-spot__desc'>检查人员现场出示的考试码或二维码</Text>
        </View>
        <View className='exam-spot__actions'>
          {process.env.TARO_ENV === 'weapp' && (
            <Button className='exam-spot__scan' size='small' type='primary' onClick={() => void scan()}>
              扫码参加
            </Button>
          )}
          <Button className='exam-spot__open' size='small' type='primary' fill='outline' onClick={() => setOpen((o) => !o)}>
            输入考试码
          </Button>
        </View>
      </View>
      {open && (
        <View className='exam-spot__form'>
          <Input className='exam-spot__input' maxlength={6} placeholder='6位考试码' value={code} onInput={(e) => setCode(e.detail.value.toUpperCase())} onConfirm={() => void join(code)} />
          <Button className='exam-spot__join' size='small' type='primary' loading={busy} disabled={code.trim().length !== 6} onClick={() => void join(code)}>
            参加
          </Button>
        </View>
      )}
    </View>
  );
}
