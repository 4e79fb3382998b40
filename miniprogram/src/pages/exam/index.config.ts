export default definePageConfig({ navigationBarTitleText: '考试', enablePullDownRefresh: true });
