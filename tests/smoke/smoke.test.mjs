// The smoke test: what holds of the worker under any host, checked against a
// base URL over the network (make smoke URL=https://…), or, when no URL is
// given (make smoke, in make test), against the built worker and its static
// assets under a local `wrangler dev` (tests/e2e/wrangler-dev.mjs): workerd
// alone has no asset server, and wrangler dev serves dist/public ahead of
// the worker and compresses, as the edge does.
//
// Only the worker's URLs are asked for (those the production routes send to
// it), and only what an edge in front may not change is checked: statuses,
// types, languages, `Vary` (to which an edge that compresses adds
// `Accept-Encoding`), ETags (which it may weaken) and 304s, the security
// headers, `Strict-Transport-Security` over HTTPS only, and the HTML page's
// landmarks; and one static asset of each kind the page links to (its
// stylesheet, a face, an image, its web manifest): 200, its type, immutable,
// nosniff, and the bytes its name's hash names. Absolute URLs in bodies and
// `Link` are under `SITE_URL`, not the host asked, so they are checked for
// agreeing with each other.
//
//   SMOKE_URL      the base URL (none: a local workerd)
//   SMOKE_TIMEOUT  each request's timeout in ms (10000)
//   SMOKE_VERSION_OVERRIDE  a `Cloudflare-Workers-Version-Overrides` value,
//                  to test one version of a gradual deployment

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { documentLinks } from '../e2e/assets.mjs';
import { DEFAULT_LANG, FORMATS, HOME, LANGS, PAGES, VARIANTS, pagePath, pageUrls } from './site.mjs';

/** A language other than the default, when the site has one (the negotiation cases need it). */
const OTHER = LANGS.find((lang) => lang !== DEFAULT_LANG) ?? DEFAULT_LANG;

const TIMEOUT = Number(process.env.SMOKE_TIMEOUT ?? 10000);
const OVERRIDE = process.env.SMOKE_VERSION_OVERRIDE ? { 'Cloudflare-Workers-Version-Overrides': process.env.SMOKE_VERSION_OVERRIDE } : {};
/** Vary members an edge adds on its own: Cloudflare adds `Accept-Encoding` when it compresses. */
const EDGE_VARY = ['accept-encoding'];
const BROWSER = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3',
};

let base;
let worker;
before(async () => {
  if (process.env.SMOKE_URL) {
    base = new URL(process.env.SMOKE_URL).href.replace(/\/+$/, '');
  } else {
    const { startWranglerDev } = await import('../e2e/wrangler-dev.mjs');
    worker = await startWranglerDev();
    base = worker.base;
  }
  console.log(`smoke test of ${base}${worker ? ' (the built worker and dist/public under a local wrangler dev)' : ''}, ${TIMEOUT} ms per request`);
});
after(() => worker?.stop());

const secure = () => base.startsWith('https:');

/** `method path` with `headers`, redirects not followed: `{ status, headers, body }`. */
async function request(path, headers = {}, method = 'GET') {
  const url = `${base}${path}`;
  let res;
  try {
    res = await fetch(url, { method, headers: { ...OVERRIDE, ...headers }, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT) });
  } catch (error) {
    throw new Error(`${method} ${url}: ${error.cause?.message ?? error.message}`);
  }
  return { status: res.status, headers: res.headers, body: method === 'HEAD' ? '' : await res.text() };
}

/** The members of `Vary`, lowercase, without those an edge adds. */
function vary(res) {
  return (res.headers.get('vary') ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v && !EDGE_VARY.includes(v));
}

/** The directives of the response's Content-Security-Policy. */
function directives(res) {
  return (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim()).filter(Boolean);
}

/** The headers every response of the worker carries. */
function assertCommonHeaders(res, what) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what);
  const csp = directives(res);
  for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "font-src 'self'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    assert.ok(csp.includes(directive), `${what}: ${directive} in Content-Security-Policy "${csp.join('; ')}"`);
  }
  assert.ok(csp.some((d) => /^form-action https?:\/\/\S+\/recherche$/.test(d)), `${what}: the search form's action, alone, in form-action`);
  assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/, what);
  assert.equal(res.headers.get('access-control-allow-origin'), '*', what);
  const hsts = res.headers.get('strict-transport-security');
  if (secure()) assert.match(hsts ?? '', /max-age=\d+/, `${what}: Strict-Transport-Security over HTTPS`);
  else assert.equal(hsts, null, `${what}: no Strict-Transport-Security over plain HTTP`);
}

/** The canonical URL of `Link`, which must be absolute and `page`'s in `lang`. */
function canonicalOf(res, page, lang, what) {
  const canonical = (res.headers.get('link') ?? '').match(/<([^>]+)>; rel="canonical"/)?.[1];
  assert.match(canonical ?? '', new RegExp(`^https?://[^/]+(/.*)?${pagePath(page, lang)}$`), `${what}: Link's canonical URL`);
  return canonical;
}

describe('every URL of every page', () => {
  for (const url of pageUrls()) {
    test(`${url.path} → ${url.status}${url.serves ? ` ${url.serves}` : ` ${url.location}`}`, async () => {
      const res = await request(url.path);
      assert.equal(res.status, url.status, url.path);
      assertCommonHeaders(res, url.path);
      assert.ok(res.headers.get('cache-control'), `${url.path}: Cache-Control`);
      if (url.status === 301) {
        assert.equal(res.headers.get('location'), url.location);
        return;
      }
      const [, lang, ext] = url.serves.match(/^\/([\w-]+)\/[\w-]+\/index\.(\w+)$/);
      assert.equal(res.headers.get('content-type'), FORMATS.find((f) => f.ext === ext).type, url.path);
      assert.equal(res.headers.get('content-language'), lang, url.path);
      assert.deepEqual(vary(res), url.vary.map((v) => v.toLowerCase()), `${url.path}: Vary`);
      assert.equal(res.headers.get('content-location'), url.vary.length ? url.serves : null, `${url.path}: Content-Location`);
      assert.match(res.headers.get('etag') ?? '', /^(W\/)?"[0-9a-f]{16}"$/, `${url.path}: ETag`);
      canonicalOf(res, url.page, lang, url.path);
      assert.ok(res.body.length > 0, `${url.path}: a body`);
    });
  }
});

describe('negotiation', () => {
  // Where the URL leaves the language open, a request that states its
  // languages is sent (302, Vary: Accept-Language) to the URL of the one
  // chosen, and asks again there with the same headers.
  const negotiated = (page) => [
    [pagePath(page), BROWSER, pagePath(page, DEFAULT_LANG), `${pagePath(page, DEFAULT_LANG)}index.html`],
    [pagePath(page), { Accept: 'application/json', 'Accept-Language': `${OTHER}-GB,${OTHER};q=0.9` }, pagePath(page, OTHER), `${pagePath(page, OTHER)}index.json`],
    [pagePath(page), { Accept: 'application/json' }, null, `${pagePath(page, DEFAULT_LANG)}index.json`],
    [pagePath(page, OTHER), { Accept: 'text/markdown', 'Accept-Language': DEFAULT_LANG }, null, `${pagePath(page, OTHER)}index.md`],
    [`${pagePath(page)}index.txt`, { Accept: 'application/json', 'Accept-Language': OTHER }, `${pagePath(page, OTHER)}index.txt`, `${pagePath(page, OTHER)}index.txt`],
  ];
  for (const [path, headers, location, serves] of PAGES.flatMap(negotiated)) {
    test(`${path} with ${JSON.stringify(headers)} → ${location ? `302 ${location} → ` : ''}${serves}`, async () => {
      let res = await request(path, headers);
      if (location) {
        assert.equal(res.status, 302);
        assert.equal(res.headers.get('location'), location);
        assert.deepEqual(vary(res), ['accept-language']);
        assert.ok(res.headers.get('cache-control'), `${path}: the 302's Cache-Control`);
        res = await request(location, headers);
      }
      const explicit = await request(serves);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-location'), serves === location ? null : serves);
      assert.equal(res.body, explicit.body, 'the bytes of the explicit URL');
      assert.equal(res.headers.get('etag'), explicit.headers.get('etag'));
    });
  }

  test('nothing acceptable → 406 listing every page in every variant', async () => {
    const res = await request(pagePath(HOME, DEFAULT_LANG), { Accept: 'image/png' });
    assert.equal(res.status, 406);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assertCommonHeaders(res, '406');
    for (const { path } of VARIANTS) assert.ok(res.body.includes(`${path}"`), `the 406 links ${path}`);
  });

  test('a URL under the page that names nothing → 404 in the negotiated format, briefly cached', async () => {
    const res = await request(`${pagePath(HOME)}nope`, { Accept: 'application/json', 'Accept-Language': OTHER });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('content-language'), OTHER);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    assertCommonHeaders(res, '404');
    assert.equal(JSON.parse(res.body).status, 404);
  });
});

describe('conditional requests and HEAD', () => {
  for (const path of [pagePath(HOME, DEFAULT_LANG), ...PAGES.flatMap((page) => LANGS.map((lang) => `${pagePath(page, lang)}index.json`))]) {
    test(`${path}: its ETag → 304 without a body; another → 200`, async () => {
      const ok = await request(path, BROWSER);
      const etag = ok.headers.get('etag');
      const notModified = await request(path, { ...BROWSER, 'If-None-Match': etag });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.body, '');
      assert.equal(notModified.headers.get('etag'), etag);
      assert.deepEqual(vary(notModified), vary(ok));
      assert.ok(notModified.headers.get('cache-control'));
      const other = await request(path, { ...BROWSER, 'If-None-Match': '"0000000000000000"' });
      assert.equal(other.status, 200);
    });
  }

  test('HEAD has the headers of GET and no body', async () => {
    const path = pagePath(HOME, DEFAULT_LANG);
    const [get, head] = await Promise.all([request(path, BROWSER), request(path, BROWSER, 'HEAD')]);
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    for (const name of ['content-type', 'content-language', 'etag', 'vary', 'cache-control', 'link']) {
      assert.equal(head.headers.get(name), get.headers.get(name), name);
    }
  });
});

describe('the HTML pages', () => {
  for (const { page, lang } of PAGES.flatMap((page) => LANGS.map((lang) => ({ page, lang })))) {
    test(`${pagePath(page, lang)}: a complete document with its landmarks, canonical URL and alternates`, async () => {
      const res = await request(pagePath(page, lang), BROWSER);
      assert.equal(res.status, 200);
      const html = res.body;
      assert.match(html, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
      assert.match(html, /<title>[^<]+ — beta\.gouv\.fr<\/title>/);
      assert.match(html, /<a class="fr-link" href="#contenu">/, 'the skip link to the content');
      for (const landmark of ['<header class="fr-header"', '<nav class="fr-nav" id="navigation"', '<main id="contenu"', '<footer class="fr-footer" id="pied-de-page"']) {
        assert.ok(html.includes(landmark), landmark);
      }
      assert.match(html, /<h1>[^<]+<\/h1>/);
      assert.match(html, /<\/html>\n?$/, 'the document is complete');
      const canonical = canonicalOf(res, page, lang, pagePath(page, lang));
      assert.ok(html.includes(`<link rel="canonical" href="${canonical}">`), 'the same canonical URL as Link');
      const site = canonical.slice(0, -pagePath(page, lang).length);
      const search = `${site}/recherche`;
      assert.ok(html.includes(`action="${search}"`), 'the search form posts to the site\'s search page');
      assert.ok(directives(res).includes(`form-action ${search}`), 'and the policy lets it, alone');
      for (const other of LANGS.filter((l) => l !== lang)) {
        assert.ok(html.includes(`<link rel="alternate" hreflang="${other}" href="${site}${pagePath(page, other)}">`), `the ${other} alternate`);
      }
    });
  }

  test('the JSON names the same canonical URL as Link', async () => {
    const path = `${pagePath(HOME, OTHER)}index.json`;
    const res = await request(path);
    assert.equal(JSON.parse(res.body).url, canonicalOf(res, HOME, OTHER, path));
  });
});

// The assets are served by Workers Static Assets, not by the worker: the
// production route /_assets/* sends them there, and locally wrangler dev
// serves dist/public. Each is named by its content's hash, so the bytes
// served must be the bytes named, whichever version of the site is asked.
describe('the static assets the page links to', () => {
  /** [kind, the link it is (documentLinks), media type]. */
  const KINDS = [
    ['stylesheet', (l) => l.kind === 'stylesheet', 'text/css; charset=utf-8'],
    ['font', (l) => l.kind === 'preload' && l.as === 'font', 'font/woff2'],
    ['image', (l) => l.kind === 'apple-touch-icon', 'image/png'],
    ['Open Graph image', (l) => l.kind === 'og:image', 'image/png'],
    ['web manifest', (l) => l.kind === 'manifest', 'application/manifest+json'],
  ];
  let links;
  before(async () => {
    const page = await request(pagePath(HOME, DEFAULT_LANG), BROWSER);
    assert.equal(page.status, 200);
    links = documentLinks(page.body);
  });

  for (const [kind, find, type] of KINDS) {
    test(`its ${kind}: 200 ${type}, immutable for a year, nosniff, the bytes its name names`, async () => {
      const link = links.find(find);
      assert.ok(link, `the page links a ${kind}`);
      // Root-relative, or absolute under SITE_URL (the Open Graph image):
      // its path, asked of the host under test.
      const path = new URL(link.url, `${base}/`).pathname;
      const [, hash] = path.match(/^\/_assets\/[A-Za-z0-9-]+\.([0-9a-f]{12})\.[a-z0-9]+$/) ?? [];
      assert.ok(hash, `${link.url}: under /_assets/, named by its hash`);
      const url = `${base}${path}`;
      const res = await fetch(url, { headers: OVERRIDE, signal: AbortSignal.timeout(TIMEOUT) }).catch((error) => {
        throw new Error(`GET ${url}: ${error.cause?.message ?? error.message}`);
      });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
      const cacheControl = (res.headers.get('cache-control') ?? '').split(',').map((d) => d.trim());
      for (const directive of ['public', 'max-age=31536000', 'immutable']) assert.ok(cacheControl.includes(directive), `${path}: ${directive} in Cache-Control "${cacheControl}"`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(createHash('sha256').update(body).digest('hex').slice(0, 12), hash, `${path}: the bytes its name names`);
    });
  }
});
