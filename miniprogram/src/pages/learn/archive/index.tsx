import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COURSE_CATEGORY_ZH } from '@shared/learning/labels';
import { dateZh, formatDuration, formatHours } from '@shared/learning/studyView';
import { ProgressBar } from '../../../components/ProgressBar';
import { Segmented } from '../../../components/Segmented';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useRemote } from '../../../hooks/useRemote';
import { learn, LEARN_PAGES, type LearningOutput } from '../../../services/learning';
import '../learn.scss';
import './index.scss';

type Archive = LearningOutput<'myArchive'>;
type Tab = 'courses' | 'offline' | 'certificates';

const PAGE = 20;

/** 一人一档: every year's hours against the requirement, every course, offline training and certificate, across employers. */
export default function ArchivePage() {
  const res = useRemote(() => learn('myArchive', {}), []);
  const [tab, setTab] = useState<Tab>('courses');
  const [shown, setShown] = useState(PAGE);
  usePullDownRefresh(() => void res.reload().finally(() => Taro.stopPullDownRefresh()));
  const d = res.data;

  if (res.status === 'error' && !d) {
    return (
      <View className='page archive'>
        <StateView image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
      </View>
    );
  }
  return (
    <View className='page archive'>
      <View className='learn-hero'>
        <Text className='learn-hero__title'>我的培训档案</Text>
        <View className='learn-hero__meta'>
          <Text>历年学时、课程、线下培训与学时证明，更换单位后依然保留</Text>
        </View>
      </View>
      <View className='card archive-years'>
        <Text className='learn-section-title'>年度学时</Text>
        {!d ? <Skeleton rows={3} /> : d.years.length === 0 ? <Text className='archive-none'>暂无学时记录</Text> : d.years.map((y) => <YearRow key={y.year} y={y} />)}
      </View>
      <View className='card archive-lists'>
        <Segmented
          className='archive-tabs'
          value={tab}
          onChange={(t) => {
            setTab(t);
            setShown(PAGE);
          }}
          items={[
            { value: 'courses', label: '课程', badge: d?.courses.length },
            { value: 'offline', label: '线下培训', badge: d?.offlineTrainings.length },
            { value: 'certificates', label: '学时证明', badge: d?.certificates.length },
          ]}
        />
        {!d ? <Skeleton rows={4} /> : <ArchiveList d={d} tab={tab} shown={shown} />}
        {d && listLength(d, tab) > shown && (
          <Text className='learn-more archive-more' onClick={() => setShown((n) => n + PAGE)}>
            加载更多
          </Text>
        )}
      </View>
    </View>
  );
}

const listLength = (d: Archive, tab: Tab) => (tab === 'courses' ? d.courses.length : tab === 'offline' ? d.offlineTrainings.length : d.certificates.length);

function YearRow({ y }: { y: Archive['years'][number] }) {
  const req = y.requirement;
  const doneHours = Math.min(req.online, y.onlineHours) + Math.min(req.offline, y.offlineHours);
  return (
    <View className='archive-year'>
      <View className='archive-year__head'>
        <Text className='archive-year__title'>
          {y.year}年 · {req.kind === 'initial' ? '岗前培训' : '年度再培训'} {req.total}学时
        </Text>
        <StatusTag label={y.met ? '已达标' : `差${y.gap}学时`} tone={y.met ? 'ok' : 'warn'} />
      </View>
      <ProgressBar value={req.total ? Math.round((doneHours / req.total) * 100) : 100} />
      <Text className='archive-year__detail'>
        线上 {y.onlineHours}/{req.online} 学时 · 线下 {y.offlineHours}/{req.offline} 学时
      </Text>
    </View>
  );
}

function ArchiveList({ d, tab, shown }: { d: Archive; tab: Tab; shown: number }) {
  if (tab === 'courses') {
    if (!d.courses.length) return <StateView compact image='study' title='暂无课程记录' />;
    return (
      <View>
        {d.courses.slice(0, shown).map((c) => (
          <View key={c.courseId} className='archive-row' onClick={() => void Taro.navigateTo({ url: LEARN_PAGES.course(c.courseId) })}>
            <View className='archive-row__text'>
              <Text className='archive-row__title'>{c.title}</Text>
              <Text className='archive-row__desc'>
                {COURSE_CATEGORY_ZH[c.category]} · {c.enterpriseName ?? '个人'} · 已学{formatDuration(c.creditedSeconds)}
              </Text>
            </View>
            <StatusTag label={c.completedAt ? `${dateZh(c.completedAt)}完成` : '学习中'} tone={c.completedAt ? 'ok' : 'warn'} />
          </View>
        ))}
      </View>
    );
  }
  if (tab === 'offline') {
    if (!d.offlineTrainings.length) return <StateView compact image='study' title='暂无线下培训记录' description='企业登记的线下培训会出现在这里' />;
    return (
      <View>
        {d.offlineTrainings.slice(0, shown).map((t, i) => (
          <View key={`${t.date}-${i}`} className='archive-row'>
            <View className='archive-row__text'>
              <Text className='archive-row__title'>{t.topic}</Text>
              <Text className='archive-row__desc'>
                {dateZh(`${t.date}T00:00:00+08:00`)} · {t.enterpriseName}
              </Text>
            </View>
            <Text className='archive-row__hours'>{formatHours(t.hours)}</Text>
          </View>
        ))}
      </View>
    );
  }
  if (!d.certificates.length) return <StateView compact image='study' title='暂无学时证明' />;
  return (
    <View>
      {d.certificates.slice(0, shown).map((c) => (
        <View key={c._id} className='archive-row' onClick={() => void Taro.navigateTo({ url: LEARN_PAGES.certificate(c.code) })}>
          <View className='archive-row__text'>
            <Text className='archive-row__title'>{c.from.slice(0, 4)}年度学时证明</Text>
            <Text className='archive-row__desc'>
              编号 {c.code} · {formatHours(c.onlineHours)}
            </Text>
          </View>
          <StatusTag label={c.status === 'valid' ? '有效' : '已撤销'} tone={c.status === 'valid' ? 'ok' : 'bad'} />
        </View>
      ))}
    </View>
  );
}
