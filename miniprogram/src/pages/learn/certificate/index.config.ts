export default definePageConfig({ navigationBarTitleText: '学时证明', navigationBarBackgroundColor: '#1d5fbf' });
