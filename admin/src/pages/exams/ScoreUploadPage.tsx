import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Progress, Result, Space, Spin, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { CloudError } from '@shared/client';
import { SCORE_TEMPLATE_FILE_NAME, SCORE_UPLOAD_COLUMNS } from '@shared/exam/scoreUpload';
import { errorMessage } from '../../api';
import { callExam, type ExamOutput } from '../../exam';
import { checkUploadLimits, uploadFile } from '../../upload';
import { downloadBytes } from '../../download';
import { PageHeader } from '../../components/PageHeader';

type Problem = ExamOutput<'scoreUploadDryRun'>['problems'][number];
type Plan = ExamOutput<'scoreUploadDryRun'>;
interface Scores {
  fullScore: number;
  passScore: number;
}
type Phase =
  | { kind: 'select' }
  | { kind: 'invalid'; fileName: string; problems: Problem[]; fatal?: string }
  | { kind: 'checking'; fileName: string }
  | { kind: 'planned'; fileName: string; fileID: string; plan: Plan; scores: Scores }
  | { kind: 'committing'; fileName: string; fileID: string; plan: Plan; scores: Scores; offset: number; total: number; created: number; skipped: number; error?: string }
  | { kind: 'done'; fileName: string; total: number; created: number; skipped: number };

/** The server takes at most 200 rows a call; each chunk is idempotent, so 继续上传 resumes where it stopped. */
const CHUNK = 200;

function ProblemTable({ problems }: { problems: Problem[] }) {
  return (
    <Table<Problem & { key: number }>
      data-testid="score-problems"
      size="small"
      bordered
      rowKey="key"
      dataSource={problems.map((p, key) => ({ ...p, key }))}
      pagination={problems.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 处` } : false}
      columns={[
        { title: '行号', dataIndex: 'row', width: 72 },
        { title: '姓名', dataIndex: 'name', width: 100, render: (v?: string) => v || '—' },
        { title: '列', dataIndex: 'column', width: 110 },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  );
}

async function downloadTemplate() {
  const { scoreTemplateBytes } = await import('@shared/exam/examSheets');
  downloadBytes(scoreTemplateBytes(), SCORE_TEMPLATE_FILE_NAME);
}

/**
 * 成绩上传 (enterprise admins): scores of an exam held offline into the persons' records, marked as
 * uploaded (一人一档 shows them). Template → file → server dry run listing every bad row and column
 * (nothing written) → commit in chunks with progress; re-uploading the same results adds nothing.
 */
export default function ScoreUploadPage() {
  const [phase, setPhase] = useState<Phase>({ kind: 'select' });
  const [form] = Form.useForm<Scores>();
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  async function onFile(file: File) {
    const fileName = file.name;
    let scores: Scores;
    try {
      scores = await form.validateFields();
    } catch {
      return;
    }
    if (scores.passScore > scores.fullScore) return form.setFields([{ name: 'passScore', errors: ['及格分不能高于满分'] }]);
    const limit = checkUploadLimits(file, 'scoreUpload');
    if (limit) return setPhase({ kind: 'invalid', fileName, problems: [], fatal: limit });
    setPhase({ kind: 'checking', fileName });
    try {
      const fileID = await uploadFile(file, fileName, 'scoreUpload');
      const plan = await callExam('scoreUploadDryRun', { fileID, ...scores });
      if (alive.current) setPhase({ kind: 'planned', fileName, fileID, plan, scores });
    } catch (e) {
      if (!alive.current) return;
      const problems = e instanceof CloudError ? ((e.details as { problems?: Problem[] } | undefined)?.problems ?? []) : [];
      setPhase({ kind: 'invalid', fileName, problems, fatal: errorMessage(e) });
    }
  }

  async function commit(from: Extract<Phase, { kind: 'planned' | 'committing' }>) {
    const base = { fileName: from.fileName, fileID: from.fileID, plan: from.plan, scores: from.scores };
    let state = from.kind === 'committing' ? { offset: from.offset, total: from.total, created: from.created, skipped: from.skipped } : { offset: 0, total: from.plan.create + from.plan.unchanged, created: 0, skipped: 0 };
    setPhase({ kind: 'committing', ...base, ...state });
    for (;;) {
      try {
        const r = await callExam('scoreUploadCommit', { fileID: from.fileID, ...from.scores, offset: state.offset, limit: CHUNK });
        state = { offset: r.processed, total: r.total, created: state.created + r.created, skipped: state.skipped + r.skipped };
        if (!alive.current) return;
        if (r.done) return setPhase({ kind: 'done', fileName: from.fileName, total: r.total, created: state.created, skipped: state.skipped });
        setPhase({ kind: 'committing', ...base, ...state });
      } catch (e) {
        if (alive.current) setPhase({ kind: 'committing', ...base, ...state, error: errorMessage(e) });
        return;
      }
    }
  }

  const busy = phase.kind === 'checking' || (phase.kind === 'committing' && !phase.error);
  const step = phase.kind === 'select' || phase.kind === 'invalid' ? 1 : phase.kind === 'checking' || phase.kind === 'planned' ? 2 : 3;

  const chooser = (
    <Upload.Dragger
      accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
      multiple={false}
      showUploadList={false}
      disabled={busy}
      beforeUpload={(file) => {
        void onFile(file);
        return false;
      }}
      data-testid="score-dragger"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">点击或拖拽成绩表格（.xlsx / .csv）到此处</p>
      <p className="ant-upload-hint">文件不超过 2MB；先预检（不写入任何数据），确认后再写入。</p>
    </Upload.Dragger>
  );

  let body: React.ReactNode;
  switch (phase.kind) {
    case 'select':
      body = chooser;
      break;
    case 'invalid':
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="error"
            showIcon
            data-testid="score-invalid"
            message={phase.problems.length ? `“${phase.fileName}”有 ${phase.problems.length} 处错误，未写入任何数据；请修正后重新选择文件` : `“${phase.fileName}”无法上传`}
            description={phase.problems.length ? undefined : phase.fatal}
          />
          {phase.problems.length > 0 && <ProblemTable problems={phase.problems} />}
          {chooser}
        </Space>
      );
      break;
    case 'checking':
      body = (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <Spin />
          <div style={{ marginTop: 12 }}>正在上传并预检“{phase.fileName}”…（不会写入任何数据）</div>
        </div>
      );
      break;
    case 'planned':
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={4} title={`预检结果：共 ${phase.plan.total} 行`} data-testid="score-summary">
            <Descriptions.Item label="新增成绩">{phase.plan.create}</Descriptions.Item>
            <Descriptions.Item label="已上传过">{phase.plan.unchanged}</Descriptions.Item>
            <Descriptions.Item label="有错误">{phase.plan.problems.length}</Descriptions.Item>
            <Descriptions.Item label="满分 / 及格">
              {phase.scores.fullScore} / {phase.scores.passScore}
            </Descriptions.Item>
          </Descriptions>
          {phase.plan.problems.length > 0 ? (
            <>
              <Alert type="error" showIcon message={`预检发现 ${phase.plan.problems.length} 处错误，未写入任何数据；请修正后重新选择文件`} data-testid="score-invalid" />
              <ProblemTable problems={phase.plan.problems} />
              {chooser}
            </>
          ) : phase.plan.create === 0 ? (
            <Alert type="success" showIcon message="这些成绩都已上传过，没有需要写入的内容" data-testid="score-nothing" />
          ) : (
            <Alert type="info" showIcon message={`确认后将把 ${phase.plan.create} 条成绩写入员工的一人一档（标记为“线下上传”）。`} />
          )}
        </Space>
      );
      break;
    case 'committing': {
      const percent = phase.total ? Math.floor((phase.offset / phase.total) * 100) : 100;
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            正在写入“{phase.fileName}”：已处理 {phase.offset} / {phase.total} 行
          </Typography.Text>
          <div data-testid="score-progress">
            <Progress percent={percent} status={phase.error ? 'exception' : 'active'} />
          </div>
          {phase.error && <Alert type="error" showIcon message={`上传中断：${phase.error}`} description="已写入的成绩不会重复，点击“继续上传”从中断处继续。" />}
        </Space>
      );
      break;
    }
    case 'done':
      body = (
        <div data-testid="score-result">
          <Progress percent={100} />
          <Result
            status="success"
            title="成绩上传完成"
            subTitle={`“${phase.fileName}”共 ${phase.total} 条：新增 ${phase.created} 条${phase.skipped ? `，${phase.skipped} 条此前已上传（未重复写入）` : ''}。`}
            style={{ padding: '16px 0' }}
          />
        </div>
      );
      break;
  }

  const actions = (() => {
    if (phase.kind === 'planned' && phase.plan.problems.length === 0)
      return (
        <Space>
          <Button onClick={() => setPhase({ kind: 'select' })}>重新选择文件</Button>
          {phase.plan.create > 0 && (
            <Button type="primary" onClick={() => void commit(phase)} data-testid="score-commit">
              确认写入
            </Button>
          )}
        </Space>
      );
    if (phase.kind === 'committing' && phase.error)
      return (
        <Button type="primary" onClick={() => void commit(phase)} data-testid="score-resume">
          继续上传
        </Button>
      );
    if (phase.kind === 'done')
      return (
        <Button type="primary" onClick={() => setPhase({ kind: 'select' })} data-testid="score-again">
          继续上传其他文件
        </Button>
      );
    return null;
  })();

  return (
    <div data-testid="score-upload-page">
      <PageHeader title="成绩上传" description="企业线下组织的考试，可将成绩批量上传到员工的一人一档（仅限本企业在职员工）。" />
      <Card size="small">
        <Steps size="small" current={step} style={{ marginBottom: 20, maxWidth: 760 }} items={[{ title: '下载模板' }, { title: '选择文件' }, { title: '预检' }, { title: '写入' }]} />
        <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
          <Alert
            type="info"
            showIcon
            message={
              <span>
                表头为第1行：{SCORE_UPLOAD_COLUMNS.map((c) => `${c.label}${c.required ? '' : '（选填）'}`).join('、')}；同一人、同一考试名称、同一日期只记一次。{' '}
                <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="score-template">
                  下载模板
                </Button>
              </span>
            }
          />
          <Form form={form} layout="inline" initialValues={{ fullScore: 100, passScore: 80 }} disabled={busy || phase.kind === 'committing' || phase.kind === 'done' || (phase.kind === 'planned' && phase.plan.problems.length === 0)}>
            <Form.Item name="fullScore" label="满分" rules={[{ required: true, type: 'number', min: 1, max: 1000, message: '1-1000' }]}>
              <InputNumber min={1} max={1000} data-testid="score-full" />
            </Form.Item>
            <Form.Item name="passScore" label="及格分" rules={[{ required: true, type: 'number', min: 0, max: 1000, message: '0-1000' }]}>
              <InputNumber min={0} max={1000} data-testid="score-pass" />
            </Form.Item>
          </Form>
          {body}
          {actions}
        </Space>
      </Card>
    </div>
  );
}
