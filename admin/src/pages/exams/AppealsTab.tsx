import { useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { AppealRow, ExamDetail } from '@shared/contracts/exam';
import { APPEAL_STATUS_ZH, type AppealStatus } from '@shared/exam/itemAnalysis';
import { errorMessage } from '../../api';
import { callExam, type ExamOutput } from '../../exam';
import { useLatestLoad } from '../../components/useLatestLoad';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { dateTime } from './resultLabels';

type StatusFilter = AppealStatus | 'all';
const STATUS_COLOR: Record<AppealStatus, string> = { pending: 'processing', accepted: 'success', rejected: 'default' };

/** What the last decision did (an accepted appeal rescored attempts). */
type Outcome = { decision: 'accept' | 'reject'; rescored: number; nowPassed: number; stem: string };

/**
 * 申诉处理: workers' appeals on questions of this exam. Accepting voids the question for the whole
 * exam and rescores every attempt that drew it (the confirmation says so); the answer tells how
 * many were rescored and how many passed because of it.
 */
export default function AppealsTab({ exam, onChanged }: { exam: ExamDetail; onChanged(): void }) {
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [deciding, setDeciding] = useState<AppealRow | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [form] = Form.useForm<{ reply: string }>();
  const { data, loading, error, reload } = useLatestLoad<ExamOutput<'listAppeals'>>(
    () => callExam('listAppeals', { examId: exam._id, status, page, pageSize }),
    [exam._id, status, page, pageSize],
  );

  const decide = async (appeal: AppealRow, decision: 'accept' | 'reject') => {
    const { reply } = await form.validateFields();
    const run = async () => {
      setSaving(true);
      try {
        const r = await callExam('decideAppeal', { appealId: appeal.appealId, decision, reply: reply.trim() });
        setDeciding(null);
        setOutcome({ decision, rescored: r.rescored, nowPassed: r.nowPassed, stem: appeal.stem });
        reload();
        if (decision === 'accept') onChanged();
      } catch (e) {
        message.error(errorMessage(e));
        reload();
      } finally {
        setSaving(false);
      }
    };
    if (decision === 'reject') return run();
    modal.confirm({
      title: '采纳申诉并作废该题？',
      content: (
        <div>
          <p>采纳后，该题在“{exam.title}”中作废（不计分），所有抽到该题的答卷将重新计分，部分考生可能因此由不合格变为合格；考试中的答卷交卷时同样不计该题。</p>
          <p style={{ marginBottom: 0 }}>此操作不可撤销。</p>
        </div>
      ),
      okText: '采纳并重新计分',
      okButtonProps: { ...{ 'data-testid': 'appeal-accept-confirm' } },
      cancelText: '取消',
      onOk: run,
    });
  };

  return (
    <div data-testid="exam-appeals">
      <Space style={{ marginBottom: 12 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'pending', label: '待处理' },
            { value: 'accepted', label: '已采纳' },
            { value: 'rejected', label: '未采纳' },
            { value: 'all', label: '全部' },
          ]}
          data-testid="appeals-status"
        />
      </Space>
      {outcome && (
        <Alert
          type={outcome.decision === 'accept' ? 'success' : 'info'}
          showIcon
          closable
          onClose={() => setOutcome(null)}
          style={{ marginBottom: 12 }}
          message={
            outcome.decision === 'accept' ? (
              <span data-testid="appeal-rescored">
                已采纳，该题已作废：重新计分 {outcome.rescored} 份答卷，其中 {outcome.nowPassed} 人由不合格变为合格
              </span>
            ) : (
              '已驳回该申诉'
            )
          }
          description={<Typography.Text type="secondary" ellipsis style={{ maxWidth: 800 }}>题目：{outcome.stem}</Typography.Text>}
        />
      )}
      {error && <LoadErrorAlert what="申诉" error={error} onRetry={reload} testId="appeals-error" />}
      <Table<AppealRow>
        rowKey="appealId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
        onChange={(p) => {
          setPageSize(p.pageSize ?? pageSize);
          setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
        }}
        columns={[
          {
            title: '申诉人',
            key: 'person',
            width: 150,
            render: (_: unknown, r) => (
              <div>
                <div>{r.person?.name ?? '—'}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.person?.enterpriseName ?? ''}
                </Typography.Text>
              </div>
            ),
          },
          { title: '题目', dataIndex: 'stem', ellipsis: true },
          { title: '申诉理由', dataIndex: 'reason', ellipsis: true },
          { title: '提交时间', dataIndex: 'createdAt', width: 140, render: (v: string) => dateTime(v) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (v: AppealStatus) => (
              <Tag color={STATUS_COLOR[v]} bordered={false} data-testid="appeal-status">
                {APPEAL_STATUS_ZH[v]}
              </Tag>
            ),
          },
          { title: '处理意见', dataIndex: 'reply', ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: '操作',
            key: 'op',
            width: 72,
            render: (_: unknown, r) =>
              r.status === 'pending' ? (
                <Button type="link" size="small" onClick={() => (form.resetFields(), setDeciding(r))} data-testid="appeal-decide">
                  处理
                </Button>
              ) : (
                <Typography.Text type="secondary">{dateTime(r.decidedAt)}</Typography.Text>
              ),
          },
        ]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : status === 'pending' ? '没有待处理的申诉' : '暂无申诉'} /> }}
        data-testid="appeals-table"
      />
      <Modal
        open={!!deciding}
        title="处理申诉"
        width={640}
        onCancel={() => !saving && setDeciding(null)}
        destroyOnHidden
        footer={
          deciding && [
            <Button key="cancel" onClick={() => setDeciding(null)} disabled={saving}>
              取消
            </Button>,
            <Button key="reject" onClick={() => void decide(deciding, 'reject').catch(() => undefined)} loading={saving} data-testid="appeal-reject">
              驳回
            </Button>,
            <Button key="accept" type="primary" onClick={() => void decide(deciding, 'accept').catch(() => undefined)} loading={saving} data-testid="appeal-accept">
              采纳（作废该题）
            </Button>,
          ]
        }
      >
        {deciding && (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
              <Descriptions.Item label="申诉人">
                {deciding.person?.name ?? '—'} {deciding.person?.idMasked ? <span className="mono">（{deciding.person.idMasked}）</span> : null}
              </Descriptions.Item>
              <Descriptions.Item label="题目">{deciding.stem}</Descriptions.Item>
              <Descriptions.Item label="申诉理由">{deciding.reason}</Descriptions.Item>
            </Descriptions>
            <Form form={form} layout="vertical">
              <Form.Item name="reply" label="处理意见（考生可见）" rules={[{ required: true, whitespace: true, min: 2, max: 500, message: '请填写处理意见（2-500个字）' }]}>
                <Input.TextArea rows={3} maxLength={500} showCount data-testid="appeal-reply" />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </div>
  );
}
