import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkIdNumber, ID_NUMBER_PROBLEM_ZH } from '@shared/idNumber';
import { fieldErrorsOf } from '@shared/client';
import { call } from '../../../services/cloud';
import { setSession } from '../../../services/session';
import { takeLoginPrefill } from '../../../services/loginPrefill';
import { Field, FormError } from '../../../components/Form';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import '../auth.scss';

/** 登录: ID number + password; the server binds this WeChat user, so next time no password is needed. */
export default function LoginPage() {
  const [idNumber, setIdNumber] = useState(takeLoginPrefill);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const e: Record<string, string> = {};
    const id = checkIdNumber(idNumber);
    if (!idNumber.trim()) e.idNumber = '请输入身份证号';
    else if (!id.ok) e.idNumber = ID_NUMBER_PROBLEM_ZH[id.problem];
    if (!password) e.password = '请输入密码';
    setErrors(e);
    setFormError('');
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const me = await call('identity', 'login', { idNumber, password });
      // An initial or reset password: the session sends the worker to the change page (reLaunch).
      setSession(me);
      if (!me.person?.mustChangePassword) {
        toast('登录成功');
        void Taro.switchTab({ url: '/pages/index/index' });
      }
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (Object.keys(fields).length) setErrors(fields);
      else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page auth login'>
      <View className='auth-banner'>
        <Text className='auth-banner__title'>员工登录</Text>
        <Text className='auth-banner__desc'>使用身份证号和密码登录，本微信下次打开自动登录</Text>
      </View>
      <View className='card'>
        <Field label='身份证号' className='login-id' error={errors.idNumber}>
          <Input
            className='form-input'
            placeholderClass='form-input-placeholder'
            type='idcard'
            maxlength={18}
            placeholder='请输入18位身份证号'
            value={idNumber}
            onInput={(e) => setIdNumber(e.detail.value)}
          />
        </Field>
        <Field label='密码' className='login-password' error={errors.password}>
          <Input
            className='form-input'
            placeholderClass='form-input-placeholder'
            password
            maxlength={32}
            placeholder='请输入密码'
            value={password}
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => void submit()}
          />
        </Field>
      </View>
      <FormError className='login-error' message={formError} />
      <View className='form-actions'>
        <Button className='login-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
          登录
        </Button>
      </View>
      <View className='form-links'>
        <Text>
          还没有账号？
          <Text className='form-links__link login-register' onClick={() => void Taro.redirectTo({ url: '/pages/auth/register/index' })}>
            立即注册
          </Text>
        </Text>
        <Text className='form-links__link login-forgot' onClick={() => toast('请联系企业管理员重置密码')}>
          忘记密码
        </Text>
      </View>
      <View className='auth-tip'>
        <Text>由企业统一导入的员工，初始密码请向企业管理员索取，首次登录须修改密码。</Text>
      </View>
    </View>
  );
}
