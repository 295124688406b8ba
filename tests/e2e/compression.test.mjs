// Every response stays right once the edge compresses it. Under `wrangler
// dev`, which compresses after the worker answers as the edge does, each URL
// with a body is asked for with `Accept-Encoding: gzip`, `br` and none: the
// three answers have the same ETag (a weak one, true of every encoding) and
// the same Vary (naming Accept-Encoding), and decode to the bytes workerd
// serves. The media types the edge leaves uncompressed by default are those
// deploy/compression-rule.json adds, no more, no fewer.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { send } from '../cache/replay.mjs';
import { rawRequest } from './http.mjs';
import { startWranglerDev } from './wrangler-dev.mjs';
import { ROOT, startWorker } from './worker.mjs';

const RULE = JSON.parse(readFileSync(join(ROOT, 'deploy', 'compression-rule.json'), 'utf8'));
const PATHS = [
  ...['fr', 'en'].flatMap((lang) => ['html', 'json', 'txt', 'md'].map((ext) => `/${lang}/apropos/index.${ext}`)),
  '/fr/apropos/',
  '/apropos/',
  '/robots.txt',
  '/sitemap.xml',
  '/llms.txt',
  '/.well-known/security.txt',
  '/schema/page.schema.json',
  '/nope',
];

let worker;
let dev;
before(async () => ([worker, dev] = await Promise.all([startWorker(), startWranglerDev()])));
after(() => Promise.all([worker?.stop(), dev?.stop()]));

/** GET `path` from wrangler dev with `headers`, the body as it came on the wire. */
const get = (path, headers = {}) => send(dev.port, { method: 'GET', path, headers: Object.entries(headers) });

const decode = { gzip: gunzipSync, br: brotliDecompressSync, undefined: (b) => b };
/** The media type of a rawRequest answer (its headers are arrays). */
const mediaType = (res) => res.headers['content-type']?.[0].split(';')[0];
const uncompressed = new Set();

describe('through wrangler dev, every encoding is the same representation', () => {
  for (const path of PATHS) {
    test(path, async () => {
      const direct = await rawRequest(worker.port, { path });
      const answers = {};
      for (const encoding of ['gzip', 'br', 'identity']) answers[encoding] = await get(path, { 'Accept-Encoding': encoding });
      for (const [encoding, res] of Object.entries(answers)) {
        assert.equal(res.status, direct.status, `${encoding}: status`);
        assert.equal(res.headers.etag, direct.headers.etag?.[0], `${encoding}: the worker's ETag`);
        if (res.headers.etag) assert.match(res.headers.etag, /^W\//, 'weak: it names the representation, not its bytes');
        assert.equal(res.headers.vary, direct.headers.vary?.[0], `${encoding}: Vary`);
        assert.match(res.headers.vary ?? '', /\bAccept-Encoding\b/, `${encoding}: Vary names Accept-Encoding`);
        const coding = res.headers['content-encoding'];
        assert.ok(coding === undefined || coding === encoding, `${encoding}: got ${coding}`);
        assert.ok(decode[coding](res.body).equals(direct.body), `${encoding}: decodes to the worker's bytes`);
      }
      assert.equal(answers.identity.headers['content-encoding'], undefined, 'identity when asked for');
      if (answers.gzip.headers['content-encoding'] === undefined) uncompressed.add(mediaType(direct));
      else assert.equal(answers.br.headers['content-encoding'], 'br');
    });
  }

  test('the 302 to the language chosen, gzip or not, is the same redirect', async () => {
    const [gzip, identity] = await Promise.all(
      ['gzip', 'identity'].map((encoding) => get('/apropos/', { 'Accept-Encoding': encoding, 'Accept-Language': 'en-GB,en;q=0.9' })),
    );
    for (const res of [gzip, identity]) {
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, '/en/apropos/');
      assert.equal(res.headers.vary, 'Accept-Language, Accept-Encoding');
    }
    const coding = gzip.headers['content-encoding'];
    assert.equal(decode[coding](gzip.body).length, 0, 'an empty body, however encoded');
  });

  test('a 304 answers the ETag of a compressed answer', async () => {
    const gzip = await get('/fr/apropos/', { 'Accept-Encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    const again = await get('/fr/apropos/', { 'Accept-Encoding': 'identity', 'If-None-Match': gzip.headers.etag });
    assert.equal(again.status, 304);
  });
});

describe('what the edge does not compress by default, the compression rule adds', () => {
  test('deploy/compression-rule.json names exactly the media types left uncompressed', () => {
    const named = [...RULE.expression.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(named, [...uncompressed].sort());
    assert.match(RULE.expression, /^http\.response\.content_type\.media_type in \{/);
    assert.equal(RULE.action, 'compress_response');
    assert.equal(RULE.action_parameters.algorithms.at(-1).name, 'auto', '`auto` last, as Cloudflare requires');
  });
});
