import Taro from '@tarojs/taro';

/**
 * A long form on a small screen: bring the first field marked in red into view (after React has
 * rendered the errors). Measured against the viewport with a selector query, because the fields sit
 * in positioned cards (offsetTop, which pageScrollTo({ selector }) uses in H5, is not the page's).
 */
export function scrollToFirstError(selector: string): void {
  setTimeout(() => {
    Taro.createSelectorQuery()
      .select(selector)
      .boundingClientRect()
      .selectViewport()
      .scrollOffset()
      .exec((res: [{ top: number } | null, { scrollTop: number } | null]) => {
        const [rect, viewport] = res ?? [];
        if (rect && viewport) void Taro.pageScrollTo({ scrollTop: Math.max(0, viewport.scrollTop + rect.top - 80), duration: 200 }).catch(() => undefined);
      });
  }, 50);
}
