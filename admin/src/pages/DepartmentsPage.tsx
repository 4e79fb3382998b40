import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Skeleton, Space, Tooltip, Tree, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { DataNode } from 'antd/es/tree';
import type { DepartmentItem } from '@shared/contracts/org';
import { CloudError, fieldErrorsOf } from '@shared/client';
import { call, errorMessage } from '../api';
import { PageHeader } from '../components/PageHeader';
import { buildDeptTree, deptSelectData, subtreeIds, type DeptNode } from '../components/departments';
import { LoadErrorAlert } from '../components/LoadErrorAlert';
import { useGuardedClose } from '../components/guardedClose';

type Dialog =
  | { kind: 'create'; parent: DepartmentItem | null }
  | { kind: 'rename'; dept: DepartmentItem }
  | { kind: 'move'; dept: DepartmentItem };

const ROOT = '__root__';

/** 部门管理: the enterprise's department tree; delete only when a department has no staff and no children. */
export default function DepartmentsPage() {
  const { message } = App.useApp();
  const [items, setItems] = useState<DepartmentItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    call('org', 'listDepartments', {})
      .then(({ items }) => setItems(items))
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  const tree = useMemo(() => buildDeptTree(items ?? []), [items]);
  const totalStaff = tree.reduce((s, n) => s + n.totalStaff, 0);

  const remove = async (d: DepartmentItem) => {
    try {
      await call('org', 'deleteDepartment', { departmentId: d._id });
      message.success(`已删除部门“${d.name}”`);
      load();
    } catch (e) {
      // The server's message names what blocks the delete (e.g. which child department).
      if (e instanceof CloudError && e.code === 'DEPARTMENT_NOT_EMPTY') message.warning(errorMessage(e));
      else message.error(errorMessage(e));
    }
  };

  const toData = (list: DeptNode[]): DataNode[] =>
    list.map((n) => ({
      key: n.dept._id,
      title: (
        <span className="dept-node" data-testid="dept-node" data-dept={n.dept.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 12 }}>
          <span>
            <Typography.Text strong={!n.dept.parentId}>{n.dept.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }} data-testid="dept-count">
              {n.dept.staffCount} 人{n.children.length ? ` · 含下级 ${n.totalStaff} 人` : ''}
            </Typography.Text>
          </span>
          <Space size={0} className="dept-actions" onClick={(e) => e.stopPropagation()}>
            <Tooltip title="添加下级部门">
              <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: n.dept })} data-testid="dept-add-child">
                下级
              </Button>
            </Tooltip>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'rename', dept: n.dept })} data-testid="dept-rename">
              重命名
            </Button>
            <Button type="link" size="small" icon={<DragOutlined />} onClick={() => setDialog({ kind: 'move', dept: n.dept })} data-testid="dept-move">
              移动
            </Button>
            <Popconfirm
              title={`删除部门“${n.dept.name}”？`}
              description="仅能删除没有人员且没有下级部门的部门。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(n.dept)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="dept-delete">
                删除
              </Button>
            </Popconfirm>
          </Space>
        </span>
      ),
      children: toData(n.children),
    }));

  return (
    <>
      <PageHeader
        title="部门管理"
        description="维护本企业的组织架构。添加和调整员工时可选择所属部门。"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={load}>
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null })} data-testid="dept-add-root">
              添加一级部门
            </Button>
          </Space>
        }
      />
      <Card
        data-testid="dept-tree-card"
        title={items ? `共 ${items.length} 个部门 · 已分配部门的员工 ${totalStaff} 人` : undefined}
        extra={tree.length ? <Typography.Text type="secondary">将鼠标移到部门上，可添加下级、重命名、移动或删除</Typography.Text> : undefined}
      >
        {error ? (
          <LoadErrorAlert what="部门" error={error} onRetry={load} />
        ) : loading && !items ? (
          <Skeleton active />
        ) : !tree.length ? (
          <Empty description="还没有部门" data-testid="dept-empty">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null })}>
              添加一级部门
            </Button>
          </Empty>
        ) : (
          <Tree
            blockNode
            showLine
            selectable={false}
            treeData={toData(tree)}
            expandedKeys={expanded ?? (items ?? []).map((d) => d._id)}
            onExpand={setExpanded}
            data-testid="dept-tree"
          />
        )}
      </Card>
      {dialog && (
        <DeptDialog
          dialog={dialog}
          tree={tree}
          onClose={() => setDialog(null)}
          onDone={(msg, newId) => {
            setDialog(null);
            message.success(msg);
            if (newId && expanded) setExpanded([...expanded, newId]);
            if (dialog.kind === 'create' && dialog.parent && expanded && !expanded.includes(dialog.parent._id)) setExpanded([...expanded, dialog.parent._id]);
            load();
          }}
        />
      )}
    </>
  );
}

function DeptDialog({ dialog, tree, onClose, onDone }: { dialog: Dialog; tree: DeptNode[]; onClose: () => void; onDone: (message: string, newId?: string) => void }) {
  const [form] = Form.useForm<{ name: string; parentId: string }>();
  const guardedClose = useGuardedClose(form, onClose);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const title =
    dialog.kind === 'create' ? (dialog.parent ? `在“${dialog.parent.name}”下添加部门` : '添加一级部门') : dialog.kind === 'rename' ? '重命名部门' : `移动部门“${dialog.dept.name}”`;

  const moveTargets = useMemo(() => {
    if (dialog.kind !== 'move') return [];
    const blocked = subtreeIds(tree, dialog.dept._id);
    return [{ value: ROOT, title: '（作为一级部门）', children: [] }, ...deptSelectData(tree, blocked)];
  }, [dialog, tree]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      if (dialog.kind === 'create') {
        const { department } = await call('org', 'createDepartment', { name: v.name.trim(), parentId: dialog.parent?._id ?? null });
        onDone(`已添加部门“${department.name}”`, department._id);
      } else if (dialog.kind === 'rename') {
        await call('org', 'renameDepartment', { departmentId: dialog.dept._id, name: v.name.trim() });
        onDone('部门已重命名');
      } else {
        await call('org', 'moveDepartment', { departmentId: dialog.dept._id, parentId: v.parentId === ROOT ? null : v.parentId });
        onDone('部门已移动');
      }
    } catch (e) {
      setSaving(false);
      const fields = fieldErrorsOf(e);
      if (fields.name) form.setFields([{ name: 'name', errors: [fields.name] }]);
      else setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={title}
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={guardedClose}
      destroyOnHidden
      width={460}
      data-testid="dept-dialog"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: dialog.kind === 'rename' ? dialog.dept.name : '',
          parentId: dialog.kind === 'move' ? (dialog.dept.parentId ?? ROOT) : undefined,
        }}
        onFinish={submit}
      >
        {dialog.kind === 'move' ? (
          <Form.Item name="parentId" label="移动到" rules={[{ required: true, message: '请选择上级部门' }]} extra="不能移动到其自身或其下级部门之下">
            <TreeSelect treeData={moveTargets} treeDefaultExpandAll placeholder="选择新的上级部门" data-testid="dept-move-target" />
          </Form.Item>
        ) : (
          <Form.Item
            name="name"
            label="部门名称"
            rules={[
              { required: true, whitespace: true, message: '请填写部门名称' },
              { max: 40, message: '部门名称不能超过40个字' },
            ]}
          >
            <Input autoFocus maxLength={40} placeholder="例如 生产部、一车间" data-testid="dept-name" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
