import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import { CloudError, fieldErrorsOf } from '@shared/client';
import type { ExamTemplate } from '@shared/contracts/exam';
import type { DrawingValidation } from '@shared/exam/drawing';
import type { IndustryCode } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { callExam } from '../../exam';
import { INDUSTRY_OPTIONS } from '../../components/options';
import { DrawingRuleEditor, emptySection, ruleOf, sectionsOf, type SectionDraft } from '../../components/drawing/DrawingRuleEditor';

interface TemplateForm {
  name: string;
  industry: IndustryCode | null;
  description?: string;
  fullScore: number;
  passScore: number;
  durationMinutes: number;
}

/** 新建 / 编辑考试模板: a named drawing rule with full and pass score and duration, per industry. */
export function TemplateDrawer({ templateId, onClose, onSaved }: { templateId: string | null; onClose(): void; onSaved(t: ExamTemplate): void }) {
  const account = useAccount();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateForm>();
  const [sections, setSections] = useState<SectionDraft[]>(() => [emptySection('single'), emptySection('multiple'), emptySection('judge')]);
  const [loaded, setLoaded] = useState<ExamTemplate | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [validation, setValidation] = useState<DrawingValidation | null>(null);
  const fullScore = Form.useWatch('fullScore', form) ?? null;
  const industryLimit = account.role === 'regulator' && account.industries?.length ? account.industries : null;

  useEffect(() => {
    if (!templateId) return;
    let alive = true;
    callExam('getExamTemplate', { templateId })
      .then(({ template }) => {
        if (!alive) return;
        setLoaded(template);
        setSections(sectionsOf(template.rule));
        form.setFieldsValue({ name: template.name, industry: template.industry, description: template.description, fullScore: template.fullScore, passScore: template.passScore, durationMinutes: template.durationMinutes });
      })
      .catch((e) => alive && setLoadError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [templateId, form]);

  const save = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const r = ruleOf(sections);
    if (!r.ok) return setError(r.message);
    if (validation && !validation.ok) return setError(validation.problems[0]?.message ?? '抽题规则还不能使用');
    setSaving(true);
    try {
      const { template } = await callExam('saveExamTemplate', { ...(loaded ? { templateId: loaded._id } : {}), name: v.name.trim(), industry: v.industry ?? null, description: v.description?.trim() ?? '', rule: r.rule, fullScore: v.fullScore, passScore: v.passScore, durationMinutes: v.durationMinutes });
      message.success('考试模板已保存');
      onSaved(template);
    } catch (e) {
      const errs = fieldErrorsOf(e);
      const onForm = (['name', 'industry', 'fullScore', 'passScore', 'durationMinutes'] as const).filter((k) => errs[k]);
      if (onForm.length) form.setFields(onForm.map((k) => ({ name: k, errors: [errs[k]] })));
      setError(e instanceof CloudError && e.code === 'CONFLICT' ? '已有同名模板或模板已被他人修改，请换一个名称或刷新后重试' : errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={1080}
      title={templateId ? '编辑考试模板' : '新建考试模板'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => void save()} loading={saving} disabled={Boolean(templateId && !loaded)} data-testid="template-save">
            保存模板
          </Button>
        </Space>
      }
      data-testid="template-drawer"
    >
      {templateId && !loaded ? (
        loadError ? <Alert type="error" showIcon message="模板加载失败" description={loadError} /> : <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="template-error" />}
          <Form<TemplateForm> form={form} layout="vertical" initialValues={{ industry: industryLimit?.[0] ?? null, fullScore: 100, passScore: 80, durationMinutes: 60 }}>
            <Row gutter={16}>
              <Col span={10}>
                <Form.Item name="name" label="模板名称" rules={[{ required: true, whitespace: true, message: '请输入模板名称' }, { min: 2, message: '名称至少2个字' }, { max: 60, message: '名称不能超过60个字' }]}>
                  <Input maxLength={60} placeholder="例如 建筑施工企业年度考试" data-testid="template-name" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="industry" label="适用行业" extra={industryLimit ? '本账号只能管理所辖行业的模板' : '不选为通用模板'}>
                  <Select allowClear={!industryLimit} placeholder="通用" options={industryLimit ? INDUSTRY_OPTIONS.filter((o) => industryLimit.includes(o.value)) : INDUSTRY_OPTIONS} optionFilterProp="label" showSearch data-testid="template-industry" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Space size={12} align="start">
                  <Form.Item name="fullScore" label="满分" rules={[{ required: true, message: '请填写满分' }]}>
                    <InputNumber min={1} max={1000} step={10} style={{ width: 88 }} data-testid="template-full" />
                  </Form.Item>
                  <Form.Item name="passScore" label="及格分" dependencies={['fullScore']} rules={[{ required: true, message: '请填写及格分' }, ({ getFieldValue }) => ({ validator: (_, v?: number) => (v !== undefined && v > (getFieldValue('fullScore') as number) ? Promise.reject(new Error('及格分不能高于满分')) : Promise.resolve()) })]}>
                    <InputNumber min={0} max={1000} style={{ width: 88 }} data-testid="template-pass" />
                  </Form.Item>
                  <Form.Item name="durationMinutes" label="时长（分钟）" rules={[{ required: true, message: '请填写考试时长' }]}>
                    <InputNumber min={1} max={600} precision={0} style={{ width: 96 }} />
                  </Form.Item>
                </Space>
              </Col>
            </Row>
            <Form.Item name="description" label="说明">
              <Input.TextArea rows={2} maxLength={500} showCount placeholder="适用对象、考试要求等（选填）" />
            </Form.Item>
          </Form>
          <DrawingRuleEditor value={sections} onChange={setSections} fullScore={typeof fullScore === 'number' ? fullScore : null} onValidation={setValidation} />
        </>
      )}
    </Drawer>
  );
}
