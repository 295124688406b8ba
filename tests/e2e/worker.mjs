// Serves the built worker (build/) in workerd, Cloudflare's runtime, on a free
// loopback port, for the end-to-end tests and the benchmark.
//
//   const worker = await startWorker();          // vars from wrangler.toml
//   const res = await fetch(worker.url('/apropos/'));
//   await worker.stop();                          // always, in after()
//
// workerd is started from a generated capnp config (it answers in ~40 ms) and
// stopped by stop(), and by this process's exit or SIGINT/SIGTERM otherwise:
// no test run leaves a server behind.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve } from 'node:path';
import workerd from 'workerd';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The build under test: build/, or BUILD (another build's directory, e.g. the fixture site's). */
export const DEFAULT_BUILD = process.env.BUILD ? resolve(ROOT, process.env.BUILD) : join(ROOT, 'build');
const running = new Set();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.once('exit', killAll);

function killAll() {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Watches `child`, a server this process spawned (workerd, Varnish, wrangler
 * dev): this process's exit or interruption kills it. Returns `{ stop, log }`:
 * `stop()` ends it (SIGTERM, then SIGKILL after `graceMs`) and then runs
 * `cleanup`; `log()` is what it wrote to stdout and stderr so far.
 */
export function supervise(child, { graceMs = 2000, cleanup = () => {} } = {}) {
  running.add(child);
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const closed = new Promise((done) => child.once('close', () => (running.delete(child), done())));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await closed;
    clearTimeout(timer);
    cleanup();
  };
  return { stop, log: () => log };
}

/**
 * Spawns workerd on the capnp config `configFor(dir)` writes for a fresh
 * temporary `dir` (embed paths are relative to it). Returns `{ child,
 * startedAt, log, stop }`: `stop()` ends the process (SIGTERM, then SIGKILL
 * after 2 s) and removes `dir`; this process's exit or interruption kills it
 * otherwise.
 */
export function spawnWorkerd(configFor) {
  const dir = mkdtempSync(join(tmpdir(), 'apropos-workerd-'));
  const config = join(dir, 'worker.capnp');
  writeFileSync(config, configFor(dir));
  const startedAt = performance.now();
  const child = spawn(workerd.default, ['serve', config, '--experimental'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { stop, log } = supervise(child, { cleanup: () => rmSync(dir, { recursive: true, force: true }) });
  return { child, startedAt, log, stop };
}

/**
 * Resolves once `probe()` resolves true (a throw counts as not yet), asking
 * every `everyMs`. If `child` exits first (or `failed()` names a reason, such
 * as a spawn error), or `timeoutMs` passes, stops the server and throws with
 * its `log()`, naming it `name`.
 */
export async function untilAnswering({ name, child, stop, log }, { probe, timeoutMs, everyMs = 10, failed = () => null }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed() ?? (child.exitCode !== null || child.signalCode !== null ? `${name} exited before answering` : null);
    if (reason) {
      await stop();
      throw new Error(`${reason}:\n${log()}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer within ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The `[vars]` of wrangler.toml, as the worker sees them under `wrangler dev`. */
export function wranglerVars() {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const section = toml.split(/^\[vars\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
  const vars = {};
  for (const [, name, value] of section.matchAll(/^([A-Z_][A-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/gm)) {
    vars[name] = JSON.parse(`"${value}"`);
  }
  return vars;
}

/**
 * The worker's events in workerd's output `log`, parsed: each is a line that
 * is a JSON object with an `event` member (src/log.rs, shim/index.js).
 */
export function loggedEvents(log) {
  return log
    .split('\n')
    .filter((line) => line.startsWith('{"event":'))
    .map((line) => JSON.parse(line));
}

/** The compatibility date of wrangler.toml, so tests run what deploys. */
export function compatibilityDate() {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  return toml.match(/^compatibility_date\s*=\s*"([^"]+)"/m)[1];
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const capnpString = (s) => JSON.stringify(s);

/** The capnp config serving `modules` (name → path) on `port`, with `vars` as text bindings. */
export function workerdConfig({ port, modules, vars, compatibilityDate: date, dir, name = 'main' }) {
  return workerdServicesConfig({ services: [{ name, port, modules, vars }], compatibilityDate: date, dir });
}

/**
 * The capnp config serving several workers from one workerd process, each
 * `{ name, port, modules, vars }` on its own loopback port. A module's `kind`
 * is `esModule`, `wasm`, `data` or `text`.
 */
export function workerdServicesConfig({ services, compatibilityDate: date, dir }) {
  // capnp embeds paths relative to the config file's directory.
  const worker = ({ modules, vars = {} }) => {
    const moduleLines = modules.map(
      ({ name: m, path, kind }) => `(name = ${capnpString(m)}, ${kind} = embed ${capnpString(relative(dir, path))})`,
    );
    const bindingLines = Object.entries(vars).map(([k, v]) => `(name = ${capnpString(k)}, text = ${capnpString(v)})`);
    return `(
    modules = [${moduleLines.join(', ')}],
    compatibilityDate = ${capnpString(date)},
    bindings = [${bindingLines.join(', ')}],
  )`;
  };
  const serviceLines = services.map((s) => `(name = ${capnpString(s.name)}, worker = ${worker(s)})`);
  const socketLines = services.map(
    (s) => `(name = ${capnpString(s.name)}, address = ${capnpString(`127.0.0.1:${s.port}`)}, http = (), service = ${capnpString(s.name)})`,
  );
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [${serviceLines.join(',\n    ')}],
  sockets = [${socketLines.join(',\n    ')}],
);
`;
}

/**
 * The modules of the bundle worker-build wrote in build/ (or `BUILD`), entry
 * first: index.js and what it imports, transitively (with a custom shim, worker/shim.mjs and
 * its wasm, worker/index.wasm), named by their path under build/. Files an
 * earlier build left there and nothing imports are not modules.
 */
export function builtModules(BUILD = DEFAULT_BUILD) {
  if (!existsSync(join(BUILD, 'index.js'))) throw new Error(`${BUILD}/index.js is missing: run \`make build\` first`);
  const names = ['index.js'];
  for (const name of names) {
    if (!/\.m?js$/.test(name)) continue;
    const source = readFileSync(join(BUILD, name), 'utf8');
    for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+)["']/g)) {
      const target = posix.normalize(posix.join(posix.dirname(name), specifier));
      if (!names.includes(target)) names.push(target);
    }
  }
  return names.map((f) => ({ name: f, path: join(BUILD, f), kind: f.endsWith('.wasm') ? 'wasm' : 'esModule' }));
}

/**
 * Starts workerd serving `modules` (the built worker by default) and resolves
 * once it answers HTTP. `vars` are merged over wrangler.toml's. When the port,
 * free a moment before, was taken meanwhile (suites run side by side), workerd
 * exits saying the address is in use: a new port is tried, twice at most.
 */
export async function startWorker({ vars = {}, modules = builtModules(), timeoutMs = 15000, retries = 2 } = {}) {
  const port = await freePort();
  const { child, startedAt, log, stop } = spawnWorkerd((dir) =>
    workerdConfig({ port, modules, vars: { ...wranglerVars(), ...vars }, compatibilityDate: compatibilityDate(), dir }),
  );

  const base = `http://127.0.0.1:${port}`;
  // Any HTTP answer will do: the worker is up.
  const probe = async () => Boolean(await fetch(`${base}/`, { redirect: 'manual' }));
  try {
    await untilAnswering({ name: 'workerd', child, stop, log }, { probe, timeoutMs });
  } catch (error) {
    if (retries > 0 && /Address already in use|EADDRINUSE/.test(log())) {
      await stop();
      return startWorker({ vars, modules, timeoutMs, retries: retries - 1 });
    }
    throw error;
  }
  return {
    port,
    base,
    startupMs: performance.now() - startedAt,
    url: (path) => `${base}${path}`,
    log,
    pid: child.pid,
    stop,
  };
}
