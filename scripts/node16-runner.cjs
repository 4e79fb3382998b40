// Runs under Node 16 (CloudBase's runtime): one invocation of a built function bundle, hosted by
// the local cloud's own instance code (localcloud/worker.cjs) in a worker thread, exactly as the
// local cloud hosts it under Node 20. Prints `NODE16_RESULT <json>` and exits (the SDK may keep
// sockets open). Plain CommonJS and Node 16 syntax only.
'use strict';
const { Worker } = require('worker_threads');
const path = require('path');

const job = JSON.parse(process.argv[2]);
const print = (o) => {
  process.stdout.write('NODE16_RESULT ' + JSON.stringify(Object.assign({ version: process.version }, o)) + '\n', () => process.exit(0));
};
const worker = new Worker(path.join(__dirname, 'localcloud', 'worker.cjs'), {
  workerData: { name: job.name, bundle: path.resolve(job.bundle), env: job.env },
});
const id = 'node16-' + Date.now();
worker.on('message', (msg) => {
  if (msg.id !== id) return;
  print(msg.error !== undefined ? { error: msg.error } : { result: msg.result });
});
worker.on('error', (e) => print({ error: String((e && e.stack) || e) }));
worker.on('exit', (code) => print({ error: 'instance exited (' + code + ') during the call' }));
worker.postMessage({ id, event: job.event, wx: job.wx, timer: !!job.timer });
