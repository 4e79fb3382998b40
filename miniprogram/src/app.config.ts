const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
});

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/study/index',
    'pages/exam/index',
    'pages/mine/index',
    'pages/auth/login/index',
    'pages/auth/register/index',
    'pages/auth/password/index',
    'pages/profile/index',
    'pages/employments/index',
    'pages/employer-change/index',
    'pages/admin/login/index',
    'pages/admin/approvals/index',
    'pages/admin/import/index',
    'pages/admin/password/index',
    'pages/enterprise-register/index',
  ],
  window: {
    navigationBarTitleText: '安学',
    navigationBarBackgroundColor: '#1d5fbf',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f9',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#8a94a6',
    selectedColor: '#1d5fbf',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      tab('pages/index/index', '首页', 'home'),
      tab('pages/study/index', '学习', 'study'),
      tab('pages/exam/index', '考试', 'exam'),
      tab('pages/mine/index', '我的', 'mine'),
    ],
  },
  // H5 only (not a weapp app.json field): no slide-in between pages, so tests and screenshots
  // see a settled page at once.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  lazyCodeLoading: 'requiredComponents',
});
