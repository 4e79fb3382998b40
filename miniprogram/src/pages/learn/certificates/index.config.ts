export default definePageConfig({ navigationBarTitleText: '学时证明' });
