import { commitInChunks, emptySums, ImportCommitError, type ImportSums } from '@shared/importCommit';
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Loading, Progress } from '@nutui/nutui-react-taro';
import type { ImportPlan, ImportProblem } from '@shared/contracts';
import { CloudError } from '@shared/client';
import { adminCall, clearAdminSession, getAdminSession } from '../../../services/adminSession';
import { uploadFile, type UploadSource } from '../../../services/storage';
import { errorMessage } from '../../../utils/errors';
import './index.scss';

const MAX_BYTES = 2 * 1024 * 1024;
const PASSWORD_NOTE = '新导入人员的初始密码为 Ax + 身份证号码后6位，请告知本人；首次登录须修改密码。';

type Sums = ImportSums;

type Phase =
  | { kind: 'idle'; error?: string; problems?: ImportProblem[] }
  | { kind: 'checking'; name: string }
  | { kind: 'planned'; name: string; fileID: string; plan: ImportPlan }
  | { kind: 'committing'; name: string; fileID: string; plan: ImportPlan; offset: number; processed: number; total: number; sums: Sums; error?: string }
  | { kind: 'done'; total: number; sums: Sums };

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
      if (f) await check({ filePath: f.path, name: f.name }, f.size);
    } catch {
      // Cancelled by the user: nothing to do.
    }
  }

  async function commit(start: Extract<Phase, { kind: 'planned' | 'committing' }>) {
    const base = { name: start.name, fileID: start.fileID, plan: start.plan };
    const from = start.kind === 'committing' ? { offset: start.offset, sums: start.sums } : { offset: 0, sums: emptySums() };
    setPhase({ kind: 'committing', ...base, offset: from.offset, processed: from.offset, total: start.plan.total, sums: from.sums });
    try {
      const r = await commitInChunks(
        (offset, limit) => adminCall('imports', 'staffImportCommit', { fileID: start.fileID, offset, limit }),
        { ...from, total: start.plan.total },
        (p) => void setPhase({ kind: 'committing', ...base, ...p }),
      );
      if (r) setPhase({ kind: 'done', total: r.total, sums: r.sums });
    } catch (err) {
      if (!(err instanceof ImportCommitError)) throw err;
      if (isSessionError(err.failure)) return toLogin();
      setPhase({ kind: 'committing', ...base, ...err.progress, error: errorMessage(err.failure) });
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

      {phase.kind === 'planned' && (
        <View className='import-card'>
          <Text className='import-card__title'>预检结果：共 {phase.plan.total} 行</Text>
          <View className='import-summary'>
            {(
              [
                ['新增', phase.plan.create],
                ['更新', phase.plan.update],
                ['无变化', phase.plan.unchanged],
                ['转入申请', phase.plan.transfer],
              ] as const
            ).map(([label, n]) => (
              <View key={label} className='import-summary__cell'>
                <Text className='import-summary__num'>{n}</Text>
                <Text className='import-summary__label'>{label}</Text>
              </View>
            ))}
          </View>
          {phase.plan.problems.length > 0 ? (
            <>
              <View className='import-error'>
                <Text>发现 {phase.plan.problems.length} 处错误，未写入任何数据。请在电脑上修正后重新发送文件。</Text>
              </View>
              <Problems problems={phase.plan.problems} />
              {picker}
            </>
          ) : (
            <>
              {phase.plan.transfer > 0 && (
                <Text className='import-note'>{phase.plan.transfer} 人目前在其他企业任职：将生成“更换企业”申请，审核通过后才转入本企业。</Text>
              )}
              <Text className='import-note'>{PASSWORD_NOTE}</Text>
              <View className='import-actions'>
                <Button onClick={() => setPhase({ kind: 'idle' })}>重新选择</Button>
                <Button className='import-confirm' type='primary' onClick={() => void commit(phase)} disabled={phase.plan.total === 0}>
                  确认导入
                </Button>
              </View>
            </>
          )}
        </View>
      )}

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
            </>
          )}
        </View>
      )}

      {phase.kind === 'done' && (
        <View className='import-card'>
          <Progress percent={100} showText color='#16a34a' />
          <Text className='import-card__title import-done'>导入完成</Text>
          <Text className='import-note'>
            共 {phase.total} 行：新增 {phase.sums.created} 人，更新 {phase.sums.updated} 人，生成转入申请 {phase.sums.transfers} 条。
          </Text>
          <Text className='import-note'>{PASSWORD_NOTE}</Text>
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
