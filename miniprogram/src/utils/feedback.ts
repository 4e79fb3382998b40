import Taro from '@tarojs/taro';

/** Brief text toast (native in weapp, Taro's own in H5). */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 });
}
