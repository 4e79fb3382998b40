import { App, type FormInstance } from 'antd';

/**
 * Closing a drawer or dialog whose form the user has edited asks first, so a stray mask click or Esc
 * does not throw the edits away. Untouched forms close at once.
 */
export function useGuardedClose(form: FormInstance, close: () => void): () => void {
  const { modal } = App.useApp();
  return () => {
    if (!form.isFieldsTouched()) return close();
    modal.confirm({
      title: '有未保存的修改，确定关闭吗？',
      content: '关闭后本次修改不会保存。',
      okText: '关闭',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: close,
    });
  };
}
