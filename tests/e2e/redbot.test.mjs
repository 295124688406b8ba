// REDbot (https://redbot.org), a real HTTP linter, run against the worker
// twice: in workerd, as the worker answers, and under `wrangler dev`, which
// compresses as the edge does (REDbot then also checks that the compressed
// and the identity answers agree: Vary, ETag, body). Zero BAD notes on the
// negotiated and explicit URLs, the status pages and the redirects, either
// way; and, under wrangler dev, one static asset of each kind. `make e2e`
// installs it in .tools/redbot.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { readAssets } from './assets.mjs';
import { startWranglerDev } from './wrangler-dev.mjs';
import { ROOT, startWorker } from './worker.mjs';

const REDBOT = process.env.REDBOT ?? join(ROOT, '.tools', 'redbot', 'bin', 'redbot');
const PATHS = [
  '/apropos/',
  '/apropos/index.json',
  '/fr/apropos/',
  '/en/apropos/',
  '/fr/apropos/index.html',
  '/en/apropos/index.json',
  '/fr/apropos/index.txt',
  '/en/apropos/index.md',
  '/nope',
  '/apropos',
  '/',
  '/robots.txt',
  '/sitemap.xml',
  '/llms.txt',
  '/.well-known/security.txt',
  '/schema/page.schema.json',
  '/%61propos/',
];

/**
 * One static asset of each kind, as Workers Static Assets serves it: only
 * under wrangler dev (workerd alone has no asset server). Paths from
 * dist/assets.json; `compressed` when the platform gzips it.
 */
const ASSETS = readAssets();
const ASSET_PATHS = [
  { kind: 'CSS', path: ASSETS.css, compressed: true },
  { kind: 'font', path: ASSETS.fonts[0].path, compressed: false },
  { kind: 'PNG image', path: ASSETS.og.apropos.fr, compressed: false },
  { kind: 'web manifest', path: ASSETS.icon.manifest, compressed: true },
];
/**
 * The BAD note REDbot gives an asset that wrangler dev compresses, of the
 * platform's local compression, not of the assets: wrangler dev (miniflare's
 * entry worker) gzips the asset server's answer after the fact and does not
 * weaken the asset server's strong ETag, so the gzip and identity answers
 * share a strong ETag. At the edge, Cloudflare turns a strong ETag weak when
 * it compresses (developers.cloudflare.com/cache/reference/etag-headers/);
 * it cannot be changed from the assets' side. (`Vary: Accept-Encoding`
 * comes from dist/public/_headers.) Any other BAD note, or this one on an
 * asset that is not compressed, fails.
 */
const PLATFORM_COMPRESSION_NOTES = {
  VARY_ETAG_DOESNT_CHANGE: "The ETag doesn't change between negotiated representations.",
};

const servers = {};
before(async () => {
  [servers.workerd, servers['wrangler dev']] = await Promise.all([startWorker(), startWranglerDev()]);
});
after(() => Promise.all(Object.values(servers).map((server) => server?.stop())));

/** Every note REDbot gives for `url`, flattened (children included). */
async function notes(url) {
  const { stdout } = await promisify(execFile)(REDBOT, ['-o', 'har', url], { maxBuffer: 64 << 20 });
  const flat = [];
  const walk = (list) => {
    for (const note of list ?? []) {
      flat.push(note);
      walk(note.subnotes ?? note.children);
    }
  };
  for (const entry of JSON.parse(stdout).log.entries) walk(entry._red_messages);
  return flat;
}

test('REDbot is installed (make e2e installs it)', () => {
  assert.ok(existsSync(REDBOT), `${REDBOT} is missing: run make e2e`);
});

for (const name of ['workerd', 'wrangler dev']) {
  describe(`REDbot through ${name}: no BAD note`, { concurrency: true }, () => {
    for (const path of PATHS) {
      test(path, async () => {
        const all = await notes(servers[name].url(path));
        assert.ok(all.length > 5, `REDbot said too little about ${path}: ${JSON.stringify(all)}`);
        const bad = all.filter((n) => String(n.level).toUpperCase() === 'BAD');
        assert.deepEqual(bad.map((n) => `${n.note_id}: ${n.summary}`), []);
      });
    }
  });
}

describe('REDbot through wrangler dev on one asset of each kind: no BAD note but the platform\'s own', { concurrency: true }, () => {
  for (const { kind, path, compressed } of ASSET_PATHS) {
    test(`${kind}: ${path}`, async (t) => {
      const all = await notes(servers['wrangler dev'].url(path));
      assert.ok(all.length > 5, `REDbot said too little about ${path}: ${JSON.stringify(all)}`);
      const bad = all.filter((n) => String(n.level).toUpperCase() === 'BAD');
      const known = bad.filter((n) => compressed && PLATFORM_COMPRESSION_NOTES[n.note_id] === n.summary);
      for (const n of known) t.diagnostic(`platform (wrangler dev's compression): BAD ${n.note_id}: ${n.summary}`);
      assert.deepEqual(bad.filter((n) => !known.includes(n)).map((n) => `${n.note_id}: ${n.summary}`), []);
      const good = all.filter((n) => String(n.level).toUpperCase() === 'GOOD').map((n) => n.note_id);
      for (const id of ['FRESHNESS_FRESH', 'CONTENT_TYPE_OPTIONS', 'INM_304']) assert.ok(good.includes(id), `REDbot finds ${id}: ${good}`);
      if (compressed) assert.ok(good.includes('CONNEG_GZIP_GOOD'), 'served gzip when asked');
    });
  }
});
