import { Alert, Form, Select } from 'antd';
import type { AccountView } from '@shared/contracts/identity';
import type { PushRule } from '@shared/learning/pushRule';
import { INDUSTRIES, labelOf } from '@shared/taxonomy';
import { CERTIFICATE_OPTIONS, INDUSTRY_OPTIONS, KEY_AREA_OPTIONS, POST_OPTIONS, SCALE_OPTIONS, SUPERVISION_OPTIONS } from '../options';
import { RegionMultiPicker } from './RegionMultiPicker';
import { EnterprisePicker } from './EnterprisePicker';

type Dim = Exclude<keyof PushRule, 'regionCodes' | 'enterpriseIds'>;

/**
 * 推送范围: every dimension "不限" by default; dimensions are ANDed, values inside one ORed. A
 * regulator targets inside its region (and industries, if its account is limited); an enterprise
 * admin only its own staff, so only the person dimensions are offered.
 */
export function PushRuleEditor({ account, value, onChange, disabled }: { account: AccountView; value: PushRule; onChange(rule: PushRule): void; disabled?: boolean }) {
  const set = <K extends keyof PushRule>(k: K, v: PushRule[K]) => onChange({ ...value, [k]: v });
  const industryLimit = account.role === 'regulator' && account.industries?.length ? account.industries : null;
  const multi = (dim: Dim, label: string, options: { value: string; label: string }[], extra?: string, anyLabel = '不限') => (
    <Form.Item label={label} extra={extra} style={{ marginBottom: 16 }}>
      <Select
        mode="multiple"
        allowClear
        options={options}
        value={value[dim] as string[]}
        onChange={(v: string[]) => set(dim, v as never)}
        placeholder={anyLabel}
        disabled={disabled}
        maxTagCount="responsive"
        optionFilterProp="label"
        data-testid={`rule-${dim}`}
      />
    </Form.Item>
  );

  if (account.role === 'enterpriseAdmin')
    return (
      <Form layout="vertical" data-testid="push-rule">
        <Alert type="info" showIcon message={`仅推送给本企业（${account.enterpriseName ?? ''}）的在职员工，可按岗位和持证情况进一步限定。`} style={{ marginBottom: 16 }} />
        {multi('postCategories', '岗位分类', POST_OPTIONS)}
        {multi('certificates', '持有证书', CERTIFICATE_OPTIONS, '持有所选任一证书的人员')}
      </Form>
    );

  return (
    <Form layout="vertical" data-testid="push-rule">
      <Form.Item label="区域" extra="可选多个区域，含其下级全部区域" style={{ marginBottom: 16 }}>
        <RegionMultiPicker account={account} value={value.regionCodes} onChange={(v) => set('regionCodes', v)} disabled={disabled} />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
        {multi('supervisionTypes', '安全监管类型', SUPERVISION_OPTIONS)}
        {multi(
          'industries',
          '行业类型',
          industryLimit ? INDUSTRY_OPTIONS.filter((o) => industryLimit.includes(o.value)) : INDUSTRY_OPTIONS,
          undefined,
          industryLimit ? `不限（本账号管辖行业：${industryLimit.map((i) => labelOf(INDUSTRIES, i)).join('、')}）` : '不限',
        )}
        {multi('keyAreas', '重点监管领域', KEY_AREA_OPTIONS, '涉及所选任一领域的企业')}
        {multi('scales', '企业规模', SCALE_OPTIONS)}
        {multi('postCategories', '岗位分类', POST_OPTIONS)}
        {multi('certificates', '持有证书', CERTIFICATE_OPTIONS, '持有所选任一证书的人员')}
      </div>
      <Form.Item label="指定企业" extra="只推送给所选企业（同时须满足上面的条件）" style={{ marginBottom: 0 }}>
        <EnterprisePicker value={value.enterpriseIds} onChange={(v) => set('enterpriseIds', v)} disabled={disabled} />
      </Form.Item>
    </Form>
  );
}
