import { Card, Descriptions, Empty } from 'antd';
import { useAccount } from '../auth';
import { PageHeader } from '../components/PageHeader';

/**
 * Enterprise admins' landing page. Staff, training and exam management come later; until then
 * this states only what the session actually knows (no placeholder figures).
 */
export default function MyEnterprisePage() {
  const account = useAccount();
  return (
    <>
      <PageHeader title="本企业" description="本企业的基本信息。员工档案、培训任务与考试统计等功能将陆续开放。" />
      <Card data-testid="my-enterprise-card">
        <Descriptions column={1} labelStyle={{ width: 120 }} bordered size="middle">
          <Descriptions.Item label="企业名称">{account.enterpriseName || '—'}</Descriptions.Item>
          <Descriptions.Item label="管理员">{account.displayName || account.username}</Descriptions.Item>
          <Descriptions.Item label="登录账号">{account.username}</Descriptions.Item>
        </Descriptions>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="更多企业管理功能建设中" style={{ marginTop: 32 }} />
      </Card>
    </>
  );
}
