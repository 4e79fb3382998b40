import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { fieldErrorsOf } from '@shared/client';
import { adminLogin } from '../../../services/adminSession';
import { Field, FormError } from '../../../components/Form';
import { errorMessage } from '../../../utils/errors';
import '../../auth/auth.scss';

/** 企业管理员 sign-in with the console account, to review staff on the phone. */
export default function AdminLoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const e: Record<string, string> = {};
    if (!username.trim()) e.username = '请输入用户名';
    if (!password) e.password = '请输入密码';
    setErrors(e);
    setFormError('');
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const s = await adminLogin(username, password);
      // An initial or reset password: adminLogin already sent the admin to the change page.
      if (!s.account.mustChangePassword) void Taro.redirectTo({ url: '/pages/admin/approvals/index' });
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (Object.keys(fields).length) setErrors(fields);
      else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page auth admin-login'>
      <View className='auth-banner'>
        <Text className='auth-banner__title'>企业管理员</Text>
        <Text className='auth-banner__desc'>使用网页管理端的账号登录，审核本企业员工的注册和调入申请</Text>
      </View>
      <View className='card'>
        <Field label='用户名' className='admin-username' error={errors.username}>
          <Input className='form-input' placeholderClass='form-input-placeholder' maxlength={64} placeholder='管理员用户名' value={username} onInput={(e) => setUsername(e.detail.value)} />
        </Field>
        <Field label='密码' className='admin-password' error={errors.password}>
          <Input
            className='form-input'
            placeholderClass='form-input-placeholder'
            password
            maxlength={128}
            placeholder='请输入密码'
            value={password}
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => void submit()}
          />
        </Field>
      </View>
      <FormError className='admin-login-error' message={formError} />
      <View className='form-actions'>
        <Button className='admin-login-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
          登录
        </Button>
      </View>
      <View className='auth-tip'>
        <Text>账号由平台或本企业其他管理员创建。登录状态保存在本机，8小时后需重新登录。</Text>
      </View>
      <View className='form-links'>
        <Text>
          还没有企业账号？
          <Text className='form-links__link admin-login-register' onClick={() => void Taro.navigateTo({ url: '/pages/enterprise-register/index' })}>
            注册企业
          </Text>
        </Text>
      </View>
    </View>
  );
}
