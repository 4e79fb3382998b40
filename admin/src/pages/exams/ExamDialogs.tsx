import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CloudError } from '@shared/client';
import type { ReachPreview } from '@shared/contracts/courses';
import type { ExamDetail } from '@shared/contracts/exam';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { ReachSummary } from '../../components/push/ReachPanel';

/** 发布 confirmation with the saved exam's reach (count queries); publishing writes the exam and its pool snapshot only. */
export function PublishExamDialog({ exam, onClose, onPublished }: { exam: Pick<ExamDetail, '_id' | 'title'>; onClose(): void; onPublished(): void }) {
  const { message } = App.useApp();
  const [reach, setReach] = useState<ReachPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    callExam('previewExamReach', { examId: exam._id })
      .then((r) => alive && setReach(r))
      .catch((e) => alive && setLoadError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [exam._id]);
  const publish = async () => {
    setSaving(true);
    setError(null);
    try {
      const { reach: r } = await callExam('publishExam', { examId: exam._id });
      message.success(`考试已发布，覆盖 ${r.persons} 人 / ${r.enterprises} 家企业`);
      onPublished();
    } catch (e) {
      setSaving(false);
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`发布考试“${exam.title}”`}
      okText="确认发布"
      cancelText="取消"
      onOk={() => void publish()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !reach && !loadError, ...{ 'data-testid': 'exam-publish-confirm' } }}
      width={520}
      data-testid="exam-publish-dialog"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="exam-publish-error" />}
      {loadError ? (
        <Alert type="warning" showIcon message="覆盖范围暂时无法计算" description={`${loadError}。仍可发布。`} />
      ) : reach ? (
        <ReachSummary reach={reach} />
      ) : (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
          <div style={{ marginTop: 8 }}>正在计算覆盖范围…</div>
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        发布时将再次核对题库中的试题是否足够并固定本场考试的题目范围；推送范围内的人员立即在小程序“考试”中看到，之后新加入的匹配人员也会收到。发布后只能修改标题和延长结束时间。
      </Typography.Paragraph>
    </Modal>
  );
}

/** 取消考试 with a reason: attempts in progress are graded with what was saved. */
export function CancelExamDialog({ exam, onClose, onCancelled }: { exam: Pick<ExamDetail, '_id' | 'title'>; onClose(): void; onCancelled(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      await callExam('cancelExam', { examId: exam._id, reason: v.reason.trim() });
      message.success('考试已取消');
      onCancelled();
    } catch (e) {
      setSaving(false);
      setError(errorMessage(e));
    }
  };
  return (
    <Modal open title={`取消考试“${exam.title}”？`} okText="确认取消考试" okButtonProps={{ danger: true, ...{ 'data-testid': 'exam-cancel-confirm' } }} cancelText="返回" onOk={() => void submit()} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="取消后考生不能再开始或继续作答，正在作答的试卷按已保存的答案评分。此操作不能撤销。" />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="取消原因" rules={[{ required: true, whitespace: true, message: '请填写取消原因' }, { min: 2, message: '请填写原因（至少2个字）' }, { max: 200, message: '原因不能超过200个字' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如 考试安排调整，另行通知" data-testid="exam-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A published exam may only be renamed or run longer (延长结束时间); compare-and-set on the exam's update time. */
export function ExtendExamDialog({ exam, onClose, onSaved }: { exam: Pick<ExamDetail, '_id' | 'title' | 'closesAt' | 'updatedAt'>; onClose(): void; onSaved(e: ExamDetail): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; closesAt: Dayjs }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const changes = { ...(v.title.trim() !== exam.title ? { title: v.title.trim() } : {}), ...(v.closesAt.valueOf() !== Date.parse(exam.closesAt) ? { closesAt: v.closesAt.toISOString() } : {}) };
      const { exam: saved } = await callExam('updateExam', { examId: exam._id, expectedUpdatedAt: exam.updatedAt, ...changes });
      message.success('考试已更新');
      onSaved(saved);
    } catch (e) {
      setSaving(false);
      setError(e instanceof CloudError && e.code === 'CONFLICT' ? '考试已被他人修改，请刷新后重试' : errorMessage(e));
    }
  };
  return (
    <Modal open title="修改标题或延长考试" okText="保存" cancelText="取消" onOk={() => void submit()} onCancel={onClose} confirmLoading={saving} destroyOnHidden okButtonProps={{ ...{ 'data-testid': 'exam-extend-ok' } }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">已发布的考试只能修改标题和延长结束时间；已开始作答的考生截止时间不变。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ title: exam.title, closesAt: dayjs(exam.closesAt) }}>
        <Form.Item name="title" label="考试名称" rules={[{ required: true, whitespace: true, message: '请输入考试名称' }, { min: 2, message: '标题至少2个字' }, { max: 60, message: '标题不能超过60个字' }]}>
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item
          name="closesAt"
          label="结束时间"
          rules={[{ required: true, message: '请选择结束时间' }, { validator: (_, v?: Dayjs) => (v && v.valueOf() < Date.parse(exam.closesAt) ? Promise.reject(new Error('只能延长，不能提前结束（提前结束请取消考试）')) : Promise.resolve()) }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} data-testid="exam-extend-closes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
