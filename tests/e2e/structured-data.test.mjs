// The page's structured data and social card as the worker serves them: one
// JSON-LD data block of valid JSON, in schema.org's vocabulary only (every
// @type and property checked against the list below, with the type each
// property belongs to and the kind of value it takes), whose URLs are the
// canonical and site URLs under SITE_URL and whose language is the page's;
// the large card with the page's Open Graph image; and none of it on a
// status page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assetBytes, readAssets } from './assets.mjs';
import { rawRequest } from './http.mjs';
import { startWorker, wranglerVars } from './worker.mjs';

/** The schema.org types the JSON-LD uses, and their supertypes, each with its parent type. */
const TYPES = {
  Thing: null, // https://schema.org/Thing
  CreativeWork: 'Thing', // https://schema.org/CreativeWork
  WebPage: 'CreativeWork', // https://schema.org/WebPage
  AboutPage: 'WebPage', // https://schema.org/AboutPage
  WebSite: 'CreativeWork', // https://schema.org/WebSite
  Organization: 'Thing', // https://schema.org/Organization
  GovernmentOrganization: 'Organization', // https://schema.org/GovernmentOrganization
};

/**
 * The schema.org properties the JSON-LD uses: the type each is defined on
 * (it applies to that type's subtypes) and what its value is here: `text`, an
 * absolute `url`, or a node of a type.
 */
const PROPERTIES = {
  url: { on: 'Thing', value: 'url' }, // https://schema.org/url
  name: { on: 'Thing', value: 'text' }, // https://schema.org/name
  alternateName: { on: 'Thing', value: 'text' }, // https://schema.org/alternateName
  description: { on: 'Thing', value: 'text' }, // https://schema.org/description
  inLanguage: { on: 'CreativeWork', value: 'text' }, // https://schema.org/inLanguage (a BCP 47 tag)
  isPartOf: { on: 'CreativeWork', value: { node: 'CreativeWork' } }, // https://schema.org/isPartOf
  publisher: { on: 'CreativeWork', value: { node: 'Organization' } }, // https://schema.org/publisher
};

/** The JSON-LD keywords it uses: https://www.w3.org/TR/json-ld11/#keywords */
const CONTEXT = 'https://schema.org';

const LANGS = [
  { lang: 'fr', title: 'À propos' },
  { lang: 'en', title: 'About' },
];

/** The assets the pages link to (dist/assets.json). */
const ASSETS = readAssets();

/** The base URLs served: wrangler.toml's, and one under a path. */
const SITE_URLS = [wranglerVars().SITE_URL, 'https://example.org/beta'];

const workers = new Map();
before(async () => {
  for (const site of SITE_URLS) workers.set(site, await startWorker({ vars: { SITE_URL: site } }));
});
after(async () => {
  for (const worker of workers.values()) await worker.stop();
});

for (const site of SITE_URLS) {
  for (const { lang, title } of LANGS) {
    test(`/${lang}/apropos/ under ${site}: its JSON-LD is schema.org's AboutPage of the site, in ${lang}`, async () => {
      const html = await page(workers.get(site), `/${lang}/apropos/`);
      const data = jsonLd(html);
      const canonical = `${site}/${lang}/apropos/`;
      assert.equal(attribute(html, /<link rel="canonical" href="([^"]*)">/), canonical);

      assert.equal(data['@context'], CONTEXT);
      const problems = [];
      checkNode(data, 'AboutPage', '$', problems);
      assert.deepEqual(problems, [], `outside schema.org's vocabulary:\n${problems.join('\n')}`);

      assert.equal(data['@type'], 'AboutPage');
      assert.equal(data.url, canonical, 'the page is its canonical URL');
      assert.equal(data.inLanguage, lang);
      assert.equal(data.inLanguage, attribute(html, /<html lang="([^"]*)">/), 'the language of <html>');
      assert.equal(data.name, title);
      assert.equal(data.description, attribute(html, /<meta name="description" content="([^"]*)">/));
      assert.deepEqual(data.isPartOf, { '@type': 'WebSite', url: `${site}/`, name: 'beta.gouv.fr' });
      assert.deepEqual(data.publisher, {
        '@type': 'GovernmentOrganization',
        name: 'Direction interministérielle du numérique',
        alternateName: 'DINUM',
        url: 'https://www.numerique.gouv.fr/',
      });
    });
  }
}

for (const site of SITE_URLS) {
  for (const { lang, title } of LANGS) {
    test(`/${lang}/apropos/ under ${site}: a large card with its Open Graph image, and no script but the DSFR's and the data block`, async () => {
      const html = await page(workers.get(site), `/${lang}/apropos/`);
      assert.deepEqual(html.match(/<meta name="twitter:[^>]*>/g), ['<meta name="twitter:card" content="summary_large_image">']);
      // The image of this page and language, absolute under SITE_URL, as a
      // card must be; its width, height and type are those of the file.
      const image = ASSETS.og.apropos[lang];
      assert.ok(image, `dist/assets.json has an Open Graph image for ${lang}`);
      assert.equal(attribute(html, /<meta property="og:image" content="([^"]*)">/), `${site}${image}`);
      assert.equal(attribute(html, /<meta property="og:image:type" content="([^"]*)">/), 'image/png');
      const png = assetBytes(image);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.equal(attribute(html, /<meta property="og:image:width" content="([^"]*)">/), String(png.readUInt32BE(16)));
      assert.equal(attribute(html, /<meta property="og:image:height" content="([^"]*)">/), String(png.readUInt32BE(20)));
      assert.equal(attribute(html, /<meta property="og:image:alt" content="([^"]*)">/), `${title} — beta.gouv.fr`);
      assert.deepEqual(html.match(/<script\b[^>]*>/g), [`<script type="module" src="${ASSETS.js}" fetchpriority="low">`, '<script type="application/ld+json">'], "the DSFR's module and one data block");
    });
  }
}

test('status pages carry no structured data and no social card', async () => {
  const worker = workers.get(SITE_URLS[0]);
  const requests = [
    { path: '/nope', headers: [['Accept-Language', 'fr']], status: 404 },
    { path: '/nope', headers: [['Accept-Language', 'en']], status: 404 },
    { path: '/fr/apropos/', headers: [['Accept', 'image/png']], status: 406 },
    { path: '/fr/apropos/index.html', method: 'POST', status: 405 },
  ];
  for (const { path, method = 'GET', headers = [], status } of requests) {
    const res = await rawRequest(worker.port, { method, path, headers });
    const what = `${method} ${path} ${JSON.stringify(headers)}`;
    assert.equal(res.status, status, what);
    assert.equal(res.headers['content-type']?.[0], 'text/html; charset=utf-8', what);
    const body = res.body.toString('utf8');
    assert.ok(!body.includes('application/ld+json') && !body.includes('twitter:') && !body.includes('og:'), `${what}: no JSON-LD, no card`);
    assert.deepEqual(body.match(/<script\b[^>]*>/g), [`<script type="module" src="${ASSETS.js}" fetchpriority="low">`], `${what}: the chrome's script alone`);
    assert.match(body, /<meta name="robots" content="noindex">/, `${what}: not indexed`);
  }
});

/** The body of GET `path`, which must be a 200 in HTML. */
async function page(worker, path) {
  const res = await rawRequest(worker.port, { path, headers: [['Accept', 'text/html']] });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers['content-type']?.[0], 'text/html; charset=utf-8', path);
  return res.body.toString('utf8');
}

/** The one JSON-LD data block of `html`, parsed; its text never holds a `<`. */
function jsonLd(html) {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.equal(blocks.length, 1, 'one JSON-LD block');
  const text = blocks[0][1];
  assert.ok(!text.includes('<'), 'no < in the block: it could close the element or open a comment');
  return JSON.parse(text);
}

/** The first group of `pattern` in `html`, with character references decoded. */
function attribute(html, pattern) {
  const found = html.match(pattern);
  assert.ok(found, `no ${pattern}`);
  return found[1]
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&(quot|lt|gt|amp);/g, (_, name) => ({ quot: '"', lt: '<', gt: '>', amp: '&' })[name]);
}

/** Whether schema.org type `type` is `ancestor` or one of its subtypes. */
function isA(type, ancestor) {
  for (let t = type; t; t = TYPES[t]) if (t === ancestor) return true;
  return false;
}

/**
 * Checks the JSON-LD node `node`, found at `where`, which must be a `expected`
 * (or a subtype): its @type is in TYPES, each other key is in PROPERTIES and
 * applies to that type, and each value is what the property takes. Appends
 * what is wrong to `problems`.
 */
function checkNode(node, expected, where, problems) {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    problems.push(`${where}: a ${expected} node expected, got ${JSON.stringify(node)}`);
    return;
  }
  const type = node['@type'];
  if (!(type in TYPES)) problems.push(`${where}: @type ${JSON.stringify(type)} is not in the list`);
  else if (!isA(type, expected)) problems.push(`${where}: a ${type} where a ${expected} belongs`);
  for (const [key, value] of Object.entries(node)) {
    const at = `${where}.${key}`;
    if (key === '@type') continue;
    if (key === '@context') {
      if (where !== '$') problems.push(`${at}: @context only at the top`);
      continue;
    }
    const property = PROPERTIES[key];
    if (!property) {
      problems.push(`${at}: "${key}" is not in the list of schema.org properties`);
      continue;
    }
    if (type in TYPES && !isA(type, property.on)) problems.push(`${at}: "${key}" is a property of ${property.on}, not of ${type}`);
    if (property.value === 'text') {
      if (typeof value !== 'string' || value === '') problems.push(`${at}: a non-empty string expected`);
    } else if (property.value === 'url') {
      if (!isAbsoluteHttpUrl(value)) problems.push(`${at}: an absolute http(s) URL expected, got ${JSON.stringify(value)}`);
    } else {
      checkNode(value, property.value.node, at, problems);
    }
  }
}

function isAbsoluteHttpUrl(value) {
  try {
    return typeof value === 'string' && ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
