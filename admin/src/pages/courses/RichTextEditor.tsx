import { useEffect, useRef } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { BoldOutlined, ClearOutlined, OrderedListOutlined, UnorderedListOutlined } from '@ant-design/icons';

/**
 * A small rich-text editor for 图文 materials: paragraphs, 小标题, bold, lists. The browser's own
 * editing (contentEditable); the server sanitizes whatever arrives (allow-listed tags only).
 * Uncontrolled after the first render so the caret never jumps; `onChange` gets the HTML.
 */
export function RichTextEditor({ initialHtml, onChange, disabled }: { initialHtml: string; onChange(html: string): void; disabled?: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current) el.current.innerHTML = initialHtml;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const exec = (command: string, arg?: string) => {
    el.current?.focus();
    document.execCommand(command, false, arg);
    if (el.current) onChange(el.current.innerHTML);
  };
  const tool = (title: string, icon: React.ReactNode, run: () => void, text?: string) => (
    <Tooltip title={title}>
      <Button size="small" type="text" icon={icon} onMouseDown={(e) => e.preventDefault()} onClick={run} disabled={disabled}>
        {text}
      </Button>
    </Tooltip>
  );

  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 4 }}>
      <Space size={2} style={{ padding: 4, borderBottom: '1px solid #f0f0f0', width: '100%', background: '#fafafa' }}>
        {tool('小标题', null, () => exec('formatBlock', 'h3'), '标题')}
        {tool('正文', null, () => exec('formatBlock', 'p'), '正文')}
        {tool('加粗', <BoldOutlined />, () => exec('bold'))}
        {tool('项目符号', <UnorderedListOutlined />, () => exec('insertUnorderedList'))}
        {tool('编号', <OrderedListOutlined />, () => exec('insertOrderedList'))}
        {tool('清除格式', <ClearOutlined />, () => exec('removeFormat'))}
      </Space>
      <div
        ref={el}
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={() => el.current && onChange(el.current.innerHTML)}
        onPaste={(e) => {
          // Pasted text only: styles and scripts from other pages never enter the article.
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
        }}
        style={{ minHeight: 260, maxHeight: 460, overflow: 'auto', padding: '8px 12px', outline: 'none', lineHeight: 1.8 }}
        data-testid="article-editor"
      />
    </div>
  );
}
