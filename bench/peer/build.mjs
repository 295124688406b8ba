// Bundles the peer (bench/peer/worker.js: hono, negotiator, marked) with the
// pinned esbuild into one module worker, the markdown of content/ embedded as
// text, as `wrangler deploy` would bundle it.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** Writes the peer's bundle into `dir` and returns its modules for a workerd config. */
export function buildPeer(dir) {
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'peer.mjs');
  buildSync({
    entryPoints: [join(import.meta.dirname, 'worker.js')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    minify: true,
    loader: { '.md': 'text' },
    logLevel: 'warning',
  });
  return [{ name: 'peer.mjs', path: outfile, kind: 'esModule' }];
}
