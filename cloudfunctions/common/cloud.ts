import cloud from 'wx-server-sdk';

/**
 * The one place that initialises wx-server-sdk. In CloudBase the runtime injects the endpoint and
 * credentials; locally the local cloud injects the same environment variables
 * (TCB_CONTEXT_CNFG, TENCENTCLOUD=true, dummy secrets), so this code is identical in both.
 */
let initialised = false;

export function getCloud(): typeof cloud {
  if (!initialised) {
    // The SDK's types declare DYNAMIC_CURRENT_ENV as a symbol while init() wants a string.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string } as Parameters<typeof cloud.init>[0]);
    initialised = true;
  }
  return cloud;
}

/** The caller's WeChat identity as CloudBase injects it (the client cannot forge it). */
export function getCallerOpenId(): string | undefined {
  const ctx = getCloud().getWXContext() as { OPENID?: string | number };
  return ctx.OPENID === undefined || ctx.OPENID === '' ? undefined : String(ctx.OPENID);
}

/** The caller's IP as CloudBase reports it (absent for timer and in-process calls). */
export function getCallerIp(): string | undefined {
  const ctx = getCloud().getWXContext() as { CLIENTIP?: string };
  return ctx.CLIENTIP ? String(ctx.CLIENTIP) : undefined;
}
