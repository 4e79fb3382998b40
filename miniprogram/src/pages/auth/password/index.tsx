import Taro, { useRouter } from '@tarojs/taro';
import { call } from '../../../services/cloud';
import { clearSession, refreshSession, useSession } from '../../../services/session';
import { passwordChangeDone, passwordChangeRequired } from '../../../services/passwordGate';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';

/**
 * 修改密码; forced (`?forced=1`, or the session says so) for an imported or reset password: the
 * server answers nothing else until it is changed, and the app keeps the worker on this page.
 */
export default function PasswordPage() {
  const session = useSession();
  const forced =
    useRouter().params.forced === '1' || passwordChangeRequired('worker') || (session.status === 'ready' && !!session.person?.mustChangePassword);

  return (
    <ChangePasswordForm
      forced={forced}
      title='修改密码'
      change={async (oldPassword, newPassword) => {
        await call('identity', 'changePassword', { oldPassword, newPassword });
        passwordChangeDone('worker');
        await refreshSession();
      }}
      onDone={() => {
        toast('密码已修改');
        if (forced) void Taro.reLaunch({ url: '/pages/index/index' });
        else setTimeout(() => void Taro.navigateBack(), 800);
      }}
      logout={async () => {
        try {
          await call('identity', 'logout', {});
        } catch (err) {
          toast(errorMessage(err));
          return;
        }
        clearSession();
        void Taro.reLaunch({ url: '/pages/index/index' });
      }}
    />
  );
}
