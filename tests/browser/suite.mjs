// What every browser test file shares: the worker in workerd, served at the
// origin its SITE_URL names, and a headless Chromium, started once per file and
// stopped in after() whatever happens; and a page opener that records
// everything the page says and asks for.
//
//   const suite = browserSuite();
//   test('...', async () => {
//     const visit = await openPage(suite, '/fr/apropos/', { width: 320 });
//     try { ... } finally { await visit.close(); }
//   });

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { ROOT, startWorker } from '../e2e/worker.mjs';
import { launchChromium } from './chromium.mjs';
import { watchCspViolations } from './probes.mjs';
import { startRecorder } from './recorder.mjs';

/** The languages of the page, each with the other one its switcher leads to. */
export const LANGS = [
  { lang: 'fr', other: 'en' },
  { lang: 'en', other: 'fr' },
];

/** The page's path in `lang`. */
export const pagePath = (lang) => `/${lang}/apropos/`;

/**
 * The two widths the page is looked at: the WCAG reflow width, as a phone
 * (overlay scrollbars, so the page gets all 320 px, and the viewport meta is
 * honoured), and a desktop window (whose classic scrollbar takes 15 px).
 */
export const NARROW = { width: 320, height: 640, mobile: true };
export const WIDE = { width: 1280, height: 800, mobile: false };

/** Where screenshots go, for a person to look at (not committed). */
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');

/**
 * The worker as deployed at an origin of its own: a recorder (recorder.mjs)
 * listens on a free port, workerd starts with SITE_URL set to the recorder's
 * origin, and the recorder forwards to it. The page's absolute links (its
 * language switcher, say) then lead to this site, as they do on beta.gouv.fr,
 * and `recorder.requests` lists every request that reached it.
 */
export async function startSite() {
  const recorder = await startRecorder();
  try {
    const worker = await startWorker({ vars: { SITE_URL: recorder.base } });
    recorder.forwardTo(worker.port);
    return {
      base: recorder.base,
      url: recorder.url,
      recorder,
      worker,
      stop: async () => {
        await recorder.stop();
        await worker.stop();
      },
    };
  } catch (error) {
    await recorder.stop();
    throw error;
  }
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
 * from the first byte on: every request the context makes, console messages,
 * uncaught page errors and Content-Security-Policy violations (the
 * `securitypolicyviolation` events, report-only ones included). Fails unless
 * the document answers `status`. `locale` (e.g. 'fr') sets the browser's
 * language, hence Accept-Language.
 */
export async function openPage({ chromium, site }, path, { width = WIDE.width, height = WIDE.height, mobile = false, status = 200, waitUntil = 'load', locale } = {}) {
  const context = await chromium.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, isMobile: mobile, hasTouch: mobile, locale });
  const seen = { requests: [], console: [], pageErrors: [] };
  context.on('request', (request) => seen.requests.push(request.url()));
  await context.addInitScript(watchCspViolations);
  const page = await context.newPage();
  page.on('console', (message) => seen.console.push({ type: message.type(), text: message.text(), at: message.location() }));
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
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
      /** The CSP violations the page has reported so far. */
      cspViolations: () => page.evaluate(() => window.__cspViolations),
      close: () => context.close(),
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Writes a full-page PNG of `page` to target/screenshots/`name`.png; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** One line per item, for assertion messages. */
export const lines = (items, format = (x) => JSON.stringify(x)) => items.map((x) => `  - ${format(x)}`).join('\n');
