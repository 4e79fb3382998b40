import { useState } from 'react';
import { Button, Input, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Paged } from '@shared/contracts/common';
import type { StaffRow } from '@shared/contracts/people';
import { POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { call } from '../../api';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { useDepartmentOptions, useLatestLoad } from '../../components/useLatestLoad';

export interface Attendee {
  personId: string;
  name: string;
}

/**
 * 参训人员 from the enterprise's current staff: searchable, filterable by department, server-paged;
 * the selection survives paging and searching (names kept for the summary).
 */
export function AttendeePicker({ value, onChange }: { value: Attendee[]; onChange(next: Attendee[]): void }) {
  const [keyword, setKeyword] = useState('');
  const [draft, setDraft] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const departments = useDepartmentOptions();

  const { data, loading, error, reload } = useLatestLoad<Paged<StaffRow>>(
    () => call('org', 'listStaff', { status: 'active', keyword, departmentId, sort: 'name', page, pageSize: 10 }),
    [keyword, departmentId, page],
  );

  const selectedIds = value.map((a) => a.personId);
  const pageRows = data?.items ?? [];
  const setPageSelection = (idsOnPage: string[]) => {
    const onPage = new Set(pageRows.map((r) => r._id));
    const kept = value.filter((a) => !onPage.has(a.personId));
    onChange([...kept, ...pageRows.filter((r) => idsOnPage.includes(r._id)).map((r) => ({ personId: r._id, name: r.name }))]);
  };

  return (
    <div data-testid="attendee-picker">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
          placeholder="姓名/手机号/身份证号后4位"
          style={{ width: 220 }}
          value={draft}
          maxLength={50}
          onChange={(e) => {
            setDraft(e.target.value);
            if (!e.target.value && keyword) (setKeyword(''), setPage(1));
          }}
          onPressEnter={() => (setKeyword(draft.trim()), setPage(1))}
          data-testid="attendee-keyword"
        />
        <TreeSelect allowClear treeData={departments} treeDefaultExpandAll placeholder="全部部门" style={{ width: 180 }} value={departmentId} onChange={(v?: string) => (setDepartmentId(v), setPage(1))} notFoundContent="尚未设置部门" />
        <Button onClick={() => (setKeyword(draft.trim()), setPage(1))}>搜索</Button>
      </Space>
      {error && <LoadErrorAlert what="人员" error={error} onRetry={reload} />}
      <Table<StaffRow>
        rowKey="_id"
        size="small"
        loading={loading}
        dataSource={pageRows}
        rowSelection={{ selectedRowKeys: selectedIds.filter((id) => pageRows.some((r) => r._id === id)), onChange: (keys) => setPageSelection(keys as string[]) }}
        pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 人` }}
        onChange={(p) => setPage(p.current ?? 1)}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '身份证号', dataIndex: 'idMasked', render: (v: string) => <span className="mono">{v}</span> },
          { title: '部门', dataIndex: 'departmentName', width: 120, render: (v: string | null) => v || '未分配' },
          { title: '岗位', dataIndex: 'postCategory', width: 120, render: (v: string) => labelOf(POST_CATEGORIES, v) },
        ]}
        locale={{ emptyText: keyword || departmentId ? '没有符合条件的在职人员' : '暂无在职人员' }}
        data-testid="attendee-table"
      />
      <div style={{ marginTop: 8 }}>
        <Typography.Text>
          已选 <Typography.Text strong data-testid="attendee-count">{value.length}</Typography.Text> 人
        </Typography.Text>
        {value.length > 0 && (
          <Button type="link" size="small" onClick={() => onChange([])}>
            清空
          </Button>
        )}
        <div style={{ maxHeight: 84, overflow: 'auto', marginTop: 4 }}>
          {value.map((a) => (
            <Tag key={a.personId} closable onClose={() => onChange(value.filter((x) => x.personId !== a.personId))} style={{ marginBottom: 4 }}>
              {a.name}
            </Tag>
          ))}
        </div>
      </div>
    </div>
  );
}
