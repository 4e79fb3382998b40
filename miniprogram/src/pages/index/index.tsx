import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import type { EnterpriseBrief } from '@shared/contracts';
import { PageHeader } from '../../components/PageHeader';
import { EnterpriseSearch } from '../../components/EnterpriseSearch';
import { PersonCard } from '../../components/PersonCard';
import { LearningHome } from '../../components/LearningHome';
import { decisionToShow, refreshSession, useSession } from '../../services/session';
import { enforcePasswordChange } from '../../services/passwordGate';
import { enterpriseParam } from '../../utils/enterpriseParam';
import './index.scss';

const STEPS = ['查找所在企业', '实名注册', '在线学习考试'];

export default function IndexPage() {
  const [picked, setPicked] = useState<EnterpriseBrief | null>(null);
  const session = useSession();
  useDidShow(() => {
    // Reopened or back on 首页 while an initial password is still due: back to the change page.
    enforcePasswordChange();
    void refreshSession(15_000);
  });
  const person = session.status === 'ready' ? session.person : null;
  const own = !!picked && !!person && person.status === 'active' && person.enterpriseId === picked._id;

  return (
    <View className='page home'>
      <PageHeader brand title='安学' subtitle='学习强安 · 安全生产全员培训'>
        {!person && (
          <View className='home-steps'>
            {STEPS.map((s, i) => (
              <View key={s} className='home-steps__item'>
                <Text className='home-steps__no'>{i + 1}</Text>
                <Text className='home-steps__text'>{s}</Text>
              </View>
            ))}
          </View>
        )}
      </PageHeader>

      {session.status === 'ready' && session.person && (
        <PersonCard person={session.person} pendingRequests={session.pendingRequests} lastDecision={session.lastDecision} decisionNote={decisionToShow(session)} />
      )}
      {/* An active worker: points, rank and tasks (other states keep the card and the search). */}
      {person?.status === 'active' && !person.mustChangePassword && <LearningHome />}
      {/* Guests (and while the session loads: same height, so the list below does not jump). */}
      {!person && (
        <View className={`card home-auth ${session.status === 'loading' ? 'home-auth--loading' : ''}`}>
          <View className='home-auth__text'>
            <Text className='home-auth__title'>登录后开始培训</Text>
            <Text className='home-auth__desc'>首次使用请先实名注册，由所在企业审核</Text>
          </View>
          <View className='home-auth__actions'>
            <Button className='home-register' size='small' type='primary' fill='outline' onClick={() => void Taro.navigateTo({ url: '/pages/auth/register/index' })}>
              注册
            </Button>
            <Button className='home-login' size='small' type='primary' onClick={() => void Taro.navigateTo({ url: '/pages/auth/login/index' })}>
              登录
            </Button>
          </View>
        </View>
      )}

      <View className='card home-search'>
        <View className='card__head'>
          <Text className='card__title'>查找企业</Text>
          <Text className='card__hint'>查询已在平台登记的生产经营单位</Text>
        </View>
        <EnterpriseSearch loadOnReachBottom onSelect={setPicked} selectedId={picked?._id} />
      </View>

      {/* Also keeps the list's end more than onReachBottomDistance below "加载更多". */}
      <View className='home-about'>
        <Text>安学 · 安全生产全员培训平台</Text>
      </View>

      <Dialog
        className='enterprise-dialog'
        visible={!!picked}
        title='企业信息'
        // A guest registers with this employer; a signed-in worker asks to join it (更换企业).
        confirmText={person ? '申请加入该企业' : '以此企业注册'}
        cancelText={own ? '关闭' : '取消'}
        hideConfirmButton={own}
        onConfirm={() => {
          const e = picked;
          setPicked(null);
          if (!e) return;
          const url = person ? '/pages/employer-change/index' : '/pages/auth/register/index';
          void Taro.navigateTo({ url: `${url}?enterprise=${enterpriseParam(e)}` });
        }}
        onCancel={() => setPicked(null)}
        onClose={() => setPicked(null)}
      >
        {picked && <EnterpriseDetail enterprise={picked} />}
        {own && <Text className='enterprise-dialog__own'>您已在该企业任职</Text>}
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
