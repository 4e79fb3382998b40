import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Result, Space, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { CloudError } from '@shared/client';
import { QUESTION_IMPORT_MAX_ROWS, QUESTION_TEMPLATE_FILE_NAME, type QuestionImportProblem } from '@shared/exam/questions';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { checkUploadLimits, uploadFile } from '../../upload';
import { downloadBytes } from '../../components/download';

/** Rows whose stem is already in the bank (or earlier in the file) are skipped by the commit, not refused. */
const DUPLICATE_CODES: readonly string[] = ['DUPLICATE_STEM', 'DUPLICATE_STEM_IN_FILE'];
const COMMIT_CHUNK = 200;

interface Plan {
  total: number;
  create: number;
  duplicates: number;
  problems: QuestionImportProblem[];
}
type Phase =
  | { kind: 'select' }
  | { kind: 'invalid'; fileName: string; problems: QuestionImportProblem[]; fatal: string }
  | { kind: 'checking'; fileName: string }
  | { kind: 'planned'; fileName: string; fileID: string; plan: Plan }
  | { kind: 'committing'; fileName: string; fileID: string; plan: Plan; offset: number; total: number; created: number; skipped: number; error?: string }
  | { kind: 'done'; total: number; created: number; skipped: number };

export async function downloadQuestionTemplate() {
  const { questionTemplateBytes } = await import('@shared/exam/questionSheet');
  downloadBytes(questionTemplateBytes(), QUESTION_TEMPLATE_FILE_NAME);
}

function ProblemTable({ problems }: { problems: QuestionImportProblem[] }) {
  return (
    <Table<QuestionImportProblem & { key: number }>
      data-testid="import-problems"
      size="small"
      bordered
      rowKey="key"
      dataSource={problems.map((p, key) => ({ ...p, key }))}
      pagination={problems.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 处` } : false}
      columns={[
        { title: '行号', dataIndex: 'row', width: 72 },
        { title: '列', dataIndex: 'column', width: 100 },
        { title: '原因', dataIndex: 'reason' },
        { title: '处理', key: 'skip', width: 100, render: (_, p) => (DUPLICATE_CODES.includes(p.code) ? <Tag>将跳过</Tag> : <Tag color="error">须修正</Tag>) },
      ]}
    />
  );
}

/**
 * 批量导入试题: template → file (uploaded with a ticket, purpose questionImport) → the server's dry
 * run (every problem by row and column; nothing written) → commit in chunks with progress. The
 * commit is idempotent per file content: re-running it (or 继续导入 after a failure) adds nothing twice.
 */
export function QuestionImportDialog({ bankId, bankName, onClose, onImported }: { bankId: string; bankName: string; onClose(): void; onImported(): void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'select' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  async function onFile(file: File) {
    const fileName = file.name;
    const bad = checkUploadLimits(file, 'questionImport');
    if (bad) return setPhase({ kind: 'invalid', fileName, problems: [], fatal: bad });
    setPhase({ kind: 'checking', fileName });
    try {
      const fileID = await uploadFile(file, fileName, 'questionImport');
      const plan = await callExam('questionImportDryRun', { bankId, fileID });
      if (alive.current) setPhase({ kind: 'planned', fileName, fileID, plan });
    } catch (e) {
      if (!alive.current) return;
      const problems = e instanceof CloudError ? ((e.details as { problems?: QuestionImportProblem[] } | undefined)?.problems ?? []) : [];
      setPhase({ kind: 'invalid', fileName, problems, fatal: errorMessage(e) });
    }
  }

  async function commit(from: Extract<Phase, { kind: 'planned' | 'committing' }>) {
    const base = { fileName: from.fileName, fileID: from.fileID, plan: from.plan };
    let state = from.kind === 'committing' ? { offset: from.offset, total: from.total, created: from.created, skipped: from.skipped } : { offset: 0, total: from.plan.create + from.plan.duplicates, created: 0, skipped: 0 };
    setPhase({ kind: 'committing', ...base, ...state });
    try {
      for (;;) {
        const r = await callExam('questionImportCommit', { bankId, fileID: from.fileID, offset: state.offset, limit: COMMIT_CHUNK });
        state = { offset: r.processed, total: r.total, created: state.created + r.created, skipped: state.skipped + r.skipped };
        if (!alive.current) return;
        if (r.done || r.processed >= r.total) break;
        setPhase({ kind: 'committing', ...base, ...state });
      }
      setPhase({ kind: 'done', total: state.total, created: state.created, skipped: state.skipped });
      onImported();
    } catch (e) {
      if (alive.current) setPhase({ kind: 'committing', ...base, ...state, error: errorMessage(e) });
    }
  }

  const chooser = (
    <Upload.Dragger
      accept=".xlsx,.csv"
      multiple={false}
      showUploadList={false}
      disabled={phase.kind === 'checking' || phase.kind === 'committing'}
      beforeUpload={(file) => {
        void onFile(file);
        return false;
      }}
      data-testid="import-dragger"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">点击或拖拽 Excel 文件（.xlsx）到此处</p>
      <p className="ant-upload-hint">每次最多 {QUESTION_IMPORT_MAX_ROWS} 道题、文件不超过 5MB；先预检，确认后才写入。</p>
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
          <Alert type="error" showIcon data-testid="import-invalid" message={`“${phase.fileName}”无法导入`} description={phase.fatal} />
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
    case 'planned': {
      const { plan } = phase;
      const blocking = plan.problems.filter((p) => !DUPLICATE_CODES.includes(p.code));
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={3} data-testid="import-summary" title={`预检结果：“${phase.fileName}”共 ${plan.total} 道题`}>
            <Descriptions.Item label="可导入">
              <span data-testid="import-create">{plan.create}</span>
            </Descriptions.Item>
            <Descriptions.Item label="题干重复（跳过）">{plan.duplicates}</Descriptions.Item>
            <Descriptions.Item label="有错误的行">{new Set(blocking.map((p) => p.row)).size}</Descriptions.Item>
          </Descriptions>
          {blocking.length > 0 ? (
            <>
              <Alert type="error" showIcon data-testid="import-blocked" message={`发现 ${blocking.length} 处错误，未写入任何数据；请按行号和列修正后重新选择文件`} />
              <ProblemTable problems={plan.problems} />
              {chooser}
            </>
          ) : (
            <>
              {plan.duplicates > 0 && <ProblemTable problems={plan.problems} />}
              {plan.create === 0 ? (
                <Alert type="success" showIcon data-testid="import-nothing" message="文件中的试题都已在题库中，没有需要导入的试题" />
              ) : (
                <Alert type="info" showIcon message={`确认后导入 ${plan.create} 道题到“${bankName}”${plan.duplicates ? `，跳过 ${plan.duplicates} 道题干重复的题` : ''}。`} />
              )}
            </>
          )}
        </Space>
      );
      break;
    }
    case 'committing': {
      const percent = phase.total ? Math.floor((phase.offset / phase.total) * 100) : 0;
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            正在导入“{phase.fileName}”：已处理 {phase.offset} / {phase.total} 行
          </Typography.Text>
          <div data-testid="import-progress">
            <Progress percent={percent} status={phase.error ? 'exception' : 'active'} />
          </div>
          {phase.error && <Alert type="error" showIcon message={`导入中断：${phase.error}`} description="已导入的试题不会重复，点击“继续导入”从中断处继续。" />}
        </Space>
      );
      break;
    }
    case 'done':
      body = (
        <div data-testid="import-result">
          <Progress percent={100} />
          <Result status="success" title="导入完成" subTitle={`共 ${phase.total} 行：新增 ${phase.created} 道题${phase.skipped ? `，跳过 ${phase.skipped} 道（题干已在题库中）` : ''}。`} style={{ padding: '16px 0' }} />
        </div>
      );
      break;
  }

  const busy = phase.kind === 'checking' || (phase.kind === 'committing' && !phase.error);
  const footer =
    phase.kind === 'planned' && phase.plan.problems.every((p) => DUPLICATE_CODES.includes(p.code))
      ? [
          <Button key="close" onClick={onClose}>
            取消
          </Button>,
          <Button key="back" onClick={() => setPhase({ kind: 'select' })}>
            重新选择文件
          </Button>,
          ...(phase.plan.create > 0
            ? [
                <Button key="go" type="primary" data-testid="import-confirm" onClick={() => void commit(phase)}>
                  确认导入
                </Button>,
              ]
            : []),
        ]
      : phase.kind === 'committing' && phase.error
        ? [
            <Button key="close" onClick={onClose}>
              关闭
            </Button>,
            <Button key="retry" type="primary" onClick={() => void commit(phase)} data-testid="import-retry">
              继续导入
            </Button>,
          ]
        : phase.kind === 'done'
          ? [
              <Button key="ok" type="primary" data-testid="import-finish" onClick={onClose}>
                完成
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose} disabled={busy}>
                取消
              </Button>,
            ];
  const step = phase.kind === 'select' || phase.kind === 'invalid' ? 1 : phase.kind === 'checking' || phase.kind === 'planned' ? 2 : phase.kind === 'done' ? 4 : 3;

  return (
    <Modal open title={`批量导入试题 · ${bankName}`} width={820} onCancel={busy ? undefined : onClose} closable={!busy} maskClosable={false} destroyOnHidden footer={footer} data-testid="import-dialog">
      <Steps size="small" current={step} style={{ marginBottom: 20 }} items={[{ title: '下载模板' }, { title: '选择文件' }, { title: '预检' }, { title: '导入' }]} />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {(phase.kind === 'select' || phase.kind === 'invalid') && (
          <Alert
            type="info"
            showIcon
            message={
              <span>
                请使用模板填写，表头为第1行，每行一道题；判断题答案填“正确”或“错误”，多选题答案如“ABD”。{' '}
                <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadQuestionTemplate()} data-testid="import-template">
                  下载模板
                </Button>
              </span>
            }
          />
        )}
        {body}
      </Space>
    </Modal>
  );
}
