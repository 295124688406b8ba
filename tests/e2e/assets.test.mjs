// The page's static assets as Workers Static Assets serves them: through
// `wrangler dev` (tests/e2e/wrangler-dev.mjs), which serves dist/public ahead
// of the worker as the edge does and compresses as the edge does. workerd
// alone serves no asset: there a request for /_assets/… reaches the worker,
// whose answer is its 404.
//
// For one asset of each kind (CSS, JS, font, PNG, SVG, ICO, web manifest),
// its path taken from dist/assets.json: the media type, the headers of
// dist/public/_headers, the bytes as built; HEAD, If-None-Match, the other
// methods; the encodings; hostile names. Then every file of the manifest,
// and every URL the documents, the stylesheet and the web manifest link to.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rawRequest } from './http.mjs';
import { assetBytes, cssUrls, decodeBody, documentLinks, manifestIcons, pathOf, readAssets } from './assets.mjs';
import { startWranglerDev } from './wrangler-dev.mjs';
import { startWorker } from './worker.mjs';

const ASSETS = readAssets();
const CACHE_CONTROL = 'public, max-age=31536000, immutable';
const fileOf = (path) => ASSETS.files.find((f) => f.path === path);

/**
 * One asset of each kind: its media type, and whether the edge compresses
 * it (its type is on Cloudflare's default list, and gzip makes it smaller).
 * woff2 is compressed already (Brotli inside) and PNG is deflated: neither
 * is re-encoded.
 */
const KINDS = [
  { kind: 'CSS', path: ASSETS.css, type: 'text/css; charset=utf-8', compressed: true },
  { kind: 'JS', path: ASSETS.js, type: 'text/javascript; charset=utf-8', compressed: true },
  { kind: 'font', path: ASSETS.fonts[0].path, type: 'font/woff2', compressed: false },
  { kind: 'PNG', path: ASSETS.icon.apple, type: 'image/png', compressed: false },
  { kind: 'SVG', path: ASSETS.icon.svg, type: 'image/svg+xml', compressed: true },
  { kind: 'ICO', path: ASSETS.icon.ico, type: 'image/vnd.microsoft.icon', compressed: true },
  { kind: 'manifest', path: ASSETS.icon.manifest, type: 'application/manifest+json', compressed: true },
];

/** The documents whose links are followed: both pages, and status pages (same chrome). */
const DOCUMENTS = [
  { path: '/fr/apropos/', status: 200 },
  { path: '/en/apropos/', status: 200 },
  { path: '/nope', headers: [['Accept-Language', 'en']], status: 404 },
  { path: '/fr/apropos/', headers: [['Accept', 'image/png']], status: 406 },
];

let dev;
let worker;
before(async () => ([dev, worker] = await Promise.all([startWranglerDev(), startWorker()])));
after(() => Promise.all([dev?.stop(), worker?.stop()]));

/** `method path` under wrangler dev, with `headers` ([name, value] pairs), as it crossed the wire. */
const ask = (path, headers = [], method = 'GET') => rawRequest(dev.port, { method, path, headers });
const header = (res, name) => res.headers[name.toLowerCase()]?.join(', ');

describe('one asset of each kind, through wrangler dev', () => {
  for (const { kind, path, type, compressed } of KINDS) {
    describe(`${kind}: ${path}`, () => {
      test('is in the manifest with its media type, at a hashed name', () => {
        assert.match(path, /^\/_assets\/[A-Za-z0-9-]+\.[0-9a-f]{12}\.[a-z0-9]+$/);
        assert.equal(fileOf(path)?.type, type, 'dist/assets.json names the type the platform sends');
      });

      test('GET: 200, its type, immutable for a year, nosniff, the bytes as built', async () => {
        const res = await ask(path, [['Accept-Encoding', 'identity']]);
        const bytes = assetBytes(path);
        assert.equal(res.status, 200);
        assert.equal(header(res, 'Content-Type'), type);
        assert.equal(header(res, 'Cache-Control'), CACHE_CONTROL);
        assert.equal(header(res, 'X-Content-Type-Options'), 'nosniff');
        assert.equal(header(res, 'Content-Encoding'), undefined);
        assert.equal(Number(header(res, 'Content-Length')), bytes.length);
        assert.ok(res.body.equals(bytes), 'the bytes of dist/public');
        assert.equal(bytes.length, fileOf(path).bytes, 'the size dist/assets.json records');
        assert.match(header(res, 'ETag') ?? '', /^(W\/)?"[^"]+"$/, 'an ETag to revalidate with');
      });

      // The platform's HEAD omits Content-Length (RFC 9110 §9.3.2 allows a
      // HEAD to leave out the content's header fields); the rest is GET's.
      test('HEAD: the headers of GET, no body', async () => {
        const [get, head] = [await ask(path, [['Accept-Encoding', 'identity']]), await ask(path, [['Accept-Encoding', 'identity']], 'HEAD')];
        assert.equal(head.status, 200);
        assert.equal(head.body.length, 0);
        for (const name of ['Content-Type', 'Cache-Control', 'X-Content-Type-Options', 'ETag']) {
          assert.equal(header(head, name), header(get, name), name);
        }
        assert.ok([undefined, header(get, 'Content-Length')].includes(header(head, 'Content-Length')), 'no Content-Length, or the right one');
      });

      // A known platform behaviour: the asset server compares If-None-Match
      // as a whole with its ETag (strong or weak form), so a list of tags,
      // or `*`, gets the full 200 (RFC 9110 §13.1.2 would answer 304). A 200
      // is never a wrong answer, and a browser sends the one tag it holds.
      test('If-None-Match: its ETag, strong or weak → 304 without a body; another → 200', async () => {
        const etag = header(await ask(path), 'ETag');
        for (const value of [etag, `W/${etag.replace(/^W\//, '')}`]) {
          const same = await ask(path, [['If-None-Match', value]]);
          assert.equal(same.status, 304, value);
          assert.equal(same.body.length, 0);
          assert.equal(header(same, 'ETag'), etag);
          assert.equal(header(same, 'Cache-Control'), CACHE_CONTROL);
        }
        assert.equal((await ask(path, [['If-None-Match', '"0000"']])).status, 200);
        for (const value of [`"nope", ${etag}`, '*']) {
          assert.equal((await ask(path, [['If-None-Match', value]])).status, 200, `${value}: the platform's answer (if now a 304, say so here)`);
        }
      });

      // A known platform behaviour: the asset server (the same asset worker
      // at the edge as under wrangler dev) answers any method but GET and
      // HEAD on an asset with a bodyless 405 that has no `Allow` header,
      // which RFC 9110 §15.5.6 asks for, and with the assets' Cache-Control.
      // The worker never sees these requests, so it cannot add one; browsers
      // never send them (assets are fetched with simple GETs, never
      // preflighted). The requests carry no body: under wrangler dev, one
      // with a body gets, a few times in a hundred, a 503 "Your worker
      // restarted mid-request" from wrangler's own proxy (the asset server
      // answers without reading the body), a local artefact that no
      // assertion here could hold steadily.
      test('other methods → 405 from the platform (no Allow header), never a 5xx', async () => {
        for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
          const res = await rawRequest(dev.port, { method, path });
          assert.equal(res.status, 405, method);
          assert.equal(header(res, 'Allow'), undefined, `${method}: the platform's 405 names no Allow (if it now does, say so here)`);
          assert.equal(res.body.length, 0, method);
        }
      });

      test(compressed ? 'gzip and br when asked for, decoding to the same bytes' : 'not re-encoded, whatever is asked for', async () => {
        const bytes = assetBytes(path);
        for (const coding of ['gzip', 'br']) {
          const res = await ask(path, [['Accept-Encoding', coding]]);
          assert.equal(res.status, 200);
          assert.equal(header(res, 'Content-Encoding'), compressed ? coding : undefined, `Accept-Encoding: ${coding}`);
          assert.ok(decodeBody(res.body, header(res, 'Content-Encoding')).equals(bytes), `${coding}: decodes to the file`);
          if (compressed) assert.ok(res.body.length < bytes.length, `${coding}: smaller (${res.body.length} < ${bytes.length})`);
          assert.equal(header(res, 'Cache-Control'), CACHE_CONTROL);
        }
        // Chromium's Accept-Encoding: wrangler dev takes the first coding it
        // knows (gzip); the edge prefers br or zstd.
        const chromium = await ask(path, [['Accept-Encoding', 'gzip, deflate, br, zstd']]);
        assert.equal(header(chromium, 'Content-Encoding'), compressed ? 'gzip' : undefined);
      });
    });
  }
});

describe('every file of dist/assets.json, through wrangler dev', () => {
  test('200 with the type and size the manifest records, immutable, nosniff', async () => {
    assert.ok(ASSETS.files.length >= KINDS.length);
    for (const { path, type, bytes } of ASSETS.files) {
      const res = await ask(path, [['Accept-Encoding', 'identity']]);
      assert.equal(res.status, 200, path);
      assert.equal(header(res, 'Content-Type'), type, path);
      assert.equal(res.body.length, bytes, path);
      assert.equal(header(res, 'Cache-Control'), CACHE_CONTROL, path);
      assert.equal(header(res, 'X-Content-Type-Options'), 'nosniff', path);
    }
  });

  test('the manifest names what the HTML links to', () => {
    const named = [ASSETS.css, ASSETS.js, ...ASSETS.fonts.map((f) => f.path), ...Object.values(ASSETS.icon), ...Object.values(ASSETS.og).flatMap(Object.values)];
    for (const path of named) assert.ok(fileOf(path), `${path} is in files`);
  });
});

describe('every URL the documents link to is served', () => {
  /** The asset paths `html` links to, each checked once per run. */
  const checked = new Map();
  async function served(path, what) {
    if (!checked.has(path)) checked.set(path, ask(path, [['Accept-Encoding', 'identity']]));
    const res = await checked.get(path);
    assert.equal(res.status, 200, `${what}: ${path}`);
    assert.equal(header(res, 'Cache-Control'), CACHE_CONTROL, `${what}: ${path}`);
    return res;
  }

  for (const { path, headers = [], status } of DOCUMENTS) {
    test(`${path} ${JSON.stringify(headers)} (${status}): stylesheet, script, preloads, icons, manifest, og:image`, async () => {
      const res = await ask(path, [['Accept-Encoding', 'identity'], ...headers]);
      assert.equal(res.status, status);
      const links = documentLinks(res.body.toString('utf8'));
      const kinds = new Set(links.map((l) => l.kind));
      for (const kind of ['stylesheet', 'script', 'preload', 'icon', 'apple-touch-icon', 'manifest']) assert.ok(kinds.has(kind), `a ${kind}`);
      assert.equal(kinds.has('og:image'), status === 200, 'an Open Graph image on the pages only');
      for (const link of links) {
        // The Open Graph image is absolute (under SITE_URL); the rest is root-relative.
        const target = pathOf(link.url);
        assert.ok(target.startsWith('/_assets/'), `${link.kind} ${link.url} is an asset`);
        const asset = await served(target, link.kind);
        if (link.kind === 'stylesheet') assert.equal(header(asset, 'Content-Type'), 'text/css; charset=utf-8');
        if (link.kind === 'script') assert.equal(header(asset, 'Content-Type'), 'text/javascript; charset=utf-8');
        if (link.kind === 'preload') {
          assert.equal(link.as, 'font', 'only faces are preloaded');
          assert.equal(header(asset, 'Content-Type'), 'font/woff2');
          assert.ok(link.crossorigin, 'a face is fetched in CORS mode, so its preload must say crossorigin');
        }
        if (link.kind === 'manifest') assert.equal(header(asset, 'Content-Type'), 'application/manifest+json');
        if (link.kind === 'og:image') {
          assert.equal(link.url, `https://beta.gouv.fr${target}`, 'absolute, under SITE_URL');
          assert.equal(header(asset, 'Content-Type'), 'image/png');
        }
      }
    });
  }

  test('every url(…) of the stylesheet', async () => {
    const css = (await served(ASSETS.css, 'stylesheet')).body.toString('utf8');
    const urls = cssUrls(css);
    assert.ok(urls.length >= ASSETS.fonts.length, `the faces and icons: ${urls}`);
    for (const url of urls) {
      assert.ok(url.startsWith('/_assets/'), `${url}: root-relative, under /_assets/`);
      await served(url, 'url() of the stylesheet');
    }
    for (const { path } of ASSETS.fonts) assert.ok(urls.includes(path), `the stylesheet declares ${path}`);
  });

  test('every icon of the web manifest', async () => {
    const icons = manifestIcons((await served(ASSETS.icon.manifest, 'manifest')).body.toString('utf8'));
    assert.ok(icons.length > 0);
    for (const src of icons) {
      const res = await served(pathOf(src), 'manifest icon');
      assert.equal(header(res, 'Content-Type'), 'image/png', src);
    }
  });
});

describe('hostile requests under /_assets/: a 404, or the platform\'s 4xx, never a 5xx', () => {
  const css = ASSETS.css;
  const [, name, hash, ext] = css.match(/^\/_assets\/(.+)\.([0-9a-f]{12})\.(\w+)$/);
  // [name, path sent as is, status]. A path that names no asset runs the
  // worker, whose 404 is the page's status page. The rest is the platform's:
  // wrangler dev's HTTP server refuses a NUL byte (400) and a request target
  // of 64 KB or more (414); the asset server redirects (307) a path whose
  // percent-encoding or `//` it normalizes to an asset's name.
  const CASES = [
    ['an unknown hash', `/_assets/${name}.${'0'.repeat(12)}.${ext}`, 404],
    ['a truncated hash', `/_assets/${name}.${hash.slice(0, 11)}.${ext}`, 404],
    ['an over-long hash', `/_assets/${name}.${hash}0.${ext}`, 404],
    ['no extension', `/_assets/${name}.${hash}`, 404],
    ['another extension', `${css}.map`, 404],
    ['the name in capitals', css.toUpperCase().replace('/_ASSETS/', '/_assets/'), 404],
    ['a trailing slash', `${css}/`, 404],
    ['a `;` parameter', `${css};x`, 404],
    ['`..` out of /_assets/', '/_assets/../wrangler.toml', 404],
    ['`..` to the root of the machine', '/_assets/../../../../etc/passwd', 404],
    ['`%2e%2e` out of /_assets/', '/_assets/%2e%2e/%2e%2e/etc/passwd', 404],
    ['`%2e%2e%2f` in one segment', '/_assets/%2E%2E%2Fwrangler.toml', 404],
    ['backslashes', '/_assets/%5c..%5cwrangler.toml', 404],
    ['`%00` after the name', `${css}%00`, 404],
    ['`%00` before an extension', `${css}%00.png`, 404],
    ['a NUL byte in the path', `${css}\0`, 400],
    ['a name of 10 000 bytes', `/_assets/${'a'.repeat(10000)}.${ext}`, 404],
    ['a name of 70 000 bytes (a request target over 64 KB)', `/_assets/${'a'.repeat(70000)}`, 414],
    ['the directory', '/_assets/', 404],
    ['the directory without its slash', '/_assets', 404],
    ['the headers file', '/_headers', 404],
    ['the headers file under /_assets/', '/_assets/_headers', 404],
    ['`//` before the name', `/_assets//${css.slice('/_assets/'.length)}`, 307],
    ['a percent-encoded letter', css.replace(/\/_assets\/(.)/, (_, c) => `/_assets/%${c.charCodeAt(0).toString(16)}`), 307],
  ];
  for (const [what, path, status] of CASES) {
    test(`${what} → ${status}`, async () => {
      const res = await rawRequest(dev.port, { path });
      assert.ok(res.status < 500, `${res.status}: never a 5xx`);
      assert.equal(res.status, status);
      if (status === 404) {
        assert.equal(header(res, 'Content-Type'), 'text/html; charset=utf-8', "the worker's status page");
        assert.equal(header(res, 'Cache-Control'), 'public, max-age=60', 'briefly cached, as every 404 of the worker');
      }
      if (status === 307) assert.equal(header(res, 'Location'), css, 'to the normal name');
      assert.ok(!res.body.includes('compatibility_date'), 'no file from outside dist/public');
    });
  }

  test('a query string is ignored: the same asset', async () => {
    const res = await ask(`${css}?v=1`, [['Accept-Encoding', 'identity']]);
    assert.equal(res.status, 200);
    assert.ok(res.body.equals(assetBytes(css)));
  });
});

describe('in workerd alone, without the asset server', () => {
  test("/_assets/<an asset's name> reaches the worker: its 404, never a 5xx", async () => {
    for (const { path } of KINDS) {
      for (const method of ['GET', 'HEAD']) {
        const res = await rawRequest(worker.port, { method, path });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(header(res, 'Cache-Control'), 'public, max-age=60', path);
      }
    }
    const post = await rawRequest(worker.port, { method: 'POST', path: ASSETS.css, body: 'x' });
    assert.equal(post.status, 404, 'a URL the worker does not serve, whatever the method');
  });
});
