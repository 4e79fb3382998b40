import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EMPLOYMENT_TYPES, POST_CATEGORIES, type EmploymentTypeCode, type PostCategoryCode } from '@shared/taxonomy';
import { fieldErrorsOf } from '@shared/client';
import type { Certificate, PersonSelf } from '@shared/contracts';
import { call } from '../../services/cloud';
import { refreshSession, updatePerson, useSession } from '../../services/session';
import { Field, FormError, InfoRow, PickerValue } from '../../components/Form';
import { CertificateEditor, certificateErrors, cleanCertificates } from '../../components/CertificateEditor';
import { StateView } from '../../components/StateView';
import { StatusTag } from '../../components/StatusTag';
import { certificateLabel, employmentLabel, postLabel } from '../../utils/labels';
import { workerStateView, type WorkerStateView } from '@shared/workerState';
import { errorMessage } from '../../utils/errors';
import { toast } from '../../utils/feedback';
import './index.scss';

/** 个人信息: everything about me; phone, post, employment type and certificates are mine to edit. */
export default function ProfilePage() {
  const session = useSession();
  const [editing, setEditing] = useState(false);

  if (session.status === 'loading') return <View className='page profile' />;
  if (session.status === 'error')
    return <StateView className='profile-error' image='error' title='加载失败' description={session.error} actionText='重试' onAction={() => void refreshSession()} />;
  const person = session.person;
  if (!person)
    return (
      <View className='page profile'>
        <StateView image='search' title='尚未登录' description='登录后查看个人信息' actionText='去登录' onAction={() => void Taro.redirectTo({ url: '/pages/auth/login/index' })} />
      </View>
    );

  const status = workerStateView(person, session.pendingRequests, session.lastDecision).tag;
  return editing ? <ProfileEdit person={person} onDone={() => setEditing(false)} /> : <ProfileView person={person} status={status} onEdit={() => setEditing(true)} />;
}

/** 岗位分类 as it is, and the 信息变更 waiting for the employer (never shown as already changed). */
function PostValue({ person }: { person: PersonSelf }) {
  return (
    <View className='profile-post-box'>
      <Text>{postLabel(person.postCategory)}</Text>
      {person.pendingPostCategory && <Text className='profile-post-pending'>岗位类别变更待企业确认：{postLabel(person.pendingPostCategory)}</Text>}
    </View>
  );
}

function ProfileView({ person, status, onEdit }: { person: PersonSelf; status: WorkerStateView['tag']; onEdit: () => void }) {
  return (
    <View className='page profile'>
      <View className='card profile-card'>
        <View className='card__head'>
          <Text className='card__title'>基本信息</Text>
          <Text className='card__hint'>姓名、身份证号、所在企业如需修改请联系企业管理员</Text>
        </View>
        <InfoRow label='姓名' value={person.name} className='profile-name' />
        <InfoRow label='身份证号' value={person.idMasked} className='profile-id' />
        <InfoRow label='性别' value={person.gender === 'male' ? '男' : '女'} />
        <InfoRow label='所在企业' value={person.enterpriseName || '暂无'} className='profile-enterprise' />
        {person.departmentName && <InfoRow label='部门' value={person.departmentName} />}
        <InfoRow label='状态' value={<StatusTag label={status.label} tone={status.tone} />} />
      </View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>岗位与联系方式</Text>
        </View>
        <InfoRow label='手机号' value={person.phone || '未填写'} className='profile-phone-value' />
        <InfoRow label='岗位分类' value={<PostValue person={person} />} className='profile-post-value' />
        <InfoRow label='用工形式' value={employmentLabel(person.employmentType)} />
      </View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>持证情况</Text>
        </View>
        {person.certificates.length === 0 && <Text className='profile-empty'>暂无证书</Text>}
        {person.certificates.map((c, i) => (
          <View key={i} className='profile-cert'>
            <Text className='profile-cert__type'>{certificateLabel(c.type)}</Text>
            <Text className='profile-cert__meta'>编号 {c.number}</Text>
            {(c.issuedOn || c.expiresOn) && (
              <Text className='profile-cert__meta'>
                {c.issuedOn ? `发证 ${c.issuedOn}` : ''}
                {c.issuedOn && c.expiresOn ? ' · ' : ''}
                {c.expiresOn ? `有效期至 ${c.expiresOn}` : ''}
              </Text>
            )}
          </View>
        ))}
      </View>
      <View className='form-actions'>
        <Button className='profile-edit' type='primary' block onClick={onEdit}>
          编辑信息
        </Button>
      </View>
    </View>
  );
}

function ProfileEdit({ person, onDone }: { person: PersonSelf; onDone: () => void }) {
  const [phone, setPhone] = useState(person.phone ?? '');
  // A pending 信息变更 is what the worker last asked for; picking the current category withdraws it.
  const initialPost = person.pendingPostCategory ?? person.postCategory;
  const [postCategory, setPost] = useState<PostCategoryCode>(initialPost);
  // An employee's new post category is confirmed by the enterprise (信息变更); others change at once.
  const needsConfirmation = person.status === 'active' && !!person.enterpriseId;
  const [employmentType, setEmp] = useState<EmploymentTypeCode>(person.employmentType);
  const [certificates, setCerts] = useState<Certificate[]>(person.certificates);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const e: Record<string, string> = { ...certificateErrors(certificates) };
    if (phone.trim() && !/^1\d{10}$/.test(phone.trim())) e.phone = '请输入11位手机号码';
    setErrors(e);
    setFormError('');
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const res = await call('identity', 'updateProfile', {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        // Only a changed choice: re-sending the same one would file the same 信息变更 again.
        ...(postCategory !== initialPost ? { postCategory } : {}),
        employmentType,
        certificates: cleanCertificates(certificates),
      });
      updatePerson(res.person);
      toast(res.person.pendingPostCategory && res.person.pendingPostCategory !== person.pendingPostCategory ? '已保存，岗位类别变更待企业确认' : '已保存');
      onDone();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setFormError(Object.keys(fields).length ? '请按提示修改标红的内容' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const postIndex = POST_CATEGORIES.findIndex((p) => p.code === postCategory);
  const empIndex = EMPLOYMENT_TYPES.findIndex((p) => p.code === employmentType);
  return (
    <View className='page profile profile--edit'>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>编辑个人信息</Text>
          <Text className='card__hint'>姓名、身份证号、所在企业如需修改请联系企业管理员</Text>
        </View>
        <InfoRow label='姓名' value={person.name} />
        <InfoRow label='身份证号' value={person.idMasked} />
        <InfoRow label='所在企业' value={person.enterpriseName || '暂无'} />
        <Field label='手机号' className='profile-phone' error={errors.phone}>
          <Input
            className='form-input'
            placeholderClass='form-input-placeholder'
            type='number'
            maxlength={11}
            placeholder='选填'
            value={phone}
            onInput={(e) => setPhone(e.detail.value)}
          />
        </Field>
        <Field
          label='岗位分类'
          className='profile-post'
          error={errors.postCategory}
          hint={
            needsConfirmation
              ? person.pendingPostCategory
                ? `当前为${postLabel(person.postCategory)}，变更待企业确认；选回当前类别即撤回`
                : '变更岗位类别需所在企业管理员确认'
              : undefined
          }
        >
          <Picker mode='selector' range={POST_CATEGORIES.map((p) => p.label)} value={Math.max(0, postIndex)} onChange={(e) => setPost(POST_CATEGORIES[Number(e.detail.value)].code)}>
            <PickerValue text={POST_CATEGORIES[postIndex]?.label} placeholder='请选择' />
          </Picker>
        </Field>
        <Field label='用工形式' className='profile-employment' error={errors.employmentType}>
          <Picker mode='selector' range={EMPLOYMENT_TYPES.map((p) => p.label)} value={Math.max(0, empIndex)} onChange={(e) => setEmp(EMPLOYMENT_TYPES[Number(e.detail.value)].code)}>
            <PickerValue text={EMPLOYMENT_TYPES[empIndex]?.label} placeholder='请选择' />
          </Picker>
        </Field>
      </View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>持证情况</Text>
        </View>
        <CertificateEditor value={certificates} onChange={setCerts} errors={errors} />
      </View>
      <FormError className='profile-error' message={formError} />
      <View className='form-actions'>
        <Button className='profile-save' type='primary' block loading={busy} disabled={busy} onClick={() => void save()}>
          保存
        </Button>
        <Button className='profile-cancel' block onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}
