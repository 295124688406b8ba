// REDbot (https://redbot.org), a real HTTP linter, run against the worker
// twice: in workerd, as the worker answers, and under `wrangler dev`, which
// compresses as the edge does (REDbot then also checks that the compressed
// and the identity answers agree: Vary, ETag, body). Zero BAD notes on the
// negotiated and explicit URLs, the status pages and the redirects, either
// way. `make e2e` installs it in .tools/redbot.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
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
