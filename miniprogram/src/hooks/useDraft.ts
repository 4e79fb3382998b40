import { useEffect } from 'react';
import Taro from '@tarojs/taro';

/**
 * A long form's draft in local storage, so a reload (H5) or the app being killed (weapp) does not
 * lose what was typed. Callers never put a password in it.
 */
export function readDraft<T extends object>(key: string): Partial<T> {
  try {
    const v = Taro.getStorageSync(key) as unknown;
    return v && typeof v === 'object' ? (v as Partial<T>) : {};
  } catch {
    return {};
  }
}

/** Saves `value` whenever it changes (while `enabled`). */
export function useSaveDraft(key: string, value: object, enabled = true): void {
  const json = JSON.stringify(value);
  useEffect(() => {
    if (!enabled) return;
    try {
      Taro.setStorageSync(key, JSON.parse(json));
    } catch {
      // Storage full or unavailable: the form still works, only without a draft.
    }
  }, [key, json, enabled]);
}

export function clearDraft(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing stored.
  }
}
