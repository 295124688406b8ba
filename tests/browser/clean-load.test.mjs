// The page loads in Chromium as the edge serves it: nothing in the console
// but the DSFR's own start-up notes, nothing the Content-Security-Policy had
// to refuse, and no request but the document and the static assets the
// build lists (dist/assets.json), each once, each answered 200, from the
// site's own origin, the text ones compressed.
//
// Each case is a first visit: a new Chromium with a fresh profile (Chromium
// asks an origin for its favicon once per browser session, so a reused
// browser would hide it), loading the page through a recorder that sees every
// request reaching the server, the browser's own included. What the visit
// cost (requests and bytes over the wire, by kind) is printed.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium } from './chromium.mjs';
import { LANGS, MOBILE, WIDE, lines, openPage, pagePath, startSite } from './suite.mjs';

/** How long nothing must happen for a load to be over (see the test). */
const QUIET_MS = 500;

/** The kinds of resource that travel as text, which the edge compresses. */
const TEXT = new Set(['document', 'stylesheet', 'script', 'manifest']);

let site;
before(async () => (site = await startSite()));
after(() => site?.stop());

for (const { lang } of LANGS) {
  for (const viewport of [MOBILE, WIDE]) {
    test(`${pagePath(lang)} at ${viewport.width}px, a first visit: no console error, no CSP violation, only the site's assets, each once`, async (t) => {
      const { manifest } = site;
      const assets = new Set(manifest.files.map((f) => f.path));
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

        for (const message of visit.seen.console.filter((m) => m.type !== 'error')) t.diagnostic(`console ${message.type}: ${message.text.replace(/%c|font-family:.*$/g, '').trim()}`);
        const headers = visit.response.headers();
        assert.equal(headers['content-type'], 'text/html; charset=utf-8');
        // A page without a policy would have no violation to report.
        assert.match(headers['content-security-policy'] ?? '', /(^|;)\s*default-src /, 'the page is served with a Content-Security-Policy');

        const served = recorder.requests;
        const counts = new Map();
        for (const r of served) counts.set(`${r.method} ${r.path}`, (counts.get(`${r.method} ${r.path}`) ?? 0) + 1);
        // All the kinds of trouble at once, so one run shows every one of them.
        const trouble = {
          uncaughtErrors: visit.seen.pageErrors,
          cspViolations: violations,
          consoleErrors: visit.seen.console.filter((m) => m.type === 'error').map((m) => `${m.text} (${m.at.url})`),
          requestsNotForTheSite: served.filter((r) => r.method !== 'GET' || (r.path !== pagePath(lang) && !assets.has(r.path))),
          requestsNotAnswered200: served.filter((r) => r.status !== 200),
          requestsMadeTwice: [...counts].filter(([, n]) => n > 1).map(([what, n]) => `${what} ×${n}`),
          pageRequestsFailed: visit.seen.resources.filter((r) => r.failure).map((r) => `${r.url}: ${r.failure}`),
          textNotCompressed: visit.seen.resources.filter((r) => TEXT.has(r.type) && r.status === 200 && !/^(gzip|br|zstd)$/.test(r.encoding ?? '')).map((r) => `${r.url} (${r.type}, ${r.encoding ?? 'identity'})`),
        };
        assert.ok(Object.values(trouble).every((list) => list.length === 0), `loading ${pagePath(lang)} at ${viewport.width}px:\n${JSON.stringify(trouble, null, 2)}`);
        assert.equal(served.filter((r) => r.path === pagePath(lang)).length, 1, 'the document reaches the server once');
        for (const path of [manifest.css, manifest.js]) assert.ok(counts.has(`GET ${path}`), `the page loads ${path}`);

        // What a first visit costs, over the wire (encoded bodies).
        const byType = new Map();
        for (const r of visit.seen.resources) {
          const entry = byType.get(r.type) ?? { requests: 0, bytes: 0 };
          entry.requests += 1;
          entry.bytes += r.bytes ?? 0;
          byType.set(r.type, entry);
        }
        const total = [...byType.values()].reduce((a, b) => ({ requests: a.requests + b.requests, bytes: a.bytes + b.bytes }), { requests: 0, bytes: 0 });
        t.diagnostic(
          `first visit: ${served.length} requests reached the server (${visit.seen.resources.length} from the page, ${(total.bytes / 1024).toFixed(1)} KiB of bodies over the wire): ` +
            [...byType].map(([type, e]) => `${type} ${e.requests} (${(e.bytes / 1024).toFixed(1)} KiB)`).join(', '),
        );
        t.diagnostic(`browser's own requests: ${lines(served.filter((r) => !visit.seen.requests.some((u) => new URL(u).pathname === r.path)), (r) => `${r.path} (${r.dest})`) || 'none'}`);
      } finally {
        await chromium.close();
      }
    });
  }
}
