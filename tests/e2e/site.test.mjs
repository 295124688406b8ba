// The site as data, through the real worker in workerd: every page of the
// site under test (CONTENT_DIR, or content/) in every language and format,
// with its URLs, headers, status pages and site files, enumerated from that
// site's own files (tests/smoke/site.mjs), never from a list here. `make e2e`
// runs it on the shipped site; `make fixture` on the fixture site's build
// (BUILD=build-fixture), whose pages and languages are not the shipped ones.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_LANG, FORMATS, HOME, LANGS, PAGES, VARIANTS, pageKind, pagePath, pageUrls } from '../smoke/site.mjs';
import { rawRequest } from './http.mjs';
import { startWorker } from './worker.mjs';

const SITE = 'https://beta.gouv.fr';


let worker;
before(async () => (worker = await startWorker()));
after(() => worker?.stop());

/** `path` asked with `headers` ([name, value] pairs): `{ status, header(name), body }`. */
async function get(path, headers = [], method = 'GET') {
  const res = await rawRequest(worker.port, { method, path, headers });
  const header = (name) => res.headers[name.toLowerCase()]?.join(', ') ?? null;
  return { status: res.status, header, body: res.body.toString('utf8') };
}

test(`the site under test: ${PAGES.length} page(s) × ${LANGS.length} language(s), home ${HOME}`, () => {
  assert.ok(PAGES.length > 0 && LANGS.includes(DEFAULT_LANG) && PAGES.includes(HOME));
});

describe('every URL of every page', () => {
  for (const url of pageUrls()) {
    test(`${url.path} → ${url.status} ${url.serves ?? url.location}`, async () => {
      const res = await get(url.path);
      assert.equal(res.status, url.status);
      const tags = res.header('cache-tag').split(',');
      assert.ok(tags.includes(url.page), `${url.path}: Cache-Tag names the page (${tags})`);
      if (url.status === 301) {
        assert.equal(res.header('location'), url.location);
        return;
      }
      const [, lang, ext] = url.serves.match(/^\/([a-z]+)\/[a-z0-9-]+\/index\.(\w+)$/);
      assert.equal(res.header('content-type'), FORMATS.find((f) => f.ext === ext).type);
      assert.equal(res.header('content-language'), lang);
      assert.equal(res.header('vary'), [...url.vary, 'Accept-Encoding'].join(', '));
      assert.equal(res.header('content-location'), url.vary.length ? url.serves : null);
      assert.deepEqual(tags, [url.page, `${url.page}:${lang}`, `${url.page}:${ext}`]);
      assert.ok(res.header('cdn-cache-control'), `${url.path}: CDN-Cache-Control`);
      const link = res.header('link');
      assert.ok(link.includes(`<${SITE}${pagePath(url.page, lang)}>; rel="canonical"`), link);
      for (const other of LANGS.filter((l) => l !== lang)) {
        assert.ok(link.includes(`<${SITE}${pagePath(url.page, other)}>; rel="alternate"; hreflang="${other}"`), `${other} in ${link}`);
      }
      const etag = res.header('etag');
      const again = await get(url.path, [['If-None-Match', etag]]);
      assert.equal(again.status, 304, `${url.path}: revalidated`);
      assert.equal(again.body, '');
    });
  }
});

describe('each representation', () => {
  for (const { page, lang, format, path } of VARIANTS) {
    test(`${path}: the ${page} page in ${lang}, as ${format.ext}`, async () => {
      const res = await get(path);
      assert.equal(res.status, 200);
      const canonical = `${SITE}${pagePath(page, lang)}`;
      switch (format.ext) {
        case 'html': {
          assert.match(res.body, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
          assert.ok(res.body.includes(`<link rel="canonical" href="${canonical}">`));
          for (const other of LANGS) {
            assert.ok(res.body.includes(`hreflang="${other}" href="${SITE}${pagePath(page, other)}"`), `the ${other} alternate`);
          }
          const data = JSON.parse(res.body.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)[1]);
          assert.equal(data['@type'], pageKind(page));
          assert.equal(data.url, canonical);
          break;
        }
        case 'json': {
          const json = JSON.parse(res.body);
          assert.equal(json.lang, lang);
          assert.equal(json.url, canonical);
          assert.equal(json.alternates.length, LANGS.length * FORMATS.length - 1);
          break;
        }
        case 'md':
          assert.ok(res.body.startsWith(`---\ntitle: `) && res.body.includes(`\nlang: "${lang}"\nurl: "${canonical}"\n---\n`));
          break;
        default:
          assert.ok(res.body.length > 0 && !res.body.includes('<'));
      }
    });
  }
});

describe('the site around the pages', () => {
  for (const lang of [null, ...LANGS]) {
    const path = lang ? `/${lang}/` : '/';
    test(`${path} → 302 to the home page`, async () => {
      const res = await get(path);
      assert.equal(res.status, 302);
      assert.equal(res.header('location'), pagePath(HOME, lang));
    });
  }

  for (const lang of LANGS) {
    for (const format of FORMATS) {
      test(`a 404 in ${lang}, as ${format.ext}, linking the home page`, async () => {
        const res = await get(`/${lang}/nowhere`, [['Accept', format.media], ['Accept-Language', lang]]);
        assert.equal(res.status, 404);
        assert.equal(res.header('content-language'), lang);
        assert.equal(res.header('content-type'), format.type);
        assert.ok(res.body.includes(format.ext === 'html' ? `href="${pagePath(HOME)}"` : `${SITE}${pagePath(HOME, lang)}`), res.body);
      });
    }
  }

  test('a 406 lists every page in every variant', async () => {
    const res = await get(pagePath(HOME, DEFAULT_LANG), [['Accept', 'image/png']]);
    assert.equal(res.status, 406);
    for (const { path } of VARIANTS) assert.ok(res.body.includes(`href="${SITE}${path}"`), path);
  });

  test('other methods: 204 to OPTIONS, 405 with Allow to the rest, on every page', async () => {
    for (const page of PAGES) {
      assert.equal((await get(pagePath(page), [], 'OPTIONS')).status, 204);
      const refused = await get(pagePath(page, DEFAULT_LANG), [], 'DELETE');
      assert.equal(refused.status, 405);
      assert.equal(refused.header('allow'), 'GET, HEAD, OPTIONS');
    }
  });

  test('the sitemap lists every page in every language', async () => {
    const xml = (await get('/sitemap.xml')).body;
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    assert.deepEqual(locs, PAGES.flatMap((page) => LANGS.map((lang) => `${SITE}${pagePath(page, lang)}`)));
  });

  test('llms.txt links every page in every language, in Markdown and JSON', async () => {
    const text = (await get('/llms.txt')).body;
    for (const { path, format } of VARIANTS.filter((v) => v.format.ext === 'md' || v.format.ext === 'json')) {
      assert.ok(text.includes(`](${SITE}${path}): `), `${path} (${format.ext})`);
    }
  });

  test('security.txt prefers the site\'s languages', async () => {
    const text = (await get('/.well-known/security.txt')).body;
    assert.ok(text.includes(`\nPreferred-Languages: ${LANGS.join(', ')}\n`), text);
  });
});
