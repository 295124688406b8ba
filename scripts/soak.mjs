#!/usr/bin/env node
// The soak (make soak, make soak-smoke): the built worker in workerd under
// as much load as this machine sustains, then a verdict.
//
//   SOAK_SECONDS=60 SOAK_CONNECTIONS=32 node scripts/soak.mjs
//
// CONNECTIONS keep-alive connections each send one request, read the whole
// answer, and send the next, without pause (a closed loop: the rate is the
// highest the worker sustains on this machine). The requests cycle through a
// fixed, shuffled mix: the eight variants at their explicit URLs, negotiated
// URLs with real browser headers, HEAD, redirects, 404/405/406/OPTIONS,
// revalidations answered 304, every hostile request of tests/e2e/hostile.mjs
// that reaches the worker, and two that workerd refuses and closes the
// connection on. Every answer is checked: its status is the one expected
// for its request, its body framed by Content-Length, and a 200 is as long
// as the variant it names, with that variant's ETag.
//
// workerd's resident memory (VmRSS) is read every 250 ms. Under load, V8's
// heap grows for tens of seconds before it levels off at its working size:
// the load first runs until the mean RSS of the last 5 s is within 3 % of
// the 5 s before (a warm-up of SOAK_WARMUP_MIN to SOAK_WARMUP_MAX seconds,
// 5 and 60 by default), then SECONDS more, and the mean RSS over the first,
// middle and last tenth of those (1 s at least) is compared. It fails on
// any unexpected status, any socket error or timeout, an RSS that did not
// level off or grew over 10 %, or a page not served byte for byte right
// after. SOAK_RSS=report prints the RSS without judging it (soak-smoke: 5 s
// are too short for the heap to level off). The figures are printed and
// written to target/soak/<SECONDS>s.json.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { RUNTIME_CASES, WORKER_CASES, resolve } from '../tests/e2e/hostile.mjs';
import { rawRequest } from '../tests/e2e/http.mjs';
import { ROOT, startWorker } from '../tests/e2e/worker.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_MIN = Number(process.env.SOAK_WARMUP_MIN ?? 5);
const WARMUP_MAX = Number(process.env.SOAK_WARMUP_MAX ?? 60);
const JUDGE_RSS = (process.env.SOAK_RSS ?? 'judge') !== 'report';
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);
const MAX_RSS_GROWTH = 0.1;
const LEVEL_WINDOW_MS = 5000;
const LEVEL_TOLERANCE = 0.03;
const REQUEST_TIMEOUT_MS = 10_000;

const FORMATS = { html: 'text/html; charset=utf-8', json: 'application/json', txt: 'text/plain; charset=utf-8', md: 'text/markdown; charset=utf-8' };
const LANGS = ['fr', 'en'];
const FIREFOX = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'Accept-Language': 'fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3' };
const CHROME_EN = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'Accept-Language': 'en-GB,en-US;q=0.9,en;q=0.8',
};

/** The bytes of a keep-alive request on the wire. */
function serialize({ method, path, headers, body }, port) {
  const parts = [Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, 'latin1')];
  for (const [name, value] of headers) {
    parts.push(Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), Buffer.from('\r\n'));
  }
  if (body !== undefined) parts.push(Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n`));
  parts.push(Buffer.from('\r\n'));
  if (body !== undefined) parts.push(Buffer.from(body));
  return Buffer.concat(parts);
}

/**
 * The mix: { label, kind, request, status, variant, closes, weight }, where
 * `variant` ('fr.html'…) is what a 200 must be, when the request decides it.
 */
function mix(etags) {
  const ordinary = [];
  const add = (kind, label, request, status, variant) =>
    ordinary.push({ kind, label, request: { method: 'GET', headers: [], ...request }, status, variant });
  for (const lang of LANGS) {
    for (const ext of Object.keys(FORMATS)) {
      const path = `/${lang}/apropos/index.${ext}`;
      add('variant', `GET ${path}`, { path }, 200, `${lang}.${ext}`);
      add('revalidation', `GET ${path} If-None-Match`, { path, headers: [['If-None-Match', etags[`${lang}.${ext}`]]] }, 304);
    }
  }
  const negotiated = [
    ['/fr/apropos/', FIREFOX, 'fr.html'],
    ['/en/apropos/', CHROME_EN, 'en.html'],
    ['/apropos/', { Accept: '*/*' }, 'fr.html'],
    ['/apropos/', { Accept: 'application/json, */*;q=0.5' }, 'fr.json'],
    ['/en/apropos/', { Accept: 'text/markdown, text/plain;q=0.9' }, 'en.md'],
    ['/fr/apropos/', { Accept: 'text/plain' }, 'fr.txt'],
    ['/apropos/index.md', {}, 'fr.md'],
  ];
  for (const [path, headers, variant] of negotiated) {
    const pairs = Object.entries(headers);
    add('negotiated', `GET ${path} ${variant}`, { path, headers: pairs }, 200, variant);
    add('revalidation', `GET ${path} ${variant} If-None-Match`, { path, headers: [...pairs, ['If-None-Match', etags[variant]]] }, 304);
  }
  add('negotiated', 'HEAD /fr/apropos/', { method: 'HEAD', path: '/fr/apropos/', headers: Object.entries(FIREFOX) }, 200, 'fr.html');
  // Where the URL leaves the language open, a stated language is a redirect to it.
  add('status', 'GET /apropos/ 302', { path: '/apropos/', headers: Object.entries(FIREFOX) }, 302);
  add('status', 'GET /apropos/index.json 302', { path: '/apropos/index.json', headers: [['Accept-Language', 'en-US,en;q=0.9']] }, 302);
  add('revalidation', 'GET /apropos/ If-None-Match: another', { path: '/apropos/', headers: [['If-None-Match', '"0000000000000000"']] }, 200, 'fr.html');
  add('status', 'GET /apropos', { path: '/apropos' }, 301);
  add('status', 'GET /', { path: '/' }, 302);
  add('status', 'GET /nope', { path: '/nope', headers: Object.entries(FIREFOX) }, 404);
  add('status', 'GET /en/apropos/ image/png', { path: '/en/apropos/', headers: [['Accept', 'image/png']] }, 406);
  add('status', 'POST /apropos/', { method: 'POST', path: '/apropos/', body: 'a=1' }, 405);
  add('status', 'OPTIONS /apropos/', { method: 'OPTIONS', path: '/apropos/' }, 204);

  // Ordinary requests are four fifths of the load, hostile ones a fifth.
  const hostile = WORKER_CASES.filter((c) => !c.todo).map((c) => ({
    kind: 'hostile',
    label: `hostile: ${c.name}`,
    request: resolve(c, etags['fr.html']),
    status: c.status,
    variant: c.format && c.lang ? `${c.lang}.${c.format}` : undefined,
    format: c.format,
    lang: c.lang,
    file: c.file,
  }));
  const refused = ['a NUL byte in a header value', 'an unknown method'].map((name) => {
    const c = RUNTIME_CASES.find((r) => r.name === name);
    return { kind: 'refused', label: `refused by workerd: ${name}`, request: resolve(c, etags['fr.html']), status: c.status, closes: true };
  });
  const ordinaryWeight = Math.max(1, Math.round((4 * (hostile.length + refused.length)) / ordinary.length));
  return [...ordinary.map((t) => ({ ...t, weight: ordinaryWeight })), ...hostile.map((t) => ({ ...t, weight: 1 })), ...refused.map((t) => ({ ...t, weight: 1 }))];
}

/** A deterministic shuffle (mulberry32), so every run sends the same sequence. */
function shuffled(items, seed = 0x5eed) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The head of a response in `buffer` (up to `end`): status and the headers the checks read. */
function parseHead(buffer, end) {
  const text = buffer.toString('latin1', 0, end);
  const status = Number(text.slice(9, 12));
  const headers = {};
  for (const line of text.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (['content-length', 'connection', 'content-type', 'content-language', 'etag', 'transfer-encoding'].includes(name)) {
      headers[name] = line.slice(colon + 1).trim();
    }
  }
  return { status, headers };
}

/** Tallies answers, with the first few of each kind of problem kept as examples. */
class Tally {
  constructor() {
    this.requests = 0;
    this.byKind = {};
    this.byStatus = {};
    this.unexpected = 0;
    this.socketErrors = 0;
    this.problems = new Map();
  }

  problem(kind, detail) {
    const key = `${kind}: ${detail}`;
    this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
  }

  /** The most frequent problems, with their counts. */
  examples() {
    return [...this.problems].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([key, n]) => `${n} × ${key}`);
  }
}

/** One keep-alive connection in a closed loop over `schedule`, from `offset`. */
class Client {
  constructor({ port, schedule, offset, variants, tally, until }) {
    Object.assign(this, { port, schedule, next: offset, variants, tally, until });
    this.finished = new Promise((done) => (this.done = done));
  }

  start() {
    this.buffer = Buffer.alloc(0);
    this.current = null;
    const socket = connect(this.port, '127.0.0.1');
    this.socket = socket;
    // A closed socket's late events must not touch its successor's request.
    const mine = () => this.socket === socket;
    socket.setNoDelay(true);
    socket.once('connect', () => mine() && this.send());
    socket.on('data', (chunk) => mine() && this.receive(chunk));
    socket.on('error', (error) => mine() && this.fail(`socket error: ${error.code ?? error.message}`));
    socket.on('close', () => mine() && this.current && this.fail('connection closed mid-response'));
  }

  send() {
    if (performance.now() >= this.until()) {
      this.socket.end();
      this.done();
      return;
    }
    this.current = this.schedule[this.next++ % this.schedule.length];
    this.sentAt = performance.now();
    this.timer = setTimeout(() => this.fail(`no answer within ${REQUEST_TIMEOUT_MS} ms`), REQUEST_TIMEOUT_MS);
    this.socket.write(this.current.bytes);
  }

  receive(chunk) {
    if (!this.current) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const { status, headers } = parseHead(this.buffer, end);
    const bodyless = this.current.request.method === 'HEAD' || status === 204 || status === 304 || status < 200;
    let length = 0;
    if (!bodyless) {
      if (headers['content-length'] === undefined) return this.fail(`${this.current.label}: ${status} without Content-Length`);
      length = Number(headers['content-length']);
    }
    const total = end + 4 + length;
    if (this.buffer.length < total) return;
    if (this.buffer.length > total) return this.fail(`${this.current.label}: ${this.buffer.length - total} bytes past the answer`);
    clearTimeout(this.timer);
    this.check(status, headers, length);
    const closes = this.current.closes || headers.connection?.toLowerCase() === 'close';
    this.current = null;
    this.buffer = Buffer.alloc(0);
    if (closes) {
      this.socket.destroy();
      this.start();
    } else {
      this.send();
    }
  }

  check(status, headers, length) {
    const { tally, current } = this;
    tally.requests++;
    tally.byKind[current.kind] = (tally.byKind[current.kind] ?? 0) + 1;
    tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
    let problem = status === current.status ? null : `${status}, not ${current.status}`;
    if (!problem && status === 200 && current.file) {
      // A site file: not a variant of the page; its bytes are checked by the e2e table.
      if (headers['content-language'] !== undefined) problem = `a site file in ${headers['content-language']}`;
    } else if (!problem && status === 200) {
      const ext = Object.keys(FORMATS).find((e) => FORMATS[e] === headers['content-type']);
      const served = `${headers['content-language']}.${ext}`;
      const variant = this.variants[served];
      const expected = current.variant;
      if (!variant) problem = `a 200 that is no variant (${headers['content-type']}, ${headers['content-language']})`;
      else if (expected && served !== expected) problem = `${served}, not ${expected}`;
      else if (current.format && ext !== current.format) problem = `${ext}, not ${current.format}`;
      else if (current.lang && headers['content-language'] !== current.lang) problem = `${headers['content-language']}, not ${current.lang}`;
      else if (headers.etag !== variant.etag) problem = `ETag ${headers.etag}, not ${variant.etag}`;
      else if (current.request.method !== 'HEAD' && length !== variant.length) problem = `${length} bytes, not ${variant.length}`;
    }
    if (problem) {
      tally.unexpected++;
      tally.problem('unexpected answer', `${current.label}: ${problem}`);
    }
  }

  fail(reason) {
    clearTimeout(this.timer);
    const label = this.current?.label;
    this.current = null;
    this.tally.socketErrors++;
    this.tally.problem('socket', `${label ?? 'between requests'}: ${reason}`);
    this.socket.destroy();
    // Reconnect after a pause, so a dead server is not hammered.
    if (performance.now() < this.until()) setTimeout(() => this.start(), 100);
    else this.done();
  }
}

/** The resident memory of process `pid` in kB, or null once it has exited. */
function rssKb(pid) {
  try {
    const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return rss ? Number(rss[1]) : null;
  } catch {
    return null;
  }
}

/** The CPU time process `pid` has used, in seconds (utime + stime, at 100 ticks a second), or null. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The mean RSS (kB) of the samples taken from `from` to `to` (ms since the load began). */
function meanRss(samples, from, to) {
  const inside = samples.filter((s) => s.t >= from && s.t <= to);
  return inside.reduce((sum, s) => sum + s.rss, 0) / Math.max(1, inside.length);
}

/** The number of requests answered by time `t`, from the samples. */
const requestsAt = (samples, t) => samples.filter((s) => s.t <= t).at(-1)?.requests ?? 0;
const mb = (kb) => (kb / 1024).toFixed(1);

async function main() {
  const worker = await startWorker();
  try {
    const variants = {};
    for (const lang of LANGS) {
      for (const ext of Object.keys(FORMATS)) {
        const res = await rawRequest(worker.port, { path: `/${lang}/apropos/index.${ext}` });
        variants[`${lang}.${ext}`] = { etag: res.headers.etag[0], length: res.body.length };
      }
    }
    const page = await rawRequest(worker.port, { path: '/apropos/' });
    const etags = Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, v.etag]));
    const templates = mix(etags);
    const schedule = shuffled(templates.flatMap((t) => Array(t.weight).fill(t))).map((t) => ({ ...t, bytes: serialize(t.request, worker.port) }));

    const idleRss = rssKb(worker.pid);
    const tally = new Tally();
    const samples = [];
    const began = performance.now();
    const elapsed = () => performance.now() - began;
    // The warm-up ends when RSS levels off; the measured window follows it.
    let measureFrom = null;
    let leveled = false;
    let stopAt = began + (WARMUP_MAX + SECONDS) * 1000;
    let exited = false;
    let cpuFrom = null;
    const sampler = setInterval(() => {
      const t = elapsed();
      const rss = rssKb(worker.pid);
      if (rss === null) {
        exited = true;
        stopAt = performance.now();
        return;
      }
      samples.push({ t, rss, requests: tally.requests });
      if (measureFrom !== null) return;
      if (t >= Math.min(WARMUP_MIN, WARMUP_MAX) * 1000 && t >= 2 * LEVEL_WINDOW_MS) {
        const recent = meanRss(samples, t - LEVEL_WINDOW_MS, t);
        const before = meanRss(samples, t - 2 * LEVEL_WINDOW_MS, t - LEVEL_WINDOW_MS);
        leveled = recent <= before * (1 + LEVEL_TOLERANCE);
      }
      if (leveled || t >= WARMUP_MAX * 1000) {
        measureFrom = t;
        stopAt = began + t + SECONDS * 1000;
        cpuFrom = { workerd: cpuSeconds(worker.pid), client: process.cpuUsage() };
      }
    }, 250);
    const stride = Math.floor(schedule.length / CONNECTIONS);
    const clients = Array.from({ length: CONNECTIONS }, (_, i) => new Client({ port: worker.port, schedule, offset: i * stride, variants, tally, until: () => stopAt }));
    for (const client of clients) client.start();
    await Promise.all(clients.map((c) => c.finished));
    clearInterval(sampler);
    const measureTo = elapsed();
    if (!exited) samples.push({ t: measureTo, rss: rssKb(worker.pid), requests: tally.requests });
    measureFrom ??= measureTo;
    // The share of one core each side used while measured: workerd runs the
    // worker on one thread, so near 100 % it is the bottleneck, not the client.
    const window = (measureTo - measureFrom) / 1000;
    const cpu = {
      workerd: cpuFrom?.workerd != null && !exited ? Math.round((100 * (cpuSeconds(worker.pid) - cpuFrom.workerd)) / window) : null,
      client: cpuFrom ? Math.round(Object.values(process.cpuUsage(cpuFrom.client)).reduce((a, b) => a + b) / 1e4 / window) : null,
    };

    const tenth = Math.max(1000, (measureTo - measureFrom) / 10);
    const middleAt = (measureFrom + measureTo) / 2;
    const rss = {
      start: meanRss(samples, measureFrom, measureFrom + tenth),
      middle: meanRss(samples, middleAt - tenth / 2, middleAt + tenth / 2),
      end: meanRss(samples, measureTo - tenth, measureTo),
    };
    const growth = Math.max(rss.middle, rss.end) / rss.start - 1;
    const measured = tally.requests - requestsAt(samples, measureFrom);
    const rate = measured / ((measureTo - measureFrom) / 1000);

    const after = exited ? null : await rawRequest(worker.port, { path: '/apropos/' }).catch(() => null);
    const servesAfter = after?.status === 200 && after.body.equals(page.body);
    const log = worker.log();
    const crashes = log.split('\n').filter((l) => /panicked|RuntimeError|Uncaught/.test(l));

    const report = {
      seconds: SECONDS,
      warmupSeconds: +(measureFrom / 1000).toFixed(1),
      warmupLeveledOff: leveled,
      connections: CONNECTIONS,
      mix: { templates: templates.length, hostile: templates.filter((t) => t.kind === 'hostile').length },
      requests: tally.requests,
      measuredRequests: measured,
      requestsPerSecond: Math.round(rate),
      cpuPercent: cpu,
      loadAverage: +loadavg()[0].toFixed(2),
      byKind: tally.byKind,
      byStatus: tally.byStatus,
      unexpected: tally.unexpected,
      socketErrors: tally.socketErrors,
      examples: tally.examples(),
      rssMb: { idle: +mb(idleRss), start: +mb(rss.start), middle: +mb(rss.middle), end: +mb(rss.end), peak: +mb(Math.max(...samples.map((s) => s.rss))) },
      rssJudged: JUDGE_RSS,
      rssGrowth: +(growth * 100).toFixed(1),
      rssTimeline: samples.filter((_, i) => i % 4 === 0).map((s) => ({ second: +(s.t / 1000).toFixed(1), mb: +mb(s.rss), requests: s.requests })),
      servesAfter,
      workerdErrors: crashes.slice(0, 5),
    };
    const failures = [
      exited && 'workerd exited during the soak',
      tally.requests === 0 && 'no request was answered',
      tally.unexpected > 0 && `${tally.unexpected} unexpected answers`,
      tally.socketErrors > 0 && `${tally.socketErrors} socket errors or timeouts`,
      JUDGE_RSS && !leveled && `RSS did not level off within ${WARMUP_MAX} s of warm-up`,
      JUDGE_RSS && growth > MAX_RSS_GROWTH && `RSS grew ${(growth * 100).toFixed(1)} % (more than ${MAX_RSS_GROWTH * 100} %)`,
      !servesAfter && 'the page was not served byte for byte after the soak',
      crashes.length > 0 && `workerd logged ${crashes.length} errors`,
    ].filter(Boolean);
    report.verdict = failures.length ? failures : 'pass';

    const dir = join(ROOT, 'target', 'soak');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${SECONDS}s.json`), `${JSON.stringify(report, null, 2)}\n`);
    print(report);
    return failures.length === 0;
  } finally {
    await worker.stop();
  }
}

function print(r) {
  const lines = [
    `soak: ${r.seconds} s after ${r.warmupSeconds} s of warm-up (RSS ${r.warmupLeveledOff ? 'leveled off' : 'still growing'}), ${r.connections} connections, ${r.mix.templates} kinds of request (${r.mix.hostile} hostile)`,
    `requests        ${r.requests} in all, ${r.measuredRequests} in the ${r.seconds} s measured: ${r.requestsPerSecond}/s`,
    `CPU             workerd ${r.cpuPercent.workerd} %, this client ${r.cpuPercent.client} % of a core (machine load average ${r.loadAverage} on ${availableParallelism()} cores)`,
    `by kind         ${Object.entries(r.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `by status       ${Object.entries(r.byStatus).map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    `unexpected      ${r.unexpected}`,
    `socket errors   ${r.socketErrors}`,
    `workerd RSS     idle ${r.rssMb.idle} MB; start ${r.rssMb.start}, middle ${r.rssMb.middle}, end ${r.rssMb.end} MB (growth ${r.rssGrowth} %, peak ${r.rssMb.peak} MB)${r.rssJudged ? '' : ', reported, not judged'}`,
    `page after      ${r.servesAfter ? 'served byte for byte' : 'NOT SERVED'}`,
    ...r.examples.map((e) => `  ${e}`),
    ...r.workerdErrors.map((e) => `  workerd: ${e}`),
    `verdict         ${Array.isArray(r.verdict) ? `FAIL: ${r.verdict.join('; ')}` : 'pass'}`,
  ];
  console.log(lines.join('\n'));
}

process.exitCode = (await main()) ? 0 : 1;
