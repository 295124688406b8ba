// The benchmark: the built Rust worker (a) against its floor (b), a JavaScript
// worker replaying (a)'s own responses, against the reader (c), the floor
// after reading the request as (a) does, and against the peer, the same page
// served by a JavaScript worker built the usual way (bench/peer: hono,
// negotiator, marked); side by side in one workerd process,
// driven in turn by wrk; plus sizes, start-up times and the native
// micro-benchmark of respond::respond. `make bench` runs it; `make bench-smoke`
// runs it for about a second per scenario and checks only that the workers
// answered, (a), (b) and (c) alike and the peer with the right status, type
// and language (timings are printed, never asserted).
//
//   node bench/run.mjs [--smoke] [--seconds 4] [--rounds 7] [--other-rounds 5]
//                      [--warmup 2] [--connections 10] [--startups 15]
//                      [--hello bench/hello/build]
//
// --hello names the build of the hello-world workers-rs worker (bench/hello,
// `make bench-hello`), whose start-up is then measured with the others.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rawRequest } from '../tests/e2e/http.mjs';
import { builtModules, ROOT, wranglerVars } from '../tests/e2e/worker.mjs';
import { writeFloorWorker } from './floor.mjs';
import { buildPeer } from './peer/build.mjs';
import { runWrk } from './load.mjs';
import { parseDivan } from './divan.mjs';
import { countInstructions } from './instructions.mjs';
import { printReport } from './report.mjs';
import { BROWSER_HEADERS, scenarios } from './scenarios.mjs';
import { wasmSizes, wranglerUpload } from './sizes.mjs';
import { timeInV8Apart } from './v8.mjs';
import { serve } from './workerd.mjs';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    'other-rounds': { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '10' },
    startups: { type: 'string' },
    hello: { type: 'string' },
  },
});
const number = (value, full, smoke) => Number(value ?? (args.smoke ? smoke : full));
const opts = {
  smoke: args.smoke,
  seconds: number(args.seconds, 4, 1),
  rounds: number(args.rounds, 7, 1),
  otherRounds: number(args['other-rounds'], 5, 1),
  warmup: number(args.warmup, 2, 1),
  connections: number(args.connections, 10, 10),
  startups: number(args.startups, 15, 1),
};
const OUT = join(ROOT, 'target', 'bench');
const problems = [];
const check = (ok, message) => ok || problems.push(message);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const say = (line) => process.stderr.write(`bench: ${line}\n`);

const startedAt = new Date();
const loadBefore = loadavg()[0];
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// 0. What ships: measured first, so the figures describe the build that runs.
const sizes = { wasm: wasmSizes(), wrangler: wranglerUpload() };

// 1. (a) alone: its answer to a browser's first visit (the first request of a
//    fresh isolate), and its answers to the other scenarios.
const app = { name: 'app', modules: builtModules(), vars: wranglerVars() };
// The page's canonical URL, where a browser's first visit is served its body
// (`/apropos/` sends a browser there with a 302).
const probe = { path: '/fr/apropos/', headers: BROWSER_HEADERS };
let cases;
{
  const server = await serve([app], { probe });
  cases = await record(server.ports.app, server.first[0]);
  await server.stop();
}

// The peer, bundled; its scenarios are (a)'s but for the revalidation, which
// sends the ETag of the peer's own first visit.
const peer = { name: 'peer', modules: buildPeer(join(OUT, 'peer')), vars: {} };
let peerScenarios;
{
  const server = await serve([peer], { probe });
  const first = server.first[0];
  checkAnswer('the peer', cases[0].scenario, first);
  check(first.headers.etag, 'the peer sent no ETag on the first visit');
  peerScenarios = scenarios(probe.path, first);
  await server.stop();
}

// 2. The floors, one per scenario, each replaying (a)'s answer to it; and the
//    readers (c), the same after reading the request as (a) does.
const floors = cases.map(({ scenario, response }) => ({
  name: `floor-${scenario.name}`,
  modules: writeFloorWorker(join(OUT, `floor-${scenario.name}`), response),
  vars: {},
}));
const readers = cases.map(({ scenario, response }) => ({
  name: `reader-${scenario.name}`,
  modules: writeFloorWorker(join(OUT, `reader-${scenario.name}`), response, { read: true }),
  vars: {},
}));

// Start-ups: each worker alone in a fresh workerd, workerd spawned -> first
// answer to the probe; in turn, so that the machine's load weighs on each alike.
// (a) also starts with a redirect for its first request (`/apropos`, a 301):
// no page to render, so what the first page adds to its start-up shows.
const starters = [
  { key: 'app', worker: app },
  { key: 'appRedirect', worker: app, first: { ...probe, path: '/apropos' } },
  { key: 'floor', worker: floors[0] },
  { key: 'peer', worker: peer },
  ...(args.hello ? [{ key: 'hello', worker: { name: 'hello', modules: builtModules(resolve(ROOT, args.hello)), vars: {} } }] : []),
];
const startups = Object.fromEntries(starters.map(({ key }) => [key, []]));
for (let i = 0; i < opts.startups; i++) {
  for (const { key, worker, first } of starters) {
    const server = await serve([worker], { probe: first ?? probe });
    startups[key].push(server.startupMs);
    await server.stop();
  }
}
for (const { key } of starters) say(`${key} started in ${startups[key].map((ms) => ms.toFixed(0)).join(', ')} ms`);

// 3. Side by side in one workerd, four per scenario: (a), (b), (c) and the
//    peer, each in an isolate of its own that serves only that scenario, so
//    all come to it with the same history. (An isolate that has served 200s
//    for 40 s answers a 304 up to 3 µs slower, a JavaScript worker's as much
//    as ours: measured.) First, (a), (b) and (c) answer every scenario alike,
//    and (a) and the peer with the scenario's status, type and language.
const WORKERS = ['app', 'floor', 'reader', 'peer'];
/** The workers measured on `scenario`: the peer only where it has a counterpart. */
const workersOf = (scenario) => WORKERS.filter((who) => who !== 'peer' || scenario.peer !== false);
const apps = cases.map(({ scenario }) => ({ ...app, name: `app-${scenario.name}` }));
const peers = cases.filter(({ scenario }) => scenario.peer !== false).map(({ scenario }) => ({ ...peer, name: `peer-${scenario.name}` }));
const server = await serve([...apps, ...floors, ...readers, ...peers], { probe });
// What each worker is sent in scenario i: the peer revalidates with its own ETag.
const sent = (who, i) => (who === 'peer' ? peerScenarios[i] : cases[i].scenario);
const results = [];
try {
  for (const [i, { scenario }] of cases.entries()) {
    const request = { path: scenario.path, headers: scenario.headers };
    const a = await rawRequest(server.ports[`app-${scenario.name}`], request);
    const b = await rawRequest(server.ports[`floor-${scenario.name}`], request);
    const c = await rawRequest(server.ports[`reader-${scenario.name}`], request);
    checkAnswer('(a)', scenario, a);
    if (scenario.peer !== false) {
      const p = await rawRequest(server.ports[`peer-${scenario.name}`], { path: peerScenarios[i].path, headers: peerScenarios[i].headers });
      checkAnswer('the peer', peerScenarios[i], p);
    }
    check(a.raw.equals(b.raw), `${scenario.name}: (a) and (b) answered differently:\n${a.raw.subarray(0, 300)}\n---\n${b.raw.subarray(0, 300)}`);
    check(b.raw.equals(c.raw), `${scenario.name}: (b) and (c) answered differently`);
  }

  // 4. Load: a warm-up, then rounds turning which worker goes first.
  const run = async (name, scenario, seconds) => {
    const cpuBefore = server.cpuMs();
    const r = await runWrk({ port: server.ports[name], path: scenario.path, headers: scenario.headers, seconds, connections: opts.connections });
    r.cpuUs = ((server.cpuMs() - cpuBefore) * 1000) / r.requests;
    check(r.requests > 0, `${scenario.name} on ${name}: no request completed`);
    check(r.non2xx3xx === 0, `${scenario.name} on ${name}: ${r.non2xx3xx} responses were not 2xx/3xx`);
    check(r.socketErrors === 0, `${scenario.name} on ${name}: ${r.socketErrors} socket errors`);
    return r;
  };
  for (const [i, { scenario }] of cases.entries()) {
    say(`warm-up: ${scenario.name}`);
    for (const who of workersOf(scenario)) await run(`${who}-${scenario.name}`, sent(who, i), opts.warmup);
  }
  for (const [i, { scenario }] of cases.entries()) {
    const rounds = [];
    const count = i === 0 ? opts.rounds : opts.otherRounds;
    for (let round = 0; round < count; round++) {
      say(`${scenario.name}: round ${round + 1}/${count}`);
      const workers = workersOf(scenario);
      const order = [...workers.slice(round % workers.length), ...workers.slice(0, round % workers.length)];
      const byWorker = {};
      for (const who of order) byWorker[who] = await run(`${who}-${scenario.name}`, sent(who, i), opts.seconds);
      rounds.push(byWorker);
    }
    results.push(summarize(scenario, rounds));
  }
} finally {
  await server.stop();
}

// 5. The wasm and its glue in V8 alone, the native micro-benchmark, and the
//    instruction counts: measures that the machine's load moves far less.
say('V8: the built worker\'s fetch in node, fake requests');
const v8 = timeInV8Apart(
  cases.map(({ scenario }) => ({
    name: scenario.name,
    url: `http://127.0.0.1:8787${scenario.path}`,
    headers: scenario.headers,
    expect: scenario.expect,
  })),
  opts.smoke ? { count: 1000, rounds: 1 } : {},
);
const micro = microBenchmark();
say('callgrind: instructions per request of the Rust side');
const instructions = countInstructions(opts.smoke ? 10 : 1000, { profile: opts.smoke ? 'dev' : 'release' });

const report = {
  date: startedAt.toISOString(),
  cores: availableParallelism(),
  loadBefore,
  loadAfter: loadavg()[0],
  options: opts,
  scenarios: results,
  startup: {
    appMs: median(startups.app),
    appRedirectMs: median(startups.appRedirect),
    floorMs: median(startups.floor),
    ratio: median(startups.app) / median(startups.floor),
    peerMs: median(startups.peer),
    peerRatio: median(startups.app) / median(startups.peer),
    ...(startups.hello && {
      helloMs: median(startups.hello),
      helloRatio: median(startups.app) / median(startups.hello),
      redirectHelloRatio: median(startups.appRedirect) / median(startups.hello),
    }),
  },
  sizes,
  v8,
  micro,
  instructions,
};
writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
printReport(report);

if (problems.length) {
  console.error(`\nbench: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nbench: (a), (b) and (c) answered every scenario alike, and the peer as it should${opts.smoke ? ' (smoke pass: timings not meaningful)' : ''}; details in target/bench/latest.json`);

/**
 * (a)'s answer to each scenario: `first` for the browser's first visit,
 * following one redirect if the page lives elsewhere.
 */
async function record(port, first) {
  let path = probe.path;
  if (first.status >= 300 && first.status < 400 && first.headers.location) {
    path = new URL(first.headers.location[0], `http://127.0.0.1:${port}`).pathname;
    first = await rawRequest(port, { path, headers: BROWSER_HEADERS });
  }
  check(first.status === 200, `the browser's first visit got ${first.status}, expected 200`);
  const list = scenarios(path, first);
  const out = [];
  for (const scenario of list) {
    const response = scenario.name === 'browser' ? first : await rawRequest(port, { path: scenario.path, headers: scenario.headers });
    out.push({ scenario, response });
  }
  return out;
}

/**
 * Checks `response`, the answer of `who` to `scenario`: its status, and for a
 * 200 its media type and Content-Language.
 */
function checkAnswer(who, scenario, response) {
  const what = `${scenario.name}: ${who}`;
  check(response.status === scenario.expect, `${what} answered ${response.status}, expected ${scenario.expect}`);
  if (response.status !== 200) return;
  const type = response.headers['content-type']?.[0]?.split(';')[0].trim().toLowerCase();
  const lang = response.headers['content-language']?.[0];
  if (scenario.type) check(type === scenario.type, `${what} answered ${type}, expected ${scenario.type}`);
  if (scenario.lang) check(lang === scenario.lang, `${what} answered in ${lang}, expected ${scenario.lang}`);
}

/**
 * Medians over the rounds, the median of the per-round throughput ratios
 * (a)/(b), (c)/(b), (a)/(c) and (a)/(peer), and of the CPU ratios (b)/(a): workerd's CPU
 * time per request, which other processes on the machine disturb far less
 * than throughput.
 */
function summarize(scenario, rounds) {
  const side = (who) => ({
    rps: median(rounds.map((r) => r[who].rps)),
    p50Ms: median(rounds.map((r) => r[who].p50Ms)),
    p99Ms: median(rounds.map((r) => r[who].p99Ms)),
    cpuUs: median(rounds.map((r) => r[who].cpuUs)),
    non2xx3xx: rounds.reduce((n, r) => n + r[who].non2xx3xx, 0),
  });
  const ratios = rounds.map((r) => r.app.rps / r.floor.rps);
  const readerRatios = rounds.map((r) => r.reader.rps / r.floor.rps);
  const appReaderRatios = rounds.map((r) => r.app.rps / r.reader.rps);
  const peerRatios = rounds.filter((r) => r.peer).map((r) => r.app.rps / r.peer.rps);
  const cpuRatios = rounds.map((r) => r.floor.cpuUs / r.app.cpuUs);
  return {
    name: scenario.name,
    label: scenario.label,
    status: scenario.expect,
    rounds: rounds.length,
    app: side('app'),
    floor: side('floor'),
    reader: side('reader'),
    peer: peerRatios.length ? side('peer') : null,
    ratio: median(ratios),
    ratios,
    readerRatio: median(readerRatios),
    readerRatios,
    appReaderRatio: median(appReaderRatios),
    appReaderRatios,
    peerRatio: peerRatios.length ? median(peerRatios) : null,
    peerRatios,
    cpuRatio: median(cpuRatios),
    cpuRatios,
  };
}

/**
 * bench/respond.rs: timed with `cargo bench`, or (smoke) run once per case
 * in test mode, which checks it still builds and runs.
 */
function microBenchmark() {
  const cargoArgs = opts.smoke ? ['test', '--locked', '--bench', 'respond'] : ['bench', '--locked', '--bench', 'respond'];
  say(`cargo ${cargoArgs.join(' ')}`);
  const result = spawnSync('cargo', cargoArgs, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  check(result.status === 0, `cargo ${cargoArgs.join(' ')} failed (exit ${result.status})`);
  if (opts.smoke) return { smoke: true };
  process.stderr.write(result.stdout);
  const cases = parseDivan(result.stdout);
  check(cases.length > 0, 'no timing in the output of cargo bench');
  return { cases };
}
