import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { isStrongPassword, PASSWORD_RULE_ZH } from '@shared/password';
import { CloudError, fieldErrorsOf } from '@shared/client';
import { call } from '../../../services/cloud';
import { refreshSession } from '../../../services/session';
import { Field, FormError } from '../../../components/Form';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import '../auth.scss';

/** 修改密码; `?forced=1` after a login with an initial password (must change before going on). */
export default function PasswordPage() {
  const forced = useRouter().params.forced === '1';
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [newPassword2, setNew2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const e: Record<string, string> = {};
    if (!oldPassword) e.oldPassword = forced ? '请输入初始密码' : '请输入原密码';
    if (!isStrongPassword(newPassword)) e.newPassword = PASSWORD_RULE_ZH;
    else if (newPassword === oldPassword) e.newPassword = '新密码不能与原密码相同';
    if (newPassword2 !== newPassword) e.newPassword2 = '两次输入的新密码不一致';
    setErrors(e);
    setFormError('');
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      await call('identity', 'changePassword', { oldPassword, newPassword });
      await refreshSession();
      toast('密码已修改');
      if (forced) void Taro.switchTab({ url: '/pages/index/index' });
      else setTimeout(() => void Taro.navigateBack(), 800);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (err instanceof CloudError && err.code === 'PASSWORD_MISMATCH') setErrors({ oldPassword: err.message });
      else if (err instanceof CloudError && err.code === 'PASSWORD_WEAK') setErrors({ newPassword: err.message });
      else if (Object.keys(fields).length) setErrors(fields);
      else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const input = (value: string, set: (v: string) => void, placeholder: string) => (
    <Input
      className='form-input'
      placeholderClass='form-input-placeholder'
      password
      maxlength={32}
      placeholder={placeholder}
      value={value}
      onInput={(ev) => set(ev.detail.value)}
    />
  );

  return (
    <View className='page auth password'>
      <View className='auth-banner'>
        <Text className='auth-banner__title'>{forced ? '请修改初始密码' : '修改密码'}</Text>
        <Text className='auth-banner__desc'>{forced ? '为保障账号安全，首次登录须设置新密码' : PASSWORD_RULE_ZH}</Text>
      </View>
      <View className='card'>
        <Field label={forced ? '初始密码' : '原密码'} className='password-old' error={errors.oldPassword}>
          {input(oldPassword, setOld, forced ? '请输入初始密码' : '请输入原密码')}
        </Field>
        <Field label='新密码' className='password-new' error={errors.newPassword} hint={PASSWORD_RULE_ZH}>
          {input(newPassword, setNew, '请输入新密码')}
        </Field>
        <Field label='确认新密码' className='password-new2' error={errors.newPassword2}>
          {input(newPassword2, setNew2, '请再次输入新密码')}
        </Field>
      </View>
      <FormError className='password-error' message={formError} />
      <View className='form-actions'>
        <Button className='password-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
          确认修改
        </Button>
      </View>
    </View>
  );
}
