import { getCloud } from '../common/cloud';

/**
 * Delivery of WeChat subscribe messages, behind one interface. In CloudBase: `openapi.subscribeMessage.send`
 * (the function's config.json grants that openapi permission). In the local cloud nothing leaves the
 * machine: the outbox is what the tests and the console read, and the local messenger only records
 * that it would have sent.
 */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export type SendResult = { ok: true } | { ok: false; errCode: number; errMsg: string };

export interface Messenger {
  readonly kind: 'wechat' | 'local';
  send(m: SubscribeMessage): Promise<SendResult>;
}

export const localMessenger: Messenger = {
  kind: 'local',
  async send() {
    return { ok: true };
  },
};

export const wechatMessenger: Messenger = {
  kind: 'wechat',
  async send(m) {
    try {
      const openapi = (getCloud() as unknown as { openapi: { subscribeMessage: { send(p: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }> } } }).openapi;
      const r = await openapi.subscribeMessage.send({ touser: m.touser, templateId: m.templateId, page: m.page, data: m.data, miniprogramState: 'formal', lang: 'zh_CN' });
      return !r.errCode ? { ok: true } : { ok: false, errCode: r.errCode, errMsg: r.errMsg ?? '' };
    } catch (e) {
      const err = e as { errCode?: number; errMsg?: string; message?: string };
      return { ok: false, errCode: err.errCode ?? -1, errMsg: err.errMsg ?? err.message ?? String(e) };
    }
  },
};

/** The messenger of this environment: local only where the local cloud runs (TCB_ENV=local), never in CloudBase. */
export const messengerForEnv = (env: NodeJS.ProcessEnv = process.env): Messenger => (env.TCB_ENV === 'local' ? localMessenger : wechatMessenger);
