import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '@shared/staffImport';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../router';
import { StaffImportDialog } from './StaffImportDialog';

/** `#/staff/import`: opens the import dialog at once; the page explains the columns behind it. */
export default function StaffImportPage() {
  const [open, setOpen] = useState(true);
  const [imported, setImported] = useState(false);
  return (
    <>
      <PageHeader
        title="批量导入人员"
        description="下载模板 → 填写 → 上传预检 → 确认导入。同一文件重复导入不会产生重复数据。"
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/staff')}>
              返回人员管理
            </Button>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="open-import">
              导入人员
            </Button>
          </Space>
        }
      />
      <Card size="small" title="模板列说明">
        <Typography.Paragraph type="secondary">
          带 * 的列必填；每次最多 {IMPORT_MAX_ROWS} 行。已在其他单位注册或任职的人员不会写入：需本人在小程序中申请加入本企业，再由本企业在人员审核中通过。新账号的初始密码随机生成，导入完成后仅显示一次，可打印或导出Excel。
          {imported ? ' 本次导入已完成，可返回人员管理查看。' : ''}
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {IMPORT_COLUMNS.map((c) => (
            <li key={c.key}>
              <Typography.Text strong>{c.required ? `${c.label}*` : c.label}</Typography.Text>：{c.hint}
              {c.options ? `（${c.options.join('、')}）` : ''}
            </li>
          ))}
        </ul>
      </Card>
      <StaffImportDialog
        open={open}
        // 完成 after an import goes back to the staff list, which mounts afresh and so shows the new rows.
        onClose={() => (imported ? navigate('/staff') : setOpen(false))}
        onImported={() => setImported(true)}
      />
    </>
  );
}
