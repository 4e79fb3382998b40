/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.scss';
declare module '*.css';

/** Injected by config/index.ts (defineConstants): CloudBase env id, '' = the current env. */
declare const CLOUD_ENV: string;
/** The web console's base URL (ANXUE_CONSOLE_URL at build time); empty = unknown (H5 uses its own origin). */
declare const CONSOLE_URL: string;
/** The 提醒 subscribe-message template id (ANXUE_REMIND_TEMPLATE_ID at build time); empty = never ask. */
declare const REMIND_TEMPLATE_ID: string;

/**
 * Taro replaces process.env.TARO_ENV at build time. Declared here instead of pulling in
 * @types/node, so that Node-only APIs fail to type-check in the mini-program.
 */
declare const process: {
  env: {
    TARO_ENV: 'weapp' | 'h5' | 'alipay' | 'swan' | 'tt' | 'qq' | 'jd' | 'harmony';
    NODE_ENV?: 'development' | 'production';
  };
};

/** The WeChat global (weapp only); just what services/cloud.ts needs. */
declare const wx: { cloud: { DYNAMIC_CURRENT_ENV: unknown } };
