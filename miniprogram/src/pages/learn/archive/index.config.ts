export default definePageConfig({ navigationBarTitleText: '一人一档', enablePullDownRefresh: true });
