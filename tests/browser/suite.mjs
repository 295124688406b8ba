// What every browser test file shares: the site as the edge serves it (the
// built worker and its static assets under `wrangler dev`, which compresses
// as the edge does), at the origin its SITE_URL names, and a headless
// Chromium, started once per file and stopped in after() whatever happens;
// and a page opener that records everything the page says and asks for, and
// fails a visit that asked another origin for anything.
//
//   const suite = browserSuite();
//   test('...', async () => {
//     const visit = await openPage(suite, '/fr/apropos/', { width: 320 });
//     try { ... } finally { await visit.close(); }
//   });

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { DEFAULT_ASSETS, startWranglerDev } from '../e2e/wrangler-dev.mjs';
import { DEFAULT_BUILD, ROOT } from '../e2e/worker.mjs';
import { HOME, LANGS as SITE_LANGS, pagePath as sitePagePath } from '../smoke/site.mjs';
import { launchChromium } from './chromium.mjs';
import { watchCspViolations } from './probes.mjs';
import { startRecorder } from './recorder.mjs';

/** The site's languages (tests/smoke/site.mjs), each with another that its switcher leads to: the next. */
export const LANGS = SITE_LANGS.map((lang, i) => ({ lang, other: SITE_LANGS[(i + 1) % SITE_LANGS.length] }));

/** The home page's path in `lang`: the page the browser suite looks at. */
export const pagePath = (lang) => sitePagePath(HOME, lang);

/**
 * The widths the page is looked at. Phones and tablets are emulated as such
 * (overlay scrollbars, so the page gets the whole width, the viewport meta
 * honoured, touch); the desktop window has a classic scrollbar (15 px).
 * NARROW is the WCAG reflow width (1.4.10); MOBILE a common phone, where the
 * DSFR header shows its « Menu » button; TABLET the DSFR's md breakpoint
 * (48em), still below the lg one (62em) where the navigation leaves the
 * modal; WIDE a desktop window.
 */
export const NARROW = { width: 320, height: 640, mobile: true };
export const MOBILE = { width: 360, height: 740, mobile: true };
export const TABLET = { width: 768, height: 1024, mobile: true };
export const WIDE = { width: 1280, height: 800, mobile: false };

/** Where screenshots go, for a person to look at (not committed). */
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');

/** The manifest of the static assets `make build` wrote (scripts/assets/build.mjs). */
export const ASSETS_MANIFEST = join(ROOT, 'dist', 'assets.json');

/** How long startSite() waits for build/ and dist/ to agree (a build may be under way). */
const SNAPSHOT_PATIENCE_MS = 60000;

const snapshots = new Set();
process.once('exit', () => {
  for (const dir of snapshots) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of what `make build` left (the worker in build/, the static assets
 * in dist/public/ and their manifest dist/assets.json), taken once the three
 * agree: every file the manifest lists is there, and the worker's wasm links
 * to the manifest's stylesheet and script. The site is served from the copy,
 * so that a build run meanwhile on the same tree (which empties dist/public/
 * before writing it again) cannot pull files from under a test; while they
 * disagree (a build under way), it waits, up to SNAPSHOT_PATIENCE_MS.
 */
async function snapshotBuild() {
  const deadline = Date.now() + SNAPSHOT_PATIENCE_MS;
  for (;;) {
    const dir = mkdtempSync(join(tmpdir(), 'apropos-site-'));
    snapshots.add(dir);
    const remove = () => {
      rmSync(dir, { recursive: true, force: true });
      snapshots.delete(dir);
    };
    let why;
    try {
      const manifest = JSON.parse(readFileSync(ASSETS_MANIFEST, 'utf8'));
      cpSync(DEFAULT_BUILD, join(dir, 'build'), { recursive: true });
      cpSync(DEFAULT_ASSETS, join(dir, 'public'), { recursive: true });
      const missing = manifest.files.map((f) => f.path).filter((path) => !existsSync(join(dir, 'public', path)));
      const worker = readdirSync(join(dir, 'build', 'worker'))
        .filter((f) => f.endsWith('.wasm'))
        .map((f) => readFileSync(join(dir, 'build', 'worker', f)));
      const unlinked = [manifest.css, manifest.js].filter((path) => !worker.some((bytes) => bytes.includes(path)));
      if (missing.length === 0 && unlinked.length === 0 && existsSync(join(dir, 'build', 'index.js'))) {
        return { dir, build: join(dir, 'build'), assets: join(dir, 'public'), manifest, remove };
      }
      why = `${missing.length ? `dist/public lacks ${missing.join(', ')}; ` : ''}${unlinked.length ? `the worker in build/ does not link to ${unlinked.join(', ')}` : ''}`;
    } catch (error) {
      why = error.message;
    }
    remove();
    if (Date.now() > deadline) throw new Error(`build/ and dist/ are missing or from different builds (run \`make build\`): ${why}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/**
 * The site as deployed at an origin of its own: a recorder (recorder.mjs)
 * listens on a free port, `wrangler dev` starts the built worker and its
 * static assets (served by Workers Static Assets ahead of the worker, as at
 * the edge), copied first (snapshotBuild), with SITE_URL set to the
 * recorder's origin, and the recorder forwards to it, headers untouched (so
 * the browser's Accept-Encoding gets compressed answers, as from the edge).
 * The page's absolute links then lead to this site, as they do on
 * beta.gouv.fr, and `recorder.requests` lists every request that reached it.
 * `manifest` is the served assets' dist/assets.json.
 */
export async function startSite() {
  const snapshot = await snapshotBuild();
  const recorder = await startRecorder();
  let server;
  try {
    server = await startWranglerDev({ build: snapshot.build, assets: snapshot.assets, vars: { SITE_URL: recorder.base } });
    recorder.forwardTo(server.port);
    const { manifest } = snapshot;
    const html = await (await fetch(server.url(pagePath('fr')))).text();
    for (const path of [manifest.css, manifest.js]) {
      assert.ok(html.includes(`"${path}"`), `${pagePath('fr')} does not link to ${path}, which dist/assets.json lists (run \`make build\`)`);
      const asset = await fetch(server.url(path));
      await asset.arrayBuffer();
      assert.equal(asset.status, 200, `${path} under wrangler dev`);
    }
  } catch (error) {
    await recorder.stop();
    await server?.stop();
    snapshot.remove();
    throw error;
  }
  return {
    base: recorder.base,
    url: recorder.url,
    recorder,
    server,
    manifest: snapshot.manifest,
    stop: async () => {
      await recorder.stop();
      await server.stop();
      snapshot.remove();
    },
  };
}

/**
 * Starts the site and Chromium before the file's tests and stops both after
 * them, even when a test or the other start failed. The returned object gets
 * `site` and `chromium` once started.
 */
export function browserSuite() {
  const suite = {};
  before(async () => {
    suite.site = await startSite();
    suite.chromium = await launchChromium();
  });
  after(async () => {
    await suite.chromium?.close();
    await suite.site?.stop();
  });
  return suite;
}

/**
 * Opens `path` of `site` in `chromium`, in a fresh browser context (no shared
 * cache or storage) at `width`×`height` (as a phone if `mobile`), and records
 * from the first byte on: every request the context makes (`seen.requests`,
 * URLs; `seen.resources`, each with its resource type, and once answered its
 * status and encoded size), console messages, uncaught page errors and
 * Content-Security-Policy violations (the `securitypolicyviolation` events,
 * report-only ones included). Fails unless the document answers `status`.
 * `locale` (e.g. 'fr') sets the browser's language, hence Accept-Language;
 * `javaScript: false` opens the page as a browser with JavaScript turned off.
 *
 * `close()` closes the context, then fails if any request of the visit went
 * to an origin other than the site's: the page is served whole by its own
 * origin (fonts, styles, scripts, icons), on every visit of every test.
 */
export async function openPage(
  { chromium, site },
  path,
  { width = WIDE.width, height = WIDE.height, mobile = false, status = 200, waitUntil = 'load', locale, javaScript = true } = {},
) {
  const context = await chromium.browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale,
    javaScriptEnabled: javaScript,
  });
  const seen = { requests: [], resources: [], console: [], pageErrors: [] };
  const resources = new Map(); // request → its entry in seen.resources
  context.on('request', (request) => {
    const resource = { url: request.url(), type: request.resourceType() };
    resources.set(request, resource);
    seen.requests.push(resource.url);
    seen.resources.push(resource);
  });
  context.on('requestfinished', async (request) => {
    const resource = resources.get(request);
    const response = await request.response().catch(() => null);
    if (!resource || !response) return;
    resource.status = response.status();
    resource.encoding = (await response.allHeaders().catch(() => ({})))['content-encoding'] ?? null;
    resource.bytes = (await request.sizes().catch(() => null))?.responseBodySize ?? null;
  });
  context.on('requestfailed', (request) => {
    const resource = resources.get(request);
    if (resource) resource.failure = request.failure()?.errorText ?? 'failed';
  });
  if (javaScript) await context.addInitScript(watchCspViolations);
  const page = await context.newPage();
  page.on('console', (message) => seen.console.push({ type: message.type(), text: message.text(), at: message.location() }));
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
  const origin = new URL(site.base).origin;
  const foreign = () => seen.requests.filter((url) => !isSameOrigin(url, origin));
  try {
    const url = site.url(path);
    const response = await page.goto(url, { waitUntil });
    assert.ok(response, `no response for ${path}`);
    assert.equal(response.status(), status, `GET ${path} in Chromium`);
    return {
      page,
      context,
      response,
      seen,
      url,
      /** The requests of the visit so far to another origin than the site's. */
      foreign,
      /** The CSP violations the page has reported so far. */
      cspViolations: () => page.evaluate(() => window.__cspViolations),
      close: async () => {
        await context.close();
        const elsewhere = foreign();
        assert.deepEqual(elsewhere, [], `${path}: requests to another origin than the site's (${origin}):\n${lines(elsewhere, String)}`);
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Whether `url` is on `origin`. The URLs a page resolves without a request
 * (data:, blob: of its own, about:) count as its own.
 */
export function isSameOrigin(url, origin) {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'about:') return true;
  if (parsed.protocol === 'blob:') return new URL(parsed.pathname).origin === origin;
  return parsed.origin === origin;
}

/**
 * Waits until the page is as a person sees it once loaded: its fonts loaded
 * (or failed), and with JavaScript on, the DSFR's scripts started (they mark
 * <html data-fr-js="true">), then two animation frames so that what they
 * changed is painted. With JavaScript off, a page runs no timer and no
 * animation frame callback, even for the test's own evaluate().
 */
export async function settled(page, { javaScript = true } = {}) {
  if (javaScript) await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-js') === 'true', null, { timeout: 10000 });
  await page.evaluate(() => document.fonts.ready);
  if (javaScript) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Writes a PNG of `page` to target/screenshots/`name`.png, of the whole page
 * or (`fullPage: false`) of the viewport; returns its path.
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  return path;
}

/** One line per item, for assertion messages. */
export const lines = (items, format = (x) => JSON.stringify(x)) => items.map((x) => `  - ${format(x)}`).join('\n');
