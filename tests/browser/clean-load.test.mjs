// The page loads in Chromium as a self-contained document: nothing in the
// console, nothing the Content-Security-Policy had to refuse, and no request
// but the document itself (no font, script, image or favicon fetched).
//
// Each case is a first visit: a new Chromium with a fresh profile (Chromium
// asks an origin for /favicon.ico once per browser session, so a reused
// browser would hide it), loading the page through a recorder that sees every
// request reaching the server, the browser's own included.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium } from './chromium.mjs';
import { LANGS, NARROW, WIDE, lines, openPage, pagePath, startSite } from './suite.mjs';

/** How long nothing must happen for a load to be over (see the test). */
const QUIET_MS = 500;

let site;
before(async () => (site = await startSite()));
after(() => site?.stop());

for (const { lang } of LANGS) {
  for (const viewport of [WIDE, NARROW]) {
    test(`${pagePath(lang)} at ${viewport.width}px: no console error, no CSP violation, no request but the page`, async (t) => {
      const chromium = await launchChromium();
      const { recorder } = site;
      recorder.clear();
      try {
        // networkidle: no request from the page for 500 ms, then no request
        // reaching the server for as long, so late ones (lazy images,
        // prefetches, the favicon ~200 ms after load) are in.
        const visit = await openPage({ chromium, site }, pagePath(lang), { ...viewport, waitUntil: 'networkidle' });
        await recorder.quiet(QUIET_MS);
        const violations = await visit.cspViolations();
        await visit.close();

        for (const warning of visit.seen.console.filter((m) => m.type === 'warning')) t.diagnostic(`console warning: ${warning.text}`);
        const headers = visit.response.headers();
        assert.equal(headers['content-type'], 'text/html; charset=utf-8');
        // A page without a policy would have no violation to report.
        assert.match(headers['content-security-policy'] ?? '', /(^|;)\s*default-src /, 'the page is served with a Content-Security-Policy');
        // All the kinds of trouble at once, so one run shows every one of them.
        const trouble = {
          uncaughtErrors: visit.seen.pageErrors,
          cspViolations: violations,
          consoleErrors: visit.seen.console.filter((m) => m.type === 'error').map((m) => `${m.text} (${m.at.url})`),
          requestsFromThePage: visit.seen.requests.filter((url) => url !== visit.url),
          requestsReachingTheServer: recorder.requests.filter((r) => r.method !== 'GET' || r.path !== pagePath(lang) || r.dest !== 'document'),
        };
        assert.ok(Object.values(trouble).every((list) => list.length === 0), `loading ${pagePath(lang)} at ${viewport.width}px:\n${JSON.stringify(trouble, null, 2)}`);
        assert.deepEqual(visit.seen.requests, [visit.url], 'the document is requested once');
        assert.equal(recorder.requests.length, 1, 'the document reaches the server once');
      } finally {
        await chromium.close();
      }
    });
  }
}
