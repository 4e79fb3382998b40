import type { DepartmentItem } from '@shared/contracts/org';

export interface DeptNode {
  dept: DepartmentItem;
  children: DeptNode[];
  /** Staff in this department and every department below it. */
  totalStaff: number;
}

/** The flat list (parentId links) as a forest, siblings by `order` then name; orphans become roots. */
export function buildDeptTree(items: DepartmentItem[]): DeptNode[] {
  const nodes = new Map(items.map((d) => [d._id, { dept: d, children: [] as DeptNode[], totalStaff: 0 }]));
  const roots: DeptNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.dept.parentId ? nodes.get(n.dept.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (list: DeptNode[]): number => {
    list.sort((a, b) => a.dept.order - b.dept.order || a.dept.name.localeCompare(b.dept.name, 'zh-CN'));
    let sum = 0;
    for (const n of list) {
      n.totalStaff = (n.dept.staffCount ?? 0) + sort(n.children);
      sum += n.totalStaff;
    }
    return sum;
  };
  sort(roots);
  return roots;
}

/** antd TreeSelect data; `disabledIds` (e.g. a department and its subtree when moving it) greyed out. */
export interface DeptSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: DeptSelectNode[];
}

export function deptSelectData(tree: DeptNode[], disabledIds: Set<string> = new Set()): DeptSelectNode[] {
  return tree.map((n) => ({
    value: n.dept._id,
    title: n.dept.name,
    disabled: disabledIds.has(n.dept._id),
    children: deptSelectData(n.children, disabledIds),
  }));
}

/** A department's id and all ids below it. */
export function subtreeIds(tree: DeptNode[], id: string): Set<string> {
  const out = new Set<string>();
  const walk = (list: DeptNode[], inside: boolean) => {
    for (const n of list) {
      const here = inside || n.dept._id === id;
      if (here) out.add(n.dept._id);
      walk(n.children, here);
    }
  };
  walk(tree, false);
  return out;
}
