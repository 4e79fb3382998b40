import { useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Radio, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { QrcodeOutlined, SearchOutlined } from '@ant-design/icons';
import type { SpotExamRow } from '@shared/contracts/exam';
import { QUESTION_TYPE_ZH, type QuestionType } from '@shared/exam/basics';
import type { DrawingRuleInput } from '@shared/exam/drawing';
import { errorMessage } from '../../api';
import { callExam, type ExamOutput } from '../../exam';
import { newRequestId } from '../../learning';
import { navigate } from '../../router';
import { fillPath } from '@shared/hashPath';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { EnterpriseSelect } from '../../components/EnterpriseSelect';
import { useLatestLoad } from '../../components/useLatestLoad';
import { SpotCodeCard } from './SpotCodeCard';
import { dateTime, points, ratio } from './resultLabels';

const TYPES: QuestionType[] = ['judge', 'single', 'multiple'];
interface FormValues {
  enterpriseId: string;
  inspectionId?: string;
  title?: string;
  source: 'template' | 'bank';
  templateId?: string;
  bankId?: string;
  counts: Record<QuestionType, number>;
  scores: Record<QuestionType, number>;
  passScore: number;
  durationMinutes: number;
  validMinutes: number;
}
type Shown = { code: string; qrText: string; title: string; enterpriseName: string | null; closesAt: string };


/** A rule from one bank: per type a count and a score per question (the quick way on site). */
function bankRule(bankId: string, counts: Record<QuestionType, number>, scores: Record<QuestionType, number>): { rule: DrawingRuleInput; fullScore: number } {
  const sections = TYPES.filter((t) => (counts[t] ?? 0) > 0).map((type) => ({ from: { bankIds: [bankId] }, type, count: counts[type], scorePerQuestion: scores[type] }));
  return { rule: { sections }, fullScore: sections.reduce((s, x) => s + x.count * x.scorePerQuestion, 0) };
}

/**
 * 逢查必考 (regulators): during an inspection, a short exam for one enterprise in scope, open now for
 * a set time. The 6-character code and its QR are shown big for the workers to scan; the list below
 * shows the spot exams with their take-up, each opening its results.
 */
export default function SpotExamsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  // One request id per form fill: a retried 生成考试码 answers the same exam and code.
  const [requestId, setRequestId] = useState(newRequestId);
  const [state, setState] = useState<'all' | 'open' | 'closed'>('all');
  const [enterpriseFilter, setEnterpriseFilter] = useState<string | undefined>();
  const [inspection, setInspection] = useState('');
  const [inspectionDraft, setInspectionDraft] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const source = Form.useWatch('source', form) ?? 'template';
  const bankId = Form.useWatch('bankId', form);
  const counts = Form.useWatch('counts', form);
  const scores = Form.useWatch('scores', form);

  const templates = useLatestLoad(() => callExam('listExamTemplates', { page: 1, pageSize: 100 }), []);
  const banks = useLatestLoad(() => callExam('listBanks', { page: 1, pageSize: 100 }), []);
  const list = useLatestLoad<ExamOutput<'listSpotExams'>>(
    () => callExam('listSpotExams', { state, enterpriseId: enterpriseFilter, inspectionId: inspection || undefined, page, pageSize }),
    [state, enterpriseFilter, inspection, page, pageSize],
  );
  const bank = banks.data?.items.find((b) => b._id === bankId);
  const quick = bankId && counts && scores ? bankRule(bankId, counts, scores) : null;

  const create = async () => {
    const v = await form.validateFields();
    const tpl = templates.data?.items.find((t) => t._id === v.templateId);
    let drawing: { templateId: string } | { rule: DrawingRuleInput };
    let fullScore: number;
    if (v.source === 'template') {
      if (!tpl) return message.error('请选择考试模板');
      drawing = { templateId: tpl._id };
      fullScore = tpl.fullScore;
    } else {
      const q = bankRule(v.bankId!, v.counts, v.scores);
      if (!q.rule.sections.length) return message.error('请至少设置一种题型的题数');
      drawing = { rule: q.rule };
      fullScore = q.fullScore;
    }
    if (v.passScore > fullScore) return message.error(`及格分不能高于满分（${fullScore} 分）`);
    setCreating(true);
    try {
      const r = await callExam('createSpotExam', {
        enterpriseId: v.enterpriseId,
        inspectionId: v.inspectionId?.trim() || null,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        ...drawing,
        fullScore,
        passScore: v.passScore,
        durationMinutes: v.durationMinutes,
        validMinutes: v.validMinutes,
        requestId,
      });
      setShown({ code: r.code, qrText: r.qrText, title: r.exam.title, enterpriseName: null, closesAt: r.exam.closesAt });
      setRequestId(newRequestId());
      message.success('逢查必考考试已创建');
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  return (
    <div data-testid="spot-exams-page">
      <PageHeader title="逢查必考" description="执法检查时为被检查企业现场组织考试：员工扫码或输入考试码参加，成绩记入企业档案和检查记录。" />
      <Row gutter={16}>
        <Col span={9}>
          <Card title="发起现场考试" size="small">
            <Form<FormValues>
              form={form}
              layout="vertical"
              initialValues={{ source: 'template', counts: { judge: 10, single: 10, multiple: 0 }, scores: { judge: 5, single: 5, multiple: 5 }, passScore: 80, durationMinutes: 20, validMinutes: 120 }}
              data-testid="spot-form"
            >
              <Form.Item name="enterpriseId" label="被检查企业" rules={[{ required: true, message: '请选择企业' }]}>
                <EnterpriseSelect onChange={(id) => form.setFieldValue('enterpriseId', id)} placeholder="输入企业名称或信用代码搜索" testId="spot-enterprise" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="inspectionId" label="检查记录编号" rules={[{ pattern: /^[A-Za-z0-9_:-]{1,64}$/, message: '1-64位字母、数字或 - _ :' }]}>
                    <Input placeholder="选填" maxLength={64} data-testid="spot-inspection" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="title" label="考试名称" rules={[{ min: 2, max: 60, message: '2-60个字' }]}>
                    <Input placeholder="选填，默认“逢查必考”+企业名" maxLength={60} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="source" label="抽题方式" rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'template', label: '使用考试模板' },
                    { value: 'bank', label: '从题库抽题' },
                  ]}
                  data-testid="spot-source"
                />
              </Form.Item>
              {source === 'template' ? (
                <Form.Item name="templateId" label="考试模板" rules={[{ required: true, message: '请选择考试模板' }]}>
                  <Select
                    loading={templates.loading}
                    placeholder={templates.error ? '模板加载失败' : '选择考试模板'}
                    notFoundContent="暂无可用模板，请先在“考试模板”中创建，或改为从题库抽题"
                    options={(templates.data?.items ?? []).map((t) => ({ value: t._id, label: `${t.name}（满分${points(t.fullScore)}，${t.durationMinutes}分钟）` }))}
                    onChange={(id: string) => {
                      const t = templates.data?.items.find((x) => x._id === id);
                      if (t) form.setFieldsValue({ passScore: t.passScore, durationMinutes: Math.min(120, Math.max(5, t.durationMinutes)) });
                    }}
                    data-testid="spot-template"
                  />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name="bankId" label="题库" rules={[{ required: true, message: '请选择题库' }]}>
                    <Select
                      loading={banks.loading}
                      placeholder="选择题库"
                      notFoundContent="暂无题库"
                      options={(banks.data?.items ?? []).map((b) => ({ value: b._id, label: `${b.name}（判断${b.counts.judge} / 单选${b.counts.single} / 多选${b.counts.multiple}）` }))}
                      data-testid="spot-bank"
                    />
                  </Form.Item>
                  <Row gutter={8}>
                    {TYPES.map((t) => (
                      <Col span={8} key={t}>
                        <Form.Item name={['counts', t]} label={`${QUESTION_TYPE_ZH[t]}题数`} rules={[{ type: 'integer', min: 0, max: Math.min(100, bank?.counts[t] ?? 100), message: `0-${Math.min(100, bank?.counts[t] ?? 100)}` }]}>
                          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid={`spot-count-${t}`} />
                        </Form.Item>
                        <Form.Item name={['scores', t]} label="每题分值" style={{ marginTop: -8 }}>
                          <InputNumber min={0.5} max={100} step={0.5} style={{ width: '100%' }} data-testid={`spot-score-${t}`} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                  <Typography.Text type="secondary" style={{ display: 'block', marginTop: -8, marginBottom: 12 }} data-testid="spot-full-score">
                    满分 {quick ? points(quick.fullScore) : '—'} 分
                  </Typography.Text>
                </>
              )}
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="passScore" label="及格分" rules={[{ required: true, message: '请填写' }]}>
                    <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="durationMinutes" label="答题时长（分钟）" rules={[{ required: true, type: 'integer', min: 5, max: 120, message: '5-120分钟' }]}>
                    <InputNumber min={5} max={120} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="validMinutes" label="考试码有效期" rules={[{ required: true }]}>
                    <Select
                      options={[30, 60, 120, 240, 480, 1440].map((m) => ({ value: m, label: m < 60 ? `${m} 分钟` : `${m / 60} 小时` }))}
                      data-testid="spot-valid"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" block icon={<QrcodeOutlined />} loading={creating} onClick={() => void create().catch(() => undefined)} data-testid="spot-create">
                生成考试码
              </Button>
            </Form>
          </Card>
        </Col>
        <Col span={15}>
          <Card title="现场考试记录" size="small">
            <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
              <Segmented<'all' | 'open' | 'closed'>
                value={state}
                onChange={(v) => (setState(v), setPage(1))}
                options={[
                  { value: 'all', label: '全部' },
                  { value: 'open', label: '进行中' },
                  { value: 'closed', label: '已结束' },
                ]}
                data-testid="spot-state"
              />
              <EnterpriseSelect value={enterpriseFilter} onChange={(id) => (setEnterpriseFilter(id), setPage(1))} placeholder="全部企业" style={{ width: 200 }} testId="spot-filter-enterprise" />
              <Input.Search
                allowClear
                placeholder="检查记录编号"
                style={{ width: 180 }}
                value={inspectionDraft}
                onChange={(e) => {
                  setInspectionDraft(e.target.value);
                  if (!e.target.value && inspection) (setInspection(''), setPage(1));
                }}
                onSearch={(v) => (setInspection(v.trim()), setPage(1))}
                data-testid="spot-filter-inspection"
              />
            </Space>
            {list.error && <LoadErrorAlert what="现场考试" error={list.error} onRetry={list.reload} />}
            <Table<SpotExamRow>
              rowKey="examId"
              size="small"
              loading={list.loading}
              dataSource={list.data?.items ?? []}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 场`, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
              onChange={(p) => {
                setPageSize(p.pageSize ?? pageSize);
                setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
              }}
              columns={[
                {
                  title: '考试',
                  dataIndex: 'title',
                  render: (v: string, r) => (
                    <div>
                      <Typography.Link onClick={() => navigate(fillPath('/exams/:examId', { examId: r.examId }))} data-testid="spot-row-title">
                        {v}
                      </Typography.Link>
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                        {r.enterpriseName}
                        {r.inspectionId ? ` · 检查记录 ${r.inspectionId}` : ''}
                      </div>
                    </div>
                  ),
                },
                { title: '考试码', dataIndex: 'code', width: 84, render: (v: string) => <span className="mono">{v}</span> },
                {
                  title: '有效期',
                  key: 'window',
                  width: 140,
                  render: (_: unknown, r) => (
                    <div style={{ fontSize: 12 }}>
                      <div>{dateTime(r.opensAt)}</div>
                      <div>至 {dateTime(r.closesAt)}</div>
                    </div>
                  ),
                },
                {
                  title: '状态',
                  key: 'state',
                  width: 72,
                  render: (_: unknown, r) =>
                    r.open ? (
                      <Tag color="processing" bordered={false}>
                        进行中
                      </Tag>
                    ) : (
                      <Tag bordered={false}>{r.status === 'cancelled' ? '已取消' : '已结束'}</Tag>
                    ),
                },
                {
                  title: '参加 / 合格 / 不合格',
                  key: 'counts',
                  width: 140,
                  render: (_: unknown, r) => (
                    <span data-testid="spot-row-counts">
                      {r.started} / <span style={{ color: '#389e0d' }}>{r.passed}</span> / <span style={{ color: '#d4380d' }}>{r.failed}</span>
                      {r.cheating > 0 && <Typography.Text type="danger"> · 作弊 {r.cheating}</Typography.Text>}
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{r.graded ? `合格率 ${ratio(r.passed, r.graded)}` : '尚无交卷'}</div>
                    </span>
                  ),
                },
                {
                  title: '操作',
                  key: 'op',
                  width: 110,
                  render: (_: unknown, r) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<SearchOutlined />} onClick={() => navigate(fillPath('/exams/:examId', { examId: r.examId }))}>
                        结果
                      </Button>
                      {r.open && (
                        <Button
                          type="link"
                          size="small"
                          icon={<QrcodeOutlined />}
                          aria-label="显示考试码"
                          onClick={() => setShown({ code: r.code, qrText: r.qrText, title: r.title, enterpriseName: r.enterpriseName, closesAt: r.closesAt })}
                          data-testid="spot-row-qr"
                        />
                      )}
                    </Space>
                  ),
                },
              ]}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? '加载失败' : state !== 'all' || enterpriseFilter || inspection ? '没有符合条件的现场考试' : '尚未发起现场考试'} /> }}
              data-testid="spot-table"
            />
          </Card>
        </Col>
      </Row>
      <Modal open={!!shown} title="逢查必考 · 扫码参加考试" width={720} footer={<Button onClick={() => setShown(null)}>关闭</Button>} onCancel={() => setShown(null)} destroyOnHidden>
        {shown && <SpotCodeCard {...shown} />}
      </Modal>
    </div>
  );
}
