import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';

/**
 * The keyword box of a list page's filter bar. The page keeps the draft (its reset button clears it)
 * and the committed keyword (in its query); Enter commits the trimmed draft, and clearing the box
 * with ✕ shows everything again without another click.
 */
export function KeywordInput(props: {
  draft: string;
  onDraftChange: (draft: string) => void;
  /** The keyword the list is currently filtered by. */
  committed: string;
  onSearch: (keyword: string) => void;
  placeholder: string;
  width: number;
  testId: string;
}) {
  const { draft, onDraftChange, committed, onSearch, placeholder, width, testId } = props;
  return (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
      placeholder={placeholder}
      style={{ width }}
      maxLength={50}
      value={draft}
      onChange={(e) => {
        onDraftChange(e.target.value);
        if (!e.target.value && committed) onSearch('');
      }}
      onPressEnter={() => onSearch(draft.trim())}
      data-testid={testId}
    />
  );
}
