import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Rate, TextArea } from '@nutui/nutui-react-taro';
import type { StudyMaterial } from '@shared/contracts';
import { COURSE_CATEGORY_ZH, MATERIAL_KIND_ZH } from '@shared/learning/labels';
import { dateZh, formatDuration, formatHours, percent } from '@shared/learning/studyView';
import { ProgressBar } from '../../../components/ProgressBar';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useRemote } from '../../../hooks/useRemote';
import { learn, LEARN_PAGES } from '../../../services/learning';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import { askRemindOnce } from './remindSubscribe';
import '../learn.scss';
import './index.scss';

const CHECK_ZH = { none: '', start: '开始学习前需人脸核验', interval: '学习过程中将随机进行人脸核验' } as const;

export default function CoursePage() {
  const courseId = useRouter().params.id ?? '';
  const loadedAt = useRef(0);
  const res = useRemote(() => {
    loadedAt.current = Date.now();
    return learn('getCourse', { courseId });
  }, [courseId]);
  // Back from studying: fresh credited times.
  useDidShow(() => {
    if (loadedAt.current && Date.now() - loadedAt.current > 1000) void res.reload();
  });

  if (res.status === 'error' && !res.data) {
    const missing = res.code === 'COURSE_NOT_AVAILABLE' || res.code === 'NOT_FOUND';
    return (
      <View className='page course'>
        <StateView className='course-error' image={missing ? 'study' : 'error'} title={missing ? '课程不可学习' : '加载失败'} description={res.error} actionText={missing ? undefined : '重试'} onAction={missing ? undefined : () => void res.reload()} />
      </View>
    );
  }
  if (!res.data) {
    return (
      <View className='page course'>
        <View className='learn-hero'>
          <Text className='learn-hero__title'>　</Text>
        </View>
        <View className='card'>
          <Skeleton rows={6} />
        </View>
      </View>
    );
  }

  const c = res.data.course;
  const required = c.materials.reduce((s, m) => s + m.requiredSeconds, 0);
  const credited = c.materials.reduce((s, m) => s + Math.min(m.creditedSeconds, m.requiredSeconds), 0);
  const done = c.done ?? (required > 0 && credited >= required);
  const next = c.materials.find((m) => m.creditedSeconds < m.requiredSeconds);
  const check = c.identityCheck && c.identityCheck !== 'none' ? CHECK_ZH[c.identityCheck] : '';

  return (
    <View className='page course'>
      <View className='learn-hero'>
        <Text className='learn-hero__title course-title'>{c.title}</Text>
        <View className='learn-hero__meta'>
          {c.category && <Text>{COURSE_CATEGORY_ZH[c.category]}</Text>}
          {c.creditedHours != null && <Text>{formatHours(c.creditedHours)}</Text>}
          {c.dueAt && <Text>{dateZh(c.dueAt)}前完成</Text>}
        </View>
      </View>

      <View className='card course-progress'>
        <View className='course-progress__row'>
          <Text className='course-progress__label'>{done ? '已完成本课程' : `已学 ${formatDuration(credited)} / 共需 ${formatDuration(required)}`}</Text>
          <Text className='course-progress__pct'>{percent(required ? credited / required : 0, done)}%</Text>
        </View>
        <ProgressBar value={percent(required ? credited / required : 0, done)} />
        {check && <Text className='course-check'>{check}</Text>}
        {!done && next && (
          <Button
            className='course-continue'
            type='primary'
            block
            onClick={() => {
              // The subscribe dialog (once per course, weapp with a template only) must come from this tap.
              void askRemindOnce(c._id).then(() => Taro.navigateTo({ url: LEARN_PAGES.material(c._id, next._id) }));
            }}
          >
            {credited > 0 ? '继续学习' : '开始学习'}
          </Button>
        )}
      </View>

      {c.description && (
        <View className='card course-desc'>
          <Text className='learn-section-title'>课程简介</Text>
          <Text className='course-desc__text'>{c.description}</Text>
        </View>
      )}

      <View className='card course-materials'>
        <Text className='learn-section-title'>学习资料（{c.materials.length}）</Text>
        {c.materials.map((m, i) => (
          <MaterialRow key={m._id} index={i} material={m} onOpen={() => void Taro.navigateTo({ url: LEARN_PAGES.material(c._id, m._id) })} />
        ))}
      </View>

      {done && <RatingCard courseId={c._id} initial={c.myRating ?? null} />}
    </View>
  );
}

function MaterialRow({ material: m, index, onOpen }: { material: StudyMaterial; index: number; onOpen: () => void }) {
  const finished = m.creditedSeconds >= m.requiredSeconds;
  const pct = percent(m.requiredSeconds ? m.creditedSeconds / m.requiredSeconds : 0, finished);
  return (
    <View className={`material-row material-row--${m.kind}`} hoverClass='material-row--hover' onClick={onOpen}>
      <View className={`material-row__kind material-row__kind--${m.kind}`}>
        <Text>{MATERIAL_KIND_ZH[m.kind]}</Text>
      </View>
      <View className='material-row__body'>
        <Text className='material-row__title'>
          {index + 1}. {m.title}
        </Text>
        <View className='material-row__bar'>
          <ProgressBar value={pct} />
        </View>
        <Text className='material-row__time'>
          已计 {formatDuration(Math.min(m.creditedSeconds, m.requiredSeconds))} / 需 {formatDuration(m.requiredSeconds)}
        </Text>
      </View>
      {finished ? <StatusTag className='material-row__status' label='已完成' tone='ok' /> : <Text className='material-row__go'>{m.creditedSeconds > 0 ? '继续' : '学习'}</Text>}
    </View>
  );
}

function RatingCard({ courseId, initial }: { courseId: string; initial: number | null }) {
  const [stars, setStars] = useState(initial ?? 0);
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(initial != null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!stars) return toast('请先选择星级');
    setBusy(true);
    try {
      await learn('rateCourse', { courseId, stars, comment });
      setSaved(true);
      toast('感谢您的评价');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card course-rating'>
      <Text className='learn-section-title'>{saved ? '我的评价' : '评价本课程'}</Text>
      <View className='course-rating__body'>
        <Rate className='course-rating__stars' value={stars} onChange={(v) => { setStars(v); setSaved(false); }} />
        <TextArea className='course-rating__comment' placeholder='说说您的收获或建议（选填）' maxLength={300} value={comment} onChange={setComment} />
        <Button className='course-rating__submit' type='primary' fill='outline' block loading={busy} disabled={saved && !comment} onClick={() => void submit()}>
          {saved ? '已评价，可修改后重新提交' : '提交评价'}
        </Button>
      </View>
    </View>
  );
}
