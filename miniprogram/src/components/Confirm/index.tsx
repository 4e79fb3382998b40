import { useCallback, useState, type ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';

export interface ConfirmOptions {
  title: string;
  content: ReactNode;
  confirmText?: string;
  /** Stable hook for tests, e.g. `logout-dialog`. */
  className?: string;
  /** Runs with the button in its loading state; the dialog closes afterwards either way. */
  onConfirm: () => Promise<void> | void;
}

/** A confirmation dialog before anything irreversible (logout, cancel a request, approve). */
export function useConfirm(): { confirm: (o: ConfirmOptions) => void; dialog: ReactNode } {
  const [opts, setOpts] = useState<ConfirmOptions | null>(null);
  const close = useCallback(() => setOpts(null), []);
  const dialog = (
    <Dialog
      className={`confirm-dialog ${opts?.className ?? ''}`}
      visible={!!opts}
      title={opts?.title ?? ''}
      confirmText={opts?.confirmText ?? '确定'}
      cancelText='取消'
      onConfirm={async () => {
        await opts?.onConfirm();
      }}
      onCancel={close}
      onClose={close}
    >
      {typeof opts?.content === 'string' ? <Text>{opts.content}</Text> : opts?.content}
    </Dialog>
  );
  return { confirm: setOpts, dialog };
}
