import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Empty, Form, Input, InputNumber, Modal, Popover, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { fieldErrorsOf } from '@shared/client';
import type { Paged } from '@shared/contracts/common';
import type { OfflineTrainingView } from '@shared/contracts/courses';
import { errorMessage } from '../../api';
import { callLearning, newRequestId } from '../../learning';
import { readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { useGuardedClose } from '../../components/guardedClose';
import { checkUploadLimits, uploadWithProgress } from '../../upload';
import { FILE_EXTS } from '@shared/uploads';
import { AttendeePicker, type Attendee } from './AttendeePicker';

const EVIDENCE_PURPOSE = 'offlineEvidence' as const;
const MAX_EVIDENCE = 20;

/** Years offered by the year filters: this year and the four before it. */
export const recentYears = (now = dayjs()) => Array.from({ length: 5 }, (_, i) => now.year() - i);

/** 线下培训 (enterprise admin): records by year; create with attendees and evidence; void with a reason. */
export default function OfflineTrainingPage() {
  const { message } = App.useApp();
  const [year, setYear] = useState(() => Number(readHashQuery().get('year')) || dayjs().year());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<Paged<OfflineTrainingView> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [creating, setCreating] = useState(false);
  const [voiding, setVoiding] = useState<OfflineTrainingView | null>(null);
  const seq = useRef(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({ year: year === dayjs().year() ? undefined : year });
    callLearning('listOfflineTrainings', { year, page, pageSize })
      .then((r) => mine === seq.current && setData(r))
      .catch((e) => mine === seq.current && (setData(null), setError(errorMessage(e))))
      .finally(() => mine === seq.current && setLoading(false));
  }, [year, page, pageSize, nonce]);

  const columns: ColumnsType<OfflineTrainingView> = [
    { title: '培训日期', dataIndex: 'date', width: 110 },
    {
      title: '培训主题',
      dataIndex: 'topic',
      render: (v: string, row) => (
        <Space size={6}>
          <span style={{ textDecoration: row.voided ? 'line-through' : undefined }} data-testid="offline-topic">
            {v}
          </span>
          {row.voided && (
            <Tag color="default" data-testid="offline-voided">
              已作废
            </Tag>
          )}
        </Space>
      ),
    },
    { title: '授课人', dataIndex: 'trainer', width: 110 },
    { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
    {
      title: '参训人员',
      dataIndex: 'attendees',
      width: 110,
      render: (v: OfflineTrainingView['attendees']) => (
        <Popover title={`参训人员（${v.length}）`} content={<div style={{ maxWidth: 360, maxHeight: 240, overflow: 'auto' }}>{v.map((a) => a.name).join('、')}</div>}>
          <a>{v.length} 人</a>
        </Popover>
      ),
    },
    { title: '佐证材料', dataIndex: 'evidenceFileIDs', width: 90, render: (v: string[]) => (v.length ? <span><PaperClipOutlined /> {v.length}</span> : <Typography.Text type="secondary">无</Typography.Text>) },
    { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_: unknown, row) =>
        row.voided ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => setVoiding(row)} data-testid="offline-void">
            作废
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="线下培训"
        description="登记本企业组织的线下培训（班组安全活动、集中授课等）。学时计入每位参训人员的线下学时；登记有误的记录作废后重新登记，不会删除。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="offline-create">
            登记线下培训
          </Button>
        }
      />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space style={{ marginBottom: 16 }}>
          <span>年度</span>
          <Select
            value={year}
            style={{ width: 120 }}
            options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y: number) => {
              setYear(y);
              setPage(1);
            }}
            data-testid="offline-year"
          />
        </Space>
        {error && <LoadErrorAlert what="线下培训记录" error={error} onRetry={reload} testId="offline-error" />}
        <div data-testid="offline-table">
          <Table<OfflineTrainingView>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 960 }}
            rowClassName={(r) => (r.voided ? 'row-voided' : '')}
            pagination={{ current: page, pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p) => {
              setPageSize(p.pageSize ?? pageSize);
              setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : `${year}年暂无线下培训记录`} /> }}
          />
        </div>
      </Card>
      {creating && (
        <OfflineTrainingForm
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            message.success(`已登记“${t.topic}”，${t.attendees.length} 人各计 ${t.hours} 学时`);
            const y = Number(t.date.slice(0, 4));
            if (y !== year) setYear(y);
            setPage(1);
            reload();
          }}
        />
      )}
      {voiding && (
        <VoidDialog
          training={voiding}
          onClose={() => setVoiding(null)}
          onDone={() => {
            message.success('记录已作废，相应学时已扣除');
            setVoiding(null);
            reload();
          }}
        />
      )}
    </>
  );
}

interface FormValues {
  date: Dayjs;
  topic: string;
  trainer: string;
  hours: number;
}
interface Evidence {
  key: string;
  name: string;
  fileID?: string;
  progress?: number;
  error?: string;
}

function OfflineTrainingForm({ onClose, onCreated }: { onClose(): void; onCreated(t: OfflineTrainingView): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // One id per form: a retried or double-clicked submit records the training once.
  const [requestId] = useState(newRequestId);
  const [attendees, setAttendees] = useState<Attendee[]>([]);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useGuardedClose(form, onClose);

  const addEvidence = (file: File) => {
    if (evidence.length >= MAX_EVIDENCE) return message.error(`最多上传 ${MAX_EVIDENCE} 个文件`);
    const bad = checkUploadLimits(file, EVIDENCE_PURPOSE);
    if (bad) return message.error(`${file.name}：${bad}`);
    const key = newRequestId();
    setEvidence((e) => [...e, { key, name: file.name, progress: 0 }]);
    const up = uploadWithProgress(file, EVIDENCE_PURPOSE, (progress) => setEvidence((e) => e.map((x) => (x.key === key ? { ...x, progress } : x))));
    up.done
      .then((fileID) => setEvidence((e) => e.map((x) => (x.key === key ? { ...x, fileID, progress: undefined } : x))))
      .catch((err) => setEvidence((e) => e.map((x) => (x.key === key ? { ...x, error: errorMessage(err), progress: undefined } : x))));
  };

  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!attendees.length) return setError('请选择参训人员');
    if (evidence.some((e) => e.progress !== undefined)) return setError('佐证材料还在上传，请稍候');
    if (evidence.some((e) => e.error)) return setError('有佐证材料上传失败，请移除后重新上传');
    setSaving(true);
    try {
      const { training } = await callLearning('createOfflineTraining', {
        date: v.date.format('YYYY-MM-DD'),
        topic: v.topic.trim(),
        trainer: v.trainer.trim(),
        hours: v.hours,
        attendeeIds: attendees.map((a) => a.personId),
        evidenceFileIDs: evidence.map((e) => e.fileID!).filter(Boolean),
        requestId,
      });
      onCreated(training);
    } catch (e) {
      const f = fieldErrorsOf(e);
      const onForm = (['date', 'topic', 'trainer', 'hours'] as const).filter((k) => f[k]);
      if (onForm.length) form.setFields(onForm.map((k) => ({ name: k, errors: [f[k]] })));
      setError(f.attendeeIds ?? (onForm.length ? '请检查填写的内容' : errorMessage(e)));
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={760}
      title="登记线下培训"
      onClose={close}
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="offline-save">
            保存
          </Button>
        </Space>
      }
      data-testid="offline-form"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="offline-form-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={{ hours: 2, date: dayjs() }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 16 }}>
          <Form.Item name="date" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="offline-date" />
          </Form.Item>
          <Form.Item name="trainer" label="授课人" rules={[{ required: true, whitespace: true, message: '请填写授课人' }, { min: 2, message: '至少2个字' }, { max: 30, message: '不能超过30个字' }]}>
            <Input maxLength={30} data-testid="offline-trainer" />
          </Form.Item>
          <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={0.5} max={24} step={0.5} precision={1} style={{ width: '100%' }} addonAfter="学时" data-testid="offline-hours" />
          </Form.Item>
        </div>
        <Form.Item name="topic" label="培训主题" rules={[{ required: true, whitespace: true, message: '请填写培训主题' }, { min: 2, message: '至少2个字' }, { max: 60, message: '不能超过60个字' }]}>
          <Input maxLength={60} showCount placeholder="例如 有限空间作业专项安全培训" data-testid="offline-topic-input" />
        </Form.Item>
        <Form.Item label="参训人员" required>
          <AttendeePicker value={attendees} onChange={setAttendees} />
        </Form.Item>
        <Form.Item label="佐证材料" extra={`培训照片、签到表等（图片或 PDF），最多 ${MAX_EVIDENCE} 个`}>
          <Upload
            multiple
            accept={FILE_EXTS.evidence.map((e) => `.${e}`).join(',')}
            showUploadList={false}
            beforeUpload={(f) => {
              addEvidence(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="offline-evidence">
              上传文件
            </Button>
          </Upload>
          {evidence.map((e) => (
            <div key={e.key} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
              <PaperClipOutlined />
              <Typography.Text ellipsis style={{ maxWidth: 280 }} type={e.error ? 'danger' : undefined}>
                {e.name}
              </Typography.Text>
              {e.progress !== undefined && <Progress percent={Math.floor(e.progress * 100)} size="small" style={{ width: 160, margin: 0 }} />}
              {e.error && <Typography.Text type="danger">{e.error}</Typography.Text>}
              {e.fileID && <Typography.Text type="success">已上传</Typography.Text>}
              <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => setEvidence((x) => x.filter((y) => y.key !== e.key))} aria-label="移除" />
            </div>
          ))}
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function VoidDialog({ training, onClose, onDone }: { training: OfflineTrainingView; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      await callLearning('voidOfflineTraining', { trainingId: training._id, reason: v.reason.trim() });
      onDone();
    } catch (e) {
      setSaving(false);
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`作废“${training.topic}”`}
      okText="确认作废"
      okButtonProps={{ danger: true, ...{ 'data-testid': 'offline-void-confirm' } }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="offline-void-dialog"
    >
      <Alert type="warning" showIcon message={`作废后，${training.attendees.length} 名参训人员的 ${training.hours} 线下学时将不再计入。记录保留并注明作废原因，不能恢复。`} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="作废原因" rules={[{ required: true, whitespace: true, message: '请填写作废原因' }, { min: 2, message: '至少2个字' }, { max: 200, message: '不能超过200个字' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如 参训人员登记错误" data-testid="offline-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
