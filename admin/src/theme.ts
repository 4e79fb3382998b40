import type { ThemeConfig } from 'antd';

/** Government-console palette: deep navy chrome, a sober blue for actions. */
export const NAVY = '#0b2a5b';
export const NAVY_DARK = '#081f45';
export const PRIMARY = '#1a56b0';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, sans-serif",
  },
  components: {
    Layout: {
      headerBg: NAVY_DARK,
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: NAVY,
      triggerBg: NAVY_DARK,
      bodyBg: '#f0f2f5',
    },
    Menu: {
      darkItemBg: NAVY,
      darkSubMenuItemBg: NAVY_DARK,
      darkItemSelectedBg: PRIMARY,
      darkItemColor: 'rgba(255,255,255,0.78)',
    },
    Table: {
      headerBg: '#f3f6fb',
    },
  },
};
