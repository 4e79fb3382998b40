import Taro from '@tarojs/taro';

/** Brief text toast (native in weapp, Taro's own in H5). */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 });
}

/** Accounts (login, registration) arrive in a later release; say so instead of faking it. */
export function accountComingSoon(): void {
  toast('账号功能即将开放');
}
