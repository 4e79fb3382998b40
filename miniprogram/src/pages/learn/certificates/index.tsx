import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CertificateView } from '@shared/contracts';
import { shanghaiYear } from '@shared/calendar';
import { dateZh, formatHours } from '@shared/learning/studyView';
import { Segmented } from '../../../components/Segmented';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useRemote } from '../../../hooks/useRemote';
import { learn, LEARN_PAGES } from '../../../services/learning';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import '../learn.scss';
import './index.scss';

/** 学时证明: issue one for a year (idempotent on the server) and list those issued. */
export default function CertificatesPage() {
  const thisYear = shanghaiYear(Date.now());
  const years = [thisYear, thisYear - 1].map(String);
  const [year, setYear] = useState(years[0]);
  const [busy, setBusy] = useState(false);
  const res = useRemote(() => learn('myCertificates', {}), []);
  useDidShow(() => {
    if (res.data) void res.reload();
  });

  const issue = async () => {
    setBusy(true);
    try {
      const { certificate } = await learn('issueCertificate', { year: Number(year) });
      void res.reload();
      void Taro.navigateTo({ url: LEARN_PAGES.certificate(certificate.code) });
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page certificates'>
      <View className='learn-hero'>
        <Text className='learn-hero__title'>学时证明</Text>
        <View className='learn-hero__meta'>
          <Text>按年度汇总已完成的线上课程学时，可扫码或凭编号核验</Text>
        </View>
      </View>
      <View className='card cert-issue'>
        <Text className='learn-section-title'>出具学时证明</Text>
        <Segmented className='cert-years' items={years.map((y) => ({ value: y, label: `${y}年` }))} value={year} onChange={setYear} />
        <View className='cert-issue__body'>
          <Text className='learn-muted'>同一年度已有证明且学时无变化时，返回原证明；有新学时时出具新证明。</Text>
          <Button className='cert-issue__submit' type='primary' block loading={busy} onClick={() => void issue()}>
            出具{year}年学时证明
          </Button>
        </View>
      </View>
      <View className='card cert-list'>
        <Text className='learn-section-title'>我的证明</Text>
        {res.status === 'error' && !res.data ? (
          <StateView compact image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
        ) : !res.data ? (
          <Skeleton rows={3} />
        ) : res.data.items.length === 0 ? (
          <StateView compact className='cert-empty' image='study' title='还没有学时证明' description='完成线上课程后，可在上方出具学时证明' />
        ) : (
          res.data.items.map((c) => <CertRow key={c._id} cert={c} />)
        )}
      </View>
    </View>
  );
}

function CertRow({ cert: c }: { cert: CertificateView }) {
  return (
    <View className='cert-row' hoverClass='cert-row--hover' onClick={() => void Taro.navigateTo({ url: LEARN_PAGES.certificate(c.code) })}>
      <View className='cert-row__text'>
        <Text className='cert-row__title'>
          {c.from.slice(0, 4)}年度学时证明 · {formatHours(c.onlineHours)}
        </Text>
        <Text className='cert-row__desc'>
          编号 {c.code} · {dateZh(c.issuedAt)}出具 · {c.courses.length}门课程
        </Text>
      </View>
      <StatusTag label={c.status === 'valid' ? '有效' : '已撤销'} tone={c.status === 'valid' ? 'ok' : 'bad'} />
    </View>
  );
}
