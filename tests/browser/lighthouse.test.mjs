// Lighthouse (npm `lighthouse`, pinned in package.json) on both pages, with
// its mobile settings (its default, and how Google indexes), driving Debian's
// Chromium with the suite's flags over a DevTools port, against the worker
// behind the recording proxy: SEO, accessibility and best practices each
// score 1 (100), and every audit that does not pass is printed with its title.
//
// One exception, stated by the test: Lighthouse's robots-txt audit fetches
// /robots.txt from inside the page (DevTools' Network.loadNetworkResource),
// and Chromium applies the page's Content-Security-Policy to that fetch. The
// page's `default-src 'none'` leaves `connect-src` at 'none', so the fetch is
// refused before it leaves the browser and the audit fails ("unable to
// download a robots.txt file"), whatever /robots.txt answers. So: while the
// policy refuses the page a fetch of its own origin, robots-txt must be the
// only SEO audit that fails, and its fetch must not reach the server; once
// the policy allows it, SEO must be 1 (a 404 for /robots.txt passes as not
// applicable, a 200 must be a valid robots.txt).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import lighthouse from 'lighthouse';
import { launchChromium } from './chromium.mjs';
import { LANGS, lines, pagePath, startSite } from './suite.mjs';

/** The categories the issue sets at 100. */
const CATEGORIES = ['seo', 'accessibility', 'best-practices'];

/** The audit that the page's CSP makes fail (see above). */
const ROBOTS_TXT = 'robots-txt';

let site;
let chromium;
before(async () => {
  site = await startSite();
  chromium = await launchChromium({ debuggingPort: true });
});
after(async () => {
  await chromium?.close();
  await site?.stop();
});

for (const { lang } of LANGS) {
  test(`${pagePath(lang)}: Lighthouse scores accessibility and best practices 100, and SEO 100 but for the robots-txt the CSP refuses`, async (t) => {
    const path = pagePath(lang);
    const csp = (await fetch(site.url(path))).headers.get('content-security-policy') ?? '';
    site.recorder.clear();
    const { lhr } = await lighthouse(site.url(path), {
      port: chromium.port,
      onlyCategories: CATEGORIES,
      disableFullPageScreenshot: true,
      locale: 'en-US',
      logLevel: 'error',
      output: 'json',
    });
    assert.equal(lhr.runtimeError, undefined, `Lighthouse failed: ${JSON.stringify(lhr.runtimeError)}`);
    for (const warning of lhr.runWarnings) t.diagnostic(`Lighthouse warning: ${warning}`);

    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id].score]));
    const failing = failingAudits(lhr);
    t.diagnostic(`Lighthouse ${lhr.lighthouseVersion} (${lhr.configSettings.formFactor}), ${lhr.userAgent.match(/Chrome\/[\d.]+/)?.[0]}: ${JSON.stringify(scores)}`);
    for (const audit of failing) t.diagnostic(`not passed: ${describe(audit)}`);

    const report = `${path}: ${JSON.stringify(scores)}, audits not passed:\n${lines(failing, describe)}`;
    assert.equal(scores.accessibility, 1, report);
    assert.equal(scores['best-practices'], 1, report);
    const seoFailing = failing.filter((audit) => audit.category === 'seo').map((audit) => audit.id);
    if (cspAllowsFetchingOwnOrigin(csp, site.base)) {
      assert.equal(scores.seo, 1, report);
    } else {
      assert.deepEqual(seoFailing, [ROBOTS_TXT], `only robots-txt may fail while the CSP (${csp}) refuses same-origin fetches\n${report}`);
      const robots = site.recorder.requests.filter((r) => r.path === '/robots.txt');
      assert.deepEqual(robots, [], 'robots-txt failed because the CSP refused its fetch, which never reached the server');
    }
  });
}

/** Every audit of CATEGORIES that was scored and did not pass, with the category it counts in. */
function failingAudits(lhr) {
  const failing = [];
  for (const id of CATEGORIES) {
    for (const { id: audit } of lhr.categories[id].auditRefs) {
      const result = lhr.audits[audit];
      if (result.score !== null && result.score < 1) failing.push({ category: id, ...result });
    }
  }
  return failing;
}

/** An audit as a person fixing it wants to read it. */
function describe(audit) {
  const why = [audit.displayValue, audit.explanation, audit.errorMessage].filter(Boolean).join('; ');
  return `${audit.category}/${audit.id} (score ${audit.score}): ${audit.title}${why ? ` — ${why}` : ''}`;
}

/**
 * Whether the policy `csp` lets a document at `origin` fetch from its own
 * origin: its connect-src, or default-src in its absence, lists 'self', `*`,
 * the origin or its scheme, or neither directive is there.
 */
function cspAllowsFetchingOwnOrigin(csp, origin) {
  const directives = new Map(
    csp.split(';').map((d) => d.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
  const sources = directives.get('connect-src') ?? directives.get('default-src');
  if (!sources) return true;
  const scheme = new URL(origin).protocol;
  return sources.some((s) => ["'self'", '*', origin, scheme].includes(s.toLowerCase()));
}
