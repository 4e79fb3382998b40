import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import avatar from '../../assets/avatar.png';
import { MenuList, type MenuEntry } from '../../components/MenuList';
import { StateView } from '../../components/StateView';
import { StatusTag } from '../../components/StatusTag';
import { useConfirm } from '../../components/Confirm';
import { call } from '../../services/cloud';
import { clearSession, refreshSession, useSession } from '../../services/session';
import { adminCall, getAdminSession } from '../../services/adminSession';
import { postLabel } from '../../utils/labels';
import { workerStateView } from '@shared/workerState';
import { WorkerNotice } from '../../components/PersonCard';
import { errorMessage } from '../../utils/errors';
import { LEARN_PAGES } from '../../services/learning';
import { toast } from '../../utils/feedback';
import './index.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

export default function MinePage() {
  const session = useSession();
  const { confirm, dialog } = useConfirm();
  const [adminPending, setAdminPending] = useState(0);
  const [adminName, setAdminName] = useState('');

  useDidShow(() => {
    void refreshSession(15_000);
    // The approvals badge, when an enterprise admin is signed in on this phone.
    const admin = getAdminSession();
    setAdminName(admin?.account.enterpriseName ?? '');
    if (admin) {
      adminCall('org', 'pendingRequestCount', {})
        .then((r) => setAdminPending(r.pending))
        .catch(() => setAdminPending(0));
    } else setAdminPending(0);
  });

  const adminEntry: MenuEntry = {
    key: 'admin',
    title: '企业管理员入口',
    note: adminName ? '人员审核' : '审核本企业员工',
    badge: adminPending,
    onClick: () => void Taro.navigateTo({ url: getAdminSession() ? '/pages/admin/approvals/index' : '/pages/admin/login/index' }),
  };

  const enterpriseRegisterEntry: MenuEntry = {
    key: 'enterprise-register',
    title: '企业注册（小微企业）',
    note: '登记企业并开通管理员',
    onClick: go('/pages/enterprise-register/index'),
  };

  const logout = () =>
    confirm({
      title: '退出登录',
      content: '退出后，本微信将不再自动登录，下次需使用身份证号和密码登录。确定退出吗？',
      confirmText: '退出',
      className: 'logout-dialog',
      onConfirm: async () => {
        try {
          await call('identity', 'logout', {});
          clearSession();
          toast('已退出登录');
        } catch (err) {
          toast(errorMessage(err));
        }
      },
    });

  if (session.status === 'loading') {
    return (
      <View className='page mine'>
        <View className='mine-banner mine-banner--loading' />
      </View>
    );
  }
  if (session.status === 'error') {
    return (
      <View className='page mine'>
        <StateView className='mine-error' image='error' title='加载失败' description={session.error} actionText='重试' onAction={() => void refreshSession()} />
      </View>
    );
  }

  const person = session.person;
  if (!person) {
    return (
      <View className='page mine'>
        <View className='mine-banner'>
          <View className='mine-profile'>
            <Image className='mine-profile__avatar' src={avatar} />
            <View className='mine-profile__text'>
              <Text className='mine-profile__name'>未登录</Text>
              <Text className='mine-profile__desc'>登录后查看您的培训学时、积分与证书</Text>
            </View>
          </View>
          <View className='mine-auth'>
            <Button className='mine-login' type='primary' onClick={go('/pages/auth/login/index')}>
              登录
            </Button>
            <Button className='mine-register' fill='outline' onClick={go('/pages/auth/register/index')}>
              注册
            </Button>
          </View>
        </View>
        <MenuList items={[adminEntry, enterpriseRegisterEntry]} />
        {dialog}
        <View className='mine-about'>
          <Text>安学 · 安全生产全员培训平台</Text>
        </View>
      </View>
    );
  }

  // The same words as 首页 (shared/workerState): one tag, one employer line, one notice.
  const view = workerStateView(person, session.pendingRequests, session.lastDecision);
  const change = session.pendingRequests.find((r) => r.type === 'changeEmployer' && r.status === 'pending');
  const learning: MenuEntry[] =
    person.status === 'active' || person.status === 'left'
      ? [
          { key: 'points', title: '我的积分', onClick: go(LEARN_PAGES.points) },
          { key: 'leaderboard', title: '学习排行榜', note: '本周学时', onClick: go(LEARN_PAGES.leaderboard) },
          { key: 'certificates', title: '学时证明', onClick: go(LEARN_PAGES.certificates) },
          { key: 'archive', title: '一人一档', note: '历年学时与证书', onClick: go(LEARN_PAGES.archive) },
        ]
      : [{ key: 'archive', title: '一人一档', note: '历年学时与证书', onClick: go(LEARN_PAGES.archive) }];
  const menu: MenuEntry[] = [
    { key: 'profile', title: '个人信息', onClick: go('/pages/profile/index') },
    { key: 'password', title: '修改密码', onClick: go('/pages/auth/password/index') },
    { key: 'employments', title: '我的单位', onClick: go('/pages/employments/index') },
    { key: 'employer', title: '更换企业', note: change ? '审核中' : undefined, onClick: go('/pages/employer-change/index') },
  ];

  return (
    <View className='page mine'>
      <View className='mine-banner'>
        <View className='mine-profile mine-person'>
          <Image className='mine-profile__avatar' src={avatar} />
          <View className='mine-profile__text'>
            <View className='mine-profile__line'>
              <Text className='mine-profile__name'>{person.name}</Text>
              <StatusTag className='mine-status' label={view.tag.label} tone={view.tag.tone} />
            </View>
            <Text className='mine-profile__desc mine-profile__id'>{person.idMasked}</Text>
            <Text className='mine-profile__desc mine-enterprise'>{view.enterpriseLine}</Text>
            <Text className='mine-profile__desc'>
              {postLabel(person.postCategory)}
              {person.pendingPostCategory ? `（变更为${postLabel(person.pendingPostCategory)}待确认）` : ''}
            </Text>
          </View>
        </View>
        {view.notice && view.kind !== 'active' && <WorkerNotice className='mine-pending' view={view} />}
      </View>
      <MenuList className='mine-learning' items={learning} />
      <MenuList items={menu} />
      <MenuList items={[adminEntry, enterpriseRegisterEntry]} />
      <View className='form-actions'>
        <Button className='mine-logout' block onClick={logout}>
          退出登录
        </Button>
      </View>
      {dialog}
      <View className='mine-about'>
        <Text>安学 · 安全生产全员培训平台</Text>
      </View>
    </View>
  );
}
