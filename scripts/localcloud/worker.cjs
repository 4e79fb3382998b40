// One function instance (CloudBase runs one invocation at a time per instance). Module scope stays
// warm between invocations; the caller's identity is set in this thread's own process.env, where
// wx-server-sdk's getWXContext() reads it, exactly as in the cloud.
const { parentPort, workerData } = require('worker_threads');

Object.assign(process.env, workerData.env);
let mod;

parentPort.on('message', async ({ id, event, wx, timer, clockOffsetMs }) => {
  // The local cloud's advanceable clock (common/clock.ts reads it; the cloud never sets it).
  globalThis[Symbol.for('anxue.localClockOffsetMs')] = clockOffsetMs || 0;
  for (const key of Object.keys(process.env)) if (key.startsWith('WX_')) delete process.env[key];
  // wx-server-sdk reads each variable *named* in WX_CONTEXT_KEYS (prefix included) and strips `WX_`.
  process.env.WX_CONTEXT_KEYS = Object.keys(wx).map((k) => `WX_${k}`).join(',');
  for (const [k, v] of Object.entries(wx)) process.env[`WX_${k}`] = String(v);
  if (timer) process.env.TRIGGER_SRC = 'timer';
  else delete process.env.TRIGGER_SRC;
  try {
    if (!mod) mod = require(workerData.bundle);
    const result = await mod.main(event, { function_name: workerData.name, request_id: id });
    parentPort.postMessage({ id, result: result === undefined ? null : result });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.stack) || e) });
  }
});
