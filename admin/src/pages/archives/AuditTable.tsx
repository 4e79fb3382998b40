import { useState } from 'react';
import { Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AuditRow } from '@shared/contracts/oversight';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { useLatestLoad } from '../../components/useLatestLoad';
import { callOversight } from '../../oversight';

/** Known audit actions in Chinese; others are shown as recorded. */
const ACTION_ZH: Record<string, string> = {
  'person.revealIdNumber': '查看完整身份证号',
  'enterprise.register': '企业注册',
  'enterprise.update': '修改企业信息',
  'enterprise.verifyCreditCode': '核实信用代码',
  'staff.import': '批量导入人员',
  'scoreUpload.commit': '成绩上传',
};

/** 审计日志 of one enterprise or person (who revealed which ID number, who changed what), paged. */
export function AuditTable({ target }: { target: { enterpriseId: string } | { personId: string } }) {
  const [page, setPage] = useState(1);
  const { data, loading, error, reload } = useLatestLoad(() => callOversight('auditLogs', { ...target, page, pageSize: 10 }), [JSON.stringify(target), page]);
  return (
    <>
      {error && <LoadErrorAlert what="审计日志" error={error} onRetry={reload} />}
      <Table<AuditRow>
        size="small"
        rowKey={(r) => `${r.at}${r.action}${r.targetId}`}
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无审计记录' }}
        pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '操作', dataIndex: 'action', width: 160, render: (v: string) => ACTION_ZH[v] ?? v },
          { title: '操作人', dataIndex: 'actorId', width: 200, render: (v: string | null, r) => <Typography.Text className="mono">{v ?? '—'}{r.actorKind === 'person' ? '（人员）' : ''}</Typography.Text> },
          { title: '对象', dataIndex: 'targetId', render: (v: string | null, r) => `${r.targetType ?? ''} ${v ?? ''}` },
        ]}
        data-testid="audit-table"
      />
    </>
  );
}
