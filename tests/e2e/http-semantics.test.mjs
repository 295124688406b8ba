// HTTP semantics through the real worker in workerd: negotiation, the URL
// scheme, the headers of every response, conditional requests, methods,
// status pages and configuration.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rawRequest } from './http.mjs';
import { loggedEvents, startWorker } from './worker.mjs';

const FIREFOX = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3',
};
const MEDIA = { html: 'text/html; charset=utf-8', json: 'application/json', txt: 'text/plain; charset=utf-8', md: 'text/markdown; charset=utf-8' };

let worker;
before(async () => (worker = await startWorker()));
after(() => worker?.stop());

/** The Content-Security-Policy of every HTML answer, under `site` (SITE_URL). */
const csp = (site) =>
  "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; manifest-src 'self'; " +
  `connect-src 'self'; base-uri 'none'; form-action ${site}/recherche; frame-ancestors 'none'`;

const get = (path, headers = {}, method = 'GET') =>
  rawRequest(worker.port, { method, path, headers: Object.entries(headers) });
const header = (res, name) => res.headers[name.toLowerCase()]?.join(', ');

describe('negotiation', () => {
  // A URL that leaves the language open sends a client that states its
  // languages to the URL of the one chosen (302, Vary: Accept-Language); the
  // client asks again there, with the same headers, as browsers do.
  const cases = [
    // [path, request headers, the 302's Location or null, variant served, its Vary]
    ['/apropos/', FIREFOX, '/fr/apropos/', '/fr/apropos/index.html', 'Accept, Accept-Encoding'],
    ['/apropos/', {}, null, '/fr/apropos/index.html', 'Accept, Accept-Language, Accept-Encoding'],
    ['/apropos/', { Accept: '*/*' }, null, '/fr/apropos/index.html', 'Accept, Accept-Language, Accept-Encoding'],
    ['/apropos/', { Accept: 'application/json' }, null, '/fr/apropos/index.json', 'Accept, Accept-Language, Accept-Encoding'],
    ['/apropos/', { Accept: 'text/plain, application/json' }, null, '/fr/apropos/index.txt', 'Accept, Accept-Language, Accept-Encoding'],
    ['/apropos/', { Accept: 'text/markdown', 'Accept-Language': 'en-GB,en;q=0.9' }, '/en/apropos/', '/en/apropos/index.md', 'Accept, Accept-Encoding'],
    ['/apropos/', { Accept: 'application/*', 'Accept-Language': 'de, en;q=0.5' }, '/en/apropos/', '/en/apropos/index.json', 'Accept, Accept-Encoding'],
    ['/apropos/', { 'Accept-Language': 'de' }, '/fr/apropos/', '/fr/apropos/index.html', 'Accept, Accept-Encoding'],
    ['/en/apropos/', { Accept: 'text/*' }, null, '/en/apropos/index.html', 'Accept, Accept-Encoding'],
    ['/en/apropos/', { Accept: 'application/json', 'Accept-Language': 'fr' }, null, '/en/apropos/index.json', 'Accept, Accept-Encoding'],
    ['/fr/apropos/', { Accept: 'text/markdown;q=0.9, text/plain;q=0.8' }, null, '/fr/apropos/index.md', 'Accept, Accept-Encoding'],
    ['/apropos/index.txt', { Accept: 'application/json', 'Accept-Language': 'en' }, '/en/apropos/index.txt', '/en/apropos/index.txt', 'Accept-Encoding'],
    ['/apropos/index.json', {}, null, '/fr/apropos/index.json', 'Accept-Language, Accept-Encoding'],
  ];
  for (const [path, headers, location, variant, vary] of cases) {
    test(`${path} with ${JSON.stringify(headers)} → ${location ? `302 ${location} → ` : ''}${variant}`, async () => {
      let res = await get(path, headers);
      if (location) {
        assert.equal(res.status, 302);
        assert.equal(header(res, 'Location'), location);
        assert.equal(header(res, 'Vary'), 'Accept-Language, Accept-Encoding', 'the redirect depends on the language only');
        assert.equal(res.body.length, 0);
        res = await get(location, headers);
      }
      const explicit = await get(variant);
      assert.equal(res.status, 200);
      assert.equal(header(res, 'Content-Location'), variant === location ? undefined : variant);
      assert.equal(header(res, 'Vary'), vary);
      const [, lang, ext] = variant.match(/^\/(\w+)\/apropos\/index\.(\w+)$/);
      assert.equal(header(res, 'Content-Type'), MEDIA[ext]);
      assert.equal(header(res, 'Content-Language'), lang);
      assert.ok(res.body.equals(explicit.body), 'the same bytes as the explicit URL');
      assert.equal(header(res, 'ETag'), header(explicit, 'ETag'));
    });
  }

  test('explicit URLs negotiate nothing: Vary names only the encoding, no Content-Location', async () => {
    for (const lang of ['fr', 'en']) {
      for (const ext of ['html', 'json', 'txt', 'md']) {
        const res = await get(`/${lang}/apropos/index.${ext}`, { Accept: 'image/png', 'Accept-Language': 'de' });
        assert.equal(res.status, 200, `/${lang}/apropos/index.${ext}`);
        assert.equal(header(res, 'Vary'), 'Accept-Encoding');
        assert.equal(header(res, 'Content-Location'), undefined);
        assert.equal(header(res, 'Content-Type'), MEDIA[ext]);
        assert.equal(header(res, 'Content-Language'), lang);
      }
    }
  });

  test('nothing acceptable → 406, an HTML list of every variant, Vary: Accept', async () => {
    const res = await get('/en/apropos/', { Accept: 'image/png' });
    assert.equal(res.status, 406);
    assert.equal(header(res, 'Content-Type'), 'text/html; charset=utf-8');
    assert.equal(header(res, 'Vary'), 'Accept, Accept-Encoding');
    assert.equal(header(res, 'Content-Language'), 'en');
    const html = res.body.toString();
    for (const lang of ['fr', 'en']) for (const ext of ['html', 'json', 'txt', 'md']) assert.match(html, new RegExp(`/${lang}/apropos/index\\.${ext}"`));
    const both = await get('/apropos/', { Accept: 'audio/*' });
    assert.equal(both.status, 406);
    assert.equal(header(both, 'Vary'), 'Accept, Accept-Language, Accept-Encoding');
    assert.equal(header(both, 'Content-Language'), 'fr');
  });

  test('the query string changes nothing and is never echoed', async () => {
    const plain = await get('/apropos/', { Accept: FIREFOX.Accept });
    const marker = 'QQmarker<script>alert(1)</script>';
    const queried = await get(`/apropos/?q=${encodeURIComponent(marker)}&lang=en&format=json`, { Accept: FIREFOX.Accept });
    assert.equal(queried.status, 200);
    assert.ok(queried.body.equals(plain.body));
    const redirected = await get(`/apropos/?q=${encodeURIComponent(marker)}`, FIREFOX);
    assert.equal(header(redirected, 'Location'), '/fr/apropos/', 'the query is not carried along either');
    assert.ok(!queried.raw.toString('latin1').includes('QQmarker'), 'no trace of the query in the response');
    const notFound = await get(`/nope?${marker}`);
    assert.ok(!notFound.raw.toString('latin1').includes('QQmarker'));
  });
});

describe('redirects', () => {
  for (const [path, status, location] of [
    ['/apropos', 301, '/apropos/'],
    ['/fr/apropos', 301, '/fr/apropos/'],
    ['/en/apropos', 301, '/en/apropos/'],
    ['/', 302, '/apropos/'],
    ['/en/', 302, '/en/apropos/'],
    ['/apropos?x=1', 301, '/apropos/'],
  ]) {
    test(`${path} → ${status} ${location}`, async () => {
      const res = await get(path);
      assert.equal(res.status, status);
      assert.equal(header(res, 'Location'), location);
      assert.ok(header(res, 'Cache-Control'));
      assert.equal(res.body.length, 0);
    });
  }
});

describe('headers of a page response', () => {
  test('cache, validators, links, security and CORS', async () => {
    const res = await get('/fr/apropos/', FIREFOX);
    assert.equal(header(res, 'Cache-Control'), 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800');
    assert.equal(header(res, 'CDN-Cache-Control'), 'public, max-age=86400, stale-while-revalidate=86400, stale-if-error=604800');
    assert.equal(header(res, 'Cache-Tag'), 'apropos,apropos:fr,apropos:html');
    assert.match(header(res, 'ETag'), /^W\/"[0-9a-f]{16}"$/, 'a weak ETag, true of the compressed bytes too');
    const link = header(res, 'Link');
    assert.match(link, /<https:\/\/beta\.gouv\.fr\/fr\/apropos\/>; rel="canonical"/);
    assert.match(link, /<https:\/\/beta\.gouv\.fr\/en\/apropos\/>; rel="alternate"; hreflang="en"/);
    for (const [ext, type] of [['json', 'application/json'], ['txt', 'text/plain'], ['md', 'text/markdown']]) {
      assert.match(link, new RegExp(`<https://beta\\.gouv\\.fr/fr/apropos/index\\.${ext}>; rel="alternate"; type="${type}"`));
    }
    // The page loads the DSFR's stylesheet, script, faces, icons and manifest
    // from its own origin (/_assets/), nothing inline; the search form posts
    // to the site's search page.
    assert.equal(header(res, 'Content-Security-Policy'), csp('https://beta.gouv.fr'));
    assert.equal(header(res, 'X-Content-Type-Options'), 'nosniff');
    assert.equal(header(res, 'Referrer-Policy'), 'strict-origin-when-cross-origin');
    assert.equal(header(res, 'Strict-Transport-Security'), undefined, 'no HSTS over plain HTTP (RFC 6797 §7.2)');
    assert.match(header(res, 'Permissions-Policy'), /camera=\(\)/);
    assert.equal(header(res, 'Access-Control-Allow-Origin'), '*');
    assert.equal(header(res, 'Access-Control-Expose-Headers'), 'ETag, Content-Language, Content-Location, Link, X-Markdown-Tokens');
    assert.equal(header(res, 'Last-Modified'), undefined, 'no date is invented for the content');
  });

  test('every variant has its own ETag', async () => {
    const tags = new Set();
    for (const lang of ['fr', 'en']) for (const ext of ['html', 'json', 'txt', 'md']) tags.add(header(await get(`/${lang}/apropos/index.${ext}`), 'ETag'));
    assert.equal(tags.size, 8);
  });

  test('HEAD: the GET headers with the exact Content-Length, no body', async () => {
    for (const path of ['/apropos/', '/fr/apropos/', '/en/apropos/index.json', '/nope']) {
      const [getRes, headRes] = [await get(path, FIREFOX), await get(path, FIREFOX, 'HEAD')];
      assert.equal(headRes.status, getRes.status, path);
      assert.equal(headRes.body.length, 0);
      assert.equal(header(headRes, 'Content-Length'), String(getRes.body.length), path);
      for (const name of ['Content-Type', 'ETag', 'Vary', 'Content-Location', 'Location', 'Cache-Control', 'CDN-Cache-Control', 'Cache-Tag', 'Link']) {
        assert.equal(header(headRes, name), header(getRes, name), `${name} of ${path}`);
      }
    }
  });
});

describe('conditional requests', () => {
  let etag;
  before(async () => (etag = header(await get('/fr/apropos/', FIREFOX), 'ETag')));

  for (const [name, value] of [
    ['the same tag', (t) => t],
    ['the strong form', (t) => t.replace(/^W\//, '')],
    ['a list', (t) => `"nope", ${t}, "other"`],
    ['*', () => '*'],
  ]) {
    test(`If-None-Match with ${name} → 304`, async () => {
      const res = await get('/fr/apropos/', { ...FIREFOX, 'If-None-Match': value(etag) });
      assert.equal(res.status, 304);
      assert.equal(res.body.length, 0);
      assert.equal(header(res, 'ETag'), etag);
      assert.equal(header(res, 'Vary'), 'Accept, Accept-Encoding');
      assert.equal(header(res, 'Content-Location'), '/fr/apropos/index.html');
      assert.ok(header(res, 'Cache-Control'));
    });
  }

  test('another tag, or another variant, → 200', async () => {
    assert.equal((await get('/fr/apropos/', { ...FIREFOX, 'If-None-Match': '"0000000000000000"' })).status, 200);
    const english = await get('/en/apropos/', { ...FIREFOX, 'If-None-Match': etag });
    assert.equal(english.status, 200, 'the French tag does not validate the English page');
  });

  test('If-Modified-Since is ignored when If-None-Match is present', async () => {
    const res = await get('/fr/apropos/', { ...FIREFOX, 'If-None-Match': '"x"', 'If-Modified-Since': 'Sat, 01 Jan 2050 00:00:00 GMT' });
    assert.equal(res.status, 200);
    const alone = await get('/fr/apropos/', { ...FIREFOX, 'If-Modified-Since': 'Sat, 01 Jan 2050 00:00:00 GMT' });
    assert.equal(alone.status, 200, 'no Last-Modified is sent, so If-Modified-Since never applies');
  });
});

describe('methods', () => {
  test('OPTIONS → 204 with Allow, and answers a CORS preflight', async () => {
    const res = await get('/apropos/', { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' }, 'OPTIONS');
    assert.equal(res.status, 204);
    assert.equal(header(res, 'Allow'), 'GET, HEAD, OPTIONS');
    assert.equal(header(res, 'Access-Control-Allow-Origin'), '*');
    assert.equal(header(res, 'Access-Control-Allow-Methods'), 'GET, HEAD, OPTIONS');
    assert.match(header(res, 'Access-Control-Allow-Headers'), /If-None-Match/);
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'TRACE']) {
    test(`${method} → 405 with Allow`, async () => {
      const res = await rawRequest(worker.port, { method, path: '/en/apropos/index.json', body: method === 'TRACE' ? undefined : '{}' });
      assert.equal(res.status, 405);
      assert.equal(header(res, 'Allow'), 'GET, HEAD, OPTIONS');
      assert.equal(header(res, 'Content-Type'), 'application/json', 'the status page in the format of the URL');
    });
  }
});

describe('not found', () => {
  test('in the negotiated format and language, linking to the page, briefly cached', async () => {
    const html = await get('/nope', FIREFOX);
    assert.equal(html.status, 404);
    assert.equal(header(html, 'Content-Type'), 'text/html; charset=utf-8');
    assert.equal(header(html, 'Content-Language'), 'fr');
    assert.match(html.body.toString(), /href="\/apropos\/"/);
    assert.equal(header(html, 'Cache-Control'), 'public, max-age=60');
    assert.equal(header(html, 'CDN-Cache-Control'), undefined, 'the edge keeps it as briefly as browsers do');
    assert.equal(header(html, 'Cache-Tag'), 'status,status:404');
    assert.equal(header(html, 'Vary'), 'Accept, Accept-Language, Accept-Encoding');
    assert.equal(header(html, 'Content-Security-Policy'), csp('https://beta.gouv.fr'), 'the page chrome, the same policy');

    const json = await get('/nope', { Accept: 'application/json', 'Accept-Language': 'en' });
    assert.equal(json.status, 404);
    assert.equal(header(json, 'Content-Language'), 'en');
    const body = JSON.parse(json.body.toString());
    assert.equal(body.status, 404);
    assert.equal(body.home, 'https://beta.gouv.fr/en/apropos/');

    const text = await get('/nope', { Accept: 'text/plain' });
    assert.equal(header(text, 'Content-Type'), 'text/plain; charset=utf-8');
    const none = await get('/nope', { Accept: 'image/png' });
    assert.equal(none.status, 404, 'a 404 is not turned into a 406');
  });
});

describe('configuration', () => {
  test('vars override the defaults; invalid ones fall back, and nothing fails', async () => {
    const custom = await startWorker({ vars: { SITE_URL: 'https://example.org/', CACHE_CONTROL: 'no-store', STRICT_TRANSPORT_SECURITY: 'max-age=60' } });
    const broken = await startWorker({ vars: { SITE_URL: 'not a url', CACHE_CONTROL: 'max age', STRICT_TRANSPORT_SECURITY: 'forever' } });
    try {
      const res = await rawRequest(custom.port, { path: '/en/apropos/index.json' });
      assert.equal(header(res, 'Cache-Control'), 'no-store');
      assert.match(header(res, 'Link'), /<https:\/\/example\.org\/en\/apropos\/>; rel="canonical"/);
      const page = await rawRequest(custom.port, { path: '/en/apropos/index.html' });
      assert.equal(header(page, 'Content-Security-Policy'), csp('https://example.org'), 'the search form posts under SITE_URL');
      const fallback = await rawRequest(broken.port, { path: '/en/apropos/index.json' });
      assert.equal(fallback.status, 200);
      assert.equal(header(fallback, 'Cache-Control'), 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800');
      assert.match(header(fallback, 'Link'), /<https:\/\/beta\.gouv\.fr\/en\/apropos\/>; rel="canonical"/);
      const fallbacks = loggedEvents(broken.log()).map((event) => event.var);
      assert.deepEqual(fallbacks, ['SITE_URL', 'CACHE_CONTROL', 'STRICT_TRANSPORT_SECURITY'], 'each fallback is logged');
    } finally {
      await Promise.all([custom.stop(), broken.stop()]);
    }
  });
});
