import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Progress, Radio, Row, Select, Space, Tabs, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PictureOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CloudError, fieldErrorsOf } from '@shared/client';
import type { CourseCategory, CourseDetail, CourseFieldsInput, MaterialInput } from '@shared/contracts/courses';
import { ANY_RULE, type PushRule } from '@shared/learning/pushRule';
import { errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { callLearning, newRequestId } from '../../learning';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { checkUploadLimits, uploadWithProgress } from '../../upload';
import { FILE_EXTS } from '@shared/uploads';
import { CATEGORY_OPTIONS, StatusTag } from './courseLabels';
import { MATERIAL_PURPOSE, MaterialsEditor, type MaterialDraft } from './MaterialsEditor';
import { PushRuleEditor } from '../../components/push/PushRuleEditor';
import { ReachPanel } from '../../components/push/ReachPanel';
import { useReachPreview } from '../../components/push/useReachPreview';
import { PublishDialog } from './PublishDialog';

interface InfoForm {
  title: string;
  category: CourseCategory;
  description?: string;
  creditedHours: number;
  dueDate?: Dayjs | null;
  validUntil?: Dayjs | null;
  identityMode: 'none' | 'start' | 'interval';
  intervalMinutes?: number;
}

interface Cover {
  fileID: string | null;
  previewUrl?: string;
  progress?: number;
  error?: string;
}

const COVER_EXTS: readonly string[] = FILE_EXTS.image;
const dateOf = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

function toDrafts(course: CourseDetail): MaterialDraft[] {
  return course.materials.map((m) => {
    const base = { key: m._id, _id: m._id, title: m.title, requiredSeconds: m.requiredSeconds };
    if (m.kind === 'video') return { ...base, kind: 'video', fileID: m.fileID ?? '', durationSeconds: m.durationSeconds ?? 0 };
    if (m.kind === 'document') return { ...base, kind: 'document', fileID: m.fileID ?? '', pages: m.pages ?? 1 };
    return { ...base, kind: 'article', html: m.html ?? '' };
  });
}

/** The contract's material (editor-only fields left out). */
function toInput(m: MaterialDraft): MaterialInput {
  const base = { ...(m._id ? { _id: m._id } : {}), title: m.title.trim(), requiredSeconds: m.requiredSeconds };
  if (m.kind === 'video') return { ...base, kind: 'video', fileID: m.fileID, durationSeconds: m.durationSeconds };
  if (m.kind === 'document') return { ...base, kind: 'document', fileID: m.fileID, pages: m.pages };
  return { ...base, kind: 'article', html: m.html };
}

function materialsProblem(materials: MaterialDraft[]): string | null {
  if (!materials.length) return '至少添加一个学习资料';
  if (materials.length > 30) return '最多30个学习资料';
  for (const [i, m] of materials.entries()) {
    const n = `第${i + 1}个资料`;
    if (m.uploadError) return `${n}上传失败，请移除后重新添加`;
    if (m.progress !== undefined) return `${n}还在上传，请稍候`;
    if (m.title.trim().length < 2) return `${n}的标题至少2个字`;
    if (m.kind === 'video' && !(m.durationSeconds > 0)) return `${n}请填写视频时长`;
  }
  return null;
}

/**
 * `#/courses/edit?id=…` (no id: a new course). Tabs 基本信息 / 学习资料 / 推送范围 with the reach
 * preview beside them; 保存草稿 and 发布. A published course is shown read-only (新版本 to change it).
 */
export default function CourseEditorPage() {
  const account = useAccount();
  const { message, modal } = App.useApp();
  const [courseId, setCourseId] = useState<string | null>(() => readHashQuery().get('id'));
  const [course, setCourse] = useState<CourseDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadNonce, setLoadNonce] = useState(0);
  const [form] = Form.useForm<InfoForm>();
  const [materials, setMaterialsState] = useState<MaterialDraft[]>([]);
  const [rule, setRuleState] = useState<PushRule>(ANY_RULE);
  const [cover, setCover] = useState<Cover>({ fileID: null });
  const [tab, setTab] = useState('info');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // One per editor session: a create retried after a lost answer gets the same draft back, not a second one.
  const [requestId] = useState(newRequestId);
  const [publishing, setPublishing] = useState(false);

  const readOnly = course !== null && course.status !== 'draft';
  const identityMode = Form.useWatch('identityMode', form);
  const touch = () => setDirty(true);
  const setMaterials = useCallback((next: MaterialDraft[] | ((prev: MaterialDraft[]) => MaterialDraft[])) => {
    setMaterialsState(next);
    setDirty(true);
  }, []);
  const setRule = (r: PushRule) => {
    setRuleState(r);
    setDirty(true);
  };

  const fill = useCallback(
    (c: CourseDetail) => {
      setCourse(c);
      form.setFieldsValue({
        title: c.title,
        category: c.category,
        description: c.description,
        creditedHours: c.creditedHours,
        dueDate: c.dueDate ? dayjs(c.dueDate) : null,
        validUntil: c.validUntil ? dayjs(c.validUntil) : null,
        identityMode: c.identityCheck.mode,
        intervalMinutes: c.identityCheck.mode === 'interval' ? c.identityCheck.intervalMinutes : 15,
      });
      setMaterialsState(toDrafts(c));
      setRuleState(c.pushRule);
      setCover({ fileID: c.coverFileID });
      setDirty(false);
    },
    [form],
  );

  useEffect(() => {
    if (!courseId) return;
    let alive = true;
    setLoadError(null);
    callLearning('getCourseDetail', { courseId })
      .then(({ course: c }) => alive && fill(c))
      .catch((e) => alive && setLoadError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [courseId, loadNonce, fill]);

  useEffect(() => {
    document.title = `${courseId ? (readOnly ? '查看课程' : '编辑课程') : '新建课程'} - 安学`;
  }, [courseId, readOnly]);

  // Reach preview: recomputed (count queries on the server) a moment after the rule stops changing.
  const reachPreview = useReachPreview(rule, (pushRule) => callLearning('previewReach', { pushRule }), !courseId || course !== null);

  const uploadCover = (file: File) => {
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!COVER_EXTS.includes(ext)) return message.error('封面请使用 JPG 或 PNG 图片');
    const bad = checkUploadLimits(file, MATERIAL_PURPOSE);
    if (bad) return message.error(bad);
    if (cover.previewUrl) URL.revokeObjectURL(cover.previewUrl);
    const previewUrl = URL.createObjectURL(file);
    setCover({ fileID: null, previewUrl, progress: 0 });
    touch();
    const up = uploadWithProgress(file, MATERIAL_PURPOSE, (progress) => setCover((c) => (c.previewUrl === previewUrl ? { ...c, progress } : c)));
    up.done
      .then((fileID) => setCover((c) => (c.previewUrl === previewUrl ? { fileID, previewUrl } : c)))
      .catch((e) => setCover((c) => (c.previewUrl === previewUrl ? { fileID: null, previewUrl, error: errorMessage(e) } : c)));
  };

  /** Saves the draft; answers the saved course, or null (the problem is shown). */
  const save = async (): Promise<CourseDetail | null> => {
    setSaveError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) {
      setTab('info');
      return null;
    }
    const problem = materialsProblem(materials);
    if (problem) {
      setTab('materials');
      setSaveError(problem);
      return null;
    }
    if (cover.progress !== undefined) {
      setSaveError('封面还在上传，请稍候');
      return null;
    }
    const fields: CourseFieldsInput = {
      title: v.title.trim(),
      category: v.category,
      description: v.description?.trim() ?? '',
      coverFileID: cover.fileID,
      creditedHours: v.creditedHours,
      dueDate: dateOf(v.dueDate),
      validUntil: dateOf(v.validUntil),
      materials: materials.map(toInput),
      identityCheck: v.identityMode === 'interval' ? { mode: 'interval', intervalMinutes: v.intervalMinutes ?? 15 } : { mode: v.identityMode },
      pushRule: rule,
    };
    setSaving(true);
    try {
      const { course: saved } = course
        ? await callLearning('updateCourse', { ...fields, courseId: course._id, expectedUpdatedAt: course.updatedAt })
        : await callLearning('createCourse', { ...fields, requestId });
      fill(saved);
      if (!courseId) {
        setCourseId(saved._id);
        writeHashQuery({ id: saved._id });
      }
      message.success('草稿已保存');
      return saved;
    } catch (e) {
      const fieldErrs = fieldErrorsOf(e);
      const infoFields = ['title', 'category', 'description', 'creditedHours', 'dueDate', 'validUntil'] as const;
      const onForm = infoFields.filter((k) => fieldErrs[k]);
      if (onForm.length) {
        form.setFields(onForm.map((k) => ({ name: k, errors: [fieldErrs[k]] })));
        setTab('info');
      }
      const other = Object.entries(fieldErrs).find(([k]) => !(infoFields as readonly string[]).includes(k));
      if (other && other[0].startsWith('materials')) setTab('materials');
      if (other && other[0].startsWith('pushRule')) setTab('rule');
      setSaveError(e instanceof CloudError && e.code === 'CONFLICT' ? '课程已被他人修改，请刷新页面后重新编辑' : other ? `${other[1]}（${other[0]}）` : onForm.length ? '请检查基本信息' : errorMessage(e));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const publish = async () => {
    const saved = dirty || !course ? await save() : course;
    if (saved) setPublishing(true);
  };

  const back = () => {
    if (!dirty || readOnly) return navigate('/courses');
    modal.confirm({ title: '有未保存的修改，确定离开吗？', content: '离开后本次修改不会保存。', okText: '离开', okButtonProps: { danger: true }, cancelText: '继续编辑', onOk: () => navigate('/courses') });
  };

  const newVersion = () =>
    modal.confirm({
      title: '创建新版本？',
      content: '将复制当前内容生成新版本草稿；发布新版本时本版本自动下架，已有学习记录保留。',
      okText: '创建新版本',
      cancelText: '取消',
      onOk: async () => {
        try {
          const { course: c } = await callLearning('newCourseVersion', { courseId: course!._id });
          setCourseId(c._id);
          writeHashQuery({ id: c._id });
          fill(c);
          message.success(`已创建第 ${c.version} 版草稿`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  if (courseId && !course)
    return loadError ? (
      <>
        <PageHeader title="课程" extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/courses')}>返回课程列表</Button>} />
        <LoadErrorAlert what="课程" error={loadError} onRetry={() => setLoadNonce((n) => n + 1)} testId="course-load-error" />
      </>
    ) : (
      <PageSpinner />
    );

  const heading = !course ? '新建课程' : readOnly ? '查看课程' : '编辑课程';
  return (
    <>
      <PageHeader
        title={heading}
        description={
          course ? (
            <Space size={8}>
              <StatusTag status={course.status} />
              <span data-testid="course-version">第 {course.version} 版</span>
              {course.publishedAt && <span>发布于 {dayjs(course.publishedAt).format('YYYY-MM-DD HH:mm')}</span>}
              <span>更新于 {dayjs(course.updatedAt).format('YYYY-MM-DD HH:mm')}</span>
            </Space>
          ) : (
            '填写基本信息、添加学习资料并设置推送范围；保存为草稿后可发布。'
          )
        }
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="course-back">
              返回
            </Button>
            {readOnly ? (
              <Button type="primary" onClick={newVersion} data-testid="course-new-version">
                创建新版本
              </Button>
            ) : (
              <>
                <Button icon={<SaveOutlined />} onClick={() => void save()} loading={saving} data-testid="course-save">
                  保存草稿
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={() => void publish()} loading={saving} data-testid="course-publish">
                  发布
                </Button>
              </>
            )}
          </Space>
        }
      />
      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={course.status === 'published' ? '课程已发布，内容不能直接修改' : '课程已下架'}
          description="如需修改内容或推送范围，请创建新版本；新版本发布后本版本自动下架，已有学习记录保留在本版本。"
        />
      )}
      {saveError && <Alert type="error" showIcon message={saveError} closable onClose={() => setSaveError(null)} style={{ marginBottom: 16 }} data-testid="course-save-error" />}
      <Row gutter={16} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'info',
                  label: <span data-testid="course-tab-info">基本信息</span>,
                  forceRender: true,
                  children: (
                    <Form<InfoForm>
                      form={form}
                      layout="vertical"
                      disabled={readOnly}
                      initialValues={{ category: 'required', creditedHours: 1, identityMode: 'none', intervalMinutes: 15 }}
                      onValuesChange={touch}
                      style={{ maxWidth: 760 }}
                    >
                      <Row gutter={16}>
                        <Col span={16}>
                          <Form.Item name="title" label="课程名称" rules={[{ required: true, whitespace: true, message: '请输入课程名称' }, { min: 2, message: '标题至少2个字' }, { max: 60, message: '标题不能超过60个字' }]}>
                            <Input maxLength={60} showCount placeholder="例如 有限空间作业安全培训" data-testid="course-title-input" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name="category" label="课程分类" rules={[{ required: true }]}>
                            <Select options={CATEGORY_OPTIONS} data-testid="course-category-input" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item name="description" label="课程简介" rules={[{ max: 2000, message: '简介不能超过2000个字' }]}>
                        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="学习目标、适用人员等（选填）" />
                      </Form.Item>
                      <Row gutter={16}>
                        <Col span={8}>
                          <Form.Item name="creditedHours" label="学时" extra="完成后计入的学时，0.5 的整数倍" rules={[{ required: true, message: '请填写学时' }]}>
                            <InputNumber min={0.5} max={100} step={0.5} precision={1} style={{ width: '100%' }} addonAfter="学时" data-testid="course-hours" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name="dueDate" label="完成期限" extra="学员应在此日期前完成（选填）">
                            <DatePicker style={{ width: '100%' }} placeholder="不限" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item
                            name="validUntil"
                            label="有效期至"
                            extra="此日期后不能再学习（选填）"
                            dependencies={['dueDate']}
                            rules={[
                              ({ getFieldValue }) => ({
                                validator: (_, v?: Dayjs | null) => {
                                  const due = getFieldValue('dueDate') as Dayjs | null | undefined;
                                  return v && due && v.isBefore(due, 'day') ? Promise.reject(new Error('有效期不能早于完成期限')) : Promise.resolve();
                                },
                              }),
                            ]}
                          >
                            <DatePicker style={{ width: '100%' }} placeholder="长期有效" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item label="封面">
                        <Space align="start" size={16}>
                          <div style={{ width: 192, height: 108, borderRadius: 4, border: '1px dashed #d9d9d9', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden', background: '#fafafa' }}>
                            {cover.previewUrl ? (
                              <img src={cover.previewUrl} alt="封面" style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
                            ) : cover.fileID ? (
                              <Typography.Text type="secondary">已设置封面</Typography.Text>
                            ) : (
                              <PictureOutlined style={{ fontSize: 28, color: '#bfbfbf' }} />
                            )}
                          </div>
                          <Space direction="vertical">
                            <Upload
                              accept={COVER_EXTS.map((e) => `.${e}`).join(',')}
                              showUploadList={false}
                              disabled={readOnly}
                              beforeUpload={(f) => {
                                uploadCover(f);
                                return false;
                              }}
                            >
                              <Button icon={<PictureOutlined />} disabled={readOnly} data-testid="course-cover">
                                {cover.fileID || cover.previewUrl ? '更换封面' : '上传封面'}
                              </Button>
                            </Upload>
                            {(cover.fileID || cover.previewUrl) && !readOnly && (
                              <Button
                                type="text"
                                danger
                                size="small"
                                icon={<DeleteOutlined />}
                                onClick={() => {
                                  setCover({ fileID: null });
                                  touch();
                                }}
                              >
                                移除封面
                              </Button>
                            )}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              JPG/PNG，不超过5MB，建议 16:9（选填）
                            </Typography.Text>
                            {cover.progress !== undefined && <Progress percent={Math.floor(cover.progress * 100)} size="small" style={{ width: 200 }} />}
                            {cover.error && <Typography.Text type="danger">{cover.error}</Typography.Text>}
                          </Space>
                        </Space>
                      </Form.Item>
                      <Form.Item name="identityMode" label="学习时人脸核验" extra="核验失败或跳过时，上次核验以来的学习时长不计入">
                        <Radio.Group
                          options={[
                            { value: 'none', label: '不需要' },
                            { value: 'start', label: '开始学习时核验' },
                            { value: 'interval', label: '学习中定时核验' },
                          ]}
                        />
                      </Form.Item>
                      {identityMode === 'interval' && (
                        <Form.Item name="intervalMinutes" label="核验间隔" rules={[{ required: true, message: '请填写核验间隔' }]}>
                          <InputNumber min={5} max={120} step={5} precision={0} addonAfter="分钟" style={{ width: 180 }} />
                        </Form.Item>
                      )}
                    </Form>
                  ),
                },
                {
                  key: 'materials',
                  label: <span data-testid="course-tab-materials">学习资料（{materials.length}）</span>,
                  forceRender: true,
                  children: <MaterialsEditor value={materials} onChange={setMaterials} disabled={readOnly} />,
                },
                {
                  key: 'rule',
                  label: <span data-testid="course-tab-rule">推送范围</span>,
                  forceRender: true,
                  children: <PushRuleEditor account={account} value={rule} onChange={setRule} disabled={readOnly} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col flex="380px">
          <div style={{ position: 'sticky', top: 16 }}>
            <ReachPanel reach={reachPreview.reach} loading={reachPreview.loading} error={reachPreview.error} onRefresh={reachPreview.refresh} stale={reachPreview.stale} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              按当前推送范围统计的在职人员和企业数。发布只写入课程本身，不逐人写入；之后新加入的匹配人员也会自动收到。
            </Typography.Paragraph>
          </div>
        </Col>
      </Row>
      {publishing && course && (
        <PublishDialog
          courseId={course._id}
          title={course.title}
          onClose={() => setPublishing(false)}
          onPublished={() => {
            setPublishing(false);
            setLoadNonce((n) => n + 1);
          }}
        />
      )}
    </>
  );
}
