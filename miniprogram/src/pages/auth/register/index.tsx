import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, ScrollView, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkIdNumber, ID_NUMBER_PROBLEM_ZH } from '@shared/idNumber';
import { isStrongPassword, PASSWORD_RULE_ZH } from '@shared/password';
import { PRIVACY_NOTICE_TITLE, PRIVACY_NOTICE_VERSION, PRIVACY_NOTICE_ZH } from '@shared/privacy';
import { EMPLOYMENT_TYPES, POST_CATEGORIES, type EmploymentTypeCode, type PostCategoryCode } from '@shared/taxonomy';
import { CloudError, fieldErrorsOf } from '@shared/client';
import type { Certificate, EnterpriseBrief } from '@shared/contracts';
import { call } from '../../../services/cloud';
import { refreshSession } from '../../../services/session';
import { Field, FormError, PickerValue } from '../../../components/Form';
import { useFieldErrors } from '../../../components/Form/useFieldErrors';
import { EnterprisePicker } from '../../../components/EnterprisePicker';
import { CertificateEditor, certificateErrors, cleanCertificates } from '../../../components/CertificateEditor';
import { errorMessage } from '../../../utils/errors';
import { scrollToFirstError } from '../../../utils/scrollToError';
import { clearDraft, readDraft, useSaveDraft } from '../../../hooks/useDraft';
import { setLoginPrefill } from '../../../services/loginPrefill';
import { enterpriseFromParam } from '../../../utils/enterpriseParam';
import '../auth.scss';
import './index.scss';

type Step = 'consent' | 'form' | 'done';

const DRAFT_KEY = 'anxue.registerDraft';

/** What survives a reload: everything but the password (never stored). */
interface Draft {
  consentVersion: string;
  agreed: boolean;
  name: string;
  idNumber: string;
  enterprise: EnterpriseBrief | null;
  postCategory: PostCategoryCode | '';
  employmentType: EmploymentTypeCode;
  certificates: Certificate[];
  phone: string;
}

const NAME_RE = /^[\u4e00-\u9fa5·A-Za-z\s]+$/;

function nameError(name: string): string {
  const n = name.trim();
  if (!n) return '请输入姓名';
  if (n.length < 2) return '姓名至少2个字';
  if (!NAME_RE.test(n)) return '姓名只能包含汉字、字母和间隔号';
  return '';
}

function idError(raw: string): string {
  if (!raw.trim()) return '请输入身份证号';
  const r = checkIdNumber(raw);
  return r.ok ? '' : ID_NUMBER_PROBLEM_ZH[r.problem];
}

/** 注册: privacy notice and consent, then the form, then "waiting for the employer's approval". */
export default function RegisterPage() {
  const params = useRouter().params;
  // What was typed before a reload (never the password); an enterprise chosen on 首页 wins.
  const [draft] = useState(() => readDraft<Draft>(DRAFT_KEY));
  const [preset] = useState(() => enterpriseFromParam(params.enterprise));
  const consented = draft.agreed === true && draft.consentVersion === PRIVACY_NOTICE_VERSION;
  const [step, setStep] = useState<Step>(consented ? 'form' : 'consent');
  const [agreed, setAgreed] = useState(consented);

  const [name, setName] = useState(draft.name ?? '');
  const [idNumber, setIdNumber] = useState(draft.idNumber ?? '');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [enterprise, setEnterprise] = useState<EnterpriseBrief | null>(preset ?? draft.enterprise ?? null);
  const [postCategory, setPostCategory] = useState<PostCategoryCode | ''>(draft.postCategory ?? '');
  const [employmentType, setEmploymentType] = useState<EmploymentTypeCode>(draft.employmentType ?? 'regular');
  const [certificates, setCertificates] = useState<Certificate[]>(draft.certificates ?? []);
  const [phone, setPhone] = useState(draft.phone ?? '');
  const [picking, setPicking] = useState(false);

  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  /** The ID number the server says is registered already (PERSON_EXISTS): offer 去登录. */
  const [existing, setExisting] = useState('');

  const draftNow: Draft = { consentVersion: PRIVACY_NOTICE_VERSION, agreed: agreed && step !== 'consent', name, idNumber, enterprise, postCategory, employmentType, certificates, phone };
  useSaveDraft(DRAFT_KEY, draftNow, step !== 'done');

  // Instant checks, shown once a field was left (or on submit); server messages win until edited.
  const clientErrors = (): Record<string, string> => {
    const e: Record<string, string> = {};
    const n = nameError(name);
    if (n) e.name = n;
    const i = idError(idNumber);
    if (i) e.idNumber = i;
    if (!isStrongPassword(password)) e.password = password ? PASSWORD_RULE_ZH : '请设置密码';
    if (password2 !== password) e.password2 = '两次输入的密码不一致';
    if (!enterprise) e.enterpriseId = '请选择所在企业';
    if (!postCategory) e.postCategory = '请选择岗位分类';
    if (phone.trim() && !/^1\d{10}$/.test(phone.trim())) e.phone = '请输入11位手机号码';
    return { ...e, ...certificateErrors(certificates) };
  };
  const local = clientErrors();
  const { errorOf, touch, edited, touchAll, submitted, serverErrors, setServerErrors, text } = useFieldErrors(local);
  const certErrors = submitted ? { ...local, ...serverErrors } : serverErrors;

  const submit = async () => {
    touchAll();
    setFormError('');
    if (Object.keys(local).length) {
      setFormError('请按提示修改标红的内容');
      scrollToFirstError('.register .form-field--error, .register .cert-item__error');
      return;
    }
    setBusy(true);
    try {
      await call('identity', 'register', {
        name: name.trim(),
        idNumber,
        password,
        enterpriseId: enterprise!._id,
        postCategory: postCategory as PostCategoryCode,
        employmentType,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        certificates: cleanCertificates(certificates),
        consentVersion: PRIVACY_NOTICE_VERSION,
      });
      clearDraft(DRAFT_KEY);
      setStep('done');
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
      await refreshSession();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (err instanceof CloudError) {
        if (err.code === 'ID_NUMBER_INVALID') fields.idNumber = err.message;
        if (err.code === 'PERSON_EXISTS') setExisting(idNumber);
        if (err.code === 'PASSWORD_WEAK') fields.password = err.message;
        if (err.code === 'ENTERPRISE_NOT_FOUND') fields.enterpriseId = err.message;
        if (err.code === 'CONSENT_REQUIRED') {
          setAgreed(false);
          setStep('consent');
        }
      }
      setServerErrors(fields);
      const exists = err instanceof CloudError && err.code === 'PERSON_EXISTS';
      setFormError(Object.keys(fields).length ? '请按提示修改标红的内容' : exists ? '' : errorMessage(err));
      // The button is at the bottom of a long form: show the first field in red (or the 去登录 offer).
      if (Object.keys(fields).length || exists) scrollToFirstError('.register .form-field--error, .register .register-exists, .register .cert-item__error');
    } finally {
      setBusy(false);
    }
  };

  if (step === 'consent') {
    return (
      <View className='page auth register'>
        <View className='auth-banner'>
          <Text className='auth-banner__title'>员工注册</Text>
          <Text className='auth-banner__desc'>注册前请阅读并同意个人信息保护说明</Text>
        </View>
        <View className='card privacy'>
          <View className='card__head'>
            <Text className='card__title'>{PRIVACY_NOTICE_TITLE}</Text>
            <Text className='card__hint'>版本 {PRIVACY_NOTICE_VERSION}</Text>
          </View>
          <ScrollView scrollY className='privacy__body'>
            {PRIVACY_NOTICE_ZH.map((p, i) => (
              <Text key={i} className='privacy__para'>
                {p}
              </Text>
            ))}
          </ScrollView>
          <View className={`register-consent ${agreed ? 'register-consent--checked' : ''}`} onClick={() => setAgreed(!agreed)}>
            <View className='register-consent__box' />
            <Text className='register-consent__text'>我已阅读并同意《{PRIVACY_NOTICE_TITLE}》</Text>
          </View>
        </View>
        <View className='form-actions'>
          <Button className='register-next' type='primary' block disabled={!agreed} onClick={() => setStep('form')}>
            同意并继续
          </Button>
        </View>
        <View className='form-links'>
          <Text>
            已有账号？
            <Text className='form-links__link register-login' onClick={() => void Taro.redirectTo({ url: '/pages/auth/login/index' })}>
              去登录
            </Text>
          </Text>
        </View>
      </View>
    );
  }

  if (step === 'done') {
    return (
      <View className='page auth register'>
        <View className='auth-banner'>
          <Text className='auth-banner__title'>注册申请已提交</Text>
          <Text className='auth-banner__desc'>审核通过后即可参加企业安排的培训和考试</Text>
        </View>
        <View className='card register-done'>
          <View className='register-done__icon'>
            <Text>✓</Text>
          </View>
          <Text className='register-done__title'>等待 {enterprise?.name} 管理员审核</Text>
          <Text className='register-done__desc'>审核结果将在“首页”和“我的”中显示，其间您可以先浏览自主学习内容。</Text>
        </View>
        <View className='form-actions'>
          <Button className='register-home' type='primary' block onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
            返回首页
          </Button>
          <Button className='register-study' block onClick={() => void Taro.switchTab({ url: '/pages/study/index' })}>
            去学习
          </Button>
        </View>
      </View>
    );
  }

  const postIndex = POST_CATEGORIES.findIndex((p) => p.code === postCategory);
  const empIndex = EMPLOYMENT_TYPES.findIndex((p) => p.code === employmentType);

  return (
    <View className='page auth register'>
      <View className='auth-banner'>
        <Text className='auth-banner__title'>员工注册</Text>
        <Text className='auth-banner__desc'>请如实填写，提交后由所在企业管理员审核</Text>
      </View>

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>身份信息</Text>
        </View>
        <Field label='姓名' required className='register-name' error={errorOf('name')}>
          {text('name', name, setName, { placeholder: '与身份证一致', maxlength: 30 })}
        </Field>
        <Field label='身份证号' required className='register-id' error={errorOf('idNumber')}>
          {text('idNumber', idNumber, setIdNumber, { placeholder: '18位居民身份证号', maxlength: 18, type: 'idcard' })}
        </Field>
        {existing && existing === idNumber && (
          <View className='register-exists'>
            <Text className='register-exists__text'>该身份证号已注册，请直接登录。</Text>
            <Button
              className='register-exists-login'
              size='small'
              type='primary'
              onClick={() => {
                setLoginPrefill(idNumber);
                clearDraft(DRAFT_KEY);
                void Taro.redirectTo({ url: '/pages/auth/login/index' });
              }}
            >
              去登录
            </Button>
          </View>
        )}
        <Field label='密码' required className='register-password' error={errorOf('password')} hint={PASSWORD_RULE_ZH}>
          {text('password', password, setPassword, { placeholder: '设置登录密码', password: true, maxlength: 32 })}
        </Field>
        <Field label='确认密码' required className='register-password2' error={errorOf('password2')}>
          {text('password2', password2, setPassword2, { placeholder: '再次输入密码', password: true, maxlength: 32 })}
        </Field>
        <Field label='手机号' className='register-phone' error={errorOf('phone')}>
          {text('phone', phone, setPhone, { placeholder: '选填', maxlength: 11, type: 'number' })}
        </Field>
      </View>

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>工作信息</Text>
        </View>
        <Field label='所在企业' required className='register-enterprise' error={errorOf('enterpriseId')}>
          <View
            onClick={() => {
              setPicking(true);
              touch('enterpriseId');
            }}
          >
            <PickerValue text={enterprise?.name} placeholder='搜索并选择企业' />
          </View>
        </Field>
        <Field label='岗位分类' required className='register-post' error={errorOf('postCategory')}>
          <Picker
            mode='selector'
            range={POST_CATEGORIES.map((p) => p.label)}
            value={Math.max(0, postIndex)}
            onChange={(e) => {
              setPostCategory(POST_CATEGORIES[Number(e.detail.value)].code);
              edited('postCategory');
            }}
          >
            <PickerValue text={POST_CATEGORIES[postIndex]?.label} placeholder='请选择' />
          </Picker>
        </Field>
        <Field label='用工形式' required className='register-employment' error={errorOf('employmentType')}>
          <Picker
            mode='selector'
            range={EMPLOYMENT_TYPES.map((p) => p.label)}
            value={Math.max(0, empIndex)}
            onChange={(e) => setEmploymentType(EMPLOYMENT_TYPES[Number(e.detail.value)].code)}
          >
            <PickerValue text={EMPLOYMENT_TYPES[empIndex]?.label} placeholder='请选择' />
          </Picker>
        </Field>
      </View>

      <View className='card register-certs'>
        <View className='card__head'>
          <Text className='card__title'>持证情况</Text>
          <Text className='card__hint'>特种作业操作证、安全管理人员证书等，没有可不填</Text>
        </View>
        <CertificateEditor value={certificates} onChange={setCertificates} errors={certErrors} />
      </View>

      <FormError className='register-error' message={formError} />
      <View className='form-actions'>
        <Button className='register-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交注册
        </Button>
      </View>

      <EnterprisePicker
        visible={picking}
        selectedId={enterprise?._id}
        onClose={() => setPicking(false)}
        onSelect={(e) => {
          setEnterprise(e);
          edited('enterpriseId');
          setPicking(false);
        }}
      />
    </View>
  );
}
