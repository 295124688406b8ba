// The worker behind a real shared cache: Varnish configured as Cloudflare's
// Workers Cache (tests/cache/workers-cache.vcl). A seeded mix of visits
// (tests/cache/mix.mjs) is replayed through it and straight to the worker,
// and the cache must never answer what the worker would not have
// (tests/cache/replay.mjs). Then the cache's own behaviour: hits, 304s and
// HEAD from a stored GET, purge by tag; and the emulation itself, against a
// stub origin whose headers are known.
//
// Nothing here names the worker's headers: what it sends today may change.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { BROWSERS, ACCEPT_LANGUAGES } from '../cache/mix.mjs';
import { formatStats, missedThresholds, replay, send } from '../cache/replay.mjs';
import { startVarnish } from '../cache/varnish.mjs';
import { readAssets } from './assets.mjs';
import { startWranglerDev } from './wrangler-dev.mjs';
import { startWorker } from './worker.mjs';
import { DEFAULT_LANG, HOME, LANGS } from '../smoke/site.mjs';

/** A language other than the default, when the site has one. */
const OTHER = LANGS.find((lang) => lang !== DEFAULT_LANG) ?? DEFAULT_LANG;
/** A path of the home page: in `lang` (or negotiated when null), then `rest`. */
const home = (lang, rest) => `${lang ? `/${lang}` : ''}/${HOME}${rest}`;

/** The mix's size and seed: about twenty seconds here. */
const MIX = { seed: 1, requests: 20000 };
/**
 * The mix with the assets browsers load: shorter, as each asset request is
 * also sent straight to wrangler dev, which takes tens of milliseconds per
 * request on a busy machine (the worker's are counted as in MIX, the assets'
 * on top).
 */
const ASSET_MIX = { seed: 2, requests: 600 };
/**
 * Minimum figures for the mix (missedThresholds in replay.mjs): the bodies
 * the cache gives out, by count and by bytes, at least 99 % its own, however
 * many spellings of Accept-Language come (docs/caching.md).
 */
const HIT_RATIO_THRESHOLDS = { bodyHitRatio: 0.99, bodyByteHitRatio: 0.99 };

const CHROME = BROWSERS.find(([b]) => b.name === 'chrome-windows')[0];
/** Chrome's navigation headers with the commonest Accept-Language. */
const BROWSER_HEADERS = CHROME.headers.map(([n, v]) => [n, v ?? ACCEPT_LANGUAGES[0][0]]);

const get = (path, headers = BROWSER_HEADERS) => ({ method: 'GET', path, headers });
const xCache = (res) => res.headers['x-cache'];
const tags = (res) => (res.headers['cache-tag'] ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);

describe('the worker behind Workers Cache (Varnish)', () => {
  let worker;
  before(async () => {
    worker = await startWorker();
  });
  after(async () => {
    await worker?.stop();
  });

  /** A fresh, empty cache in front of the worker for `body(cache)`. */
  async function withCache(body) {
    const cache = await startVarnish({ backendPort: worker.port });
    try {
      return await body(cache);
    } finally {
      await cache.stop();
    }
  }

  test(`the mix (${MIX.requests} requests, seed ${MIX.seed}): the cache never answers another variant than the worker`, async (t) => {
    await withCache(async (cache) => {
      const stats = await replay({ cache, workerPort: worker.port, ...MIX });
      for (const line of formatStats(stats).split('\n')) t.diagnostic(line);
      const shown = stats.wrongVariants
        .slice(0, 5)
        .map(({ request, diffs }) => `${request.method} ${request.path} ${JSON.stringify(request.headers)}\n  ${JSON.stringify(diffs)}`);
      assert.equal(stats.wrong, 0, `${stats.wrong} wrong variants, the first:\n${shown.join('\n')}`);
      assert.ok(stats.hits > 0, 'nothing was served from the cache');
      assert.ok(stats.objects > 0, 'nothing was stored');
      if (HIT_RATIO_THRESHOLDS) assert.deepEqual(missedThresholds(stats, HIT_RATIO_THRESHOLDS), []);
    });
  });

  test('a second identical request is a HIT, with the same answer', async () => {
    await withCache(async (cache) => {
      const first = await send(cache.port, get(home(DEFAULT_LANG, '/')));
      const second = await send(cache.port, get(home(DEFAULT_LANG, '/')));
      assert.equal(xCache(first), 'MISS');
      assert.equal(xCache(second), 'HIT');
      assert.equal(second.status, first.status);
      assert.deepEqual(second.body, first.body);
    });
  });

  test('a matching If-None-Match is answered 304 by the cache, without the worker', async (t) => {
    await withCache(async (cache) => {
      const first = await send(cache.port, get(home(DEFAULT_LANG, '/')));
      const etag = first.headers.etag;
      if (!etag) return t.skip(`${home(DEFAULT_LANG, '/')} answered ${first.status} without an ETag`);
      const calls = await cache.counter('MAIN.backend_req');
      const revalidated = await send(cache.port, get(home(DEFAULT_LANG, '/'), [...BROWSER_HEADERS, ['If-None-Match', etag], ['Cache-Control', 'max-age=0']]));
      assert.equal(revalidated.status, 304);
      assert.equal(xCache(revalidated), 'HIT');
      assert.equal(revalidated.headers.etag, etag);
      assert.equal(await cache.counter('MAIN.backend_req'), calls, 'the worker was called');
    });
  });

  test('a HEAD after a GET is a hit, with the GET headers and no body', async () => {
    await withCache(async (cache) => {
      const full = await send(cache.port, get(home(OTHER, '/')));
      const head = await send(cache.port, { ...get(home(OTHER, '/')), method: 'HEAD' });
      assert.equal(xCache(head), 'HIT');
      assert.equal(head.status, full.status);
      for (const name of ['content-type', 'content-length', 'etag', 'vary', 'content-location']) {
        assert.equal(head.headers[name], full.headers[name], name);
      }
      assert.equal(head.body.length, 0);
    });
  });

  test('a first visit through the URL that negotiates costs one cached round trip, and a new spelling never ships the page again', async () => {
    await withCache(async (cache) => {
      const browser = (acceptLanguage) => CHROME.headers.map(([n, v]) => [n, v ?? acceptLanguage]);
      const visit = async (headers) => {
        const redirect = await send(cache.port, get(home(null, '/'), headers));
        assert.equal(redirect.status, 302);
        const page = await send(cache.port, get(redirect.headers.location, headers));
        assert.equal(page.status, 200);
        return [redirect, page];
      };
      await visit(browser(ACCEPT_LANGUAGES[0][0]));
      // Another reader with the commonest spelling: both hops come from the cache.
      const [redirect, page] = await visit(browser(ACCEPT_LANGUAGES[0][0]));
      assert.deepEqual([xCache(redirect), xCache(page)], ['HIT', 'HIT']);
      // A spelling never seen: the worker answers the small 302, the page is the cache's.
      const calls = await cache.counter('MAIN.backend_req');
      const [fresh, samePage] = await visit(browser('fr-FR,fr;q=0.9,oc;q=0.5'));
      assert.equal(xCache(fresh), 'MISS');
      assert.equal(fresh.body.length, 0);
      assert.equal(xCache(samePage), 'HIT', 'the page is not rendered or shipped again for a new spelling');
      assert.ok(samePage.body.equals(page.body));
      assert.equal(await cache.counter('MAIN.backend_req'), calls + 1, 'the worker answered the 302 alone');
    });
  });

  test('purge by tag: what carries the tag misses, the rest still hits', async (t) => {
    const en = await send(worker.port, get(home(OTHER, '/')));
    const fr = await send(worker.port, get(home(DEFAULT_LANG, '/')));
    if (tags(en).length === 0) return t.skip('the worker sends no Cache-Tag yet: nothing to purge by');
    const tag = tags(en).find((x) => !tags(fr).includes(x));
    assert.ok(tag, `${home(OTHER, '/')} and ${home(DEFAULT_LANG, '/')} share every tag (${tags(en)}): no purge can drop one language alone`);
    t.diagnostic(`purging ${tag} (${home(OTHER, '/')}: ${tags(en)}; ${home(DEFAULT_LANG, '/')}: ${tags(fr)})`);

    await withCache(async (cache) => {
      const requests = [home(OTHER, '/'), home(DEFAULT_LANG, '/'), home(null, '/'), home(OTHER, '/index.html'), home(DEFAULT_LANG, '/index.html'), home(OTHER, '/index.json')].map((p) => get(p));
      const tagged = [];
      for (const request of requests) {
        const direct = await send(worker.port, request);
        tagged.push(tags(direct).includes(tag));
        await send(cache.port, request);
        assert.equal(xCache(await send(cache.port, request)), 'HIT', `${request.path} was not stored`);
      }
      await cache.purgeTag(tag);
      for (const [i, request] of requests.entries()) {
        const after = await send(cache.port, request);
        assert.equal(xCache(after), tagged[i] ? 'MISS' : 'HIT', `${request.path} (${tagged[i] ? 'tagged' : 'not tagged'} ${tag}) after the purge`);
      }
      assert.equal(tagged[1], false);
    });
  });
});

// The page's assets through the cache. At the edge they are not the
// worker's answers: Workers Static Assets serves the route /_assets/* ahead
// of the worker, from dist/public, so they are a second origin behind the
// same cache. Here Varnish sends /_assets/ to a wrangler dev, the only local
// server of the assets (workerd alone answers them 404), and everything
// else to the worker in workerd as in the mix above, so that the worker's
// figures mean what they meant. Browsers' first visits load what the page
// they land on loads (stylesheet, script, faces, favicon, the stylesheet's
// icons: tests/e2e/assets.mjs), returning visitors nothing (fresh in their
// own cache for a year, immutable); each asset request is also sent straight
// to the wrangler dev and compared, as the worker's are. wrangler dev sends
// the assets compressed for the edge's canonical Accept-Encoding, which
// every request of the mix carries, and without `Vary: Accept-Encoding`:
// Varnish keeps that one encoding, which is what each of these clients
// gets. (At the edge, the cache keeps one copy and compresses on the way
// out.)
describe('browsers load the page\'s assets through the cache (Varnish, /_assets/ from wrangler dev)', () => {
  let worker;
  let dev;
  before(async () => ([worker, dev] = await Promise.all([startWorker(), startWranglerDev()])));
  after(() => Promise.all([worker?.stop(), dev?.stop()]));

  test(`the mix (${ASSET_MIX.requests} requests, seed ${ASSET_MIX.seed}) and its first visits' assets: no wrong answer, each asset fetched from its origin once`, async (t) => {
    const cache = await startVarnish({ backendPort: worker.port, assetsPort: dev.port });
    try {
      const stats = await replay({ cache, workerPort: worker.port, assetsPort: dev.port, ...ASSET_MIX });
      for (const line of formatStats(stats).split('\n')) t.diagnostic(line);
      const shown = stats.wrongVariants
        .slice(0, 5)
        .map(({ request, diffs }) => `${request.method} ${request.path} ${JSON.stringify(request.headers)}\n  ${JSON.stringify(diffs)}`);
      assert.equal(stats.wrong, 0, `${stats.wrong} wrong answers, the first:\n${shown.join('\n')}`);
      const { assets } = stats;
      assert.deepEqual(Object.keys(assets.statuses), ['200'], 'every asset a page loads is there');
      assert.deepEqual(Object.keys(assets.kinds).sort(), ['asset:font', 'asset:image', 'asset:script', 'asset:style']);
      const manifest = readAssets();
      assert.ok(assets.paths >= 3 + manifest.fonts.length, `stylesheet, script, favicon, faces and icons: ${assets.paths}`);
      assert.ok(assets.requests > 10 * assets.paths, `many first visits: ${assets.requests} asset requests`);
      assert.equal(assets.backendRequests, assets.paths, 'each asset was fetched from its origin once');
      assert.equal(assets.hits, assets.requests - assets.paths, 'every other load was a hit');
      assert.ok(stats.hits > 0 && stats.backendRequests > 0, "the worker's requests went through as in the mix");
    } finally {
      await cache.stop();
    }
  });
});

// The emulation, against an origin whose every header is known: what
// workers-cache.vcl promises, so that the figures above mean what they say.
describe('workers-cache.vcl', () => {
  // path → [status, headers]; the body is the path and a counter, so a hit
  // shows as the same counter.
  const ORIGIN = {
    '/cdn': [200, { 'Cache-Control': 'no-store', 'CDN-Cache-Control': 'max-age=60' }],
    '/private': [200, { 'Cache-Control': 'private, max-age=60' }],
    '/no-store': [200, { 'Cache-Control': 'public, no-store' }],
    '/406': [406, { 'Cache-Control': 'public, max-age=60' }],
    '/405': [405, { 'Cache-Control': 'public, max-age=60' }],
    '/no-cache': [200, { 'Cache-Control': 'no-cache', ETag: '"v1"' }],
    '/vary': [200, { 'Cache-Control': 'max-age=60', Vary: 'Accept-Language' }],
    '/tagged-a': [200, { 'Cache-Control': 'max-age=60', 'Cache-Tag': 'Page, lang:en' }],
    '/tagged-b': [200, { 'Cache-Control': 'max-age=60', 'Cache-Tag': 'page,lang:fr' }],
    '/cookie': [200, { 'Cache-Control': 'max-age=60', 'Set-Cookie': 'a=1' }],
  };
  let origin;
  let cache;
  let calls = 0;
  before(async () => {
    origin = createServer((req, res) => {
      calls += 1;
      const [status, headers] = ORIGIN[req.url] ?? [404, { 'Cache-Control': 'max-age=60' }];
      const etag = headers.ETag;
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(status, { 'Content-Type': 'text/plain', ...headers }).end(`${req.url} ${calls}`);
    });
    await new Promise((done) => origin.listen(0, '127.0.0.1', done));
    cache = await startVarnish({ backendPort: origin.address().port });
  });
  after(async () => {
    await cache?.stop();
    origin?.close();
  });

  const twice = async (path, headers = [[], []]) => {
    const a = await send(cache.port, { method: 'GET', path, headers: headers[0] });
    const b = await send(cache.port, { method: 'GET', path, headers: headers[1] });
    return [a, b];
  };

  test('CDN-Cache-Control takes precedence over Cache-Control', async () => {
    const [, b] = await twice('/cdn');
    assert.equal(xCache(b), 'HIT');
  });

  test('private and no-store are never stored', async () => {
    for (const path of ['/private', '/no-store']) assert.equal(xCache((await twice(path))[1]), 'MISS', path);
  });

  test('any status with explicit freshness is stored (405, 406)', async () => {
    for (const path of ['/405', '/406']) assert.equal(xCache((await twice(path))[1]), 'HIT', path);
  });

  test('no-cache is stored and revalidated with the origin each time', async () => {
    const [a, b] = await twice('/no-cache');
    assert.equal(xCache(b), 'MISS');
    assert.equal(b.headers['cf-cache-status'], 'REVALIDATED');
    assert.equal(b.body.toString(), a.body.toString(), 'the stored body is served after a 304');
  });

  test('Vary compares the request header verbatim', async () => {
    const [, same] = await twice('/vary', [[['Accept-Language', 'fr-FR,fr;q=0.9']], [['Accept-Language', 'fr-FR,fr;q=0.9']]]);
    const [, spaced] = await twice('/vary', [[['Accept-Language', 'fr-FR,fr;q=0.9']], [['Accept-Language', 'fr-FR, fr;q=0.9']]]);
    assert.equal(xCache(same), 'HIT');
    assert.equal(xCache(spaced), 'MISS');
  });

  test('Set-Cookie is not stored', async () => {
    assert.equal(xCache((await twice('/cookie'))[1]), 'MISS');
  });

  test('purge by tag, case-insensitively, of whole tags only; Cache-Tag is not passed on', async () => {
    const [, a] = await twice('/tagged-a');
    const [, b] = await twice('/tagged-b');
    assert.equal(xCache(a), 'HIT');
    assert.equal(xCache(b), 'HIT');
    assert.equal(a.headers['cache-tag'], undefined);
    await cache.purgeTag('LANG:EN');
    await cache.purgeTag('lang'); // a prefix of a tag is not the tag
    assert.equal(xCache(await send(cache.port, { method: 'GET', path: '/tagged-a', headers: [] })), 'MISS');
    assert.equal(xCache(await send(cache.port, { method: 'GET', path: '/tagged-b', headers: [] })), 'HIT');
    await cache.purgeTag('page');
    assert.equal(xCache(await send(cache.port, { method: 'GET', path: '/tagged-b', headers: [] })), 'MISS');
  });
});
