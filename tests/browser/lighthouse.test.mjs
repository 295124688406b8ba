// Lighthouse (npm `lighthouse`, pinned in package.json) on both pages, with
// its mobile settings (its default, and how Google indexes), driving Debian's
// Chromium with the suite's flags over a DevTools port, against the site as
// the edge serves it (the worker and its static assets under `wrangler dev`,
// compressed) behind the recording proxy.
//
// Each page is measured twice:
// - with `--throttling-method=devtools` (the network and CPU really slowed
//   down in the browser: 150 ms RTT, 1.6 Mbit/s, CPU ×4): accessibility,
//   best practices and SEO each score 1 (100), performance at least 0.95,
//   CLS at most 0.02;
// - with the default simulated throttling (a fast load, its timings then
//   modelled for a slow phone): its performance score is printed and not
//   asserted, the three other categories score 1, CLS at most 0.02.
// Every audit not passed is printed with its title, and so are the metrics,
// the LCP element and what the load cost (requests, bytes over the wire).
//
// Performance depends on the machine: on a busy one (2 shared cores, others
// compiling) the main thread's work under CPU ×4 swells, which is why make
// test runs this suite alone. Even alone it varies: on this 2-core machine,
// ten runs of /fr/apropos/ gave 92 to 98 (TBT 37 to 258 ms, as the DSFR's
// script's tasks after the first paint merge into long ones or not). A
// devtools-throttled score under the bar is measured four times more and the
// median of the five runs is judged, as Lighthouse's documentation on
// variability advises (the median of five); every run is printed.
//
// Lighthouse 13 needs Node 22.19 (the project's Node is 24); 12.x, the last to
// declare Node 20, does not know robots.txt's Content-Signal directive and
// fails its robots-txt audit for it. Its robots-txt audit fetches /robots.txt
// from inside the page, under the page's CSP: the policy's connect-src 'self'
// lets it (with default-src 'none' alone, the fetch is refused).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import lighthouse from 'lighthouse';
import { launchChromium } from './chromium.mjs';
import { LANGS, isSameOrigin, lines, pagePath, startSite } from './suite.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** The categories held at 1 (100) under both throttlings. */
const PERFECT = ['accessibility', 'best-practices', 'seo'];
/** The least performance score under devtools throttling. */
const MIN_PERFORMANCE = 0.95;
/** The most cumulative layout shift, under both throttlings. */
const MAX_CLS = 0.02;
/** Devtools-throttled runs whose median is judged when the first is under the bar. */
const RUNS_WHEN_UNDER = 5;

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

/** One Lighthouse run of `path` with `throttlingMethod`; returns its report (lhr). */
async function run(path, throttlingMethod) {
  const { lhr } = await lighthouse(site.url(path), {
    port: chromium.port,
    onlyCategories: CATEGORIES,
    throttlingMethod,
    disableFullPageScreenshot: true,
    locale: 'en-US',
    logLevel: 'error',
    output: 'json',
  });
  assert.equal(lhr.runtimeError, undefined, `Lighthouse failed: ${JSON.stringify(lhr.runtimeError)}`);
  return lhr;
}

/** What a run measured, in one line. */
function summary(lhr) {
  const ms = (id) => `${Math.round(lhr.audits[id].numericValue)} ms`;
  const scores = CATEGORIES.map((id) => `${id} ${Math.round(lhr.categories[id].score * 100)}`).join(', ');
  return (
    `${scores}; FCP ${ms('first-contentful-paint')}, LCP ${ms('largest-contentful-paint')}, TBT ${ms('total-blocking-time')}, ` +
    `SI ${ms('speed-index')}, CLS ${lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)} (benchmarkIndex ${lhr.environment.benchmarkIndex})`
  );
}

/** The LCP element, its breakdown and what blocks rendering, for a person looking for why. */
function diagnosis(lhr) {
  const notes = [];
  const lcp = lhr.audits['lcp-breakdown-insight']?.details?.items ?? [];
  const node = lcp.find((i) => i.type === 'node');
  const parts = lcp.find((i) => i.type === 'table')?.items ?? [];
  if (node) notes.push(`LCP element: ${node.selector} "${node.nodeLabel}"; ${parts.map((p) => `${p.label} ${Math.round(p.duration)} ms`).join(', ')}`);
  for (const item of lhr.audits['render-blocking-insight']?.details?.items ?? []) notes.push(`render-blocking: ${new URL(item.url).pathname} (${item.totalBytes} bytes, ${Math.round(item.wastedMs)} ms)`);
  const work = lhr.audits['mainthread-work-breakdown']?.details?.items ?? [];
  if (work.length) notes.push(`main thread: ${work.map((w) => `${w.groupLabel ?? w.group} ${Math.round(w.duration)} ms`).join(', ')}`);
  const boot = lhr.audits['bootup-time']?.details?.items ?? [];
  if (boot.length) notes.push(`script: ${boot.map((b) => `${b.url.replace(/^.*\//, '')} ${Math.round(b.total)} ms (${Math.round(b.scripting)} ms scripting)`).join(', ')}`);
  return notes;
}

/** Every request of the load: origin, kind, bytes over the wire and decoded, and when. */
function requests(lhr) {
  return (lhr.audits['network-requests']?.details?.items ?? []).filter((r) => !r.url.startsWith('data:'));
}

/** Every audit of the categories that was scored and did not pass, with the category it counts in. */
function failingAudits(lhr, categories) {
  const failing = [];
  for (const id of categories) {
    for (const { id: audit } of lhr.categories[id].auditRefs) {
      const result = lhr.audits[audit];
      if (result.score !== null && result.score < 1 && result.scoreDisplayMode !== 'informative' && result.scoreDisplayMode !== 'notApplicable') failing.push({ category: id, ...result });
    }
  }
  return failing;
}

/** An audit as a person fixing it wants to read it. */
function describe(audit) {
  const why = [audit.displayValue, audit.explanation, audit.errorMessage].filter(Boolean).join('; ');
  return `${audit.category}/${audit.id} (score ${audit.score}): ${audit.title}${why ? ` — ${why}` : ''}`;
}

/** Asserts what both throttlings must give: the three categories at 1, CLS, every request answered from the site's origin, compressed text, robots.txt. */
function assertCommon(lhr, path) {
  const scores = Object.fromEntries(PERFECT.map((id) => [id, lhr.categories[id].score]));
  const failing = failingAudits(lhr, PERFECT);
  assert.deepEqual(scores, Object.fromEntries(PERFECT.map((id) => [id, 1])), `${path}: ${JSON.stringify(scores)}, audits not passed:\n${lines(failing, describe)}`);
  const cls = lhr.audits['cumulative-layout-shift'].numericValue;
  assert.ok(cls <= MAX_CLS, `${path}: CLS ${cls} over ${MAX_CLS}; shifts: ${JSON.stringify(lhr.audits['layout-shifts']?.details?.items ?? [])}`);
  const all = requests(lhr);
  const failed = all.filter((r) => !(r.statusCode >= 200 && r.statusCode < 300)).map((r) => `${r.url}: ${r.statusCode}`);
  assert.deepEqual(failed, [], `${path}: requests not answered 2xx`);
  const elsewhere = all.filter((r) => !isSameOrigin(r.url, new URL(site.base).origin)).map((r) => r.url);
  assert.deepEqual(elsewhere, [], `${path}: requests to another origin`);
  // As the edge serves them: text compressed (fewer bytes over the wire than decoded).
  const plain = all.filter((r) => ['Document', 'Stylesheet', 'Script'].includes(r.resourceType) && r.resourceSize > 1024 && r.transferSize >= r.resourceSize);
  assert.deepEqual(plain.map((r) => r.url), [], `${path}: text served uncompressed`);
  const robots = site.recorder.requests.filter((r) => r.path === '/robots.txt');
  assert.ok(robots.length > 0, 'the robots-txt audit fetched /robots.txt from the site');
}

/** The cost of the load, in one line. */
function cost(lhr) {
  const all = requests(lhr);
  const bytes = all.reduce((sum, r) => sum + r.transferSize, 0);
  const fonts = all.filter((r) => r.resourceType === 'Font').reduce((sum, r) => sum + r.transferSize, 0);
  return `${all.length} requests, ${(bytes / 1024).toFixed(1)} KiB over the wire (fonts ${(fonts / 1024).toFixed(1)} KiB)`;
}

for (const { lang } of LANGS) {
  const path = pagePath(lang);

  test(`${path}, devtools throttling: accessibility, best practices, SEO 100, performance ≥ ${MIN_PERFORMANCE * 100}, CLS ≤ ${MAX_CLS}`, async (t) => {
    site.recorder.clear();
    const runs = [await run(path, 'devtools')];
    const first = runs[0];
    for (const warning of first.runWarnings) t.diagnostic(`Lighthouse warning: ${warning}`);
    t.diagnostic(`Lighthouse ${first.lighthouseVersion} (${first.configSettings.formFactor}, devtools throttling ${JSON.stringify(first.configSettings.throttling)}), ${first.userAgent.match(/Chrome\/[\d.]+/)?.[0]}`);
    t.diagnostic(`run 1: ${summary(first)}`);
    t.diagnostic(`load: ${cost(first)}`);
    for (const note of diagnosis(first)) t.diagnostic(note);
    for (const audit of failingAudits(first, CATEGORIES)) t.diagnostic(`not passed: ${describe(audit)}`);
    assertCommon(first, path);

    while (first.categories.performance.score < MIN_PERFORMANCE && runs.length < RUNS_WHEN_UNDER) {
      const again = await run(path, 'devtools');
      runs.push(again);
      t.diagnostic(`run ${runs.length}: ${summary(again)}`);
      for (const note of diagnosis(again)) t.diagnostic(note);
      assertCommon(again, path);
    }
    const performance = runs.map((r) => r.categories.performance.score).sort((a, b) => a - b);
    const median = performance[performance.length >> 1];
    assert.ok(
      median >= MIN_PERFORMANCE,
      `${path}: performance ${median * 100} (median of ${performance.map((s) => s * 100).join(', ')}) under ${MIN_PERFORMANCE * 100} with devtools throttling:\n` +
        `${lines(runs.map(summary), String)}\n${lines(diagnosis(runs[0]), String)}\n${lines(failingAudits(runs[0], ['performance']), describe)}`,
    );
  });

  test(`${path}, simulated throttling: accessibility, best practices, SEO 100, CLS ≤ ${MAX_CLS}; performance printed`, async (t) => {
    site.recorder.clear();
    const lhr = await run(path, 'simulate');
    for (const warning of lhr.runWarnings) t.diagnostic(`Lighthouse warning: ${warning}`);
    t.diagnostic(`simulated: ${summary(lhr)}`);
    t.diagnostic(`load: ${cost(lhr)}`);
    for (const note of diagnosis(lhr)) t.diagnostic(note);
    for (const audit of failingAudits(lhr, CATEGORIES)) t.diagnostic(`not passed: ${describe(audit)}`);
    assertCommon(lhr, path);
  });
}
