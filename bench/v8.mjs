// The built worker's own cost per request in V8, without workerd: the bundle
// (build/worker/shim.mjs and its wasm) loaded in Node, its fetch called in a
// loop with a request object that hands out the scenario's headers, and
// `Response` replaced by a plain object. What it times is the wasm and its
// JavaScript glue, which the worker's changes move, and not the runtime's
// reading of the request nor its `Response`, which they do not. Far steadier
// than the ratios in workerd on a shared machine: a run's rounds agree within
// a few percent.

// It runs in a process of its own (it replaces the global `Response`):
//   node bench/v8.mjs '<JSON of the cases>' [count] [rounds]
// prints `{ name: nanoseconds per request }` as JSON.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_BUILD } from '../tests/e2e/worker.mjs';

/** `timeInV8` in a child process: what `make bench` calls. */
export function timeInV8Apart(cases, { count, rounds } = {}) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(cases), String(count ?? ''), String(rounds ?? '')], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bench/v8.mjs failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * Nanoseconds per request of the worker's `fetch`, median of `rounds` rounds
 * of `count` calls, for each of `cases` (`{ name, url, headers, expect }`,
 * `headers` as `[name, value]` pairs; `expect` the status it must answer).
 */
export async function timeInV8(cases, { count = 200_000, rounds = 9, build = DEFAULT_BUILD } = {}) {
  register('./v8-loader.mjs', import.meta.url);
  globalThis.Response = class Response {
    constructor(body, init) {
      this.body = body;
      this.status = init?.status ?? 200;
      this.headers = init?.headers;
    }
  };
  const { default: worker } = await import(pathToFileURL(join(build, 'worker', 'shim.mjs')).href);
  const env = {};
  const requests = cases.map(({ url, headers, name, expect }) => {
    const values = new Map(headers.map(([n, v]) => [n.toLowerCase(), v]));
    const request = { method: 'GET', url, headers: { get: (n) => values.get(n.toLowerCase()) ?? null } };
    const status = worker.fetch(request, env).status;
    if (status !== expect) throw new Error(`v8: ${name} answered ${status}, expected ${expect}`);
    return request;
  });
  const times = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, request] of requests.entries()) {
      const started = process.hrtime.bigint();
      for (let k = 0; k < count; k++) worker.fetch(request, env);
      times[i].push(Number(process.hrtime.bigint() - started) / count);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return Object.fromEntries(cases.map(({ name }, i) => [name, median(times[i])]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cases, count, rounds] = process.argv.slice(2);
  const options = { ...(count && { count: Number(count) }), ...(rounds && { rounds: Number(rounds) }) };
  process.stdout.write(`${JSON.stringify(await timeInV8(JSON.parse(cases), options))}\n`);
}
