// Varnish in front of a backend port, configured as Cloudflare's Workers
// Cache (workers-cache.vcl), for the cache tests and `make cache-sim`.
//
//   const cache = await startVarnish({ backendPort: worker.port });
//   await fetch(cache.url('/apropos/'));        // X-Cache: HIT or MISS
//   await cache.stats();                        // varnishstat's counters
//   await cache.purgeTag('page');               // bans every object tagged so
//   await cache.stop();                         // always, in after()
//
// varnishd runs in the foreground (-F) with its working directory (-n) in a
// fresh temporary directory; stop() ends it and removes that directory, and
// this process's exit or SIGINT/SIGTERM kills it otherwise, as
// tests/e2e/worker.mjs does for workerd.

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, supervise, untilAnswering } from '../e2e/worker.mjs';

export const VCL = join(import.meta.dirname, 'workers-cache.vcl');
// Debian installs it in /usr/sbin, which is not on every user's PATH.
const VARNISHD = process.env.VARNISHD ?? (existsSync('/usr/sbin/varnishd') ? '/usr/sbin/varnishd' : 'varnishd');
/**
 * Starts varnishd on a free loopback port in front of 127.0.0.1:`backendPort`
 * and resolves once it answers. With `assetsPort`, requests for /_assets/
 * go to 127.0.0.1:`assetsPort` instead (the backend `assets`): at the edge,
 * Workers Static Assets answers the production route `/_assets/*` ahead of
 * the worker, and here a wrangler dev, the only local server of the assets,
 * plays it. Returns `{ port, base, url(path), stats(), counter(name),
 * purgeTag(tag), log(), stop() }`.
 */
export async function startVarnish({ backendPort, assetsPort, vcl = VCL, storage = 'malloc,256m', timeoutMs = 20000 }) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'apropos-varnish-'));
  const main = join(dir, 'main.vcl');
  // The backend is the Worker; workers-cache.vcl is the policy, included as
  // is. The routing to the assets' backend comes first: Varnish runs the
  // vcl_recv of this file, then the included one's.
  const backend = (name, p) => `backend ${name} { .host = "127.0.0.1"; .port = "${p}"; .first_byte_timeout = 30s; }\n`;
  const assets = assetsPort
    ? `${backend('assets', assetsPort)}sub vcl_recv {\n  if (req.url ~ "^([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*)?/_assets/") {\n    set req.backend_hint = assets;\n  }\n}\n`
    : '';
  writeFileSync(main, `vcl 4.1;\n${backend('worker', backendPort)}${assets}include ${JSON.stringify(vcl)};\n`);
  const args = [
    '-F', // foreground: this is the process to stop
    '-j', 'none', // no privilege separation: runs as whoever runs the tests
    '-a', `127.0.0.1:${port}`,
    '-f', main,
    '-n', join(dir, 'n'),
    '-P', join(dir, 'varnishd.pid'),
    '-s', storage,
    '-p', 'http_gzip_support=off', // Workers Cache stores the Worker's encoding as is
    '-p', 'feature=+no_coredump',
  ];
  const child = spawn(VARNISHD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let spawnError;
  child.once('error', (e) => (spawnError = e));
  const { stop, log } = supervise(child, { graceMs: 5000, cleanup: () => rmSync(dir, { recursive: true, force: true }) });

  const base = `http://127.0.0.1:${port}`;
  const probe = async () => Boolean(await send(port, { method: 'PURGE', path: '/', headers: { 'x-purge-tag': 'startup-probe' } }));
  const failed = () => (spawnError?.code === 'ENOENT' ? 'varnishd is not installed (make varnish-deps)' : spawnError && 'varnishd did not start');
  await untilAnswering({ name: 'varnishd', child, stop, log }, { probe, timeoutMs, everyMs: 25, failed });

  const workdir = join(dir, 'n');
  /** Every varnishstat counter, name → value (MAIN.n_object, VBE.*.beresp_bodybytes...). */
  const stats = async () => {
    const { stdout } = await promisify(execFile)('varnishstat', ['-n', workdir, '-1', '-j'], { maxBuffer: 16 << 20 });
    const parsed = JSON.parse(stdout);
    const counters = parsed.counters ?? parsed; // varnishstat -j: { version, timestamp, counters } since 6.5
    const values = {};
    for (const [name, c] of Object.entries(counters)) if (typeof c === 'object' && 'value' in c) values[name] = c.value;
    return values;
  };
  return {
    port,
    base,
    url: (path) => `${base}${path}`,
    stats,
    /** The sum of the counters whose name matches `pattern` (a RegExp) or equals it. */
    counter: async (pattern) => sumCounters(await stats(), pattern),
    /** Bans every object whose Cache-Tag holds `tag` (case-insensitive). */
    purgeTag: async (tag) => {
      const res = await send(port, { method: 'PURGE', path: '/', headers: { 'x-purge-tag': tag } });
      if (res.status !== 200) throw new Error(`purge of tag ${JSON.stringify(tag)}: ${res.status} ${res.body}`);
    },
    log,
    pid: child.pid,
    stop,
  };
}

/** The sum of `counters` whose name matches `pattern` (a RegExp) or equals it. */
export function sumCounters(counters, pattern) {
  let sum = 0;
  for (const [name, value] of Object.entries(counters)) {
    if (pattern instanceof RegExp ? pattern.test(name) : name === pattern) sum += value;
  }
  return sum;
}

function send(port, { method, path, headers }) {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d) => (body += d));
      res.on('end', () => done({ status: res.statusCode, body }));
    });
    req.on('error', fail);
    req.end();
  });
}
