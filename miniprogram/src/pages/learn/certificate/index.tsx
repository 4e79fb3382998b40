import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { certificateVerifyUrl, dateZh, formatHours } from '@shared/learning/studyView';
import { QrCode } from '../../../components/QrCode';
import { Skeleton } from '../../../components/Skeleton';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { learn } from '../../../services/learning';
import { consoleBase } from '../../../services/consoleLink';
import '../learn.scss';
import './index.scss';

/** One 学时证明 as a printable page: who (masked ID), courses, hours, issuer, short code and QR code. */
export default function CertificatePage() {
  const code = (useRouter().params.code ?? '').toUpperCase();
  const res = useRemote(() => learn('myCertificates', {}), []);
  const cert = res.data?.items.find((c) => c.code === code);

  if (res.status === 'error' && !res.data) {
    return (
      <View className='page certificate'>
        <StateView image='error' title='加载失败' description={res.error} actionText='重试' onAction={() => void res.reload()} />
      </View>
    );
  }
  if (!res.data) {
    return (
      <View className='page certificate'>
        <View className='card cert-paper'>
          <Skeleton rows={8} />
        </View>
      </View>
    );
  }
  if (!cert) {
    return (
      <View className='page certificate'>
        <StateView className='cert-missing' image='search' title='未找到该证明' description='证明编号不存在或不属于您' />
      </View>
    );
  }
  const base = consoleBase();
  const url = base ? certificateVerifyUrl(base, cert.code) : '';
  return (
    <View className='page certificate'>
      <View className={`card cert-paper ${cert.status === 'revoked' ? 'cert-paper--revoked' : ''}`}>
        <Text className='cert-paper__title'>安全生产培训学时证明</Text>
        <Text className='cert-paper__sub'>
          {dateZh(cert.from)} 至 {dateZh(cert.to)}
        </Text>
        {cert.status === 'revoked' && <Text className='cert-paper__revoked'>本证明已撤销</Text>}
        <View className='cert-paper__who'>
          <View className='learn-kv'>
            <Text className='learn-kv__k'>姓名</Text>
            <Text className='learn-kv__v cert-name'>{cert.name}</Text>
          </View>
          <View className='learn-kv'>
            <Text className='learn-kv__k'>身份证号</Text>
            <Text className='learn-kv__v cert-id'>{cert.idMasked}</Text>
          </View>
          <View className='learn-kv'>
            <Text className='learn-kv__k'>线上学时</Text>
            <Text className='learn-kv__v cert-hours'>{formatHours(cert.onlineHours)}</Text>
          </View>
        </View>
        <Text className='cert-paper__section'>已完成课程（{cert.courses.length}）</Text>
        <View className='cert-courses'>
          {cert.courses.map((c, i) => (
            <View key={`${c.title}-${i}`} className='cert-course'>
              <Text className='cert-course__title'>
                {i + 1}. {c.title}
              </Text>
              <Text className='cert-course__meta'>
                {formatHours(c.creditedHours)} · {dateZh(c.completedAt)}
              </Text>
            </View>
          ))}
        </View>
        <View className='cert-paper__foot'>
          <View className='cert-paper__issuer'>
            <Text className='learn-muted'>出具单位</Text>
            <Text className='cert-issuer'>{cert.issuer}</Text>
            <Text className='learn-muted'>出具日期 {dateZh(cert.issuedAt)}</Text>
            <Text className='learn-muted'>证明编号</Text>
            <Text className='cert-code'>{cert.code}</Text>
          </View>
          {url && (
            <View className='cert-paper__qr'>
              <QrCode className='cert-qr' text={url} size={112} />
              <Text className='learn-muted'>扫码核验</Text>
            </View>
          )}
        </View>
      </View>
      <Text className='cert-hint'>核验方可扫描二维码，或在安学管理后台“证明核验”页输入证明编号查询真伪。</Text>
    </View>
  );
}
