import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';
import type { EnterpriseBrief } from '@shared/contracts';
import { PageHeader } from '../../components/PageHeader';
import { EnterpriseSearch } from '../../components/EnterpriseSearch';
import './index.scss';

const STEPS = ['查找所在企业', '实名注册', '在线学习考试'];

export default function IndexPage() {
  const [picked, setPicked] = useState<EnterpriseBrief | null>(null);

  return (
    <View className='page home'>
      <PageHeader brand title='安学' subtitle='学习强安 · 安全生产全员培训'>
        <View className='home-steps'>
          {STEPS.map((s, i) => (
            <View key={s} className='home-steps__item'>
              <Text className='home-steps__no'>{i + 1}</Text>
              <Text className='home-steps__text'>{s}</Text>
            </View>
          ))}
        </View>
      </PageHeader>

      <View className='card home-search'>
        <View className='card__head'>
          <Text className='card__title'>查找企业</Text>
          <Text className='card__hint'>查询已在平台登记的生产经营单位</Text>
        </View>
        <EnterpriseSearch loadOnReachBottom onSelect={setPicked} selectedId={picked?._id} />
      </View>

      <Dialog
        className='enterprise-dialog'
        visible={!!picked}
        title='企业信息'
        confirmText='知道了'
        hideCancelButton
        onConfirm={() => setPicked(null)}
        onClose={() => setPicked(null)}
      >
        {picked && <EnterpriseDetail enterprise={picked} />}
      </Dialog>
    </View>
  );
}

function EnterpriseDetail({ enterprise }: { enterprise: EnterpriseBrief }) {
  const rows: [string, string][] = [
    ['企业名称', enterprise.name],
    ['统一社会信用代码', enterprise.creditCode],
    ['所在地区', enterprise.regionName],
  ];
  return (
    <View className='enterprise-detail'>
      {rows.map(([label, value]) => (
        <View key={label} className='enterprise-detail__row'>
          <Text className='enterprise-detail__label'>{label}</Text>
          <Text className='enterprise-detail__value'>{value}</Text>
        </View>
      ))}
    </View>
  );
}
