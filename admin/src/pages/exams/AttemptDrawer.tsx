import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { ExamDetail } from '@shared/contracts/exam';
import { ATTEMPT_STATUS_ZH } from '@shared/exam/attemptState';
import { QUESTION_TYPE_ZH } from '@shared/exam/basics';
import type { ReviewItem } from '@shared/exam/grading';
import { errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { callExam, type ExamOutput } from '../../exam';
import { useLatestLoad } from '../../components/useLatestLoad';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { dateTime, points } from './resultLabels';

const letters = (a: readonly string[]) => (a.length ? a.join('') : '未作答');
const duration = (s: number | null) => (s === null ? '—' : `${Math.floor(s / 60)} 分 ${s % 60} 秒`);

function QuestionItem({ item, index }: { item: ReviewItem; index: number }) {
  const judge = item.type === 'judge';
  return (
    <List.Item style={{ display: 'block', background: item.voided ? '#fafafa' : undefined }} data-testid="attempt-question">
      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
        <Typography.Text strong>{index + 1}.</Typography.Text>
        <Tag bordered={false}>{QUESTION_TYPE_ZH[item.type]}</Tag>
        <span style={{ flex: 1 }}>{item.stem}</span>
        {item.voided ? (
          <Tag color="default">已作废</Tag>
        ) : (
          <Tag color={item.correct ? 'success' : 'error'} bordered={false}>
            {item.correct ? '正确' : '错误'} {points(item.points)}/{points(item.score)}
          </Tag>
        )}
      </div>
      {!judge && (
        <div style={{ paddingLeft: 28, marginTop: 4 }}>
          {item.options.map((o) => (
            <div key={o.key} style={{ color: item.correctAnswer.includes(o.key) ? '#389e0d' : undefined }}>
              {o.key}. {o.text}
            </div>
          ))}
        </div>
      )}
      <div style={{ paddingLeft: 28, marginTop: 4, fontSize: 13 }}>
        <Space size={16}>
          <span>
            考生答案：<Typography.Text type={item.correct ? 'success' : 'danger'}>{judge ? item.myAnswer.map((k) => item.options.find((o) => o.key === k)?.text ?? k).join('') || '未作答' : letters(item.myAnswer)}</Typography.Text>
          </span>
          <span>
            正确答案：<Typography.Text type="success">{judge ? item.correctAnswer.map((k) => item.options.find((o) => o.key === k)?.text ?? k).join('') : letters(item.correctAnswer)}</Typography.Text>
          </span>
        </Space>
        {item.analysis && (
          <div style={{ color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>
            解析：{item.analysis}
          </div>
        )}
      </div>
    </List.Item>
  );
}

/**
 * 答卷: one attempt with the paper, the candidate's answers, the keys and analysis (the organiser
 * and regulators in scope), and 标记作弊 with a reason (regulators and enterprise admins; audited).
 */
export function AttemptDrawer({ attemptId, exam, onClose, onMarked }: { attemptId: string; exam: ExamDetail; onClose(): void; onMarked(): void }) {
  const account = useAccount();
  const { message } = App.useApp();
  const { data, loading, error, reload } = useLatestLoad<ExamOutput<'attemptDetail'>>(() => callExam('attemptDetail', { attemptId }), [attemptId]);
  const [marking, setMarking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const a = data?.attempt;
  const canMark = account.role === 'regulator' || account.role === 'enterpriseAdmin';

  const submitMark = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await callExam('markCheating', { attemptId, reason: reason.trim() });
      message.success('已标记为作弊');
      setMarking(false);
      reload();
      onMarked();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={860}
      onClose={onClose}
      title={a ? `答卷 · ${a.name}（第 ${a.attemptNo} 次${a.window === 'retake' ? '，补考' : ''}）` : '答卷'}
      extra={
        canMark &&
        a && (
          <Button danger icon={<WarningOutlined />} disabled={a.cheating} onClick={() => (form.resetFields(), setMarking(true))} data-testid="attempt-mark-cheating">
            {a.cheating ? '已标记作弊' : '标记作弊'}
          </Button>
        )
      }
      data-testid="attempt-drawer"
    >
      {error && <LoadErrorAlert what="答卷" error={error} onRetry={reload} />}
      {loading && !data && <Skeleton active paragraph={{ rows: 10 }} />}
      {a && data && (
        <>
          {a.cheating && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="该答卷已被标记为作弊，计为不合格，不可补考" data-testid="attempt-cheating" />}
          <Descriptions size="small" bordered column={3} style={{ marginBottom: 12 }} data-testid="attempt-info">
            <Descriptions.Item label="考生">{a.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <span className="mono">{a.idMasked}</span>
            </Descriptions.Item>
            <Descriptions.Item label="状态">{a.cheating ? '作弊' : ATTEMPT_STATUS_ZH[a.status]}</Descriptions.Item>
            <Descriptions.Item label="成绩">
              <span data-testid="attempt-score">
                {points(a.score)} / {points(a.fullScore)}
              </span>
              {a.passed !== null && (
                <Tag color={a.passed ? 'success' : 'error'} bordered={false} style={{ marginLeft: 8 }}>
                  {a.passed ? '合格' : '不合格'}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="开始时间">{dateTime(a.startedAt)}</Descriptions.Item>
            <Descriptions.Item label="用时">{duration(a.timeUsedSeconds)}</Descriptions.Item>
          </Descriptions>
          {data.items.length === 0 ? (
            <Empty description="该答卷没有题目" />
          ) : (
            <List size="small" bordered dataSource={data.items} renderItem={(item, i) => <QuestionItem item={item} index={i} />} />
          )}
        </>
      )}
      <Modal
        open={marking}
        title={`将 ${a?.name ?? ''} 的答卷标记为作弊？`}
        okText="确认标记"
        okButtonProps={{ danger: true, loading: saving, ...{ 'data-testid': 'cheating-confirm' } }}
        cancelText="取消"
        onOk={() => void submitMark().catch(() => undefined)}
        onCancel={() => setMarking(false)}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`标记后该次考试计为不合格并显示为“作弊”，考生不能再参加“${exam.title}”的补考；考试中的答卷将立即结束。此操作记入审计日志，不可撤销。`}
        />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="作弊原因" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请填写原因（2-200个字）' }]}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：考试过程中由他人代答，经现场核实" data-testid="cheating-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
