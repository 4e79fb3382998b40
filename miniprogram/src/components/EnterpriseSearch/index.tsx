import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { Button, SearchBar } from '@nutui/nutui-react-taro';
import type { EnterpriseBrief } from '@shared/contracts';
import { call } from '../../services/cloud';
import { usePagedSearch } from '../../hooks/usePagedSearch';
import { StateView } from '../StateView';
import { EnterpriseItem } from './EnterpriseItem';
import './index.scss';

const PAGE_SIZE = 20;

interface Props {
  onSelect: (enterprise: EnterpriseBrief) => void;
  /** Highlights the chosen enterprise (registration, change of employer). */
  selectedId?: string;
  /**
   * Page in more results when the page scrolls to its end. Only for a page whose body is this
   * list (the home page); inside a popup or scroll-view the "加载更多" button does it.
   */
  loadOnReachBottom?: boolean;
}

const fetchEnterprises = (keyword: string, page: number) =>
  call('org', 'searchEnterprises', { keyword, page, pageSize: PAGE_SIZE });

/** "查找企业": search the registered enterprises by name and pick one. */
export function EnterpriseSearch({ onSelect, selectedId, loadOnReachBottom = false }: Props) {
  const s = usePagedSearch<EnterpriseBrief>(fetchEnterprises);

  useReachBottom(() => {
    if (loadOnReachBottom) s.loadMore();
  });

  return (
    <View className='enterprise-search'>
      <SearchBar
        className='enterprise-search-bar'
        shape='round'
        placeholder='请输入企业名称'
        maxLength={50}
        value={s.keyword}
        onChange={(v) => s.setKeyword(v)}
        onSearch={(v) => s.search(v)}
        onClear={() => s.search('')}
        // Keep NutUI's own input class and add a stable hook for tests.
        inputProps={{ className: 'nut-searchbar-input enterprise-search-input', confirmType: 'search' }}
      />

      {s.status === 'loading' && <ListSkeleton />}

      {s.status === 'error' && (
        <StateView
          className='enterprise-error'
          image='error'
          title='加载失败'
          description={s.error}
          actionText='重试'
          onAction={() => s.search()}
          compact
        />
      )}

      {s.status === 'ready' && s.items.length === 0 && (
        <StateView
          className='enterprise-empty'
          image='search'
          title='未找到匹配的企业'
          description={s.keyword.trim() ? '请核对企业名称，或换个关键词试试' : '平台暂无已登记的企业'}
          compact
        />
      )}

      {s.status === 'ready' && s.items.length > 0 && (
        <View className='enterprise-list'>
          {s.items.map((e) => (
            <EnterpriseItem key={e._id} enterprise={e} selected={e._id === selectedId} onClick={() => onSelect(e)} />
          ))}
          <ListFooter hasMore={s.hasMore} status={s.moreStatus} error={s.error} onMore={s.loadMore} />
        </View>
      )}
    </View>
  );
}

function ListSkeleton() {
  return (
    <View className='enterprise-loading'>
      {[0, 1, 2, 3].map((i) => (
        <View key={i} className='enterprise-skeleton'>
          <View className='enterprise-skeleton__line enterprise-skeleton__line--title' />
          <View className='enterprise-skeleton__line' />
        </View>
      ))}
    </View>
  );
}

interface FooterProps {
  hasMore: boolean;
  status: 'idle' | 'loading' | 'error';
  error: string;
  onMore: () => void;
}

function ListFooter({ hasMore, status, error, onMore }: FooterProps) {
  if (status === 'loading') {
    // The same button, busy: a tap that races an automatic page-in lands on it harmlessly.
    return (
      <View className='enterprise-footer enterprise-more-loading'>
        <Button className='enterprise-load-more' fill='none' size='small' loading>
          加载中…
        </Button>
      </View>
    );
  }
  if (status === 'error') {
    return (
      <View className='enterprise-footer enterprise-more-error' onClick={onMore}>
        <Text>{error}，</Text>
        <Text className='enterprise-footer__link'>点击重试</Text>
      </View>
    );
  }
  if (hasMore) {
    return (
      <View className='enterprise-footer'>
        <Button className='enterprise-load-more' fill='none' size='small' onClick={onMore}>
          加载更多
        </Button>
      </View>
    );
  }
  return <View className='enterprise-footer enterprise-end'>没有更多了</View>;
}
