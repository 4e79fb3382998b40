export default definePageConfig({ navigationBarTitleText: '人员审核' });
