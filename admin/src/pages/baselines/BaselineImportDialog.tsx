import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Result, Space, Spin, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { BaselinePlan, ImportProblem } from '@shared/contracts/imports';
import { BASELINE_CHUNK_ROWS, BASELINE_LIST_ZH, BASELINE_MAX_ROWS, baselineTemplateName, type BaselineList } from '@shared/baselines';
import { baselineTemplateBytes, parseBaselineFile } from '@shared/baselineSheet';
import { commitInChunks, emptySums, ImportCommitError, type ImportSums } from '@shared/importCommit';
import { CloudError } from '@shared/client';
import { call, errorMessage } from '../../api';
import { downloadBytes } from '../../download';
import { checkUploadLimits, uploadFile } from '../../upload';

type Phase =
  | { kind: 'select' }
  | { kind: 'invalid'; fileName: string; problems: ImportProblem[]; fatal?: string }
  | { kind: 'checking'; fileName: string }
  | { kind: 'planned'; fileName: string; fileID: string; plan: BaselinePlan }
  | { kind: 'committing'; fileName: string; fileID: string; plan: BaselinePlan; offset: number; processed: number; total: number; error?: string; sums: ImportSums }
  | { kind: 'done'; total: number; sums: ImportSums };

export const downloadBaselineTemplate = (list: BaselineList) => downloadBytes(baselineTemplateBytes(list), baselineTemplateName(list));

function ProblemTable({ problems }: { problems: ImportProblem[] }) {
  return (
    <Table<ImportProblem & { key: number }>
      data-testid="baseline-problems"
      size="small"
      bordered
      rowKey="key"
      dataSource={problems.map((p, key) => ({ ...p, key }))}
      pagination={problems.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 处` } : false}
      columns={[
        { title: '行号', dataIndex: 'row', width: 64 },
        { title: '企业名称', dataIndex: 'name', width: 180, ellipsis: true, render: (v?: string) => v || '—' },
        { title: '列', dataIndex: 'column', width: 130 },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  );
}

/**
 * 导入基础名单 for one period and list: template, file checked in the browser (same validator as the
 * server), upload + server 预检 (regions and scope; nothing written), then a chunked, idempotent
 * commit with a progress bar; 继续导入 resumes after a failure.
 */
export function BaselineImportDialog({ open, period, list, onClose, onImported }: { open: boolean; period: string; list: BaselineList; onClose(): void; onImported(): void }) {
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
  }, [open, period, list]);

  async function onFile(file: File) {
    const fileName = file.name;
    const limit = checkUploadLimits(file, 'baselineImport');
    if (limit) return setPhase({ kind: 'invalid', fileName, problems: [], fatal: limit });
    const local = parseBaselineFile(new Uint8Array(await file.arrayBuffer()), list);
    if (!local.ok) return setPhase({ kind: 'invalid', fileName, problems: [], fatal: local.reason });
    if (local.problems.length) return setPhase({ kind: 'invalid', fileName, problems: local.problems });
    setPhase({ kind: 'checking', fileName });
    try {
      const fileID = await uploadFile(file, fileName, 'baselineImport');
      const plan = await call('imports', 'baselineDryRun', { fileID, period, list });
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
        (offset, limit) => call('imports', 'baselineCommit', { fileID: start.fileID, period, list, offset, limit }),
        { ...from, total: start.plan.total, chunkRows: BASELINE_CHUNK_ROWS },
        (p) => {
          if (!alive.current) return false;
          setPhase({ kind: 'committing', ...base, ...p });
        },
      );
      if (!r) return;
      setPhase({ kind: 'done', total: r.total, sums: r.sums });
      onImported();
    } catch (e) {
      if (alive.current && e instanceof ImportCommitError) setPhase({ kind: 'committing', ...base, ...e.progress, error: errorMessage(e.failure) });
    }
  }

  const step = phase.kind === 'select' || phase.kind === 'invalid' ? 1 : phase.kind === 'checking' || phase.kind === 'planned' ? 2 : phase.kind === 'done' ? 4 : 3;
  const busy = phase.kind === 'checking' || (phase.kind === 'committing' && !phase.error);
  const chooser = (
    <Upload.Dragger
      accept=".xlsx,.csv"
      multiple={false}
      showUploadList={false}
      disabled={busy}
      beforeUpload={(file) => {
        void onFile(file);
        return false;
      }}
      data-testid="baseline-dragger"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">点击或拖拽 Excel (.xlsx) 或 CSV 文件到此处</p>
      <p className="ant-upload-hint">每个文件最多 {BASELINE_MAX_ROWS} 行、不超过 5MB；先在浏览器中检查，再上传预检，确认后才写入。</p>
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
            data-testid="baseline-invalid"
            message={phase.problems.length ? `“${phase.fileName}”有 ${phase.problems.length} 处错误，未写入任何数据；请修正后重新选择文件` : `“${phase.fileName}”无法导入`}
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
    case 'planned':
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={3} data-testid="baseline-plan" title={`预检结果：共 ${phase.plan.total} 行`}>
            <Descriptions.Item label="新增">{phase.plan.create}</Descriptions.Item>
            <Descriptions.Item label="更新">{phase.plan.update}</Descriptions.Item>
            <Descriptions.Item label="无变化">{phase.plan.unchanged}</Descriptions.Item>
          </Descriptions>
          {phase.plan.problems.length > 0 ? (
            <>
              <Alert type="error" showIcon message={`服务器预检发现 ${phase.plan.problems.length} 处错误，未写入任何数据；请修正后重新选择文件`} />
              <ProblemTable problems={phase.plan.problems} />
              {chooser}
            </>
          ) : phase.plan.create + phase.plan.update === 0 ? (
            <Alert type="success" showIcon data-testid="baseline-nothing" message="名单与已导入的数据一致，没有需要写入的变化" />
          ) : (
            <Alert type="info" showIcon message={`确认后写入 ${period} 期${BASELINE_LIST_ZH[list]}；同一企业再次导入会覆盖，不会重复。`} />
          )}
        </Space>
      );
      break;
    case 'committing': {
      const percent = phase.total ? Math.floor((phase.processed / phase.total) * 100) : 100;
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            正在导入“{phase.fileName}”：已处理 {phase.processed} / {phase.total} 行
          </Typography.Text>
          <div data-testid="baseline-progress">
            <Progress percent={percent} status={phase.error ? 'exception' : 'active'} format={(p) => `${p ?? 0}%`} />
          </div>
          {phase.error && <Alert type="error" showIcon message={`导入中断：${phase.error}`} description="已导入的数据不会重复，点击“继续导入”从中断处继续。" />}
        </Space>
      );
      break;
    }
    case 'done':
      body = (
        <div data-testid="baseline-result">
          <Progress percent={100} format={() => '100%'} />
          <Result status="success" title="导入完成" subTitle={`共 ${phase.total} 行：新增 ${phase.sums.created} 家，更新 ${phase.sums.updated} 家，其余无变化。`} style={{ padding: '16px 0' }} />
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
        ...(phase.plan.create + phase.plan.update > 0
          ? [
              <Button key="go" type="primary" data-testid="baseline-confirm" onClick={() => void runCommit(phase)}>
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
        <Button key="ok" type="primary" data-testid="baseline-finish" onClick={onClose}>
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
    <Modal open={open} title={`导入${BASELINE_LIST_ZH[list]}（${period}）`} width={860} onCancel={busy ? undefined : onClose} closable={!busy} maskClosable={false} destroyOnHidden footer={footer}>
      <Steps size="small" current={step} style={{ marginBottom: 20 }} items={[{ title: '下载模板' }, { title: '选择文件' }, { title: '预检' }, { title: '导入' }]} />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {(phase.kind === 'select' || phase.kind === 'invalid') && (
          <Alert
            type="info"
            showIcon
            message={
              <span>
                {list === 'market'
                  ? '所属区划填写6位（县级）或9位（乡镇街道）区划代码或名称，须在本账号管辖范围内。'
                  : '所属区划和行业取自本期市场主体名单（请先导入），没有时取企业注册信息。'}
                <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => downloadBaselineTemplate(list)} data-testid="baseline-template">
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
