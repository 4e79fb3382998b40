export default definePageConfig({ navigationBarTitleText: '更换企业' });
