import { commitInChunks, emptySums, ImportCommitError, type ImportSums } from '@shared/importCommit';
import { useEffect, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Loading, Progress } from '@nutui/nutui-react-taro';
import type { ImportCredential, ImportPlan, ImportProblem } from '@shared/contracts';
import { CloudError } from '@shared/client';
import { adminCall, clearAdminSession, getAdminSession } from '../../../services/adminSession';
import { uploadFile, type UploadSource } from '../../../services/storage';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import './index.scss';

const MAX_BYTES = 2 * 1024 * 1024;
const ELSEWHERE_NOTE = '已在其他单位注册或任职，需本人在小程序申请加入本企业';
const PASSWORD_NOTE = '新增人员各有一个随机初始密码，导入完成后仅显示一次，请复制或记录后告知本人；首次登录须修改密码。';

type Sums = ImportSums;

type Phase =
  | { kind: 'idle'; error?: string; problems?: ImportProblem[] }
  | { kind: 'checking'; name: string }
  | { kind: 'planned'; name: string; fileID: string; plan: ImportPlan }
  | { kind: 'committing'; name: string; fileID: string; plan: ImportPlan; offset: number; processed: number; total: number; sums: Sums; credentials: ImportCredential[]; error?: string }
  | { kind: 'done'; total: number; sums: Sums; elsewhere: number; credentials: ImportCredential[] };

const isSessionError = (err: unknown) => err instanceof CloudError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');

function Problems({ problems }: { problems: ImportProblem[] }) {
  return (
    <View className='import-problems'>
      {problems.slice(0, 200).map((p, i) => (
        <View key={i} className='import-problems__item'>
          <Text className='import-problems__where'>
            第{p.row}行 · {p.column}
          </Text>
          <Text className='import-problems__reason'>{p.reason}</Text>
        </View>
      ))}
      {problems.length > 200 && <Text className='import-problems__more'>另有 {problems.length - 200} 处错误未显示</Text>}
    </View>
  );
}

/** 共 N 行：新增 …; never "N 新增" when nothing was written. */
function resultText(total: number, sums: Sums): string {
  const written = [sums.created ? `新增 ${sums.created} 人` : '', sums.updated ? `更新 ${sums.updated} 人` : ''].filter(Boolean).join('，');
  return written ? `共 ${total} 行：${written}。` : `共 ${total} 行，未写入任何人员。`;
}

/** The dry run: what would be written, what would not (and why), and the problems to fix. */
function PlanCard({ plan, picker, onReset, onCommit }: { plan: ImportPlan; picker: ReactNode; onReset: () => void; onCommit: () => void }) {
  const writes = plan.create + plan.update;
  const cells: [string, number, string][] = [
    ['新增', plan.create, 'create'],
    ['更新', plan.update, 'update'],
    ['无变化', plan.unchanged, 'unchanged'],
    ['未写入', plan.elsewhere, 'elsewhere'],
  ];
  return (
    <View className='import-card'>
      <Text className='import-card__title'>预检结果：共 {plan.total} 行</Text>
      <View className='import-summary'>
        {cells.map(([label, n, key]) => (
          <View key={key} className={`import-summary__cell import-summary__cell--${key}`}>
            <Text className='import-summary__num'>{n}</Text>
            <Text className='import-summary__label'>{label}</Text>
          </View>
        ))}
      </View>
      {plan.problems.length > 0 ? (
        <>
          <View className='import-error'>
            <Text>发现 {plan.problems.length} 处错误，未写入任何数据。请在电脑上修正后重新发送文件。</Text>
          </View>
          <Problems problems={plan.problems} />
          {picker}
        </>
      ) : (
        <>
          {plan.elsewhere > 0 && (
            <View className='import-elsewhere'>
              <Text className='import-elsewhere__title'>
                {plan.elsewhere} 人不会写入：{ELSEWHERE_NOTE}（本人申请后在“人员审核”中通过）。
              </Text>
              {plan.elsewhereRows.slice(0, 100).map((r) => (
                <Text key={r.row} className='import-elsewhere__row'>
                  第{r.row}行 · {r.name}
                </Text>
              ))}
              {plan.elsewhereRows.length > 100 && <Text className='import-elsewhere__row'>另有 {plan.elsewhereRows.length - 100} 人未列出</Text>}
            </View>
          )}
          {writes > 0 ? (
            <>
              {plan.create > 0 && <Text className='import-note'>{PASSWORD_NOTE}</Text>}
              <View className='import-actions'>
                <Button onClick={onReset}>重新选择</Button>
                <Button className='import-confirm' type='primary' onClick={onCommit}>
                  确认导入
                </Button>
              </View>
            </>
          ) : (
            <>
              <Text className='import-note import-nothing'>
                {plan.total === 0 ? '文件中没有人员数据。' : plan.elsewhere > 0 ? '没有可写入的人员。' : '文件中的人员均已在本企业，信息无变化，无需导入。'}
              </Text>
              <View className='import-actions'>
                <Button type='primary' onClick={onReset}>
                  重新选择文件
                </Button>
              </View>
            </>
          )}
        </>
      )}
    </View>
  );
}

/** New accounts' one-time passwords: shown once (the server keeps only their hashes). */
function Credentials({ items }: { items: ImportCredential[] }) {
  const copyAll = () => {
    const text = ['行号\t姓名\t身份证号\t初始密码', ...items.map((c) => `${c.row}\t${c.name}\t${c.idMasked}\t${c.oneTimePassword}`)].join('\n');
    void Taro.setClipboardData({ data: text })
      .then(() => toast('已复制'))
      .catch(() => toast('复制失败，请手动记录'));
  };
  return (
    <View className='import-credentials'>
      <View className='import-credentials__head'>
        <Text className='import-credentials__title'>新增人员初始密码（{items.length} 人）</Text>
        <Button className='import-copy-all' size='small' type='primary' fill='outline' onClick={copyAll}>
          复制全部
        </Button>
      </View>
      <Text className='import-credentials__warn'>初始密码只显示这一次，离开本页后无法再查看。请复制或记录后告知本人，首次登录须修改密码。</Text>
      {items.map((c) => (
        <View key={c.row} className='import-credentials__item'>
          <View className='import-credentials__who'>
            <Text className='import-credentials__name'>{c.name}</Text>
            <Text className='import-credentials__id'>{c.idMasked}</Text>
          </View>
          <Text className='import-credentials__pw' userSelect>
            {c.oneTimePassword}
          </Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 导入员工 (enterprise admin): pick an xlsx received in a WeChat chat (chooseMessageFile; a file
 * input in H5), upload it to storage, server dry run (nothing written), then commit in chunks.
 */
export default function AdminImportPage() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const toLogin = () => {
    clearAdminSession();
    void Taro.redirectTo({ url: '/pages/admin/login/index' });
  };
  useEffect(() => {
    if (!getAdminSession()) toLogin();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const fail = (err: unknown, problems: ImportProblem[] = []) => {
    if (isSessionError(err)) return toLogin();
    const fromServer = err instanceof CloudError ? ((err.details as { problems?: ImportProblem[] } | undefined)?.problems ?? []) : [];
    setPhase({ kind: 'idle', error: errorMessage(err), problems: problems.length ? problems : fromServer });
  };

  async function check(src: UploadSource, size: number) {
    if (!/\.xlsx$/i.test(src.name)) return setPhase({ kind: 'idle', error: '请选择 .xlsx 格式的 Excel 文件' });
    if (size > MAX_BYTES) return setPhase({ kind: 'idle', error: '文件不能超过2MB，请分批导入' });
    setPhase({ kind: 'checking', name: src.name });
    try {
      const fileID = await uploadFile(src);
      const plan = await adminCall('imports', 'staffImportDryRun', { fileID });
      setPhase({ kind: 'planned', name: src.name, fileID, plan });
    } catch (err) {
      fail(err);
    }
  }

  async function chooseFromChat() {
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
      const f = res.tempFiles[0];
      if (f) await check({ filePath: f.path, name: f.name, size: f.size }, f.size);
    } catch {
      // Cancelled by the user: nothing to do.
    }
  }

  async function commit(start: Extract<Phase, { kind: 'planned' | 'committing' }>) {
    const base = { name: start.name, fileID: start.fileID, plan: start.plan };
    const from = start.kind === 'committing' ? { offset: start.offset, sums: start.sums } : { offset: 0, sums: emptySums() };
    // One-time passwords of every chunk (a retried chunk finds its persons existing: none twice).
    const creds = new Map<number, ImportCredential>((start.kind === 'committing' ? start.credentials : []).map((c) => [c.row, c]));
    const credentials = () => [...creds.values()].sort((a, b) => a.row - b.row);
    setPhase({ kind: 'committing', ...base, offset: from.offset, processed: from.offset, total: start.plan.total, sums: from.sums, credentials: credentials() });
    try {
      const r = await commitInChunks(
        async (offset, limit) => {
          // The contract allows ≤ 100 rows a call (each new account hashes a password at full cost).
          const res = await adminCall('imports', 'staffImportCommit', { fileID: start.fileID, offset, limit: Math.min(limit, 100) });
          for (const c of res.credentials ?? []) creds.set(c.row, c);
          // The shared loop sums the counts; `transfers` no longer exists on the server (0).
          const chunk = { ...res, transfers: 0 };
          return chunk;
        },
        { ...from, total: start.plan.total },
        (p) => void setPhase({ kind: 'committing', ...base, ...p, credentials: credentials() }),
      );
      if (r) setPhase({ kind: 'done', total: r.total, sums: r.sums, elsewhere: start.plan.elsewhere, credentials: credentials() });
    } catch (err) {
      if (!(err instanceof ImportCommitError)) throw err;
      if (isSessionError(err.failure)) return toLogin();
      setPhase({ kind: 'committing', ...base, ...err.progress, credentials: credentials(), error: errorMessage(err.failure) });
    }
  }

  const picker =
    process.env.TARO_ENV === 'h5' ? (
      <View className='import-picker'>
        <input
          className='import-picker__input'
          type='file'
          accept='.xlsx'
          data-testid='mp-import-file'
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void check({ file: f, name: f.name }, f.size);
          }}
        />
        <Text className='import-picker__label'>选择 Excel 文件（.xlsx）</Text>
      </View>
    ) : (
      <Button type='primary' block onClick={() => void chooseFromChat()}>
        从微信聊天中选择 Excel 文件
      </Button>
    );

  return (
    <View className='page admin-import-page'>
      <View className='import-intro'>
        <Text className='import-intro__title'>批量导入员工</Text>
        <Text className='import-intro__desc'>
          请在电脑端管理后台下载导入模板，填写后发送到微信聊天，再在此选择该文件。先预检，确认后才写入；同一文件重复导入不会产生重复数据。
        </Text>
      </View>

      {phase.kind === 'idle' && (
        <View className='import-card'>
          {phase.error && (
            <View className='import-error'>
              <Text>{phase.error}</Text>
            </View>
          )}
          {phase.problems && phase.problems.length > 0 && <Problems problems={phase.problems} />}
          {picker}
        </View>
      )}

      {phase.kind === 'checking' && (
        <View className='import-card import-card--center'>
          <Loading>正在上传并预检“{phase.name}”…</Loading>
        </View>
      )}

      {phase.kind === 'planned' && <PlanCard plan={phase.plan} picker={picker} onReset={() => setPhase({ kind: 'idle' })} onCommit={() => void commit(phase)} />}

      {phase.kind === 'committing' && (
        <View className='import-card'>
          <Text className='import-card__title'>
            正在导入：{phase.processed} / {phase.total} 行
          </Text>
          <Progress
            percent={phase.total ? Math.floor((phase.processed / phase.total) * 100) : 100}
            showText
            animated={!phase.error}
            color={phase.error ? '#dc2626' : '#1d5fbf'}
          />
          {phase.error && (
            <>
              <View className='import-error'>
                <Text>导入中断：{phase.error}。已导入的数据不会重复，可继续导入。</Text>
              </View>
              <Button type='primary' block onClick={() => void commit(phase)}>
                继续导入
              </Button>
              {/* Already created: their one-time passwords are not shown again after a retry. */}
              {phase.credentials.length > 0 && <Credentials items={phase.credentials} />}
            </>
          )}
        </View>
      )}

      {phase.kind === 'done' && (
        <View className='import-card'>
          <Progress percent={100} showText color='#16a34a' />
          <Text className='import-card__title import-done'>导入完成</Text>
          <Text className='import-note import-result'>{resultText(phase.total, phase.sums)}</Text>
          {phase.elsewhere > 0 && (
            <Text className='import-note'>
              {phase.elsewhere} 人未写入：{ELSEWHERE_NOTE}。
            </Text>
          )}
          {phase.credentials.length > 0 && <Credentials items={phase.credentials} />}
          <View className='import-actions'>
            <Button onClick={() => setPhase({ kind: 'idle' })}>继续导入</Button>
            <Button type='primary' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/admin/approvals/index' }))}>
              返回
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
