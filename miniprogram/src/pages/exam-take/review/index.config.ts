export default definePageConfig({ navigationBarTitleText: '答案与解析' });
