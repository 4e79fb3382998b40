import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Drawer, Form, Input, Radio, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CloudError } from '@shared/client';
import { JUDGE_OPTIONS, MAX_OPTIONS, MIN_OPTIONS, OPTION_KEYS, validateQuestion, type Question, type QuestionInput, type QuestionProblem } from '@shared/exam/questions';
import type { Difficulty, QuestionType } from '@shared/exam/basics';
import type { IndustryCode, PostCategoryCode } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { newRequestId } from '../../learning';
import { INDUSTRY_OPTIONS, POST_OPTIONS } from '../../components/options';
import { DIFFICULTY_OPTIONS, QuestionStatusTag, TYPE_OPTIONS } from './bankLabels';

interface Draft {
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  analysis: string;
  difficulty: Difficulty;
  industries: IndustryCode[];
  postCategories: PostCategoryCode[];
  knowledgePoints: string[];
  lawRefs: string[];
  shuffleOptions: boolean;
}

const EMPTY: Draft = { type: 'single', stem: '', options: ['', '', '', ''], answer: [], analysis: '', difficulty: 'medium', industries: [], postCategories: [], knowledgePoints: [], lawRefs: [], shuffleOptions: true };

const draftOf = (q: Question): Draft => ({
  type: q.type,
  stem: q.stem,
  options: q.type === 'judge' ? ['', '', '', ''] : q.options.map((o) => o.text),
  answer: [...q.answer],
  analysis: q.analysis,
  difficulty: q.difficulty,
  industries: [...q.tags.industries],
  postCategories: [...q.tags.postCategories],
  knowledgePoints: [...q.tags.knowledgePoints],
  lawRefs: [...q.tags.lawRefs],
  shuffleOptions: q.shuffleOptions,
});

const inputOf = (d: Draft): QuestionInput => ({
  type: d.type,
  stem: d.stem,
  options: d.type === 'judge' ? [] : d.options.map((o) => o.trim()),
  answer: d.answer,
  analysis: d.analysis,
  difficulty: d.difficulty,
  tags: { industries: d.industries, postCategories: d.postCategories, knowledgePoints: d.knowledgePoints, lawRefs: d.lawRefs },
  shuffleOptions: d.type !== 'judge' && d.shuffleOptions,
});

/** Problems by field: `stem`, `options` (whole list), `options.<i>`, `answer`, others. */
function byField(problems: QuestionProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const f = p.field.startsWith('tags') ? 'tags' : p.field;
    if (!out[f]) out[f] = p.message;
  }
  return out;
}

/**
 * 新增 / 编辑试题. Checked in the browser with the function's own validator (same codes, same
 * Chinese); an edit of a question saves version + 1 — attempts keep the version they drew.
 */
export function QuestionDrawer({ bankId, questionId, onClose, onSaved }: { bankId: string; questionId: string | null; onClose(): void; onSaved(q: Question, created: boolean): void }) {
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<{ question: Question; versions: { _id: string; version: number; updatedAt: string }[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverProblems, setServerProblems] = useState<QuestionProblem[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);

  useEffect(() => {
    if (!questionId) return;
    let alive = true;
    callExam('getQuestion', { questionId })
      .then((r) => {
        if (!alive) return;
        setLoaded(r);
        setDraft(draftOf(r.question));
      })
      .catch((e) => alive && setLoadError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [questionId]);

  const check = useMemo(() => validateQuestion(inputOf(draft)), [draft]);
  const problems = byField(touched ? [...(check.ok ? [] : check.problems), ...serverProblems] : serverProblems);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerProblems([]);
    setSaveError(null);
  };
  const setType = (type: QuestionType) => {
    const min = type === 'judge' ? 0 : MIN_OPTIONS[type];
    set({ type, answer: type === draft.type ? draft.answer : [], options: draft.options.length >= min ? draft.options : [...draft.options, ...Array<string>(min - draft.options.length).fill('')] });
  };
  const removeOption = (i: number) => {
    const key = OPTION_KEYS[i];
    // Letters after the removed option move up one: the answer follows its options.
    const answer = draft.answer.filter((a) => a !== key).map((a) => (OPTION_KEYS.indexOf(a as never) > i ? OPTION_KEYS[OPTION_KEYS.indexOf(a as never) - 1] : a));
    set({ options: draft.options.filter((_, j) => j !== i), answer });
  };

  const save = async () => {
    setTouched(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      if (loaded) {
        const r = await callExam('updateQuestion', { questionId: loaded.question._id, expectedVersion: loaded.question.version, question: inputOf(draft) });
        message.success(r.changed ? `已保存为第 ${r.question.version} 版` : '内容没有变化，未生成新版本');
        onSaved(r.question, false);
      } else {
        const r = await callExam('createQuestion', { bankId, requestId, question: inputOf(draft) });
        message.success('试题已添加');
        onSaved(r.question, true);
      }
    } catch (e) {
      const details = e instanceof CloudError ? (e.details as { problems?: QuestionProblem[] } | undefined) : undefined;
      if (details?.problems?.length) setServerProblems(details.problems);
      setSaveError(e instanceof CloudError && e.code === 'CONFLICT' ? '该试题已被他人修改，请关闭后重新打开编辑' : errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const keys = draft.type === 'judge' ? JUDGE_OPTIONS.map((o) => o.key) : OPTION_KEYS.slice(0, draft.options.length);
  const optionLabel = (k: string, i: number) => (draft.type === 'judge' ? JUDGE_OPTIONS[i].text : `${k}${draft.options[i]?.trim() ? `. ${draft.options[i].trim().slice(0, 16)}` : ''}`);
  const title = !questionId ? '新增试题' : loaded ? `编辑试题（当前第 ${loaded.question.version} 版）` : '编辑试题';

  return (
    <Drawer
      open
      title={title}
      width={720}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => void save()} loading={saving} disabled={Boolean(questionId && !loaded)} data-testid="question-save">
            {loaded ? '保存为新版本' : '保存'}
          </Button>
        </Space>
      }
      data-testid="question-drawer"
    >
      {questionId && !loaded ? (
        loadError ? (
          <Alert type="error" showIcon message="试题加载失败" description={loadError} />
        ) : (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin />
          </div>
        )
      ) : (
        <>
          {loaded && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="question-version-note"
              message={`修改内容后保存将生成第 ${loaded.question.version + 1} 版`}
              description={
                <Space direction="vertical" size={4}>
                  <span>已作答的考试和练习保留作答时的版本；之后的抽题只使用最新版本。</span>
                  <Descriptions size="small" column={2}>
                    <Descriptions.Item label="状态">
                      <QuestionStatusTag status={loaded.question.status} />
                    </Descriptions.Item>
                    <Descriptions.Item label="历史版本">
                      <Space size={4} wrap>
                        {loaded.versions.map((v) => (
                          <Tag key={v._id} color={v.version === loaded.question.version ? 'blue' : undefined}>
                            第{v.version}版 {dayjs(v.updatedAt).format('MM-DD HH:mm')}
                          </Tag>
                        ))}
                      </Space>
                    </Descriptions.Item>
                  </Descriptions>
                </Space>
              }
            />
          )}
          {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} data-testid="question-save-error" />}
          <Form layout="vertical">
            <Form.Item label="题型" required>
              <Radio.Group optionType="button" buttonStyle="solid" options={TYPE_OPTIONS} value={draft.type} onChange={(e) => setType(e.target.value as QuestionType)} data-testid="question-type" />
            </Form.Item>
            <Form.Item label="题干" required validateStatus={problems.stem ? 'error' : undefined} help={problems.stem}>
              <Input.TextArea rows={3} maxLength={500} showCount value={draft.stem} onChange={(e) => set({ stem: e.target.value })} placeholder="例如：进入施工现场必须（ ）。" data-testid="question-stem" />
            </Form.Item>
            {draft.type !== 'judge' && (
              <Form.Item label="选项" required validateStatus={problems.options ? 'error' : undefined} help={problems.options} extra={`${draft.type === 'single' ? '单选题至少2个' : '多选题至少3个'}、最多${MAX_OPTIONS}个选项，从A起连续填写`}>
                <Space direction="vertical" style={{ width: '100%' }} data-testid="question-options">
                  {draft.options.map((text, i) => (
                    <Form.Item key={i} style={{ marginBottom: 0 }} validateStatus={problems[`options.${i}`] ? 'error' : undefined} help={problems[`options.${i}`]}>
                      <Space.Compact style={{ width: '100%' }}>
                        <Button disabled style={{ width: 40, color: 'rgba(0,0,0,0.65)' }}>
                          {OPTION_KEYS[i]}
                        </Button>
                        <Input value={text} maxLength={200} onChange={(e) => set({ options: draft.options.map((o, j) => (j === i ? e.target.value : o)) })} placeholder={`选项${OPTION_KEYS[i]}`} data-testid={`question-option-${i}`} />
                        <Button icon={<DeleteOutlined />} onClick={() => removeOption(i)} disabled={draft.options.length <= MIN_OPTIONS[draft.type as 'single' | 'multiple']} aria-label={`删除选项${OPTION_KEYS[i]}`} />
                      </Space.Compact>
                    </Form.Item>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => set({ options: [...draft.options, ''] })} disabled={draft.options.length >= MAX_OPTIONS} data-testid="question-add-option">
                    添加选项
                  </Button>
                </Space>
              </Form.Item>
            )}
            <Form.Item label="正确答案" required validateStatus={problems.answer ? 'error' : undefined} help={problems.answer} extra={draft.type === 'multiple' ? '多选题至少两个正确答案' : undefined}>
              {draft.type === 'multiple' ? (
                <Checkbox.Group options={keys.map((k, i) => ({ value: k, label: optionLabel(k, i) }))} value={draft.answer} onChange={(v) => set({ answer: (v as string[]).sort() })} data-testid="question-answer" />
              ) : (
                <Radio.Group options={keys.map((k, i) => ({ value: k, label: optionLabel(k, i) }))} value={draft.answer[0]} onChange={(e) => set({ answer: [e.target.value as string] })} data-testid="question-answer" />
              )}
            </Form.Item>
            <Form.Item label="解析" validateStatus={problems.analysis ? 'error' : undefined} help={problems.analysis} extra="考后回顾和练习作答后展示给学员（选填）">
              <Input.TextArea rows={3} maxLength={1000} showCount value={draft.analysis} onChange={(e) => set({ analysis: e.target.value })} data-testid="question-analysis" />
            </Form.Item>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
              <Form.Item label="难度">
                <Radio.Group optionType="button" options={DIFFICULTY_OPTIONS} value={draft.difficulty} onChange={(e) => set({ difficulty: e.target.value as Difficulty })} />
              </Form.Item>
              {draft.type !== 'judge' ? (
                <Form.Item label="选项乱序" extra="含“以上都对”等选项时请关闭">
                  <Switch checked={draft.shuffleOptions} onChange={(shuffleOptions) => set({ shuffleOptions })} checkedChildren="每人乱序" unCheckedChildren="固定顺序" />
                </Form.Item>
              ) : (
                <div />
              )}
              <Form.Item label="适用行业" extra="不选为通用">
                <Select mode="multiple" allowClear maxCount={5} options={INDUSTRY_OPTIONS} optionFilterProp="label" value={draft.industries} onChange={(industries) => set({ industries })} placeholder="通用" />
              </Form.Item>
              <Form.Item label="岗位分类" extra="不选为全部岗位">
                <Select mode="multiple" allowClear maxCount={5} options={POST_OPTIONS} optionFilterProp="label" value={draft.postCategories} onChange={(postCategories) => set({ postCategories })} placeholder="全部岗位" />
              </Form.Item>
              <Form.Item label="知识点" validateStatus={problems.tags ? 'error' : undefined} help={problems.tags}>
                <Select mode="tags" maxCount={5} value={draft.knowledgePoints} onChange={(knowledgePoints: string[]) => set({ knowledgePoints: knowledgePoints.map((k) => k.trim()).filter(Boolean) })} placeholder="输入后回车" open={false} data-testid="question-knowledge" />
              </Form.Item>
              <Form.Item label="法规依据">
                <Select mode="tags" maxCount={5} value={draft.lawRefs} onChange={(lawRefs: string[]) => set({ lawRefs: lawRefs.map((k) => k.trim()).filter(Boolean) })} placeholder="例如 《安全生产法》第五十七条，回车添加" open={false} />
              </Form.Item>
            </div>
            {touched && !check.ok && (
              <Typography.Text type="danger" data-testid="question-problems">
                请先修正：{check.problems.map((p) => p.message).join('；')}
              </Typography.Text>
            )}
          </Form>
        </>
      )}
    </Drawer>
  );
}
