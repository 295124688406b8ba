// Bundles the peer (bench/peer/worker.js: hono, negotiator, marked) with the
// pinned esbuild into one module worker, the markdown of content/ embedded as
// text, as `wrangler deploy` would bundle it.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const GOLDEN = join(import.meta.dirname, '..', '..', 'tests', 'golden', 'apropos');

/**
 * The page's chrome in `lang`, as the Rust worker serves it (its golden
 * HTML): the head's asset links, the skip links and header before `<main>`,
 * the footer after it. The peer serves the same markup around its own
 * rendering of the content, so that both send a page of beta.gouv.fr.
 */
export function chrome(lang) {
  const html = readFileSync(join(GOLDEN, `${lang}.html`), 'utf8');
  const between = (from, to, { withEnd = false } = {}) => {
    const start = html.indexOf(from);
    const end = html.indexOf(to, start);
    if (start < 0 || end < 0) throw new Error(`tests/golden/apropos/${lang}.html: no ${from} … ${to}`);
    return html.slice(start, withEnd ? end + to.length : end);
  };
  return {
    head: between('<link rel="preload"', '<meta name="description"'),
    top: between('<div class="fr-skiplinks">', '<main'),
    bottom: between('<footer', '</footer>', { withEnd: true }),
  };
}

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
    define: { CHROME: JSON.stringify({ fr: chrome('fr'), en: chrome('en') }) },
    logLevel: 'warning',
  });
  return [{ name: 'peer.mjs', path: outfile, kind: 'esModule' }];
}
