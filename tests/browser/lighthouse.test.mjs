// Lighthouse (npm `lighthouse`, pinned in package.json) on both pages, with
// its mobile settings (its default, and how Google indexes), driving Debian's
// Chromium with the suite's flags over a DevTools port, against the worker
// behind the recording proxy: SEO, accessibility and best practices each
// score 1 (100), and every audit that does not pass is printed with its title.
//
// Lighthouse 13 declares Node 22 but runs on this Node 20; 12.x, the last to
// declare Node 20, does not know robots.txt's Content-Signal directive and
// fails its robots-txt audit for it. Its robots-txt audit fetches /robots.txt
// from inside the page, under the page's CSP: the policy's connect-src 'self'
// lets it (with default-src 'none' alone, the fetch is refused).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import lighthouse from 'lighthouse';
import { launchChromium } from './chromium.mjs';
import { LANGS, lines, pagePath, startSite } from './suite.mjs';

/** The categories the issue sets at 100. */
const CATEGORIES = ['seo', 'accessibility', 'best-practices'];

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
  test(`${pagePath(lang)}: Lighthouse scores SEO, accessibility and best practices 100`, async (t) => {
    const path = pagePath(lang);
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
    assert.deepEqual(scores, { seo: 1, accessibility: 1, 'best-practices': 1 }, report);
    const robots = site.recorder.requests.filter((r) => r.path === '/robots.txt');
    assert.ok(robots.length > 0, 'the robots-txt audit fetched /robots.txt from the site');
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
