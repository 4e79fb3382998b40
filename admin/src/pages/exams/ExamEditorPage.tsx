import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, ImportOutlined, SaveOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CloudError, fieldErrorsOf } from '@shared/client';
import type { ExamDetail, ExamFieldsInput, ExamTemplate } from '@shared/contracts/exam';
import { EXAM_TIER_ZH } from '@shared/contracts/exam';
import type { ExamKind } from '@shared/exam/attemptState';
import type { DrawingValidation } from '@shared/exam/drawing';
import { ANY_RULE, type PushRule } from '@shared/learning/pushRule';
import { errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { callExam } from '../../exam';
import { callLearning, newRequestId } from '../../learning';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PushRuleEditor } from '../../components/push/PushRuleEditor';
import { ReachPanel } from '../../components/push/ReachPanel';
import { useReachPreview } from '../../components/push/useReachPreview';
import { DrawingRuleEditor, emptySection, ruleOf, sectionsOf, type SectionDraft } from '../../components/drawing/DrawingRuleEditor';
import { ExamStatusTag, KIND_OPTIONS } from './examLabels';
import { CancelExamDialog, ExtendExamDialog, PublishExamDialog } from './ExamDialogs';
import { examDetailPath } from './ExamsPage';

type RetakeMode = 'none' | 'attempts' | 'secondWindow';
interface InfoForm {
  title: string;
  kind: ExamKind;
  courseId?: string | null;
  fullScore: number;
  passScore: number;
  durationMinutes: number;
  window: [Dayjs, Dayjs];
  retakeMode: RetakeMode;
  maxAttempts?: number;
  retakeWindow?: [Dayjs, Dayjs];
  retakeAttempts?: number;
  allowReview: boolean;
  partial: boolean;
  partialRatio?: number;
  appealDays: number;
  identityCheck: 'none' | 'start';
}

const INFO_FIELDS = ['title', 'kind', 'courseId', 'fullScore', 'passScore', 'durationMinutes', 'opensAt', 'closesAt', 'retake', 'allowReview', 'multiplePartialRatio', 'appealDays', 'identityCheck'];

function formOf(e: ExamDetail): InfoForm {
  return {
    title: e.title,
    kind: e.kind,
    courseId: e.courseId,
    fullScore: e.fullScore,
    passScore: e.passScore,
    durationMinutes: e.durationMinutes,
    window: [dayjs(e.opensAt), dayjs(e.closesAt)],
    retakeMode: e.retake.mode,
    maxAttempts: e.retake.mode === 'attempts' ? e.retake.maxAttempts : 2,
    retakeWindow: e.retake.mode === 'secondWindow' ? [dayjs(e.retake.opensAt), dayjs(e.retake.closesAt)] : undefined,
    retakeAttempts: e.retake.mode === 'secondWindow' ? e.retake.maxAttempts : 1,
    allowReview: e.allowReview,
    partial: e.multiplePartialRatio !== null,
    partialRatio: e.multiplePartialRatio ?? 0.5,
    appealDays: e.appealDays,
    identityCheck: e.identityCheck,
  };
}

/** Course options (the caller's courses) for a practice's or mock's course scope. */
function useCourses() {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    callLearning('listCourses', { status: 'all', keyword: '', page: 1, pageSize: 100 })
      .then((r) => setOptions(r.items.map((c) => ({ value: c._id, label: c.version > 1 ? `${c.title}（第${c.version}版）` : c.title }))))
      .catch(() => setOptions([]));
  }, []);
  return options;
}

function useTemplates() {
  const [items, setItems] = useState<ExamTemplate[]>([]);
  useEffect(() => {
    callExam('listExamTemplates', { keyword: '', includeArchived: false, page: 1, pageSize: 100 })
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, []);
  return items;
}

/**
 * `#/exams/edit?id=…` (no id: a new exam; `templateId=…`: start from a template). 组织考试: 基本信息
 * (kind, course scope, scores, window, 补考, review, appeals, identity check), 抽题规则 (a template's
 * rule copied in, or built here with the live preview) and 推送范围 with the reach preview beside
 * them; 保存草稿 (one request id per form: a retried create makes one draft), 发布 (confirmation
 * repeats the reach), 取消考试 with a reason. Published exams are shown read-only.
 */
export default function ExamEditorPage() {
  const account = useAccount();
  const { message, modal } = App.useApp();
  const [examId, setExamId] = useState<string | null>(() => readHashQuery().get('id'));
  const [exam, setExam] = useState<ExamDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadNonce, setLoadNonce] = useState(0);
  const [form] = Form.useForm<InfoForm>();
  const [sections, setSectionsState] = useState<SectionDraft[]>(() => [emptySection('single'), emptySection('multiple'), emptySection('judge')]);
  const [rule, setRuleState] = useState<PushRule>(ANY_RULE);
  const [validation, setValidation] = useState<DrawingValidation | null>(null);
  const [tab, setTab] = useState('info');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);
  const [publishing, setPublishing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [extending, setExtending] = useState(false);
  const courses = useCourses();
  const templates = useTemplates();
  const fullScore = Form.useWatch('fullScore', form);
  const retakeMode = Form.useWatch('retakeMode', form);
  const partial = Form.useWatch('partial', form);
  const readOnly = exam !== null && exam.status !== 'draft';

  const setSections = (next: SectionDraft[]) => {
    setSectionsState(next);
    setDirty(true);
  };
  const setRule = (r: PushRule) => {
    setRuleState(r);
    setDirty(true);
  };
  const fill = useCallback(
    (e: ExamDetail) => {
      setExam(e);
      form.setFieldsValue(formOf(e));
      setSectionsState(sectionsOf(e.rule));
      setRuleState(e.pushRule);
      setDirty(false);
    },
    [form],
  );

  useEffect(() => {
    if (!examId) return;
    let alive = true;
    setLoadError(null);
    callExam('getExam', { examId })
      .then(({ exam: e }) => alive && fill(e))
      .catch((e) => alive && setLoadError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [examId, loadNonce, fill]);

  const applyTemplate = useCallback(
    (t: ExamTemplate) => {
      setSectionsState(sectionsOf(t.rule));
      form.setFieldsValue({ fullScore: t.fullScore, passScore: t.passScore, durationMinutes: t.durationMinutes });
      if (!form.getFieldValue('title')) form.setFieldsValue({ title: t.name });
      setDirty(true);
      message.success(`已套用模板“${t.name}”的抽题规则、分数和时长`);
    },
    [form, message],
  );
  // `?templateId=` (from 考试模板): a new exam starts from that template.
  const [startTemplate] = useState(() => readHashQuery().get('templateId'));
  useEffect(() => {
    if (!startTemplate || examId) return;
    callExam('getExamTemplate', { templateId: startTemplate })
      .then(({ template }) => applyTemplate(template))
      .catch((e) => message.error(`模板加载失败：${errorMessage(e)}`));
  }, [startTemplate, examId, applyTemplate, message]);

  useEffect(() => {
    document.title = `${examId ? (readOnly ? '查看考试' : '编辑考试') : '组织考试'} - 安学`;
  }, [examId, readOnly]);

  const reach = useReachPreview(rule, (pushRule) => callExam('previewExamReach', { pushRule }), !examId || exam !== null);

  const pickTemplate = (templateId: string) => {
    const t = templates.find((x) => x._id === templateId);
    if (!t) return;
    const filled = sections.some((s) => s.bankIds.length > 0);
    if (!filled) return applyTemplate(t);
    modal.confirm({ title: `套用模板“${t.name}”？`, content: '将用模板的抽题规则替换当前规则，并填入模板的满分、及格分和时长。', okText: '套用', cancelText: '取消', onOk: () => applyTemplate(t) });
  };

  const save = async (): Promise<ExamDetail | null> => {
    setSaveError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) {
      setTab('info');
      return null;
    }
    const r = ruleOf(sections);
    if (!r.ok) {
      setTab('rule');
      setSaveError(r.message);
      return null;
    }
    if (validation && !validation.ok) {
      setTab('rule');
      setSaveError(validation.problems[0]?.message ?? '抽题规则还不能使用');
      return null;
    }
    const retake: ExamFieldsInput['retake'] =
      v.retakeMode === 'attempts'
        ? { mode: 'attempts', maxAttempts: v.maxAttempts ?? 2 }
        : v.retakeMode === 'secondWindow' && v.retakeWindow
          ? { mode: 'secondWindow', opensAt: v.retakeWindow[0].toISOString(), closesAt: v.retakeWindow[1].toISOString(), maxAttempts: v.retakeAttempts ?? 1 }
          : { mode: 'none' };
    const fields = {
      title: v.title.trim(),
      kind: v.kind,
      courseId: v.courseId ?? null,
      rule: r.rule,
      fullScore: v.fullScore,
      passScore: v.passScore,
      durationMinutes: v.durationMinutes,
      opensAt: v.window[0].toISOString(),
      closesAt: v.window[1].toISOString(),
      retake,
      identityCheck: v.identityCheck,
      allowReview: v.allowReview,
      multiplePartialRatio: v.partial ? (v.partialRatio ?? 0.5) : null,
      appealDays: v.appealDays,
      pushRule: rule,
    };
    setSaving(true);
    try {
      const { exam: saved } = exam ? await callExam('updateExam', { ...fields, examId: exam._id, expectedUpdatedAt: exam.updatedAt }) : await callExam('createExam', { ...fields, requestId });
      fill(saved);
      if (!examId) {
        setExamId(saved._id);
        writeHashQuery({ id: saved._id });
      }
      message.success('草稿已保存');
      return saved;
    } catch (e) {
      const errs = fieldErrorsOf(e);
      const onForm = Object.keys(errs).filter((k) => INFO_FIELDS.includes(k.split('.')[0]));
      if (onForm.some((k) => k === 'title' || k === 'fullScore' || k === 'passScore' || k === 'durationMinutes')) {
        form.setFields(onForm.filter((k) => ['title', 'fullScore', 'passScore', 'durationMinutes'].includes(k)).map((k) => ({ name: k as keyof InfoForm, errors: [errs[k]] })));
      }
      if (onForm.length) setTab('info');
      else if (Object.keys(errs).some((k) => k.startsWith('rule'))) setTab('rule');
      else if (Object.keys(errs).some((k) => k.startsWith('pushRule'))) setTab('push');
      const code = e instanceof CloudError ? e.code : '';
      if (code === 'DRAWING_RULE_INVALID') setTab('rule');
      if (code === 'PUSH_RULE_OUT_OF_SCOPE') setTab('push');
      const first = Object.entries(errs)[0];
      setSaveError(code === 'CONFLICT' ? '考试已被他人修改，请刷新页面后重新编辑' : first ? `${first[1]}` : errorMessage(e));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const publish = async () => {
    const saved = dirty || !exam ? await save() : exam;
    if (saved) setPublishing(true);
  };

  const back = () => {
    if (!dirty || readOnly) return navigate('/exams');
    modal.confirm({ title: '有未保存的修改，确定离开吗？', content: '离开后本次修改不会保存。', okText: '离开', okButtonProps: { danger: true }, cancelText: '继续编辑', onOk: () => navigate('/exams') });
  };

  if (examId && !exam)
    return loadError ? (
      <>
        <PageHeader title="考试" extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/exams')}>返回考试列表</Button>} />
        <LoadErrorAlert what="考试" error={loadError} onRetry={() => setLoadNonce((n) => n + 1)} testId="exam-load-error" />
      </>
    ) : (
      <PageSpinner />
    );

  const now = dayjs();
  return (
    <>
      <PageHeader
        title={!exam ? '组织考试' : readOnly ? '查看考试' : '编辑考试'}
        description={
          exam ? (
            <Space size={8}>
              <ExamStatusTag exam={exam} />
              <span>{EXAM_TIER_ZH[exam.tier]}</span>
              {exam.publishedAt && <span>发布于 {dayjs(exam.publishedAt).format('YYYY-MM-DD HH:mm')}</span>}
              <span>更新于 {dayjs(exam.updatedAt).format('YYYY-MM-DD HH:mm')}</span>
            </Space>
          ) : (
            '设置考试信息、抽题规则和推送范围；保存为草稿后可发布。'
          )
        }
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="exam-back">
              返回
            </Button>
            {readOnly ? (
              <>
                <Button onClick={() => navigate(examDetailPath(exam._id))} data-testid="exam-open-detail">
                  考试详情与成绩
                </Button>
                {exam.status === 'published' && (
                  <Button icon={<EditOutlined />} onClick={() => setExtending(true)} data-testid="exam-extend">
                    修改标题/延长
                  </Button>
                )}
                {exam.status === 'published' && Date.parse(exam.closesAt) > Date.now() && (
                  <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="exam-cancel">
                    取消考试
                  </Button>
                )}
              </>
            ) : (
              <>
                <Button icon={<SaveOutlined />} onClick={() => void save()} loading={saving} data-testid="exam-save">
                  保存草稿
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={() => void publish()} loading={saving} data-testid="exam-publish">
                  发布
                </Button>
              </>
            )}
          </Space>
        }
      />
      {readOnly && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={exam.status === 'published' ? '考试已发布，设置不能修改' : '考试已取消'} description="成绩、作弊标记、题目分析和申诉请在“考试详情与成绩”中查看。" />}
      {saveError && <Alert type="error" showIcon message={saveError} closable onClose={() => setSaveError(null)} style={{ marginBottom: 16 }} data-testid="exam-save-error" />}
      <Row gutter={16} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'info',
                  label: <span data-testid="exam-tab-info">基本信息</span>,
                  forceRender: true,
                  children: (
                    <Form<InfoForm>
                      form={form}
                      layout="vertical"
                      disabled={readOnly}
                      onValuesChange={() => setDirty(true)}
                      style={{ maxWidth: 820 }}
                      initialValues={{
                        kind: 'formal',
                        fullScore: 100,
                        passScore: 80,
                        durationMinutes: 60,
                        window: [now.add(1, 'day').startOf('day').hour(8), now.add(8, 'day').startOf('day').hour(18)],
                        retakeMode: 'none',
                        maxAttempts: 2,
                        retakeAttempts: 1,
                        allowReview: true,
                        partial: false,
                        partialRatio: 0.5,
                        appealDays: 7,
                        identityCheck: 'none',
                      }}
                    >
                      <Row gutter={16}>
                        <Col span={16}>
                          <Form.Item name="title" label="考试名称" rules={[{ required: true, whitespace: true, message: '请输入考试名称' }, { min: 2, message: '标题至少2个字' }, { max: 60, message: '标题不能超过60个字' }]}>
                            <Input maxLength={60} showCount placeholder="例如 2026年度安全生产知识考试" data-testid="exam-title-input" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name="courseId" label="关联课程" extra="练习和模拟考试通常关联课程（选填）">
                            <Select allowClear showSearch optionFilterProp="label" placeholder="不关联" options={courses} data-testid="exam-course" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item name="kind" label="考试类型" extra="练习：不限次数、即时反馈；模拟考试：同正式考试但不计成绩；正式考试：计入成绩和档案">
                        <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS} data-testid="exam-kind" />
                      </Form.Item>
                      <Row gutter={16}>
                        <Col span={6}>
                          <Form.Item name="fullScore" label="满分" rules={[{ required: true, message: '请填写满分' }]}>
                            <InputNumber min={1} max={1000} style={{ width: '100%' }} data-testid="exam-full" />
                          </Form.Item>
                        </Col>
                        <Col span={6}>
                          <Form.Item name="passScore" label="及格分" dependencies={['fullScore']} rules={[{ required: true, message: '请填写及格分' }, ({ getFieldValue }) => ({ validator: (_, v?: number) => (v !== undefined && v > (getFieldValue('fullScore') as number) ? Promise.reject(new Error('及格分不能高于满分')) : Promise.resolve()) })]}>
                            <InputNumber min={0} max={1000} style={{ width: '100%' }} data-testid="exam-pass" />
                          </Form.Item>
                        </Col>
                        <Col span={6}>
                          <Form.Item name="durationMinutes" label="答题时长" rules={[{ required: true, message: '请填写答题时长' }]} extra="从开始作答计时，最晚到考试结束">
                            <InputNumber min={1} max={600} precision={0} addonAfter="分钟" style={{ width: '100%' }} data-testid="exam-duration" />
                          </Form.Item>
                        </Col>
                        <Col span={6}>
                          <Form.Item name="appealDays" label="申诉期限" extra="成绩公布后可对题目申诉的天数，0为不允许">
                            <InputNumber min={0} max={30} precision={0} addonAfter="天" style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item
                        name="window"
                        label="考试时间"
                        rules={[{ required: true, message: '请选择考试开始和结束时间' }, { validator: (_, v?: [Dayjs, Dayjs]) => (v && !v[1].isAfter(v[0]) ? Promise.reject(new Error('结束时间应晚于开始时间')) : Promise.resolve()) }]}
                      >
                        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={['开始时间', '结束时间']} style={{ width: 420 }} data-testid="exam-window" />
                      </Form.Item>
                      <Form.Item name="retakeMode" label="补考">
                        <Radio.Group
                          options={[
                            { value: 'none', label: '不允许补考' },
                            { value: 'attempts', label: '考试期间可多次参加' },
                            { value: 'secondWindow', label: '另设补考时间' },
                          ]}
                          data-testid="exam-retake"
                        />
                      </Form.Item>
                      {retakeMode === 'attempts' && (
                        <Form.Item name="maxAttempts" label="最多参加次数" extra="已合格的不再参加；取最好成绩" rules={[{ required: true, message: '请填写次数' }]}>
                          <InputNumber min={2} max={10} precision={0} addonAfter="次" style={{ width: 160 }} />
                        </Form.Item>
                      )}
                      {retakeMode === 'secondWindow' && (
                        <Space size={16} align="start">
                          <Form.Item
                            name="retakeWindow"
                            label="补考时间"
                            dependencies={['window']}
                            rules={[
                              { required: true, message: '请选择补考时间' },
                              ({ getFieldValue }) => ({
                                validator: (_, v?: [Dayjs, Dayjs]) => {
                                  const w = getFieldValue('window') as [Dayjs, Dayjs] | undefined;
                                  if (v && !v[1].isAfter(v[0])) return Promise.reject(new Error('补考结束时间应晚于开始时间'));
                                  if (v && w && v[0].isBefore(w[1])) return Promise.reject(new Error('补考时间应在考试结束之后'));
                                  return Promise.resolve();
                                },
                              }),
                            ]}
                          >
                            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 420 }} />
                          </Form.Item>
                          <Form.Item name="retakeAttempts" label="补考次数">
                            <InputNumber min={1} max={5} precision={0} addonAfter="次" style={{ width: 120 }} />
                          </Form.Item>
                        </Space>
                      )}
                      <Row gutter={16}>
                        <Col span={8}>
                          <Form.Item name="allowReview" label="考后查看答卷" valuePropName="checked" extra="评分后可查看答案、正确答案和解析">
                            <Switch checkedChildren="允许" unCheckedChildren="不允许" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name="identityCheck" label="人脸核验">
                            <Radio.Group
                              options={[
                                { value: 'none', label: '不需要' },
                                { value: 'start', label: '开考前核验' },
                              ]}
                            />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Space align="start">
                            <Form.Item name="partial" label="多选题少选得分" valuePropName="checked">
                              <Switch checkedChildren="是" unCheckedChildren="否" />
                            </Form.Item>
                            {partial && (
                              <Form.Item name="partialRatio" label="得分比例">
                                <InputNumber min={0.1} max={0.9} step={0.1} precision={1} style={{ width: 80 }} />
                              </Form.Item>
                            )}
                          </Space>
                        </Col>
                      </Row>
                    </Form>
                  ),
                },
                {
                  key: 'rule',
                  label: <span data-testid="exam-tab-rule">抽题规则</span>,
                  forceRender: true,
                  children: (
                    <>
                      {!readOnly && (
                        <Space style={{ marginBottom: 12 }} wrap>
                          <ImportOutlined />
                          <span>从考试模板套用：</span>
                          <Select
                            showSearch
                            optionFilterProp="label"
                            placeholder={templates.length ? '选择模板' : '暂无可用模板'}
                            style={{ width: 320 }}
                            value={null}
                            options={templates.map((t) => ({ value: t._id, label: `${t.name}（${t.fullScore}分，${t.durationMinutes}分钟）` }))}
                            onChange={(v: string) => pickTemplate(v)}
                            data-testid="exam-template"
                          />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            规则会复制到本考试，之后修改模板不影响本考试
                          </Typography.Text>
                        </Space>
                      )}
                      <DrawingRuleEditor value={sections} onChange={setSections} fullScore={typeof fullScore === 'number' ? fullScore : null} disabled={readOnly} onValidation={setValidation} />
                    </>
                  ),
                },
                {
                  key: 'push',
                  label: <span data-testid="exam-tab-push">推送范围</span>,
                  forceRender: true,
                  children: <PushRuleEditor account={account} value={rule} onChange={setRule} disabled={readOnly} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col flex="380px">
          <div style={{ position: 'sticky', top: 16 }}>
            <ReachPanel reach={reach.reach} loading={reach.loading} error={reach.error} onRefresh={reach.refresh} stale={reach.stale} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              按当前推送范围统计的在职人员和企业数。发布只写入考试本身，不逐人写入；之后新加入的匹配人员也会收到，考试结束后未参加的人员计为缺考。
            </Typography.Paragraph>
          </div>
        </Col>
      </Row>
      {publishing && exam && (
        <PublishExamDialog
          exam={exam}
          onClose={() => setPublishing(false)}
          onPublished={() => {
            setPublishing(false);
            setLoadNonce((n) => n + 1);
          }}
        />
      )}
      {extending && exam && (
        <ExtendExamDialog
          exam={exam}
          onClose={() => setExtending(false)}
          onSaved={(e) => {
            setExtending(false);
            fill(e);
          }}
        />
      )}
      {cancelling && exam && (
        <CancelExamDialog
          exam={exam}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false);
            setLoadNonce((n) => n + 1);
          }}
        />
      )}
    </>
  );
}
