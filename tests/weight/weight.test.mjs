// The page's weight, held to budgets. Through `wrangler dev`, which serves
// the worker and dist/public and compresses as the edge does, a browser's
// first visit to each page is replayed with Chromium's headers
// (`Accept-Encoding: gzip, br`): the document, then what it loads (its
// stylesheet, its script, the faces it preloads, its SVG favicon; then, the
// stylesheet read, the faces it declares that the page uses, from
// dist/assets.json's `fonts`, and the icons it draws with:
// tests/e2e/assets.mjs, firstVisitLoads). Each response is measured as it
// crossed the wire (status line, headers and body as framed) and decoded.
//
// - a first visit transfers at most 300 KB (300 000 bytes), each page;
// - the DSFR's stylesheet is at most 45 KB (45 000 bytes) gzip;
// - a repeat visit within the document's freshness transfers nothing but
//   the document's revalidation: every asset is fresh for a year and
//   immutable (not revalidated on reload either), the document has an ETag
//   and answers its If-None-Match with a 304 without a body;
// - the worker's wasm stays within 15 KiB gzip -9 of its size before the
//   page took the DSFR (the README's Performance table).
//
// wrangler dev picks gzip for `gzip, br` (the first it knows), where the
// edge would send Brotli: the figures are an upper bound of the edge's.
// Each table is printed.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { wasmSizes } from '../../bench/sizes.mjs';
import { BROWSERS, subresourceHeaders } from '../cache/mix.mjs';
import { decodeBody, firstVisitLoads, readAssets } from '../e2e/assets.mjs';
import { rawRequest } from '../e2e/http.mjs';
import { startWranglerDev } from '../e2e/wrangler-dev.mjs';

/** The budgets, in bytes (KB = 1000 bytes) and KiB for the wasm. */
const FIRST_VISIT_BUDGET = 300_000;
const CSS_GZIP_BUDGET = 45_000;
/** The wasm before this change (README, Performance: 371.7 KiB raw, 158.7 KiB gzip -9), and what it may grow by. */
const WASM_BEFORE = { raw: 371.7, gzip: 158.7 };
const WASM_GROWTH_KIB = 15;
/** The year a hashed asset is fresh for. */
const YEAR = 31536000;

const ASSETS = readAssets();
const CHROME = BROWSERS.find(([b]) => b.name === 'chrome-windows')[0];
/** Chromium's navigation, in French or English, with the Accept-Encoding of the brief: `gzip, br`. */
const navigation = (lang) =>
  CHROME.headers.map(([name, value]) => [
    name,
    name === 'Accept-Language' ? (lang === 'fr' ? 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7' : 'en-GB,en;q=0.9') : name === 'Accept-Encoding' ? 'gzip, br' : value,
  ]);
const HOST = 'https://beta.gouv.fr';

let dev;
before(async () => (dev = await startWranglerDev()));
after(() => dev?.stop());

const header = (res, name) => res.headers[name.toLowerCase()]?.join(', ');
const kb = (bytes) => (bytes / 1000).toFixed(1);

/** GET `path` with `headers`: `{ res, raw, transferred, encoding }` (raw: the decoded body's size). */
async function fetchMeasured(path, headers) {
  const res = await rawRequest(dev.port, { path, headers });
  assert.equal(res.status, 200, path);
  const encoding = header(res, 'Content-Encoding');
  const body = decodeBody(res.body, encoding);
  return { path, res, body, raw: body.length, transferred: res.raw.length, encoding: encoding ?? 'identity' };
}

/** A browser's first visit to `/{lang}/apropos/`: every response, the document first. */
async function firstVisit(lang) {
  const page = `/${lang}/apropos/`;
  const headers = navigation(lang);
  const doc = await fetchMeasured(page, headers);
  const html = doc.body.toString('utf8');
  const rows = [{ ...doc, dest: 'document' }];
  const get = async ({ path, dest }, referer) => rows.push({ ...(await fetchMeasured(path, subresourceHeaders(CHROME.name, headers, dest, referer))), dest });
  for (const load of firstVisitLoads(html)) await get(load, `${HOST}${page}`);
  const css = rows.find((r) => r.dest === 'style');
  assert.ok(css, `${page} links a stylesheet`);
  for (const load of firstVisitLoads(html, { css: css.body.toString('utf8') })) {
    if (!rows.some((r) => r.path === load.path)) await get(load, `${HOST}${css.path}`);
  }
  return rows;
}

function table(title, rows) {
  const width = Math.max(...rows.map((r) => r.path.length), 8);
  const line = (cells) => `  ${cells[0].padEnd(width)}  ${cells[1].padEnd(8)}  ${cells[2].padStart(10)}  ${cells[3].padStart(12)}  ${cells[4]}`;
  console.log(`\n${title}`);
  console.log(line(['resource', 'dest', 'raw (B)', 'transferred', 'encoding']));
  for (const r of rows) console.log(line([r.path, r.dest, String(r.raw), String(r.transferred), r.encoding]));
  const total = (key) => rows.reduce((n, r) => n + r[key], 0);
  console.log(line(['total', '', String(total('raw')), String(total('transferred')), `${kb(total('transferred'))} KB of ${kb(FIRST_VISIT_BUDGET)} KB`]));
}

describe('a first visit', () => {
  for (const lang of ['fr', 'en']) {
    test(`/${lang}/apropos/: the document and everything it loads transfer at most ${kb(FIRST_VISIT_BUDGET)} KB`, async () => {
      const rows = await firstVisit(lang);
      table(`first visit to /${lang}/apropos/ (wrangler dev, Accept-Encoding: gzip, br)`, rows);
      const dests = new Set(rows.map((r) => r.dest));
      for (const dest of ['document', 'style', 'script', 'font', 'image']) assert.ok(dests.has(dest), `a ${dest} is loaded`);
      for (const { path } of ASSETS.fonts) assert.ok(rows.some((r) => r.path === path), `the face ${path}`);
      assert.ok(rows.some((r) => r.path === ASSETS.icon.svg), 'the SVG favicon');
      const total = rows.reduce((n, r) => n + r.transferred, 0);
      assert.ok(total <= FIRST_VISIT_BUDGET, `${total} bytes transferred > ${FIRST_VISIT_BUDGET}`);
    });
  }
});

describe('the DSFR stylesheet', () => {
  test(`is at most ${kb(CSS_GZIP_BUDGET)} KB gzip`, async () => {
    const css = await fetchMeasured(ASSETS.css, [['Accept-Encoding', 'gzip']]);
    assert.equal(css.encoding, 'gzip');
    const file = ASSETS.files.find((f) => f.path === ASSETS.css);
    console.log(`\n${ASSETS.css}: ${css.raw} bytes raw, ${css.res.body.length} bytes gzip as served (${file.gzip} at gzip -9, dist/assets.json)`);
    assert.ok(css.res.body.length <= CSS_GZIP_BUDGET, `${css.res.body.length} bytes gzip > ${CSS_GZIP_BUDGET}`);
    assert.ok(file.gzip <= CSS_GZIP_BUDGET, `${file.gzip} bytes at gzip -9 > ${CSS_GZIP_BUDGET}`);
  });
});

describe('a repeat visit within the document\'s freshness', () => {
  for (const lang of ['fr', 'en']) {
    test(`/${lang}/apropos/: only the document's revalidation, a 304 without a body`, async () => {
      const rows = await firstVisit(lang);
      const [doc, ...assets] = rows;
      // What a browser may keep, and for how long (RFC 9111 §4.2.1: max-age).
      const maxAge = (res) => Number(/(?:^|,)\s*max-age=(\d+)/.exec(header(res, 'Cache-Control') ?? '')?.[1] ?? 0);
      const docFresh = maxAge(doc.res);
      assert.ok(docFresh > 0, `the document is fresh a while: ${header(doc.res, 'Cache-Control')}`);
      for (const { path, res } of assets) {
        const directives = (header(res, 'Cache-Control') ?? '').split(',').map((d) => d.trim());
        assert.ok(maxAge(res) >= YEAR, `${path}: fresh for a year (${directives})`);
        assert.ok(directives.includes('immutable'), `${path}: immutable, so a reload does not revalidate it`);
        assert.ok(!directives.some((d) => /^(no-cache|no-store|private)\b/.test(d)), `${path}: ${directives}`);
      }
      const etag = header(doc.res, 'ETag');
      assert.ok(etag, 'the document has an ETag');
      const again = await rawRequest(dev.port, { path: `/${lang}/apropos/`, headers: [...navigation(lang), ['If-None-Match', etag], ['Cache-Control', 'max-age=0']] });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      console.log(
        `\nrepeat visit to /${lang}/apropos/: ${again.raw.length} bytes (the document's 304; it is fresh ${docFresh} s, ` +
          `its ${assets.length} assets ${YEAR} s and immutable: none asked again), against ${rows.reduce((n, r) => n + r.transferred, 0)} on the first`,
      );
    });
  }
});

describe('the worker', () => {
  test(`its wasm stays within ${WASM_GROWTH_KIB} KiB gzip -9 of ${WASM_BEFORE.gzip} KiB`, () => {
    const { raw, gzip } = wasmSizes();
    const kib = (n) => n / 1024;
    console.log(
      `\nwasm (build/, as bench/sizes.mjs measures it): ${kib(raw).toFixed(1)} KiB raw, ${kib(gzip).toFixed(1)} KiB gzip -9; ` +
        `before: ${WASM_BEFORE.raw} KiB raw, ${WASM_BEFORE.gzip} KiB gzip -9 (${(kib(gzip) - WASM_BEFORE.gzip >= 0 ? '+' : '') + (kib(gzip) - WASM_BEFORE.gzip).toFixed(1)} KiB gzip)`,
    );
    assert.ok(kib(gzip) <= WASM_BEFORE.gzip + WASM_GROWTH_KIB, `${kib(gzip).toFixed(1)} KiB gzip -9 > ${WASM_BEFORE.gzip} + ${WASM_GROWTH_KIB}`);
  });
});
