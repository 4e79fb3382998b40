import Taro from '@tarojs/taro';
import { createClient, type CallFn, type Transport } from '@shared/client';

/**
 * The ONLY place the mini-program reaches cloud functions. Pages call `call(fn, action, input)`;
 * request and response types come from the contracts in shared/.
 *
 * weapp: wx.cloud.callFunction (WeChat attaches the caller's OPENID on the server side).
 * H5 (local cloud): POST /api/fn/<name>; the local cloud simulates the WeChat identity with a
 * cookie it sets itself, so nothing identity-related happens here.
 */

let initialised = false;

/** Initialises wx.cloud once (weapp); a no-op in H5. Safe to call repeatedly. */
export function initCloud(): void {
  if (initialised || process.env.TARO_ENV !== 'weapp') return;
  // DYNAMIC_CURRENT_ENV is a symbol in wx but init() is typed as taking a string.
  const env = CLOUD_ENV || (wx.cloud.DYNAMIC_CURRENT_ENV as string);
  Taro.cloud.init({ env, traceUser: true });
  initialised = true;
}

const weappTransport: Transport = async (name, data) => {
  initCloud();
  const res = await Taro.cloud.callFunction({ name, data });
  return res.result;
};

const h5Transport: Transport = async (name, data) => {
  const res = await fetch('/api/fn/' + encodeURIComponent(name), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  // The local cloud answers every invocation with the function's { ok, ... } JSON; anything
  // else (proxy error page, 502) is rejected and surfaces as a network error.
  if (!res.headers.get('content-type')?.includes('application/json')) {
    throw new Error(`HTTP ${res.status}`);
  }
  return res.json();
};

// process.env.TARO_ENV is a build-time constant, so the unused transport is dropped.
export const call: CallFn = createClient(process.env.TARO_ENV === 'weapp' ? weappTransport : h5Transport);

export type { CallFn };
