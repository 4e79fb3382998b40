import http from 'node:http';

/** Minimal HTTP helpers for tests that talk the wire protocol directly (no SDK in between). */

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

export interface HttpReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function request(url: string, method: 'GET' | 'POST', payload?: string | Buffer): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs one wire request (`action` plus params) and returns the parsed reply. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call(url: string, action: string, params: Record<string, unknown> = {}): Promise<any> {
  const res = await request(url, 'POST', JSON.stringify({ action: `database.${action}`, envName: 'local', ...params }));
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Closes idle keep-alive sockets so a test run can exit. */
export function closeAgent(): void {
  agent.destroy();
}
