// The production routes take exactly the worker's URLs on beta.gouv.fr (its
// pages, its site files, and /_assets/*, where Workers Static Assets serves
// the page's static assets ahead of it) and leave the rest of the site to
// its origin, by Cloudflare's route-matching rules (route-pattern.mjs); and
// the worker answers what they take.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { documentLinks, readAssets } from '../e2e/assets.mjs';
import { rawRequest } from '../e2e/http.mjs';
import { startWorker } from '../e2e/worker.mjs';
import { LANGS, SITE_FILE_CANDIDATES, pageUrls } from '../smoke/site.mjs';
import { resolvedConfig } from './environments.mjs';
import { matches, matchingRoute, parsePattern } from './route-pattern.mjs';

const ROUTES = resolvedConfig('production').routes;
const SITE = 'https://beta.gouv.fr';
/** The static assets as built (dist/assets.json): every one must be routed. */
const ASSETS = readAssets();

describe('the route-pattern rules, on the examples of Cloudflare\'s documentation', () => {
  const cases = [
    // [pattern, zone, URL, matches]
    ['https://*.example.com/images/*', 'example.com', 'https://www.example.com/images/cat.png', true],
    ['https://*.example.com/images/*', 'example.com', 'http://www.example.com/images/cat.png', false],
    ['https://*.example.com/images/*', 'example.com', 'https://example.com/images/cat.png', false],
    ['*example.com/*', 'example.com', 'https://example.com/', true],
    ['*example.com/*', 'example.com', 'https://www.example.com/path', true],
    ['*example.com/*', 'example.com', 'https://myexample.com/', true],
    ['*.example.com/*', 'example.com', 'https://example.com/', false],
    ['*.example.com/*', 'example.com', 'https://www.example.com/path', true],
    ['example.com', 'example.com', 'http://example.com/', true],
    ['example.com', 'example.com', 'https://example.com/', true],
    ['example.com', 'example.com', 'https://example.com/x', false],
    ['https://example.com/path*', 'example.com', 'https://example.com/path', true],
    ['https://example.com/path*', 'example.com', 'https://example.com/path2', true],
    ['https://example.com/path*', 'example.com', 'https://example.com/path/readme.txt', true],
    ['*example.com/images/cat.png', 'example.com', 'https://example.com/images/cat.png', true],
    ['*example.com/images/cat.png', 'example.com', 'https://example.com/images/cat.png?foo=bar', false],
    ['*example.com/images/*', 'example.com', 'https://example.com/images/cat.png?foo=bar', true],
    ['example.com/images/*', 'example.com', 'https://example.com/Images/cat.png', false],
    ['example.com/images/*', 'example.com', 'https://EXAMPLE.com/images/cat.png', true],
  ];
  for (const [pattern, zone, url, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${url}`, () => {
      assert.equal(matches(pattern, url, zone), expected);
    });
  }

  test('invalid patterns are refused, as Cloudflare refuses them', () => {
    for (const pattern of ['example.com/*.jpg', 'example.com/?foo=*', 'https://example.com/?anything', 'www.*.example.com/', 'example.org/*']) {
      assert.throws(() => parsePattern(pattern, 'example.com'), /route pattern/, pattern);
    }
  });
});

describe('the production routes', () => {
  test('are valid patterns on the zone beta.gouv.fr, each once', () => {
    assert.ok(ROUTES.length > 0);
    for (const route of ROUTES) {
      assert.equal(route.zone_name, 'beta.gouv.fr');
      parsePattern(route.pattern, route.zone_name);
    }
    assert.equal(new Set(ROUTES.map((r) => r.pattern)).size, ROUTES.length, 'no pattern twice');
  });

  const cases = [
    // [URL, routed to the worker]
    ...pageUrls().map(({ path }) => [`${SITE}${path}`, true]),
    ...pageUrls().map(({ path }) => [`http://beta.gouv.fr${path}`, true]),
    [`${SITE}/apropos/?utm_source=lettre`, true],
    [`${SITE}/fr/apropos/index.html?x=1`, true],
    [`${SITE}/apropos/nope`, true], // the worker's own 404, in the page's format and language
    [`${SITE}/en/apropos/index.htm`, true],
    ['https://BETA.gouv.fr/apropos/', true],
    // The static assets, whatever their name: Workers Static Assets answers
    // those it has, the worker (its 404) the rest.
    ...ASSETS.files.map(({ path }) => [`${SITE}${path}`, true]),
    [`http://beta.gouv.fr${ASSETS.css}`, true],
    [`${SITE}${ASSETS.css}?v=1`, true],
    [`${SITE}/_assets/`, true],
    [`${SITE}/_assets/any-name.000000000000.css`, true],
    [`${SITE}/_assets/a/b/c`, true],
    [`${SITE}/_assets/..%2f..%2fapropos`, true],
    // The rest of the site, whose origin answers.
    [`${SITE}/`, false],
    ...LANGS.map((lang) => [`${SITE}/${lang}/`, false]),
    ...LANGS.map((lang) => [`${SITE}/${lang}`, false]),
    [`${SITE}/startups/`, false],
    [`${SITE}/communaute/`, false],
    [`${SITE}/fr/startups/`, false],
    [`${SITE}/aproposx`, false],
    [`${SITE}/apropos-x`, false],
    [`${SITE}/apropos.html`, false],
    [`${SITE}/fr/aproposx`, false],
    [`${SITE}/fr/apropos-x/`, false],
    [`${SITE}/de/apropos/`, false],
    [`${SITE}/APROPOS/`, false],
    [`${SITE}/Apropos/`, false],
    [`${SITE}/x/apropos/`, false],
    [`${SITE}/_assets`, false],
    [`${SITE}/_assetsx/dsfr.css`, false],
    [`${SITE}/_assets.css`, false],
    [`${SITE}/_ASSETS/dsfr.css`, false],
    [`${SITE}/x/_assets/dsfr.css`, false],
    [`${SITE}/fr/_assets/dsfr.css`, false],
    [`${SITE}/assets/dsfr.css`, false],
    [`${SITE}/_site/`, false],
    // A path without a trailing `*` matches no URL with a query: the origin answers these.
    [`${SITE}/apropos?utm_source=lettre`, false],
    [`${SITE}/fr/apropos?x=1`, false],
    // Other hosts.
    ['https://www.beta.gouv.fr/apropos/', false],
    ['https://startup.beta.gouv.fr/apropos/', false],
    ['https://beta.gouv.fr.example.org/apropos/', false],
  ];
  for (const [url, routed] of cases) {
    test(`${url} ${routed ? 'goes to the worker' : 'stays with the site'}`, () => {
      const route = matchingRoute(ROUTES, url);
      assert.equal(Boolean(route), routed, route ? `matched by ${route.pattern}` : 'matched by no route');
    });
  }
});

describe('the production routes against the worker itself', () => {
  let worker;
  before(async () => (worker = await startWorker()));
  after(() => worker?.stop());

  test('the worker answers every URL it is routed, and never with a 5xx', async () => {
    for (const { path, status } of pageUrls()) {
      assert.ok(matchingRoute(ROUTES, `${SITE}${path}`), `${path} is routed`);
      assert.equal((await rawRequest(worker.port, { path })).status, status, path);
    }
  });

  test('every asset the pages link to is routed; a name the asset server lacks reaches the worker, which answers its 404', async () => {
    for (const lang of LANGS) {
      const page = await rawRequest(worker.port, { path: `/${lang}/apropos/` });
      const links = documentLinks(page.body.toString('utf8'));
      assert.ok(links.length > 5, `/${lang}/apropos/ links its assets`);
      for (const { url } of links) {
        const absolute = new URL(url, SITE).href;
        assert.ok(absolute.startsWith(`${SITE}/_assets/`), `${url}: an asset of the site`);
        assert.ok(matchingRoute(ROUTES, absolute), `${absolute} is routed`);
      }
    }
    for (const path of ['/_assets/', '/_assets/any-name.000000000000.css', ASSETS.css]) {
      // workerd alone has no asset server: every name is one it lacks.
      assert.equal((await rawRequest(worker.port, { path })).status, 404, path);
    }
  });

  test('a site file is routed to the worker exactly when the worker serves it', async () => {
    for (const path of SITE_FILE_CANDIDATES) {
      const { status } = await rawRequest(worker.port, { path });
      const serves = status >= 200 && status < 300;
      const route = matchingRoute(ROUTES, `${SITE}${path}`);
      assert.equal(Boolean(route), serves, `${path}: the worker answers ${status}, ${route ? `routed by ${route.pattern}` : 'and no route takes it'}`);
    }
  });
});
