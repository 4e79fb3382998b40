import { useRef, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, FileTextOutlined, FilePdfOutlined, PlaySquareOutlined, PlusOutlined } from '@ant-design/icons';
import { MATERIAL_KIND_ZH, type MaterialInput, type MaterialKind } from '@shared/contracts/courses';
import { articleTextLength, formatStudyTime, MAX_REQUIRED_SECONDS, MIN_REQUIRED_SECONDS, pdfPageCount, suggestedRequiredSeconds } from '@shared/learning/materialDefaults';
import { FILE_EXTS, uploadRuleFor } from '@shared/uploads';
import { errorMessage } from '../../api';
import { checkUploadLimits, uploadWithProgress, type ProgressUpload } from '../../upload';
import { RichTextEditor } from './RichTextEditor';

/** A material being edited: the contract's fields plus what the editor needs while uploading. */
export type MaterialDraft = MaterialInput & {
  key: string;
  fileName?: string;
  /** 0–1 while uploading; undefined when stored. */
  progress?: number;
  uploadError?: string;
};

export const MATERIAL_PURPOSE = 'courseMaterial' as const;
const VIDEO_EXTS: readonly string[] = FILE_EXTS.video;
const DOC_EXTS: readonly string[] = FILE_EXTS.document;
const mb = (ext: string) => Math.round((uploadRuleFor(MATERIAL_PURPOSE, ext)?.maxBytes ?? 0) / 1024 / 1024);

let seq = 0;
export const draftKey = () => `k${Date.now().toString(36)}${(seq++).toString(36)}`;

const ICON: Record<MaterialKind, React.ReactNode> = { video: <PlaySquareOutlined />, document: <FilePdfOutlined />, article: <FileTextOutlined /> };

/** A video's duration in seconds as the browser reads it (null when it cannot play the format). */
function videoDuration(file: File): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const v = document.createElement('video');
    const done = (d: number | null) => {
      URL.revokeObjectURL(url);
      resolve(d);
    };
    v.preload = 'metadata';
    v.onloadedmetadata = () => done(Number.isFinite(v.duration) && v.duration > 0 ? Math.round(v.duration) : null);
    v.onerror = () => done(null);
    setTimeout(() => done(null), 8000);
    v.src = url;
  });
}

const fileNameOf = (m: MaterialDraft) => m.fileName ?? ('fileID' in m && m.fileID ? m.fileID.split('/').pop() : '');

/**
 * 学习资料: ordered videos, documents (PDF) and articles, each with its required study time. Files
 * upload through the ticket flow with a progress bar; the list can be reordered and items removed.
 */
export function MaterialsEditor({ value, onChange, disabled }: { value: MaterialDraft[]; onChange(next: MaterialDraft[] | ((prev: MaterialDraft[]) => MaterialDraft[])): void; disabled?: boolean }) {
  const { message } = App.useApp();
  const uploads = useRef(new Map<string, ProgressUpload>());
  const [article, setArticle] = useState<MaterialDraft | 'new' | null>(null);
  const patch = (key: string, p: Partial<MaterialDraft>) => onChange((prev) => prev.map((m) => (m.key === key ? ({ ...m, ...p } as MaterialDraft) : m)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  const remove = (key: string) => {
    uploads.current.get(key)?.abort();
    onChange((prev) => prev.filter((m) => m.key !== key));
  };

  const addFile = async (file: File, kind: 'video' | 'document') => {
    const exts = kind === 'video' ? VIDEO_EXTS : DOC_EXTS;
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!exts.includes(ext)) return message.error(`请选择${kind === 'video' ? '视频（' + VIDEO_EXTS.join('/') + '）' : 'PDF 文档'}`);
    const bad = checkUploadLimits(file, MATERIAL_PURPOSE);
    if (bad) return message.error(bad);
    const key = draftKey();
    const title = file.name.replace(/\.[^.]+$/, '').slice(0, 60);
    if (kind === 'video') {
      onChange((prev) => [...prev, { key, kind, title, fileID: '', durationSeconds: 0, requiredSeconds: MIN_REQUIRED_SECONDS, fileName: file.name, progress: 0 }]);
      void videoDuration(file).then((d) => d && patch(key, { durationSeconds: d, requiredSeconds: suggestedRequiredSeconds('video', { durationSeconds: d }) } as Partial<MaterialDraft>));
    } else {
      const pages = pdfPageCount(new Uint8Array(await file.arrayBuffer())) ?? 1;
      onChange((prev) => [...prev, { key, kind, title, fileID: '', pages, requiredSeconds: suggestedRequiredSeconds('document', { pages }), fileName: file.name, progress: 0 }]);
    }
    const up = uploadWithProgress(file, MATERIAL_PURPOSE, (f) => patch(key, { progress: f }));
    uploads.current.set(key, up);
    try {
      const fileID = await up.done;
      patch(key, { fileID, progress: undefined, uploadError: undefined } as Partial<MaterialDraft>);
    } catch (e) {
      patch(key, { uploadError: errorMessage(e) });
    } finally {
      uploads.current.delete(key);
    }
  };

  const chooser = (kind: 'video' | 'document') => (
    <Upload
      accept={(kind === 'video' ? VIDEO_EXTS : DOC_EXTS).map((e) => `.${e}`).join(',')}
      showUploadList={false}
      multiple
      disabled={disabled}
      beforeUpload={(file) => {
        void addFile(file, kind);
        return false;
      }}
    >
      <Button icon={kind === 'video' ? <PlaySquareOutlined /> : <FilePdfOutlined />} disabled={disabled} data-testid={`material-add-${kind}`}>
        添加{kind === 'video' ? '视频' : '文档'}
      </Button>
    </Upload>
  );

  return (
    <div data-testid="materials">
      {value.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="至少添加一个学习资料：视频、PDF 文档或图文" />
      ) : (
        value.map((m, i) => (
          <div key={m.key} style={{ display: 'flex', gap: 12, alignItems: 'flex-start', padding: 12, border: '1px solid #f0f0f0', borderRadius: 6, marginBottom: 8, background: '#fff' }} data-testid="material-item">
            <div style={{ width: 28, textAlign: 'center', paddingTop: 4, color: 'rgba(0,0,0,0.45)', fontWeight: 600 }}>{i + 1}</div>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Space style={{ width: '100%' }} align="start">
                <Tag icon={ICON[m.kind]} color={m.kind === 'video' ? 'blue' : m.kind === 'document' ? 'orange' : 'green'} style={{ marginTop: 4 }}>
                  {MATERIAL_KIND_ZH[m.kind]}
                </Tag>
                <Input value={m.title} maxLength={60} onChange={(e) => patch(m.key, { title: e.target.value })} disabled={disabled} placeholder="资料标题" style={{ width: 360 }} status={m.title.trim().length < 2 ? 'error' : undefined} data-testid="material-title" />
              </Space>
              <div style={{ marginTop: 8, display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
                {m.kind !== 'article' && (
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                    {fileNameOf(m)}
                  </Typography.Text>
                )}
                {m.kind === 'video' && (
                  <span>
                    视频时长{' '}
                    <InputNumber size="small" min={1} max={6 * 3600} value={m.durationSeconds || null} onChange={(v) => patch(m.key, { durationSeconds: v ?? 0 } as Partial<MaterialDraft>)} disabled={disabled} style={{ width: 90 }} addonAfter="秒" />
                  </span>
                )}
                {m.kind === 'document' && (
                  <span>
                    页数 <InputNumber size="small" min={1} max={2000} value={m.pages} onChange={(v) => patch(m.key, { pages: v ?? 1 } as Partial<MaterialDraft>)} disabled={disabled} style={{ width: 90 }} />
                  </span>
                )}
                {m.kind === 'article' && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setArticle(m)} disabled={disabled} data-testid="material-edit-article">
                    {disabled ? '查看正文' : '编辑正文'}（约{articleTextLength(m.html)}字）
                  </Button>
                )}
                <span>
                  学习时长{' '}
                  <InputNumber
                    size="small"
                    min={0.5}
                    max={MAX_REQUIRED_SECONDS / 60}
                    step={1}
                    precision={1}
                    value={Math.round((m.requiredSeconds / 60) * 10) / 10}
                    onChange={(v) => patch(m.key, { requiredSeconds: Math.max(MIN_REQUIRED_SECONDS, Math.round((v ?? 0.5) * 60)) })}
                    disabled={disabled}
                    style={{ width: 110 }}
                    addonAfter="分钟"
                    data-testid="material-required"
                  />
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {formatStudyTime(m.requiredSeconds)}
                  </Typography.Text>
                </span>
              </div>
              {m.progress !== undefined && !m.uploadError && <Progress percent={Math.floor(m.progress * 100)} size="small" status="active" style={{ marginTop: 8, maxWidth: 480 }} data-testid="material-progress" />}
              {m.uploadError && <Alert type="error" showIcon message={`上传失败：${m.uploadError}`} style={{ marginTop: 8 }} />}
            </div>
            {!disabled && (
              <Space size={0}>
                <Tooltip title="上移">
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" data-testid="material-up" />
                </Tooltip>
                <Tooltip title="下移">
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label="下移" data-testid="material-down" />
                </Tooltip>
                <Popconfirm title="移除这个资料？" description="已学习的进度随资料一起移除（保存后生效）。" okText="移除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(m.key)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="移除" data-testid="material-remove" />
                </Popconfirm>
              </Space>
            )}
          </div>
        ))
      )}
      {!disabled && (
        <Space style={{ marginTop: 8 }} wrap>
          {chooser('video')}
          {chooser('document')}
          <Button icon={<PlusOutlined />} onClick={() => setArticle('new')} data-testid="material-add-article">
            添加图文
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            视频 MP4（不超过 {mb('mp4')}MB）、文档 PDF（不超过 {mb('pdf')}MB）；最多 30 个资料。
          </Typography.Text>
        </Space>
      )}
      {article && (
        <ArticleDialog
          material={article === 'new' ? null : article}
          readOnly={disabled}
          onClose={() => setArticle(null)}
          onSave={(title, html) => {
            const requiredSeconds = suggestedRequiredSeconds('article', { textLength: articleTextLength(html) });
            if (article === 'new') onChange((prev) => [...prev, { key: draftKey(), kind: 'article', title, html, requiredSeconds }]);
            else patch(article.key, { title, html } as Partial<MaterialDraft>);
            setArticle(null);
          }}
        />
      )}
    </div>
  );
}

function ArticleDialog({ material, readOnly, onClose, onSave }: { material: MaterialDraft | null; readOnly?: boolean; onClose(): void; onSave(title: string, html: string): void }) {
  const [title, setTitle] = useState(material?.title ?? '');
  const [html, setHtml] = useState(material && material.kind === 'article' ? material.html : '');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (title.trim().length < 2) return setError('标题至少2个字');
    if (articleTextLength(html) < 10) return setError('正文至少10个字');
    if (html.length > 60_000) return setError('正文过长');
    onSave(title.trim(), html);
  };
  return (
    <Modal open title={material ? (readOnly ? '图文正文' : '编辑图文') : '添加图文'} width={760} onCancel={onClose} onOk={readOnly ? onClose : save} okText={readOnly ? '关闭' : '确定'} cancelText="取消" maskClosable={false} data-testid="article-dialog">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="标题" required>
          <Input value={title} maxLength={60} showCount onChange={(e) => setTitle(e.target.value)} disabled={readOnly} data-testid="article-title" />
        </Form.Item>
        <Form.Item label="正文" required extra="支持小标题、加粗和列表；粘贴时只保留文字。保存时服务器会清除不安全的内容。" style={{ marginBottom: 0 }}>
          <RichTextEditor initialHtml={html} onChange={setHtml} disabled={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
