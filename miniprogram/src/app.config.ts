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
    'pages/enterprise-register/index',
  ],
  // Kept out of the main package (≤ 1 MB, `weapp.mainPackageKB`): downloaded on first use, or
  // ahead of time where the next tap is predictable (preloadRule). Paths stay /pages/<root>/….
  subPackages: [
    {
      root: 'pages/learn',
      pages: ['course/index', 'material/index', 'points/index', 'leaderboard/index', 'certificates/index', 'certificate/index', 'archive/index'],
    },
    { root: 'pages/admin', pages: ['login/index', 'approvals/index', 'import/index', 'password/index'] },
    {
      root: 'pages/exam-take',
      pages: ['intro/index', 'paper/index', 'result/index', 'review/index', 'attempts/index', 'appeals/index', 'wrongbook/index'],
    },
  ],
  preloadRule: {
    // 首页 and 学习 list tasks: the next tap opens a course.
    'pages/index/index': { network: 'all', packages: ['pages/learn'] },
    'pages/study/index': { network: 'all', packages: ['pages/learn'] },
    // 我的 leads to 积分 / 学时证明 / 一人一档, and to the admin entry on wifi.
    'pages/mine/index': { network: 'wifi', packages: ['pages/learn', 'pages/admin'] },
    // 考试 lists exams: the next tap opens one (intro, answering, results).
    'pages/exam/index': { network: 'all', packages: ['pages/exam-take'] },
  },
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
