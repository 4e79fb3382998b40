import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';

/** "X加载失败" with the server's message and a 重试 button — the same on every console page. */
export function LoadErrorAlert(props: { what: string; error: string; onRetry?: () => void; testId?: string; style?: CSSProperties }) {
  return (
    <Alert
      type="error"
      showIcon
      message={`${props.what}加载失败`}
      description={props.error}
      style={props.style ?? { marginBottom: 16 }}
      action={
        props.onRetry && (
          <Button size="small" danger onClick={props.onRetry}>
            重试
          </Button>
        )
      }
      data-testid={props.testId}
    />
  );
}
