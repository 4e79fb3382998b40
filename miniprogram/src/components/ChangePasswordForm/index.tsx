import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { isStrongPassword, PASSWORD_RULE_ZH } from '@shared/password';
import { CloudError, fieldErrorsOf } from '@shared/client';
import { Field, FormError } from '../Form';
import { useConfirm } from '../Confirm';
import { errorMessage } from '../../utils/errors';
import '../../pages/auth/auth.scss';

interface Props {
  /** An initial or reset password that must be changed: no way out but the change or 退出登录. */
  forced: boolean;
  /** Banner title when not forced, e.g. 修改密码. */
  title: string;
  /** Performs the change; rejects with the server's error. */
  change: (oldPassword: string, newPassword: string) => Promise<void>;
  /** After a successful change. */
  onDone: () => void;
  /** 退出登录 (forced only). */
  logout: () => Promise<void>;
  /** Stable hook for tests, e.g. `password` (worker) or `admin-password-page`. */
  className?: string;
}

/** 修改密码 for workers and enterprise admins (the rule is shown once: as the hint, or as the error). */
export function ChangePasswordForm({ forced, title, change, onDone, logout, className = '' }: Props) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [newPassword2, setNew2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const { confirm, dialog } = useConfirm();

  useDidShow(() => {
    // weapp shows a "home" button on a page opened with reLaunch; it would be a way around the change.
    if (forced && process.env.TARO_ENV === 'weapp') void Taro.hideHomeButton().catch(() => undefined);
  });

  const submit = async () => {
    const e: Record<string, string> = {};
    if (!oldPassword) e.oldPassword = forced ? '请输入初始密码' : '请输入原密码';
    if (!isStrongPassword(newPassword)) e.newPassword = newPassword ? PASSWORD_RULE_ZH : '请输入新密码';
    else if (newPassword === oldPassword) e.newPassword = '新密码不能与原密码相同';
    if (newPassword2 !== newPassword) e.newPassword2 = '两次输入的新密码不一致';
    setErrors(e);
    setFormError('');
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      await change(oldPassword, newPassword);
      onDone();
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

  const input = (value: string, set: (v: string) => void, key: string, placeholder: string) => (
    <Input
      className='form-input'
      placeholderClass='form-input-placeholder'
      password
      maxlength={32}
      placeholder={placeholder}
      value={value}
      onInput={(ev) => {
        set(ev.detail.value);
        if (errors[key]) setErrors((x) => ({ ...x, [key]: '' }));
      }}
    />
  );

  return (
    <View className={`page auth password ${forced ? 'password--forced' : ''} ${className}`}>
      <View className='auth-banner'>
        <Text className='auth-banner__title'>{forced ? '请修改初始密码' : title}</Text>
        <Text className='auth-banner__desc'>{forced ? '为保障账号安全，须先设置新密码才能继续使用' : '修改后，下次登录请使用新密码'}</Text>
      </View>
      <View className='card'>
        <Field label={forced ? '初始密码' : '原密码'} className='password-old' error={errors.oldPassword}>
          {input(oldPassword, setOld, 'oldPassword', forced ? '请输入初始密码' : '请输入原密码')}
        </Field>
        <Field label='新密码' className='password-new' error={errors.newPassword} hint={PASSWORD_RULE_ZH}>
          {input(newPassword, setNew, 'newPassword', '请输入新密码')}
        </Field>
        <Field label='确认新密码' className='password-new2' error={errors.newPassword2}>
          {input(newPassword2, setNew2, 'newPassword2', '请再次输入新密码')}
        </Field>
      </View>
      <FormError className='password-error' message={formError} />
      <View className='form-actions'>
        <Button className='password-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
          确认修改
        </Button>
        {forced && (
          <Button
            className='password-logout'
            block
            onClick={() =>
              confirm({
                title: '退出登录',
                className: 'password-logout-dialog',
                confirmText: '退出',
                content: '退出后需重新使用账号和密码登录，登录后仍须先修改初始密码。',
                onConfirm: logout,
              })
            }
          >
            退出登录
          </Button>
        )}
      </View>
      {dialog}
    </View>
  );
}
