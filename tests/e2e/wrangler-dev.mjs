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
// directory names build/index.js as its entry, with no build command, and
// the vars of the repository's wrangler.toml.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUILD, ROOT, compatibilityDate, freePort, supervise, wranglerVars } from './worker.mjs';

const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/** Starts `wrangler dev` on the built worker; resolves once it answers HTTP. */
export async function startWranglerDev({ build = DEFAULT_BUILD, timeoutMs = 60000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'apropos-wrangler-dev-'));
  const vars = Object.entries(wranglerVars()).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
  writeFileSync(
    join(dir, 'wrangler.toml'),
    [
      'name = "apropos-dev-check"',
      `main = ${JSON.stringify(join(build, 'index.js'))}`,
      `compatibility_date = ${JSON.stringify(compatibilityDate())}`,
      '[vars]',
      ...vars,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = spawn(WRANGLER, ['dev', '--ip', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stop, log } = supervise(child, { graceMs: 5000, cleanup: () => rmSync(dir, { recursive: true, force: true }) });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`wrangler dev exited before answering:\n${log()}`);
    }
    try {
      const res = await fetch(`${base}/fr/apropos/index.md`, { redirect: 'manual' });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, base, url: (path) => `${base}${path}`, log, stop };
}
