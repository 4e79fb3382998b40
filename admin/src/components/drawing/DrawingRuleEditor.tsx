import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { MAX_SECTIONS, type DrawingRule, type DrawingValidation } from '@shared/exam/drawing';
import { draftTotals, emptySection, ruleOf, sectionsOf, type SectionDraft } from '@shared/exam/ruleDraft';
import { cents, fromCents, QUESTION_TYPE_ZH, type Difficulty, type QuestionType } from '@shared/exam/basics';
import type { BankRow } from '@shared/contracts/exam';
import type { IndustryCode, PostCategoryCode } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { INDUSTRY_OPTIONS, POST_OPTIONS } from '../options';

export { emptySection, ruleOf, sectionsOf, type SectionDraft };

const TYPE_OPTIONS = (Object.keys(QUESTION_TYPE_ZH) as QuestionType[]).map((value) => ({ value, label: QUESTION_TYPE_ZH[value] }));
const DIFFICULTY_OPTIONS = [
  { value: 'easy', label: '易' },
  { value: 'medium', label: '中' },
  { value: 'hard', label: '难' },
];

/** The banks the account manages, for the section pickers (first 100 by update time, then by name search). */
export function useBankOptions() {
  const [banks, setBanks] = useState<BankRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    callExam('listBanks', { page: 1, pageSize: 100 })
      .then((r) => alive && setBanks(r.items))
      .catch((e) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, []);
  return { banks, error };
}

/**
 * 抽题规则: sections (banks and tag filters, type, count, points per question) with a live preview
 * from the server (previewDrawingRule: how many questions each section can draw from, how many are
 * guaranteed after the earlier sections drew, total vs full score), so a rule is known to draw
 * before it is saved. Shared by 考试模板 and 组织考试 (and any page that needs a rule).
 */
export function DrawingRuleEditor({
  value,
  onChange,
  fullScore,
  disabled,
  onValidation,
}: {
  value: SectionDraft[];
  onChange(next: SectionDraft[]): void;
  fullScore: number | null;
  disabled?: boolean;
  /** The latest server validation (null while the rule is incomplete or being checked). */
  onValidation?(v: DrawingValidation | null): void;
}) {
  const { banks, error: bankError } = useBankOptions();
  const bankName = useMemo(() => new Map(banks.map((b) => [b._id, b])), [banks]);
  const local = useMemo(() => ruleOf(value), [value]);
  const ruleKey = local.ok ? JSON.stringify(local.rule) : null;
  const [preview, setPreview] = useState<{ key: string; validation: DrawingValidation } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const seqRef = useRef(0);
  const onValidationRef = useRef(onValidation);
  onValidationRef.current = onValidation;

  useEffect(() => {
    const mine = ++seqRef.current;
    if (!ruleKey || !fullScore) {
      setChecking(false);
      onValidationRef.current?.(null);
      return;
    }
    setChecking(true);
    const key = `${ruleKey}|${fullScore}`;
    const t = setTimeout(() => {
      callExam('previewDrawingRule', { rule: JSON.parse(ruleKey) as DrawingRule, fullScore })
        .then((validation) => {
          if (mine !== seqRef.current) return;
          setPreview({ key, validation });
          setPreviewError(null);
          onValidationRef.current?.(validation);
        })
        .catch((e) => mine === seqRef.current && (setPreviewError(errorMessage(e)), onValidationRef.current?.(null)))
        .finally(() => mine === seqRef.current && setChecking(false));
    }, 400);
    return () => clearTimeout(t);
  }, [ruleKey, fullScore]);

  const current = preview && ruleKey && preview.key === `${ruleKey}|${fullScore}` ? preview.validation : null;
  const set = (key: string, patch: Partial<SectionDraft>) => onChange(value.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const totals = draftTotals(value, fullScore);
  const scoreOk = totals.matchesFull;

  const columns: ColumnsType<SectionDraft> = [
    { title: '#', key: 'i', width: 32, render: (_, __, i) => i + 1 },
    {
      title: '抽题范围（题库）',
      key: 'banks',
      render: (_, s) => (
        <Select
          mode="multiple"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder="选择题库"
          value={s.bankIds}
          onChange={(bankIds: string[]) => set(s.key, { bankIds })}
          optionFilterProp="label"
          maxTagCount="responsive"
          options={[
            ...banks.map((b) => ({ value: b._id, label: `${b.name}（单${b.counts.single}/多${b.counts.multiple}/判${b.counts.judge}）` })),
            ...s.bankIds.filter((id) => !bankName.has(id)).map((id) => ({ value: id, label: '（无权查看或已删除的题库）' })),
          ]}
          data-testid="section-banks"
        />
      ),
    },
    { title: '题型', key: 'type', width: 96, render: (_, s) => <Select disabled={disabled} style={{ width: 84 }} options={TYPE_OPTIONS} value={s.type} onChange={(type: QuestionType) => set(s.key, { type })} data-testid="section-type" /> },
    { title: '题数', key: 'count', width: 82, render: (_, s) => <InputNumber disabled={disabled} min={1} max={300} precision={0} style={{ width: 66 }} value={s.count} onChange={(count) => set(s.key, { count })} data-testid="section-count" /> },
    {
      title: '每题分值',
      key: 'score',
      width: 90,
      render: (_, s) => <InputNumber disabled={disabled} min={0.5} max={100} step={0.5} precision={1} style={{ width: 74 }} value={s.scorePerQuestion} onChange={(scorePerQuestion) => set(s.key, { scorePerQuestion })} data-testid="section-score" />,
    },
    { title: '小计', key: 'sub', width: 56, align: 'right', render: (_, s) => fromCents(cents(s.scorePerQuestion ?? 0) * (s.count ?? 0)) },
    {
      title: (
        <Tooltip title="可抽：符合条件的启用试题；保证：除去前面部分可能抽走的题后仍可抽的数量">
          <span style={{ whiteSpace: 'nowrap' }}>可抽/保证</span>
        </Tooltip>
      ),
      key: 'available',
      width: 100,
      render: (_, s, i) => {
        const p = current?.sections[i];
        if (!p) return <Typography.Text type="secondary">{checking ? '计算中…' : '—'}</Typography.Text>;
        return (
          <Tooltip title={p.enough ? '试题足够' : '试题不足，请调整题数或抽题范围'}>
            <Space size={4} style={{ whiteSpace: 'nowrap' }} data-testid="section-available" data-available={p.available} data-guaranteed={p.guaranteed} data-enough={p.enough}>
              <span>
                {p.available}/{p.guaranteed}
              </span>
              {p.enough ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="足够" /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="不足" />}
            </Space>
          </Tooltip>
        );
      },
    },
    {
      title: '',
      key: 'del',
      width: 44,
      render: (_, s) => <Button type="text" danger icon={<DeleteOutlined />} disabled={disabled || value.length <= 1} onClick={() => onChange(value.filter((x) => x.key !== s.key))} aria-label="删除此部分" data-testid="section-remove" />,
    },
  ];

  const filters = (s: SectionDraft) => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 12, padding: '4px 8px' }}>
      <div>
        <Typography.Text type="secondary">适用行业</Typography.Text>
        <Select mode="multiple" allowClear disabled={disabled} style={{ width: '100%' }} placeholder="不限（含通用题）" options={INDUSTRY_OPTIONS} optionFilterProp="label" value={s.industries} onChange={(industries: IndustryCode[]) => set(s.key, { industries })} maxTagCount="responsive" />
      </div>
      <div>
        <Typography.Text type="secondary">岗位分类</Typography.Text>
        <Select mode="multiple" allowClear disabled={disabled} style={{ width: '100%' }} placeholder="不限（含通用题）" options={POST_OPTIONS} optionFilterProp="label" value={s.postCategories} onChange={(postCategories: PostCategoryCode[]) => set(s.key, { postCategories })} maxTagCount="responsive" />
      </div>
      <div>
        <Typography.Text type="secondary">知识点</Typography.Text>
        <Select mode="tags" open={false} disabled={disabled} style={{ width: '100%' }} placeholder="不限，输入后回车" value={s.knowledgePoints} onChange={(knowledgePoints: string[]) => set(s.key, { knowledgePoints: knowledgePoints.map((k) => k.trim()).filter(Boolean) })} maxTagCount="responsive" />
      </div>
      <div>
        <Typography.Text type="secondary">难度</Typography.Text>
        <Select mode="multiple" allowClear disabled={disabled} style={{ width: '100%' }} placeholder="不限" options={DIFFICULTY_OPTIONS} value={s.difficulties} onChange={(difficulties: Difficulty[]) => set(s.key, { difficulties })} />
      </div>
    </div>
  );
  const hasFilters = (s: SectionDraft) => s.industries.length + s.postCategories.length + s.knowledgePoints.length + s.difficulties.length > 0;

  return (
    <div data-testid="drawing-rule-editor">
      {bankError && <Alert type="error" showIcon message="题库列表加载失败" description={bankError} style={{ marginBottom: 12 }} />}
      <Table<SectionDraft>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        tableLayout="fixed"
        columns={columns}
        dataSource={value}
        expandable={{
          expandedRowRender: filters,
          rowExpandable: () => true,
          expandIcon: ({ expanded, onExpand, record }) => (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={(e) => onExpand(record, e)}>
              {expanded ? '收起' : hasFilters(record) ? '条件✓' : '条件'}
            </Button>
          ),
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有抽题部分" /> }}
        data-testid="section-table"
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginTop: 12, flexWrap: 'wrap' }}>
        <Button type="dashed" icon={<PlusOutlined />} disabled={disabled || value.length >= MAX_SECTIONS} onClick={() => onChange([...value, emptySection(value.some((s) => s.type === 'single') ? (value.some((s) => s.type === 'multiple') ? 'judge' : 'multiple') : 'single', value[0]?.bankIds ?? [])])} data-testid="section-add">
          添加抽题部分
        </Button>
        <span data-testid="rule-total" data-total={totals.score} data-ok={scoreOk}>
          共 <b>{totals.questions}</b> 题，合计 <b>{totals.score}</b> 分
          {fullScore !== null && (scoreOk ? <Tag color="success" style={{ marginLeft: 8 }}>与满分 {fullScore} 分一致</Tag> : <Tag color="error" style={{ marginLeft: 8 }}>满分为 {fullScore} 分</Tag>)}
        </span>
      </div>
      <div style={{ marginTop: 12 }} data-testid="rule-check" data-state={!local.ok ? 'incomplete' : checking || !current ? 'checking' : current.ok ? 'ok' : 'problems'}>
        {!local.ok ? (
          <Alert type="warning" showIcon message={local.message} />
        ) : previewError ? (
          <Alert type="error" showIcon message="抽题预览失败" description={previewError} />
        ) : current && !current.ok ? (
          <Alert type="error" showIcon icon={<WarningOutlined />} message="抽题规则还不能使用" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{current.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>} data-testid="rule-problems" />
        ) : current ? (
          <Alert type="success" showIcon message={`每个部分的试题都足够，共 ${current.questionCount} 题、${current.totalScore} 分`} />
        ) : null}
      </div>
    </div>
  );
}

/** A card around the editor, for pages that place it among other forms. */
export function DrawingRuleCard(props: Parameters<typeof DrawingRuleEditor>[0] & { title?: string; extra?: React.ReactNode }) {
  const { title = '抽题规则', extra, ...rest } = props;
  return (
    <Card size="small" title={title} extra={extra}>
      <DrawingRuleEditor {...rest} />
    </Card>
  );
}
