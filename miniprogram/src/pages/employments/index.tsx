import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import type { EmploymentRow } from '@shared/contracts';
import { call } from '../../services/cloud';
import { StateView } from '../../components/StateView';
import { StatusTag } from '../../components/StatusTag';
import { formatDate } from '../../utils/labels';
import { errorMessage } from '../../utils/errors';
import './index.scss';

const SOURCE: Record<EmploymentRow['source'], string> = {
  import: '企业导入',
  admin: '企业添加',
  selfRegistration: '本人注册',
  transfer: '更换企业',
};

type State = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; items: EmploymentRow[] };

/** 我的单位: every employer I have had; the current one first. */
export default function EmploymentsPage() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = () => {
    setState({ status: 'loading' });
    call('identity', 'myEmployments', {})
      .then((r) => setState({ status: 'ready', items: [...r.items].sort((a, b) => (a.to === null ? -1 : b.to === null ? 1 : b.from.localeCompare(a.from))) }))
      .catch((err) => setState({ status: 'error', error: errorMessage(err) }));
  };
  useEffect(load, []);

  return (
    <View className='page employments'>
      <View className='employments__intro'>
        <Text>在平台上登记过的工作单位。更换企业后，原单位的记录保留，培训档案和积分随本人转移。</Text>
      </View>
      {state.status === 'loading' && (
        <View className='employments__loading'>
          <Loading type='spinner'>加载中…</Loading>
        </View>
      )}
      {state.status === 'error' && (
        <View className='card'>
          <StateView className='employments-error' image='error' title='加载失败' description={state.error} actionText='重试' onAction={load} compact />
        </View>
      )}
      {state.status === 'ready' && state.items.length === 0 && (
        <View className='card'>
          <StateView className='employments-empty' image='search' title='暂无单位记录' description='注册申请审核通过后，所在企业会显示在这里' compact />
        </View>
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <View className='card employments__list'>
          {state.items.map((e, i) => (
            <View key={`${e.enterpriseId}-${e.from}-${i}`} className={`employment-item ${e.to ? 'employment-item--closed' : 'employment-item--current'}`}>
              <View className='employment-item__dot' />
              <View className='employment-item__body'>
                <View className='employment-item__line'>
                  <Text className='employment-item__name'>{e.enterpriseName}</Text>
                  {e.to ? <StatusTag label='已离开' tone='muted' /> : <StatusTag label='当前单位' tone='ok' />}
                </View>
                <Text className='employment-item__period'>
                  {formatDate(e.from)} 至 {e.to ? formatDate(e.to) : '今'}
                </Text>
                <Text className='employment-item__source'>{SOURCE[e.source] ?? e.source}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
