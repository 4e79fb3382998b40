import { Alert, Button, Space, Table } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ImportCredential } from '@shared/contracts/imports';
import { credentialsSheetBytes } from '@shared/credentialsSheet';
import { downloadBytes } from '../../download';

function exportXlsx(credentials: ImportCredential[]) {
  downloadBytes(credentialsSheetBytes(credentials), `新账号初始密码-${new Date().toISOString().slice(0, 10)}.xlsx`);
}

/**
 * 新账号初始密码 after an import: the server never shows them again, so the admin prints or exports
 * them now. The print stylesheet (global.css, .print-credentials) prints only this list.
 */
export function ImportCredentials({ credentials }: { credentials: ImportCredential[] }) {
  if (!credentials.length) return null;
  return (
    <div className="print-credentials" data-testid="import-credentials">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          className="no-print"
          type="warning"
          showIcon
          message={`新账号初始密码（共 ${credentials.length} 人）仅显示一次`}
          description="关闭后无法再次查看，请立即打印或导出并告知本人；首次登录须修改密码。忘记可在人员管理中重置。"
        />
        <h3 className="print-only">新账号初始密码</h3>
        <Space className="no-print">
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="credentials-print">
            打印
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => exportXlsx(credentials)} data-testid="credentials-export">
            导出Excel
          </Button>
        </Space>
        <div className="credentials-scroll">
        <Table<ImportCredential>
          size="small"
          bordered
          rowKey="row"
          dataSource={credentials}
          pagination={false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 72 },
            { title: '姓名', dataIndex: 'name', width: 120 },
            { title: '身份证号', dataIndex: 'idMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> },
            { title: '初始密码', dataIndex: 'oneTimePassword', render: (v: string) => <span className="mono" data-testid="credential-password">{v}</span> },
          ]}
        />
        </div>
      </Space>
    </div>
  );
}
