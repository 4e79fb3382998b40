import { Button, Result } from 'antd';

/** Shown when the stored session could not be checked (server down, network): keep it, offer retry. */
export default function OfflineScreen({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Result
      status="warning"
      title="无法连接服务器"
      subTitle={message}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
