'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: autocannon require()s it. */
// Loaded by autocannon inside its worker thread (option setupClient, given as a file path). autocannon
// keeps latencies in whole milliseconds, which reads 0 for most local requests; this forwards each
// response's exact duration (ms, from process.hrtime) to the main thread over a BroadcastChannel named
// after the run's `title`, in batches, then 'end' once the run stops.
const { BroadcastChannel, workerData } = require('node:worker_threads');

const title = workerData && workerData.opts ? workerData.opts.title : undefined;
const channel = title ? new BroadcastChannel(`carnet-bench:${title}`) : null;
let batch = [];

function flush() {
  if (!channel || !batch.length) return;
  channel.postMessage(Float64Array.from(batch));
  batch = [];
}

if (channel) {
  channel.unref();
  setInterval(flush, 100).unref();
}

module.exports = function setupClient(client) {
  client.on('response', (_status, _bytes, duration) => {
    batch.push(duration);
    if (batch.length >= 4096) flush();
  });
  // autocannon destroys every client when the run stops, before it reports: send what is left, then 'end'.
  const destroy = client.destroy.bind(client);
  client.destroy = () => {
    flush();
    if (channel) channel.postMessage('end');
    destroy();
  };
};
