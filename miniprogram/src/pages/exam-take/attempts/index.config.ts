export default definePageConfig({ navigationBarTitleText: '历次成绩', enablePullDownRefresh: true });
