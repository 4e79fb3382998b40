import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { RichText, Text, Video, View } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import type { StudyMaterial } from '@shared/contracts';
import { MATERIAL_KIND_ZH } from '@shared/learning/labels';
import { estimateCredited, StudyLoop, type StudyState } from '@shared/learning/studyLoop';
import { formatDuration, percent } from '@shared/learning/studyView';
import { ProgressBar } from '../../../components/ProgressBar';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { learn, LEARN_PAGES, type LearningOutput } from '../../../services/learning';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import '../learn.scss';
import './index.scss';

type Course = LearningOutput<'getCourse'>['course'];
type Started = LearningOutput<'startStudy'>;
type Check = LearningOutput<'identityCheckStart'>;

/** A material's file as the page can open it: a URL the server signed, or (weapp) the cloud fileID itself. */
const fileSrc = (m: StudyMaterial): string | undefined => m.url ?? (process.env.TARO_ENV === 'weapp' ? m.fileID : undefined);

/**
 * Study one material. The server credits time (startStudy → checkpoints); this page only keeps the
 * session alive (shared/learning/studyLoop.ts), tells the server when it hides and shows, resumes
 * the video where it stopped, and runs identity checks when the server asks for one.
 */
export default function MaterialPage() {
  const { course: courseId = '', material: materialId = '' } = useRouter().params;
  const [course, setCourse] = useState<Course | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const [state, setState] = useState<StudyState | null>(null);
  const [, tick] = useState(0);
  const loop = useRef<StudyLoop | null>(null);
  const position = useRef<number | undefined>(undefined);
  // weapp: openDocument shows WeChat's reader over this page (onHide), but the worker is still studying.
  const readingDocument = useRef(false);

  const open = async () => {
    setError(null);
    try {
      const [c, s] = await Promise.all([learn('getCourse', { courseId }), learn('startStudy', { courseId, materialId })]);
      setCourse(c.course);
      setStarted(s);
      position.current = s.resumeAt;
      loop.current?.stop();
      const l = new StudyLoop(s, {
        checkpoint: (input) => learn('checkpoint', input),
        position: () => position.current,
        setTimer: (fn, ms) => setTimeout(fn, ms),
        clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
        now: () => Date.now(),
        onChange: setState,
      });
      loop.current = l;
      l.begin();
    } catch (err) {
      setError({ message: errorMessage(err), code: (err as { code?: string }).code });
    }
  };

  useEffect(() => {
    void open();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [courseId, materialId]);

  // Display only: the estimate between checkpoints ticks every second while studying.
  useEffect(() => {
    if (state?.phase !== 'studying') return undefined;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [state?.phase]);

  useDidHide(() => {
    if (!readingDocument.current) void loop.current?.hide();
  });
  useDidShow(() => {
    readingDocument.current = false;
    void loop.current?.show();
  });
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const onVisibility = () => void (document.visibilityState === 'hidden' ? loop.current?.hide() : loop.current?.show());
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);
  useUnload(() => void loop.current?.stop());
  useEffect(() => () => void loop.current?.stop(), []);

  if (error) {
    const gone = error.code === 'COURSE_NOT_AVAILABLE' || error.code === 'NOT_FOUND';
    return (
      <View className='page material'>
        <StateView className='material-error' image={gone ? 'study' : 'error'} title={gone ? '无法学习该资料' : '加载失败'} description={error.message} actionText={gone ? undefined : '重试'} onAction={gone ? undefined : () => void open()} />
      </View>
    );
  }
  const material = course?.materials.find((m) => m._id === materialId) as StudyMaterial | undefined;
  if (!course || !started || !state || !material) {
    return (
      <View className='page material'>
        <View className='card material-loading'>
          <Skeleton rows={6} />
        </View>
      </View>
    );
  }

  if (state.phase === 'replaced') {
    return (
      <View className='page material'>
        <View className='card'>
          <StateView className='material-replaced' image='study' title='已在其他设备学习' description='您在其他设备或页面开始了学习，本页面已停止计时。如需在本机继续，请重新进入。' actionText='在本机继续学习' onAction={() => void open()} />
        </View>
      </View>
    );
  }

  const shown = estimateCredited(state, Date.now());
  const done = state.phase === 'done';
  const idx = course.materials.findIndex((m) => m._id === materialId);
  const nextMaterial = course.materials.slice(idx + 1).find((m) => m.creditedSeconds < m.requiredSeconds) ?? course.materials[idx + 1];

  const body = <StudyBody material={material} resumeAt={started.resumeAt} position={position} readingDocument={readingDocument} />;

  return (
    <View className={`page material material--${material.kind}`}>
      {material.kind === 'video' && body}

      <View className='card material-status'>
        <View className='material-status__row'>
          <Text className='material-status__title'>
            <Text className={`material-status__kind material-status__kind--${material.kind}`}>{MATERIAL_KIND_ZH[material.kind]}</Text>
            {material.title}
          </Text>
        </View>
        <View className='material-status__row'>
          <Text className='material-credited'>
            已计学时 {formatDuration(shown)} / {formatDuration(state.requiredSeconds)}
          </Text>
          <Text className='material-status__pct'>{percent(state.requiredSeconds ? shown / state.requiredSeconds : 0, done)}%</Text>
        </View>
        <ProgressBar value={percent(state.requiredSeconds ? shown / state.requiredSeconds : 0, done)} />
        <Text className={`material-phase material-phase--${state.phase}`}>{phaseText(state, started.checkpointEverySeconds)}</Text>
        {state.warning && <Text className='material-warning'>{state.warning}，稍后自动重试</Text>}
        {done && (
          <View className='material-done'>
            {nextMaterial && nextMaterial._id !== materialId ? (
              <Button className='material-next' type='primary' block onClick={() => void Taro.redirectTo({ url: LEARN_PAGES.material(courseId, nextMaterial._id) })}>
                学习下一个资料
              </Button>
            ) : null}
            <Button className='material-back' block fill='outline' type='primary' onClick={() => void Taro.navigateBack()}>
              返回课程
            </Button>
          </View>
        )}
      </View>

      <IdentityCheck
        sessionId={started.sessionId}
        due={state.phase === 'identityCheck'}
        onResolved={(a) => {
          loop.current?.identityResolved(a);
          toast(a.passed ? '核验通过，继续学习' : '核验未通过');
        }}
      />

      {material.kind !== 'video' && body}
    </View>
  );
}

function phaseText(s: StudyState, every: number): string {
  switch (s.phase) {
    case 'studying':
      return `学习中 · 学时由服务器按实际学习时间计算，约每${Math.max(1, Math.round(every / 60))}分钟同步一次`;
    case 'hidden':
      return '已暂停：离开页面期间不计学时';
    case 'identityCheck':
      return '请完成人脸核验后继续计时';
    case 'done':
      return '本资料已完成';
    case 'ended':
      return '本次学习已结束，请重新进入';
    default:
      return '';
  }
}

function StudyBody({
  material: m,
  resumeAt,
  position,
  readingDocument,
}: {
  material: StudyMaterial;
  resumeAt?: number;
  position: { current: number | undefined };
  readingDocument: { current: boolean };
}) {
  const src = fileSrc(m);
  if (m.kind === 'video') {
    if (!src) return <MissingFile />;
    return (
      <View className='material-video'>
        <Video
          className='material-video__player'
          src={src}
          initialTime={resumeAt ?? 0}
          controls
          showFullscreenBtn
          enableProgressGesture={false}
          onTimeUpdate={(e) => {
            position.current = e.detail.currentTime;
          }}
        />
      </View>
    );
  }
  if (m.kind === 'document') {
    if (!src) return <MissingFile />;
    if (process.env.TARO_ENV === 'h5') {
      return (
        <View className='material-document'>
          <iframe className='material-document__frame' src={src} title={m.title} />
          <a className='material-document__link' href={src} target='_blank' rel='noreferrer'>
            在新窗口打开文档
          </a>
        </View>
      );
    }
    const openDoc = async () => {
      try {
        void Taro.showLoading({ title: '正在打开' });
        const file = m.url ? await Taro.downloadFile({ url: m.url }) : await Taro.cloud.downloadFile({ fileID: m.fileID! });
        readingDocument.current = true;
        await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: false });
      } catch {
        readingDocument.current = false;
        toast('文档打开失败，请稍后重试');
      } finally {
        void Taro.hideLoading();
      }
    };
    return (
      <View className='card material-document material-document--weapp'>
        <Text className='material-document__hint'>{m.pages ? `共 ${m.pages} 页。` : ''}阅读期间持续计时，读完返回本页即可。</Text>
        <Button className='material-document__open' type='primary' block onClick={() => void openDoc()}>
          打开文档
        </Button>
      </View>
    );
  }
  return (
    <View className='card material-article'>
      <RichText className='material-article__body' nodes={m.html ?? ''} />
    </View>
  );
}

function MissingFile() {
  return (
    <View className='card'>
      <StateView compact image='error' title='资料文件暂不可用' description='请稍后重试或联系发布单位' />
    </View>
  );
}

/**
 * The server asked for an identity check: `simulated` (local cloud) shows a dialog with 通过 / 失败 /
 * 跳过; `wechatFace` hands over to WeChat's facial verification and sends its ticket.
 */
function IdentityCheck({ sessionId, due, onResolved }: { sessionId: string; due: boolean; onResolved: (a: LearningOutput<'identityCheckResult'>) => void }) {
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  /** The last check failed or was skipped: a check stays due; the worker starts the next one. */
  const [again, setAgain] = useState(false);
  const asked = useRef(false);

  const send = async (c: Check, r: { ticket?: string; skipped?: boolean }) => {
    setBusy(true);
    try {
      const a = await learn('identityCheckResult', { sessionId, checkId: c.checkId, ...r });
      setCheck(null);
      setAgain(!a.passed);
      onResolved(a);
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const begin = async () => {
    setFailed('');
    setAgain(false);
    try {
      const c = await learn('identityCheckStart', { sessionId });
      if (c.verifier === 'wechatFace' && process.env.TARO_ENV === 'weapp') {
        // Placeholder until the account category allows it: WeChat's verification with the server's parameters.
        const wxFace = (wx as unknown as { startFacialRecognitionVerify?: (o: Record<string, unknown>) => void }).startFacialRecognitionVerify;
        if (!wxFace) return void send(c, { skipped: true });
        wxFace({
          ...(c.params ?? {}),
          checkAliveType: 2,
          success: (res: { verifyResult?: string }) => void send(c, { ticket: res.verifyResult ?? '' }),
          fail: () => void send(c, { ticket: '' }),
        });
        return;
      }
      setCheck(c);
    } catch (err) {
      asked.current = false;
      setFailed(errorMessage(err));
    }
  };

  // Each time a check becomes due (at start, or every N minutes), open it once.
  useEffect(() => {
    if (!due) {
      asked.current = false;
      setAgain(false);
    } else if (!asked.current) {
      asked.current = true;
      void begin();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [due]);

  if (again && due && !check) {
    return (
      <View className='card identity-again'>
        <StateView compact image='error' title='人脸核验未通过' description='核验通过后才继续计入学时，上次核验后的学习时长已不计入。' actionText='重新核验' onAction={() => void begin()} />
      </View>
    );
  }
  if (failed && due) {
    return (
      <View className='card identity-error'>
        <StateView compact image='error' title='人脸核验启动失败' description={failed} actionText='重试' onAction={() => void begin()} />
      </View>
    );
  }
  return (
    <Dialog
      className='identity-dialog'
      visible={!!check}
      title='人脸核验（模拟）'
      closeOnOverlayClick={false}
      hideConfirmButton
      hideCancelButton
      footer={
        <View className='identity-dialog__actions'>
          <Button className='identity-pass' type='primary' block loading={busy} onClick={() => check && void send(check, { ticket: 'pass' })}>
            通过
          </Button>
          <Button className='identity-fail' type='danger' fill='outline' block disabled={busy} onClick={() => check && void send(check, { ticket: 'fail' })}>
            失败
          </Button>
          <Button className='identity-skip' block fill='none' disabled={busy} onClick={() => check && void send(check, { skipped: true })}>
            跳过
          </Button>
        </View>
      }
    >
      <Text className='identity-dialog__text'>本课程要求学习过程中核验本人身份。本地环境使用模拟核验：请选择核验结果。未通过或跳过时，上次核验后的学习时长不计入。</Text>
    </Dialog>
  );
}
