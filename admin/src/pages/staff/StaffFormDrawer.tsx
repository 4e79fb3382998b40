import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { StaffRow } from '@shared/contracts/people';
import { CloudError, fieldErrorsOf } from '@shared/client';
import { checkIdNumber, genderOfIdNumber, ID_NUMBER_PROBLEM_ZH, normalizeIdNumber } from '@shared/idNumber';
import type { CertificateTypeCode, EmploymentTypeCode, PostCategoryCode } from '@shared/taxonomy';
import { call, errorMessage } from '../../api';
import { CERTIFICATE_OPTIONS, EMPLOYMENT_OPTIONS, POST_OPTIONS } from '../../components/options';
import { PERSON_NAME_RULE } from '../../components/EnterpriseFields';
import type { DeptSelectNode } from '../../components/departments';
import { useGuardedClose } from '../../components/guardedClose';

interface CertValues {
  type?: CertificateTypeCode;
  number?: string;
  issuedOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
}

interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  departmentId?: string | null;
  postCategory: PostCategoryCode;
  employmentType: EmploymentTypeCode;
  certificates?: CertValues[];
}

export type StaffSaved = { kind: 'added'; name: string; initialPassword: string | null; existing: boolean } | { kind: 'updated'; person: StaffRow };

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Add one person (with ID number) or edit one (ID number fixed). */
export function StaffFormDrawer({
  person,
  departments,
  onClose,
  onSaved,
}: {
  person: StaffRow | null;
  departments: DeptSelectNode[];
  onClose: () => void;
  onSaved: (r: StaffSaved) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const guardedClose = useGuardedClose(form, onClose);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ title: string; description?: string } | null>(null);
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const idOk = !person && idNumber ? checkIdNumber(idNumber) : null;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const common = {
      name: v.name.trim(),
      phone: v.phone?.trim() || undefined,
      departmentId: v.departmentId ?? null,
      postCategory: v.postCategory,
      employmentType: v.employmentType,
      certificates: (v.certificates ?? []).map((c) => ({ type: c.type!, number: (c.number ?? '').trim(), issuedOn: day(c.issuedOn), expiresOn: day(c.expiresOn) })),
    };
    setSaving(true);
    setError(null);
    try {
      if (person) {
        const res = await call('org', 'updateStaff', { personId: person._id, ...common });
        message.success('员工信息已保存');
        onSaved({ kind: 'updated', person: res.person });
      } else {
        const res = await call('org', 'addStaff', { ...common, idNumber: normalizeIdNumber(v.idNumber ?? '') });
        onSaved({ kind: 'added', name: common.name, initialPassword: res.initialPassword, existing: res.existing });
      }
    } catch (e) {
      setSaving(false);
      const fields = Object.entries(fieldErrorsOf(e));
      if (fields.length) {
        form.setFields(fields.map(([path, msg]) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never, errors: [msg] })));
        return;
      }
      const code = e instanceof CloudError ? e.code : null;
      if (code === 'PERSON_EMPLOYED_ELSEWHERE') {
        // The server names the person and what to do (change-of-employer request, or 离职 at the other employer).
        setError({ title: '该人员已在其他企业任职', description: errorMessage(e) });
      } else if (code === 'ID_NUMBER_INVALID') {
        form.setFields([{ name: 'idNumber', errors: [errorMessage(e)] }]);
      } else setError({ title: errorMessage(e) });
    }
  };

  const initialValues: Partial<Values> = person
    ? {
        name: person.name,
        phone: person.phone,
        departmentId: person.departmentId ?? undefined,
        postCategory: person.postCategory,
        employmentType: person.employmentType,
        certificates: person.certificates.map((c) => ({ type: c.type, number: c.number, issuedOn: c.issuedOn ? dayjs(c.issuedOn) : null, expiresOn: c.expiresOn ? dayjs(c.expiresOn) : null })),
      }
    : { employmentType: 'regular', certificates: [] };

  return (
    <Drawer
      open
      title={person ? `编辑员工 · ${person.name}` : '添加员工'}
      width={720}
      onClose={guardedClose}
      maskClosable={false}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={guardedClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="staff-save">
            {person ? '保存' : '添加'}
          </Button>
        </Space>
      }
      data-testid="staff-drawer"
    >
      {error && <Alert type="error" showIcon message={error.title} description={error.description} style={{ marginBottom: 16 }} data-testid="staff-form-error" />}
      {!person && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="添加后系统生成初始密码，员工用身份证号和初始密码登录小程序，首次登录需修改密码。"
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => error && setError(null)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, PERSON_NAME_RULE]}>
              <Input maxLength={30} data-testid="staff-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {person ? (
              <Form.Item label="身份证号" extra="身份证号不可修改">
                <Input value={person.idMasked} disabled className="mono" />
              </Form.Item>
            ) : (
              <Form.Item
                name="idNumber"
                label="身份证号"
                validateFirst
                rules={[
                  { required: true, whitespace: true, message: '请输入身份证号' },
                  {
                    validator: (_, v: string) => {
                      const r = checkIdNumber(v ?? '');
                      return r.ok ? Promise.resolve() : Promise.reject(new Error(ID_NUMBER_PROBLEM_ZH[r.problem]));
                    },
                  },
                ]}
                extra={idOk?.ok ? <span style={{ color: '#389e0d' }}>✓ 校验通过 · {genderOfIdNumber(idOk.value) === 'male' ? '男' : '女'}</span> : '18位，末位可为X'}
              >
                <Input maxLength={22} className="mono" data-testid="staff-id-number" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="phone" label="手机号（选填）" rules={[{ pattern: /^\s*1\d{10}\s*$/, message: '请输入11位手机号码' }]}>
              <Input maxLength={11} data-testid="staff-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="departmentId" label="部门">
              <TreeSelect
                treeData={departments}
                allowClear
                treeDefaultExpandAll
                placeholder={departments.length ? '请选择部门' : '尚未设置部门'}
                notFoundContent="尚未设置部门，可在“部门管理”中添加"
                data-testid="staff-department"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="postCategory" label="岗位分类" rules={[{ required: true, message: '请选择岗位分类' }]}>
              <Select options={POST_OPTIONS} placeholder="请选择" data-testid="staff-post" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="employmentType" label="用工形式" rules={[{ required: true, message: '请选择用工形式' }]} extra="劳务派遣、灵活用工人员同样需要参加培训">
              <Select options={EMPLOYMENT_OPTIONS} data-testid="staff-employment" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong style={{ display: 'block', margin: '4px 0 12px' }}>
          持证情况
        </Typography.Text>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} style={{ background: '#fafbfd', border: '1px solid #eef1f6', borderRadius: 6, padding: '12px 12px 0', marginBottom: 12, position: 'relative' }} data-testid="staff-certificate">
                  <Row gutter={12}>
                    <Col span={13}>
                      <Form.Item name={[f.name, 'type']} label="证书类型" rules={[{ required: true, message: '请选择证书类型' }]}>
                        <Select options={CERTIFICATE_OPTIONS} placeholder="请选择" />
                      </Form.Item>
                    </Col>
                    <Col span={10}>
                      <Form.Item name={[f.name, 'number']} label="证书编号" rules={[{ required: true, whitespace: true, message: '请填写证书编号' }, { max: 40, message: '不能超过40个字符' }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col span={1} style={{ paddingTop: 34 }}>
                      <MinusCircleOutlined onClick={() => remove(f.name)} style={{ color: '#999' }} title="删除此证书" />
                    </Col>
                  </Row>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item name={[f.name, 'issuedOn']} label="发证日期">
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={11}>
                      <Form.Item
                        name={[f.name, 'expiresOn']}
                        label="有效期至"
                        dependencies={[['certificates', f.name, 'issuedOn']]}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: (_, v: Dayjs | null) => {
                              const from: Dayjs | null = getFieldValue(['certificates', f.name, 'issuedOn']);
                              return !v || !from || v.isAfter(from, 'day') ? Promise.resolve() : Promise.reject(new Error('应晚于发证日期'));
                            },
                          }),
                        ]}
                      >
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              {fields.length < 10 && (
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="staff-add-certificate">
                  添加证书
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
