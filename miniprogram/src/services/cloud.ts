import Taro from '@tarojs/taro';
import { CloudError, createClient, type CallFn, type Transport } from '@shared/client';
import { requirePasswordChange } from './passwordGate';

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
const client: CallFn = createClient(process.env.TARO_ENV === 'weapp' ? weappTransport : h5Transport);

/**
 * Every call: a PASSWORD_CHANGE_REQUIRED answer (the server refuses everything until an initial or
 * reset password is changed) sends the worker — or, for a call with an admin's sessionToken, the
 * enterprise admin — to the change page, wherever the call was made from. The error still rejects.
 */
export const call: CallFn = async (fn, action, input) => {
  try {
    return await client(fn, action, input);
  } catch (err) {
    if (err instanceof CloudError && err.code === 'PASSWORD_CHANGE_REQUIRED') {
      requirePasswordChange(input && typeof input === 'object' && 'sessionToken' in input ? 'admin' : 'worker');
    }
    throw err;
  }
};

export type { CallFn };
