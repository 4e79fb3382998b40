import { Alert, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import type { EnterpriseDetail } from '@shared/contracts/org';
import type { IndustryCode, KeyAreaCode, ScaleCode, SupervisionTypeCode } from '@shared/taxonomy';
import { regionPath } from '@shared/regions';
import { INDUSTRY_OPTIONS, KEY_AREA_OPTIONS, SCALE_OPTIONS, SUPERVISION_OPTIONS } from './options';
import { RegionPicker } from './RegionPicker';

/** The profile form's values (the contract's shape, with the region as a cascader path). */
export interface EnterpriseFormValues {
  name: string;
  regionPath: string[];
  address: string;
  contactName: string;
  contactPhone: string;
  scale: ScaleCode;
  supervisionType: SupervisionTypeCode;
  industry: IndustryCode;
  involvesKeyAreas: boolean;
  keyAreas?: KeyAreaCode[];
}

export const PERSON_NAME_RULE = {
  pattern: /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/,
  message: '姓名为2-30个汉字或字母',
};

/** The three attributes push rules match on. */
export const TARGETING_FIELDS = ['supervisionType', 'industry', 'keyAreas'] as const;

export function toProfileInput(v: EnterpriseFormValues) {
  return {
    name: v.name.trim(),
    regionCode: v.regionPath[v.regionPath.length - 1],
    address: v.address.trim(),
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
    scale: v.scale,
    supervisionType: v.supervisionType,
    industry: v.industry,
    keyAreas: v.involvesKeyAreas ? (v.keyAreas ?? []) : [],
  };
}

export function fromEnterprise(e: EnterpriseDetail): EnterpriseFormValues {
  return {
    name: e.name,
    regionPath: regionPath(e.townCode || e.regionCode),
    address: e.address,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    scale: e.scale,
    supervisionType: e.supervisionType,
    industry: e.industry,
    involvesKeyAreas: e.keyAreas.length > 0,
    keyAreas: e.keyAreas,
  };
}

/** Server field paths (contract names) → form field names. */
export const PROFILE_FIELD_OF: Record<string, string> = { regionCode: 'regionPath' };

/**
 * Enterprise profile fields shared by registration and the admin's edit form (credit code and the
 * admin account are the registration page's own). Must render inside a `Form`.
 */
export function EnterpriseFields({ testIdPrefix = 'enterprise' }: { testIdPrefix?: string }) {
  const involves = Form.useWatch<boolean | undefined>('involvesKeyAreas');
  return (
    <>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item
            name="name"
            label="企业名称"
            rules={[
              { required: true, whitespace: true, message: '请输入企业名称' },
              { min: 4, max: 60, message: '企业名称为4-60个字' },
            ]}
          >
            <Input placeholder="与营业执照一致" maxLength={60} data-testid={`${testIdPrefix}-name`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="regionPath" label="所在区域" rules={[{ required: true, type: 'array', min: 3, message: '请选择所在区域（到乡镇/街道）' }]}>
            <RegionPicker testId={`${testIdPrefix}-region`} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="address"
        label="详细地址"
        rules={[
          { required: true, whitespace: true, message: '请填写详细地址' },
          { min: 4, max: 120, message: '详细地址为4-120个字' },
        ]}
      >
        <Input placeholder="街道、门牌号等" maxLength={120} data-testid={`${testIdPrefix}-address`} />
      </Form.Item>
      <Row gutter={24}>
        <Col span={8}>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }, PERSON_NAME_RULE]}>
            <Input maxLength={30} data-testid={`${testIdPrefix}-contact-name`} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            rules={[
              { required: true, whitespace: true, message: '请填写联系电话' },
              { pattern: /^\s*(1\d{10}|0\d{2,3}-?\d{7,8})\s*$/, message: '请输入手机号或带区号的固定电话' },
            ]}
          >
            <Input maxLength={20} placeholder="手机号或 0632-1234567" data-testid={`${testIdPrefix}-contact-phone`} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="scale" label="企业规模" rules={[{ required: true, message: '请选择企业规模' }]}>
            <Radio.Group options={SCALE_OPTIONS} data-testid={`${testIdPrefix}-scale`} />
          </Form.Item>
        </Col>
      </Row>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={<strong>以下三项是接收推送任务的基础，请务必准确填写</strong>}
        description="监管部门按安全监管类型、行业类型和重点监管领域向企业推送培训与考试任务；填写错误将收不到应有的任务。"
        data-testid={`${testIdPrefix}-targeting-warning`}
      />
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item name="supervisionType" label="安全监管类型" rules={[{ required: true, message: '请选择安全监管类型' }]}>
            <Select options={SUPERVISION_OPTIONS} placeholder="请选择" data-testid={`${testIdPrefix}-supervision`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="industry" label="行业类型" rules={[{ required: true, message: '请选择行业类型' }]}>
            <Select options={INDUSTRY_OPTIONS} placeholder="请选择" data-testid={`${testIdPrefix}-industry`} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="involvesKeyAreas" label="是否涉及工贸行业重点监管领域" rules={[{ required: true, message: '请选择是否涉及' }]}>
        <Radio.Group
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
          data-testid={`${testIdPrefix}-involves-key-areas`}
        />
      </Form.Item>
      {involves && (
        <Form.Item name="keyAreas" label="涉及的重点监管领域（可多选）" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项' }]}>
          <Checkbox.Group options={KEY_AREA_OPTIONS} data-testid={`${testIdPrefix}-key-areas`} />
        </Form.Item>
      )}
    </>
  );
}
