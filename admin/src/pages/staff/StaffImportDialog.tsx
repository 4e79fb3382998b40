import { commitInChunks, emptySums, ImportCommitError, type ImportSums } from '@shared/importCommit';
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Result, Space, Spin, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportPlan, ImportProblem } from '@shared/contracts/imports';
import { CloudError } from '@shared/client';
import { IMPORT_MAX_ROWS, parseStaffFile, readStaffSheet, staffTemplateBytes, TEMPLATE_FILE_NAME } from '@shared/staffImport';
import { withRowNames } from '@shared/importProblemNames';
import { call, errorMessage } from '../../api';
import { uploadFile } from '../../upload';
import { downloadBytes } from '../../download';
import { ImportCredentials } from './ImportCredentials';

export interface StaffImportDialogProps {
  open: boolean;
  onClose(): void;
  /** Called after a commit finished (the staff list should reload). */
  onImported(): void;
}

type Phase =
  | { kind: 'select' }
  | { kind: 'invalid'; fileName: string; problems: ImportProblem[]; fatal?: string }
  | { kind: 'checking'; fileName: string }
  | { kind: 'planned'; fileName: string; fileID: string; plan: ImportPlan }
  | { kind: 'committing'; fileName: string; fileID: string; plan: ImportPlan; offset: number; processed: number; total: number; error?: string; sums: Sums }
  | { kind: 'done'; total: number; sums: Sums };

type Sums = ImportSums;

const PASSWORD_NOTE = '新账号的初始密码随机生成，导入完成后仅显示一次（可打印或导出），请告知本人；首次登录须修改密码。';
const ELSEWHERE_NOTE = '已在其他单位注册或任职，未写入——需本人在小程序中申请加入本企业，再由本企业在人员审核中通过';

function downloadTemplate() {
  downloadBytes(staffTemplateBytes(), TEMPLATE_FILE_NAME);
}

function ProblemTable({ problems }: { problems: ImportProblem[] }) {
  return (
    <Table<ImportProblem & { key: number }>
      data-testid="import-problems"
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

/**
 * 批量导入 staff from the template: 1 download the template, 2 choose a file (checked in the browser
 * at once with the same validator the function uses), 3 upload to storage + server dry run
 * (nothing written), 4 commit in chunks with a progress bar. Self-contained; mounted by the staff page.
 */
export function StaffImportDialog({ open, onClose, onImported }: StaffImportDialogProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'select' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (open) setPhase({ kind: 'select' });
  }, [open]);

  async function onFile(file: File) {
    const fileName = file.name;
    if (!/\.xlsx$/i.test(fileName)) {
      setPhase({ kind: 'invalid', fileName, problems: [], fatal: '请选择 .xlsx 格式的 Excel 文件（可先下载模板）' });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const local = parseStaffFile(bytes);
    if (!local.ok) return setPhase({ kind: 'invalid', fileName, problems: [], fatal: local.reason });
    if (local.problems.length) {
      // The in-browser check names row and column; the 姓名 cell says whose row it is.
      const sheet = readStaffSheet(bytes);
      return setPhase({ kind: 'invalid', fileName, problems: sheet.ok ? withRowNames(local.problems, sheet.table) : local.problems });
    }
    setPhase({ kind: 'checking', fileName });
    try {
      const fileID = await uploadFile(file, fileName);
      const plan = await call('imports', 'staffImportDryRun', { fileID });
      if (alive.current) setPhase({ kind: 'planned', fileName, fileID, plan });
    } catch (e) {
      if (!alive.current) return;
      const problems = e instanceof CloudError ? ((e.details as { problems?: ImportProblem[] } | undefined)?.problems ?? []) : [];
      setPhase({ kind: 'invalid', fileName, problems, fatal: errorMessage(e) });
    }
  }

  async function runCommit(start: Extract<Phase, { kind: 'planned' | 'committing' }>) {
    const base = { fileName: start.fileName, fileID: start.fileID, plan: start.plan };
    const from = start.kind === 'committing' ? { offset: start.offset, sums: start.sums } : { offset: 0, sums: emptySums() };
    setPhase({ kind: 'committing', ...base, offset: from.offset, processed: from.offset, total: start.plan.total, sums: from.sums });
    try {
      const r = await commitInChunks(
        (offset, limit) => call('imports', 'staffImportCommit', { fileID: start.fileID, offset, limit }),
        { ...from, total: start.plan.total },
        (p) => {
          if (!alive.current) return false;
          setPhase({ kind: 'committing', ...base, ...p });
        },
      );
      if (!r) return;
      setPhase({ kind: 'done', total: r.total, sums: r.sums });
      onImported();
    } catch (e) {
      // Commits are idempotent: 重试 continues from the chunk that failed.
      if (alive.current && e instanceof ImportCommitError) setPhase({ kind: 'committing', ...base, ...e.progress, error: errorMessage(e.failure) });
    }
  }


  const step = phase.kind === 'select' || phase.kind === 'invalid' ? 1 : phase.kind === 'checking' || phase.kind === 'planned' ? 2 : phase.kind === 'done' ? 4 : 3;
  const busy = phase.kind === 'checking' || (phase.kind === 'committing' && !phase.error);

  const chooser = (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      multiple={false}
      showUploadList={false}
      disabled={busy}
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
      <p className="ant-upload-hint">
        每次最多 {IMPORT_MAX_ROWS} 行、文件不超过 2MB；先在浏览器中检查，再上传到服务器预检，确认后才写入。
      </p>
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
            data-testid="import-invalid"
            message={phase.problems.length ? `“${phase.fileName}”有 ${phase.problems.length} 处错误，请修正后重新选择文件` : `“${phase.fileName}”无法导入`}
            description={phase.fatal && phase.problems.length === 0 ? phase.fatal : undefined}
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
    case 'planned': {
      const { plan } = phase;
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={4} data-testid="import-summary" title={`预检结果：共 ${plan.total} 行`}>
            <Descriptions.Item label="新增">{plan.create}</Descriptions.Item>
            <Descriptions.Item label="更新">{plan.update}</Descriptions.Item>
            <Descriptions.Item label="无变化">{plan.unchanged}</Descriptions.Item>
            <Descriptions.Item label="未写入">{plan.elsewhere}</Descriptions.Item>
          </Descriptions>
          {plan.problems.length > 0 ? (
            <>
              <Alert type="error" showIcon message={`服务器预检发现 ${plan.problems.length} 处错误，未写入任何数据；请修正后重新选择文件`} />
              <ProblemTable problems={plan.problems} />
              {chooser}
            </>
          ) : (
            <>
              {plan.elsewhere > 0 && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="import-elsewhere"
                  message={`${plan.elsewhere} 人${ELSEWHERE_NOTE}`}
                  description={
                    <Table<{ row: number; name: string }>
                      size="small"
                      rowKey="row"
                      dataSource={plan.elsewhereRows}
                      pagination={plan.elsewhereRows.length > 5 ? { pageSize: 5, size: 'small', showSizeChanger: false } : false}
                      columns={[
                        { title: '行号', dataIndex: 'row', width: 72 },
                        { title: '姓名', dataIndex: 'name' },
                      ]}
                    />
                  }
                />
              )}
              {plan.create + plan.update === 0 ? (
                <Alert type="success" showIcon data-testid="import-nothing" message="没有需要导入的变化" />
              ) : (
                plan.create > 0 && <Alert type="warning" showIcon message={PASSWORD_NOTE} />
              )}
            </>
          )}
        </Space>
      );
      break;
    }
    case 'committing': {
      const percent = phase.total ? Math.floor((phase.processed / phase.total) * 100) : 100;
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            正在导入“{phase.fileName}”：已处理 {phase.processed} / {phase.total} 行
          </Typography.Text>
          <div data-testid="import-progress">
            <Progress percent={percent} status={phase.error ? 'exception' : 'active'} format={(p) => `${p ?? 0}%`} />
          </div>
          {phase.error && <Alert type="error" showIcon message={`导入中断：${phase.error}`} description="已导入的数据不会重复，点击“继续导入”从中断处继续。" />}
        </Space>
      );
      break;
    }
    case 'done':
      body = (
        <div data-testid="import-result">
          <div data-testid="import-progress-done">
            <Progress percent={100} format={() => '100%'} />
          </div>
          <Result
            status="success"
            title="导入完成"
            subTitle={`共 ${phase.total} 行：新增 ${phase.sums.created} 人，更新 ${phase.sums.updated} 人${
              phase.sums.skipped ? `，未写入 ${phase.sums.skipped} 人（${ELSEWHERE_NOTE}）` : ''
            }。`}
            style={{ padding: '16px 0' }}
          />
          <ImportCredentials credentials={phase.sums.credentials} />
        </div>
      );
      break;
  }

  const footer = (() => {
    if (phase.kind === 'planned' && phase.plan.problems.length === 0)
      return [
        <Button key="back" onClick={() => setPhase({ kind: 'select' })}>
          重新选择文件
        </Button>,
        // An all-unchanged (or all-elsewhere) file has nothing to write: no 确认导入 to press.
        ...(phase.plan.create + phase.plan.update > 0
          ? [
              <Button key="go" type="primary" data-testid="import-confirm" onClick={() => void runCommit(phase)}>
                确认导入
              </Button>,
            ]
          : []),
      ];
    if (phase.kind === 'committing' && phase.error)
      return [
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="retry" type="primary" onClick={() => void runCommit(phase)}>
          继续导入
        </Button>,
      ];
    if (phase.kind === 'done')
      return [
        <Button key="ok" type="primary" data-testid="import-finish" onClick={onClose}>
          完成
        </Button>,
      ];
    return [
      <Button key="close" onClick={onClose} disabled={busy}>
        取消
      </Button>,
    ];
  })();

  return (
    <Modal
      open={open}
      title="批量导入人员"
      width={820}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      maskClosable={false}
      destroyOnHidden
      footer={footer}
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[{ title: '下载模板' }, { title: '选择文件' }, { title: '预检' }, { title: '导入' }]}
      />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {(phase.kind === 'select' || phase.kind === 'invalid') && (
          <Alert
            type="info"
            showIcon
            message={
              <span>
                请使用模板填写（岗位分类、用工形式、持证类型可从下拉列表选择），表头为第1行。{' '}
                <Button type="link" size="small" icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="import-template">
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
