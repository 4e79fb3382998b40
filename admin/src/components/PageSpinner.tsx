import { Spin } from 'antd';

/** Centered spinner for lazy chunks and the session check. */
export function PageSpinner({ full = false }: { full?: boolean }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: full ? '100vh' : 240 }}>
      <Spin size="large" />
    </div>
  );
}
