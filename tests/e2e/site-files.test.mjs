// The site's files beside the page, through workerd: what crawlers, agents
// and security researchers fetch at their well-known addresses, and the
// percent-encoded spellings of the page's URLs.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest } from './http.mjs';
import { startWorker } from './worker.mjs';

const FILES = [
  ['/robots.txt', 'text/plain; charset=utf-8'],
  ['/sitemap.xml', 'application/xml'],
  ['/llms.txt', 'text/plain; charset=utf-8'],
  ['/.well-known/security.txt', 'text/plain; charset=utf-8'],
  ['/schema/page.schema.json', 'application/schema+json'],
];

let worker;
before(async () => (worker = await startWorker({ vars: { SITE_URL: 'https://example.org' } })));
after(() => worker?.stop());

const header = (res, name) => res.headers[name]?.join(', ');
const fields = (text) => Object.fromEntries(text.trim().split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/: (.*)/s).slice(0, 2)));

for (const [path, type] of FILES) {
  test(`${path}: 200 ${type}, HEAD, 304, 405, the same for every client`, async () => {
    const res = await rawRequest(worker.port, { path, headers: [['Accept', 'image/png'], ['Accept-Language', 'de']] });
    assert.equal(res.status, 200);
    assert.equal(header(res, 'content-type'), type);
    assert.equal(Number(header(res, 'content-length')), res.body.length);
    assert.equal(header(res, 'vary'), 'Accept-Encoding', 'nothing negotiated; the edge may compress it');
    assert.equal(header(res, 'cache-tag'), `files,file:${path}`);
    assert.equal(header(res, 'x-content-type-options'), 'nosniff');
    assert.match(header(res, 'cache-control'), /max-age=\d+/);
    const head = await rawRequest(worker.port, { method: 'HEAD', path });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(header(head, 'etag'), header(res, 'etag'));
    const revalidated = await rawRequest(worker.port, { path, headers: [['If-None-Match', header(res, 'etag')]] });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.body.length, 0);
    const post = await rawRequest(worker.port, { method: 'POST', path, body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(header(post, 'allow'), 'GET, HEAD, OPTIONS');
  });
}

test('robots.txt allows every crawler and names the sitemap under SITE_URL', async () => {
  const text = (await rawRequest(worker.port, { path: '/robots.txt' })).body.toString('utf8');
  assert.deepEqual(fields(text), {
    'User-agent': '*',
    'Content-Signal': 'search=yes, ai-input=yes, ai-train=yes',
    Allow: '/',
    Sitemap: 'https://example.org/sitemap.xml',
  });
});

test("security.txt expires after the runtime's clock, and a past date falls back to a week ahead", async () => {
  const text = (await rawRequest(worker.port, { path: '/.well-known/security.txt' })).body.toString('utf8');
  const security = fields(text);
  assert.deepEqual(Object.keys(security), ['Contact', 'Expires', 'Preferred-Languages', 'Canonical']);
  assert.ok(Date.parse(security.Expires) > Date.now(), security.Expires);
  assert.equal(security.Canonical, 'https://example.org/.well-known/security.txt');
  const stale = await startWorker({ vars: { SECURITY_EXPIRES: '2020-01-01T00:00:00Z' } });
  try {
    const started = Date.now();
    const res = await rawRequest(stale.port, { path: '/.well-known/security.txt' });
    assert.equal(res.status, 200);
    const expires = Date.parse(fields(res.body.toString('utf8')).Expires);
    const week = 7 * 86_400_000;
    assert.ok(Math.abs(expires - (started + week)) < 120_000, `${new Date(expires).toISOString()}: a week from now`);
    await new Promise((done) => setTimeout(done, 100));
    assert.match(stale.log(), /SECURITY_EXPIRES/, 'the refused date is logged');
  } finally {
    await stale.stop();
  }
});

test('llms.txt links the Markdown and the JSON of every language, and the schema', async () => {
  const text = (await rawRequest(worker.port, { path: '/llms.txt' })).body.toString('utf8');
  assert.match(text, /^# beta\.gouv\.fr\n\n> /);
  const links = [...text.matchAll(/^- \[[^\]]+\]\((https:\/\/example\.org[^)]+)\): \S/gm)].map((m) => m[1]);
  assert.deepEqual(links.sort(), [
    'https://example.org/en/apropos/index.json',
    'https://example.org/en/apropos/index.md',
    'https://example.org/fr/apropos/index.json',
    'https://example.org/fr/apropos/index.md',
    'https://example.org/schema/page.schema.json',
  ]);
  for (const link of links) {
    const res = await rawRequest(worker.port, { path: new URL(link).pathname });
    assert.equal(res.status, 200, link);
  }
});

test('the sitemap lists both pages, each with every language and x-default', async () => {
  const xml = (await rawRequest(worker.port, { path: '/sitemap.xml' })).body.toString('utf8');
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9" xmlns:xhtml="http:\/\/www\.w3\.org\/1999\/xhtml">/);
  assert.deepEqual([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]), ['https://example.org/fr/apropos/', 'https://example.org/en/apropos/']);
  assert.equal([...xml.matchAll(/hreflang="x-default" href="https:\/\/example\.org\/apropos\/"/g)].length, 2);
});

test('percent-encoded unreserved characters move to the normal form; other escapes are not found', async () => {
  for (const [path, location] of [
    ['/%61propos/', '/apropos/'],
    ['/apropos/%69ndex.md', '/apropos/index.md'],
    ['/%2Ewell-known/security.txt', '/.well-known/security.txt'],
  ]) {
    const res = await rawRequest(worker.port, { path });
    assert.equal(res.status, 301, path);
    assert.equal(header(res, 'location'), location, path);
  }
  for (const path of ['/apropos%2F', '/apropos/%00', '/%zzpropos/']) {
    assert.equal((await rawRequest(worker.port, { path })).status, 404, path);
  }
});
