import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { adminChangePassword, adminLogout, getAdminSession } from '../../../services/adminSession';
import { passwordChangeRequired } from '../../../services/passwordGate';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm';
import { toast } from '../../../utils/feedback';

/** 企业管理员 修改密码 (identity.consoleChangePassword); forced for an initial or reset password. */
export default function AdminPasswordPage() {
  const forced = useRouter().params.forced === '1' || passwordChangeRequired('admin') || !!getAdminSession()?.account.mustChangePassword;
  useEffect(() => {
    if (!getAdminSession()) void Taro.redirectTo({ url: '/pages/admin/login/index' });
  }, []);
  return (
    <ChangePasswordForm
      className='admin-password-page'
      forced={forced}
      title='修改管理员密码'
      change={adminChangePassword}
      onDone={() => {
        toast('密码已修改');
        void Taro.reLaunch({ url: '/pages/admin/approvals/index' });
      }}
      logout={async () => {
        await adminLogout();
        void Taro.reLaunch({ url: '/pages/mine/index' });
      }}
    />
  );
}
