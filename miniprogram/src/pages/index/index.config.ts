export default definePageConfig({
  navigationBarTitleText: '安学',
  // The enterprise list pages in more results when the user scrolls to the end.
  onReachBottomDistance: 80,
});
