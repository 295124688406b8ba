// Serves the built worker (build/) under `wrangler dev`, for the tests that
// must see it as the edge delivers it: wrangler dev compresses responses
// (gzip, brotli) after the worker answers, for the media types the edge
// compresses by default, and re-chunks bodies. workerd served directly
// (worker.mjs) does neither.
//
//   const dev = await startWranglerDev();
//   const res = await fetch(dev.url('/fr/apropos/'));
//   await dev.stop();                           // always, in after()
//
// The worker is not rebuilt: a generated wrangler.toml in a temporary
// directory names build/index.js as its entry, with no build command, the
// vars of the repository's wrangler.toml (and `vars` over them), and the
// static assets of dist/public (scripts/assets/build.mjs), which Workers
// Static Assets serves ahead of the worker there as at the edge.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_LANG, HOME, pagePath } from '../smoke/site.mjs';
import { DEFAULT_BUILD, ROOT, compatibilityDate, freePort, supervise, untilAnswering, wranglerVars } from './worker.mjs';

const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
/** The static assets `make build` writes (scripts/assets/build.mjs); ASSETS_DIR names another build's. */
export const DEFAULT_ASSETS = process.env.ASSETS_DIR ? resolve(ROOT, process.env.ASSETS_DIR) : join(ROOT, 'dist', 'public');

/**
 * Starts `wrangler dev` on the built worker; resolves once it answers HTTP.
 * The port is one the system had free a moment before; when another process
 * took it meanwhile (make test runs suites side by side, and every local
 * connection takes a port of the same range), wrangler says the address is in
 * use and exits: then a new port is tried, twice at most.
 */
export async function startWranglerDev({ build = DEFAULT_BUILD, assets = DEFAULT_ASSETS, vars: extra = {}, timeoutMs = 60000, retries = 2 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'apropos-wrangler-dev-'));
  const vars = Object.entries({ ...wranglerVars(), ...extra }).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
  writeFileSync(
    join(dir, 'wrangler.toml'),
    [
      'name = "apropos-dev-check"',
      `main = ${JSON.stringify(join(build, 'index.js'))}`,
      `compatibility_date = ${JSON.stringify(compatibilityDate())}`,
      '[assets]',
      `directory = ${JSON.stringify(assets)}`,
      '[vars]',
      ...vars,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  // node_modules/.bin/wrangler is a wrapper that runs wrangler's CLI in a
  // second Node process, which runs workerd (twice). Signalling the wrapper
  // alone left the CLI and its workerd running, still serving, whenever the
  // wrapper died first (SIGKILL after the grace period while the CLI was
  // still shutting down, or this process's exit). So the wrapper leads a
  // process group of its own, and every signal goes to the whole group.
  const child = spawn(WRANGLER, ['dev', '--ip', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const killWrapper = child.kill.bind(child);
  child.kill = (signal = 'SIGTERM') => signalGroup(signal) || killWrapper(signal);
  const cleanup = () => {
    signalGroup('SIGKILL'); // whatever outlived the wrapper
    rmSync(dir, { recursive: true, force: true });
  };
  const { stop, log } = supervise(child, { graceMs: 5000, cleanup });

  const base = `http://127.0.0.1:${port}`;
  const probe = async () => (await fetch(`${base}${pagePath(HOME, DEFAULT_LANG)}index.md`, { redirect: 'manual' })).status === 200;
  try {
    await untilAnswering({ name: 'wrangler dev', child, stop, log }, { probe, timeoutMs, everyMs: 100 });
  } catch (error) {
    if (retries > 0 && /Address already in use/.test(log())) {
      await stop();
      return startWranglerDev({ build, assets, vars: extra, timeoutMs, retries: retries - 1 });
    }
    throw error;
  }
  return { port, base, url: (path) => `${base}${path}`, log, stop };
}
