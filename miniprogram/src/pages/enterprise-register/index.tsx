import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkCreditCode, CREDIT_CODE_PROBLEM_ZH } from '@shared/creditCode';
import { isStrongPassword, PASSWORD_RULE_ZH } from '@shared/password';
import { INDUSTRIES, KEY_AREAS, SCALES, SUPERVISION_TYPES, type IndustryCode, type KeyAreaCode, type ScaleCode, type SupervisionTypeCode } from '@shared/taxonomy';
import { CloudError, fieldErrorsOf } from '@shared/client';
import type { RegionItem } from '@shared/contracts';
import { call } from '../../services/cloud';
import { adminLogin } from '../../services/adminSession';
import { Field, FormError, PickerValue } from '../../components/Form';
import { useFieldErrors } from '../../components/Form/useFieldErrors';
import { RegionPicker } from '../../components/RegionPicker';
import { errorMessage } from '../../utils/errors';
import { scrollToFirstError } from '../../utils/scrollToError';
import { clearDraft, readDraft, useSaveDraft } from '../../hooks/useDraft';
import '../auth/auth.scss';
import './index.scss';

const PERSON_NAME_RE = /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/;
const USERNAME_RE = /^[a-z][a-z0-9_]{3,31}$/;
const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** Server field paths (contract names) → this form's keys. */
const FIELD_OF: Record<string, string> = { regionCode: 'region', 'admin.username': 'username', 'admin.displayName': 'displayName', 'admin.password': 'password', 'admin.phone': 'adminPhone' };

const DRAFT_KEY = 'anxue.enterpriseRegisterDraft';

/** The form as typed, for a reload (the admin password is never stored). */
interface Draft {
  name: string;
  creditCode: string;
  codeConfirmed: boolean;
  region: RegionItem[];
  address: string;
  contactName: string;
  contactPhone: string;
  scale: ScaleCode | '';
  supervisionType: SupervisionTypeCode | '';
  industry: IndustryCode | '';
  involves: boolean | null;
  keyAreas: KeyAreaCode[];
  username: string;
  displayName: string;
}

interface Done {
  name: string;
  username: string;
  password: string;
  verified: boolean;
}

/** Tappable options, one (or, with `multiple`, several) chosen. */
function Chips<T extends string>({ options, value, onChange, className = '' }: { options: readonly { code: T; label: string }[]; value: T[]; onChange: (v: T) => void; className?: string }) {
  return (
    <View className={`ent-chips ${className}`}>
      {options.map((o) => (
        <Text key={o.code} className={`ent-chip ${value.includes(o.code) ? 'ent-chip--on' : ''}`} onClick={() => onChange(o.code)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

function CheckLine({ checked, onChange, text, className = '' }: { checked: boolean; onChange: (v: boolean) => void; text: string; className?: string }) {
  return (
    <View className={`ent-check ${checked ? 'ent-check--checked' : ''} ${className}`} onClick={() => onChange(!checked)}>
      <View className='ent-check__box' />
      <Text className='ent-check__text'>{text}</Text>
    </View>
  );
}

/**
 * 企业注册（小微企业）: the console's enterprise registration on the phone (org.registerEnterprise),
 * then one tap signs the new admin in on the mini-program admin entry.
 */
export default function EnterpriseRegisterPage() {
  // What was typed before a reload; never the password.
  const [d] = useState(() => readDraft<Draft>(DRAFT_KEY));
  const [name, setName] = useState(d.name ?? '');
  const [creditCode, setCreditCode] = useState(d.creditCode ?? '');
  const [codeConfirmed, setCodeConfirmed] = useState(d.codeConfirmed ?? false);
  const [region, setRegion] = useState<RegionItem[]>(d.region ?? []);
  const [address, setAddress] = useState(d.address ?? '');
  const [contactName, setContactName] = useState(d.contactName ?? '');
  const [contactPhone, setContactPhone] = useState(d.contactPhone ?? '');
  const [scale, setScale] = useState<ScaleCode | ''>(d.scale ?? '');
  const [supervisionType, setSupervisionType] = useState<SupervisionTypeCode | ''>(d.supervisionType ?? '');
  const [industry, setIndustry] = useState<IndustryCode | ''>(d.industry ?? '');
  const [involves, setInvolves] = useState<boolean | null>(d.involves ?? null);
  const [keyAreas, setKeyAreas] = useState<KeyAreaCode[]>(d.keyAreas ?? []);
  const [username, setUsername] = useState(d.username ?? '');
  const [displayName, setDisplayName] = useState(d.displayName ?? '');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [picking, setPicking] = useState(false);

  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [loginError, setLoginError] = useState('');
  const [loggingIn, setLoggingIn] = useState(false);

  const draftNow: Draft = { name, creditCode, codeConfirmed, region, address, contactName, contactPhone, scale, supervisionType, industry, involves, keyAreas, username, displayName };
  useSaveDraft(DRAFT_KEY, draftNow, !done);

  const code = creditCode.trim() ? checkCreditCode(creditCode) : null;
  const checksumFails = code?.ok === false && code.problem === 'checksum';

  const clientErrors = (): Record<string, string> => {
    const e: Record<string, string> = {};
    const n = name.trim();
    if (!n) e.name = '请输入企业名称';
    else if (n.length < 4 || n.length > 60) e.name = '企业名称为4-60个字';
    if (!code) e.creditCode = '请输入统一社会信用代码';
    else if (!code.ok && code.problem === 'format') e.creditCode = CREDIT_CODE_PROBLEM_ZH.format;
    if (checksumFails && !codeConfirmed) e.creditCodeConfirmed = '请核对代码；如营业执照上确为此代码，请勾选确认';
    if (!region.length || region[region.length - 1].hasChildren) e.region = '请选择所在区域（到乡镇/街道）';
    if (address.trim().length < 4) e.address = address.trim() ? '详细地址至少4个字' : '请填写详细地址';
    if (!PERSON_NAME_RE.test(contactName.trim())) e.contactName = contactName.trim() ? '姓名为2-30个汉字或字母' : '请填写联系人';
    if (!PHONE_RE.test(contactPhone.trim())) e.contactPhone = contactPhone.trim() ? '请输入手机号或带区号的固定电话' : '请填写联系电话';
    if (!scale) e.scale = '请选择企业规模';
    if (!supervisionType) e.supervisionType = '请选择安全监管类型';
    if (!industry) e.industry = '请选择行业类型';
    if (involves === null) e.involves = '请选择是否涉及';
    else if (involves && !keyAreas.length) e.keyAreas = '请至少选择一项';
    if (!USERNAME_RE.test(username.trim().toLowerCase())) e.username = username.trim() ? '用户名为4-32位字母、数字或下划线，以字母开头' : '请输入用户名';
    if (!PERSON_NAME_RE.test(displayName.trim())) e.displayName = displayName.trim() ? '姓名为2-30个汉字或字母' : '请输入管理员姓名';
    if (!isStrongPassword(password)) e.password = password ? PASSWORD_RULE_ZH : '请设置登录密码';
    if (password2 !== password) e.password2 = '两次输入的密码不一致';
    return e;
  };
  const local = clientErrors();
  const { errorOf, touch, edited, touchAll, setServerErrors, text } = useFieldErrors(local);

  const showFirstError = () => scrollToFirstError('.ent-reg .form-field--error, .ent-reg .ent-reg-invalid');

  const submit = async () => {
    touchAll();
    setFormError('');
    if (Object.keys(local).length) {
      setFormError('请按提示修改标红的内容');
      showFirstError();
      return;
    }
    setBusy(true);
    try {
      const res = await call('org', 'registerEnterprise', {
        name: name.trim(),
        creditCode: code!.value,
        creditCodeConfirmed: checksumFails && codeConfirmed,
        regionCode: region[region.length - 1].code,
        address: address.trim(),
        contactName: contactName.trim(),
        contactPhone: contactPhone.trim(),
        scale: scale as ScaleCode,
        supervisionType: supervisionType as SupervisionTypeCode,
        industry: industry as IndustryCode,
        keyAreas: involves ? keyAreas : [],
        admin: { username: username.trim().toLowerCase(), displayName: displayName.trim(), password },
      });
      clearDraft(DRAFT_KEY);
      setDone({ name: name.trim(), username: res.account.username, password, verified: res.creditCodeVerified });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (err) {
      const fields: Record<string, string> = {};
      for (const [path, msg] of Object.entries(fieldErrorsOf(err))) fields[FIELD_OF[path] ?? path] = msg;
      if (err instanceof CloudError) {
        if (err.code === 'ENTERPRISE_EXISTS' || err.code === 'CREDIT_CODE_INVALID') fields.creditCode = err.message;
        if (err.code === 'USERNAME_TAKEN') fields.username = err.message;
        if (err.code === 'PASSWORD_WEAK') fields.password = err.message;
        if (err.code === 'REGION_INVALID') fields.region = err.message;
      }
      setServerErrors(fields);
      if (Object.keys(fields).length) showFirstError();
      const known = err instanceof CloudError && ['ENTERPRISE_EXISTS', 'CREDIT_CODE_INVALID', 'USERNAME_TAKEN', 'PASSWORD_WEAK', 'REGION_INVALID'].includes(err.code);
      setFormError(known || !Object.keys(fields).length ? errorMessage(err) : '请按提示修改标红的内容');
    } finally {
      setBusy(false);
    }
  };

  const enterAsAdmin = async () => {
    if (!done) return;
    setLoggingIn(true);
    setLoginError('');
    try {
      await adminLogin(done.username, done.password);
      void Taro.redirectTo({ url: '/pages/admin/approvals/index' });
    } catch (err) {
      setLoginError(errorMessage(err));
    } finally {
      setLoggingIn(false);
    }
  };

  if (done) {
    return (
      <View className='page auth ent-reg'>
        <View className='auth-banner'>
          <Text className='auth-banner__title'>注册成功</Text>
          <Text className='auth-banner__desc'>企业已登记，管理员账号已开通</Text>
        </View>
        <View className='card ent-reg-done'>
          <View className='ent-reg-done__icon'>
            <Text>✓</Text>
          </View>
          <Text className='ent-reg-done__title'>注册成功</Text>
          <Text className='ent-reg-done__desc'>
            {done.name} 已登记，管理员账号 {done.username} 已开通。员工注册时搜索本企业名称即可申请加入，由您在小程序或网页管理端审核。
          </Text>
          {!done.verified && <Text className='ent-reg-done__note'>统一社会信用代码已标记为“待核实”，将由属地监管部门核实。</Text>}
        </View>
        <FormError className='ent-reg-login-error' message={loginError} />
        <View className='form-actions'>
          <Button className='ent-reg-enter' type='primary' block loading={loggingIn} disabled={loggingIn} onClick={() => void enterAsAdmin()}>
            以管理员身份进入人员审核
          </Button>
          <Button className='ent-reg-home' block onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
            返回“我的”
          </Button>
        </View>
        <View className='auth-tip'>
          <Text>网页管理端可使用同一账号登录，维护企业档案、部门和员工，批量导入人员。</Text>
        </View>
      </View>
    );
  }


  return (
    <View className='page auth ent-reg'>
      <View className='auth-banner'>
        <Text className='auth-banner__title'>企业注册</Text>
        <Text className='auth-banner__desc'>适用于小微企业，由企业管理员填写。一个统一社会信用代码只能注册一家企业。</Text>
      </View>

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>企业信息</Text>
        </View>
        <Field label='企业名称' required className='ent-reg-name' error={errorOf('name')}>
          {text('name', name, setName, { placeholder: '与营业执照一致', maxlength: 60 })}
        </Field>
        <Field
          label='信用代码'
          required
          className='ent-reg-code'
          error={errorOf('creditCode')}
          hint={code ? undefined : '统一社会信用代码，18位，见营业执照'}
        >
          {text('creditCode', creditCode, (v) => {
            setCreditCode(v);
            setCodeConfirmed(false);
          }, { placeholder: '18位数字或大写字母', maxlength: 24 })}
        </Field>
        {code?.ok && !errorOf('creditCode') && <Text className='ent-reg-code-ok'>✓ 代码格式和校验位正确</Text>}
        {checksumFails && (
          <View className={`ent-reg-code-warn ${errorOf('creditCodeConfirmed') ? 'ent-reg-invalid' : ''}`}>
            <Text className='ent-reg-code-warn__text'>{CREDIT_CODE_PROBLEM_ZH.checksum}</Text>
            <CheckLine
              className='ent-reg-code-confirm'
              checked={codeConfirmed}
              onChange={(v) => {
                setCodeConfirmed(v);
                edited('creditCode');
              }}
              text='营业执照上印制的代码即为此代码（提交后由属地监管部门核实）'
            />
            {errorOf('creditCodeConfirmed') && <Text className='ent-reg-code-warn__error'>{errorOf('creditCodeConfirmed')}</Text>}
          </View>
        )}
        <Field label='所在区域' required className='ent-reg-region' error={errorOf('region')}>
          <View
            onClick={() => {
              setPicking(true);
              touch('region');
            }}
          >
            <PickerValue text={region.slice(1).map((r) => r.name).join(' ')} placeholder='选择到乡镇（街道）' />
          </View>
        </Field>
        <Field label='详细地址' required className='ent-reg-address' error={errorOf('address')}>
          {text('address', address, setAddress, { placeholder: '街道、门牌号等', maxlength: 120 })}
        </Field>
        <Field label='联系人' required className='ent-reg-contact' error={errorOf('contactName')}>
          {text('contactName', contactName, setContactName, { placeholder: '姓名', maxlength: 30 })}
        </Field>
        <Field label='联系电话' required className='ent-reg-phone' error={errorOf('contactPhone')}>
          {text('contactPhone', contactPhone, setContactPhone, { placeholder: '手机号或 0632-1234567', maxlength: 20 })}
        </Field>
        <Field label='企业规模' required className='ent-reg-scale' error={errorOf('scale')}>
          <Chips options={SCALES} value={scale ? [scale] : []} onChange={(v) => setScale(v)} />
        </Field>
      </View>

      <View className='card ent-reg-targeting'>
        <View className='card__head'>
          <Text className='card__title'>监管分类</Text>
        </View>
        <View className='ent-reg-warning'>
          <Text className='ent-reg-warning__title'>以下三项是接收推送任务的基础，请务必准确填写</Text>
          <Text className='ent-reg-warning__desc'>监管部门按安全监管类型、行业类型和重点监管领域向企业推送培训与考试任务；填写错误将收不到应有的任务。</Text>
        </View>
        <View className={`ent-reg-block ent-reg-supervision ${errorOf('supervisionType') ? 'ent-reg-invalid' : ''}`}>
          <Text className='ent-reg-block__label'>
            <Text className='form-field__required'>*</Text>安全监管类型
          </Text>
          <Chips options={SUPERVISION_TYPES} value={supervisionType ? [supervisionType] : []} onChange={(v) => setSupervisionType(v)} />
          {errorOf('supervisionType') && <Text className='ent-reg-block__error'>{errorOf('supervisionType')}</Text>}
        </View>
        <View className={`ent-reg-block ent-reg-industry ${errorOf('industry') ? 'ent-reg-invalid' : ''}`}>
          <Text className='ent-reg-block__label'>
            <Text className='form-field__required'>*</Text>行业类型
          </Text>
          <Chips options={INDUSTRIES} value={industry ? [industry] : []} onChange={(v) => setIndustry(v)} />
          {errorOf('industry') && <Text className='ent-reg-block__error'>{errorOf('industry')}</Text>}
        </View>
        <View className={`ent-reg-block ent-reg-involves ${errorOf('involves') ? 'ent-reg-invalid' : ''}`}>
          <Text className='ent-reg-block__label'>
            <Text className='form-field__required'>*</Text>是否涉及工贸行业重点监管领域
          </Text>
          <Chips
            options={[
              { code: 'yes', label: '是' },
              { code: 'no', label: '否' },
            ]}
            value={involves === null ? [] : [involves ? 'yes' : 'no']}
            onChange={(v) => setInvolves(v === 'yes')}
          />
          {errorOf('involves') && <Text className='ent-reg-block__error'>{errorOf('involves')}</Text>}
        </View>
        {involves && (
          <View className={`ent-reg-block ent-reg-key-areas ${errorOf('keyAreas') ? 'ent-reg-invalid' : ''}`}>
            <Text className='ent-reg-block__label'>
              <Text className='form-field__required'>*</Text>涉及的重点监管领域（可多选）
            </Text>
            <Chips options={KEY_AREAS} value={keyAreas} onChange={(v) => setKeyAreas((k) => (k.includes(v) ? k.filter((x) => x !== v) : [...k, v]))} />
            {errorOf('keyAreas') && <Text className='ent-reg-block__error'>{errorOf('keyAreas')}</Text>}
          </View>
        )}
      </View>

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>管理员账号</Text>
          <Text className='card__hint'>用于小程序和网页管理端登录</Text>
        </View>
        <Field label='用户名' required className='ent-reg-username' error={errorOf('username')} hint='4-32位字母、数字或下划线，以字母开头'>
          {text('username', username, setUsername, { placeholder: '登录用户名', maxlength: 32 })}
        </Field>
        <Field label='姓名' required className='ent-reg-admin-name' error={errorOf('displayName')}>
          {text('displayName', displayName, setDisplayName, { placeholder: '管理员姓名', maxlength: 30 })}
        </Field>
        <Field label='密码' required className='ent-reg-password' error={errorOf('password')} hint={PASSWORD_RULE_ZH}>
          {text('password', password, setPassword, { placeholder: '设置登录密码', password: true, maxlength: 32 })}
        </Field>
        <Field label='确认密码' required className='ent-reg-password2' error={errorOf('password2')}>
          {text('password2', password2, setPassword2, { placeholder: '再次输入密码', password: true, maxlength: 32 })}
        </Field>
      </View>

      <FormError className='ent-reg-error' message={formError} />
      <View className='form-actions'>
        <Button className='ent-reg-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交注册
        </Button>
      </View>
      <View className='form-links'>
        <Text>
          已有管理员账号？
          <Text className='form-links__link ent-reg-login' onClick={() => void Taro.redirectTo({ url: '/pages/admin/login/index' })}>
            去登录
          </Text>
        </Text>
      </View>

      <RegionPicker
        visible={picking}
        value={region}
        onClose={() => setPicking(false)}
        onSelect={(path) => {
          setRegion(path);
          edited('region');
          setPicking(false);
        }}
      />
    </View>
  );
}
