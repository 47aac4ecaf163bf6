/**
 * HTTP load generator, run in a worker thread so the clients do not share the server's event
 * loop: `clients` concurrent keep-alive connections, each sending its next request as soon as
 * the previous answer is read, for `durationMs` after `warmupMs` (not counted).
 *
 * workerData: { origin, clients: [{ method, path, cookie? , rowVersion }], variants: [json text],
 *               durationMs, warmupMs }
 * Each request body is `{"rowVersion": <the client's current>, "data": <next variant>}`; the
 * answer's `rowVersion` becomes the client's current one (the optimistic-lock dance of a form
 * that saves repeatedly). Posts back { count (measured), total (incl. warm-up), errors, firstError, latencies (ms), elapsedMs }.
 */
'use strict';
const http = require('http');
const { parentPort, workerData } = require('worker_threads');
const { performance } = require('perf_hooks');

const { origin, clients, variants, durationMs, warmupMs } = workerData;
const url = new URL(origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients.length, maxFreeSockets: clients.length });

function send(c, body) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (c.cookie) headers.cookie = c.cookie;
    const req = http.request({ host: url.hostname, port: url.port, method: c.method, path: c.path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const latencies = [];
  let errors = 0;
  let total = 0;
  let firstError = null;
  const t0 = performance.now();
  const warmEnd = t0 + warmupMs;
  const end = warmEnd + durationMs;
  await Promise.all(
    clients.map(async (c, ci) => {
      let k = ci;
      for (;;) {
        const start = performance.now();
        if (start >= end) return;
        const body = `{"rowVersion":${c.rowVersion},"data":${variants[k++ % variants.length]}}`;
        let res;
        try {
          res = await send(c, body);
        } catch (err) {
          errors++;
          firstError ??= `${c.method} ${c.path}: ${err.message}`;
          return;
        }
        const stop = performance.now();
        if (res.status !== 200 && res.status !== 201) {
          errors++;
          firstError ??= `${c.method} ${c.path} → ${res.status} ${res.text.slice(0, 300)}`;
          if (errors > 50) return;
          continue;
        }
        total++;
        const rv = /"rowVersion":(\d+)/.exec(res.text);
        if (rv) c.rowVersion = Number(rv[1]);
        else JSON.parse(res.text);
        // throughput = answers completed inside the measured window
        if (stop >= warmEnd && stop <= end) latencies.push(stop - start);
      }
    }),
  );
  agent.destroy();
  parentPort.postMessage({ count: latencies.length, total, errors, firstError, latencies, elapsedMs: durationMs });
}

main().catch((err) => {
  parentPort.postMessage({ fatal: String(err && err.stack ? err.stack : err) });
});
