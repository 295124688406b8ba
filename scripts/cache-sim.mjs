// make cache-sim: a longer replay of the request mix (tests/cache/mix.mjs)
// through Varnish playing Cloudflare's Workers Cache, in front of a worker
// build in workerd; prints the figures and writes them as JSON to
// target/cache-sim/<name>.json.
//
//   node scripts/cache-sim.mjs [build-dir]     # build/ by default
//   CACHE_SIM_REQUESTS=50000 CACHE_SIM_SEED=1 CACHE_SIM_NAME=... (defaults)
//   CACHE_SIM_ASSETS=1                         # browsers' first visits also load the page's assets
//
// Another build directory (an older commit's build/) runs the same mix, so
// two builds of the worker compare request for request.
//
// With CACHE_SIM_ASSETS=1, /_assets/ goes through the same cache to a
// wrangler dev serving dist/public (Workers Static Assets' part at the edge),
// and each first visit of a browser loads what its page loads
// (tests/cache/replay.mjs): the worker's figures are unchanged, the assets'
// are printed after them. wrangler dev answers in tens of milliseconds, so
// keep CACHE_SIM_REQUESTS to a few thousand then.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { builtModules, DEFAULT_BUILD, ROOT, startWorker } from '../tests/e2e/worker.mjs';
import { startVarnish } from '../tests/cache/varnish.mjs';
import { formatStats, replay } from '../tests/cache/replay.mjs';
import { startWranglerDev } from '../tests/e2e/wrangler-dev.mjs';

const build = resolve(process.argv[2] ?? DEFAULT_BUILD);
const requests = Number(process.env.CACHE_SIM_REQUESTS ?? 50000);
const seed = Number(process.env.CACHE_SIM_SEED ?? 1);
const name = process.env.CACHE_SIM_NAME || relative(ROOT, build).replace(/^(\.\.\/)+/, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'build';
if (!(Number.isInteger(requests) && requests > 0)) throw new Error(`CACHE_SIM_REQUESTS must be a positive integer, not ${process.env.CACHE_SIM_REQUESTS}`);

const withAssets = ['1', 'true', 'yes'].includes(process.env.CACHE_SIM_ASSETS ?? '');

const worker = await startWorker({ modules: builtModules(build) });
const assets = withAssets ? await startWranglerDev({ build }) : null;
const cache = await startVarnish({ backendPort: worker.port, assetsPort: assets?.port });
try {
  console.log(`cache-sim: ${requests} requests (seed ${seed}) through Varnish as Workers Cache, worker ${build}${assets ? ', /_assets/ from wrangler dev' : ''}`);
  const started = performance.now();
  const stats = await replay({
    cache,
    workerPort: worker.port,
    assetsPort: assets?.port,
    seed,
    requests,
    onProgress: (n) => n % 10000 === 0 && console.log(`  ${n}`),
    onWrong: ({ request, diffs }) => console.log(`  wrong variant: ${request.method} ${request.path} ${JSON.stringify(diffs)}`),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(formatStats(stats));
  console.log(`statuses          ${JSON.stringify(stats.statuses)}`);
  console.log(`hits by client    ${Object.entries(stats.kinds).map(([k, { requests: r, hits }]) => `${k} ${hits}/${r}`).join(', ')}`);
  const out = join(ROOT, 'target', 'cache-sim', `${name}.json`);
  mkdirSync(join(ROOT, 'target', 'cache-sim'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ build, seed, requests, seconds, date: new Date().toISOString(), ...stats }, null, 2)}\n`);
  console.log(`${relative(process.cwd(), out)} (${seconds.toFixed(1)} s)`);
  if (stats.wrong > 0) process.exitCode = 1;
} finally {
  await cache.stop();
  await worker.stop();
  await assets?.stop();
}
