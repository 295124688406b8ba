// axe-core, the accessibility engine the field uses, with its WCAG 2.1 A and
// AA rules, on the rendered page in Chromium on a phone (360 px) and in a
// desktop window (1280 px), once the DSFR's scripts have run; on a phone
// also with the menu modal open and each of its sub-menus and the language
// selector open, and with the search modal open; and on the 404 page in both
// languages: zero violations.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { animationsFinished } from './probes.mjs';
import { siteChrome } from './site-content.mjs';
import { LANGS, MOBILE, WIDE, browserSuite, openPage, pagePath, settled } from './suite.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const suite = browserSuite();

for (const { lang } of LANGS) {
  for (const viewport of [WIDE, MOBILE]) {
    test(`${pagePath(lang)} at ${viewport.width}px: axe-core finds no WCAG 2.1 A/AA violation`, async (t) => {
      await checkWithAxe(t, pagePath(lang), { ...viewport });
    });
  }
  test(`${pagePath(lang)} at ${MOBILE.width}px, the menu open, its sub-menus and the language selector open: no violation`, async (t) => {
    const { header } = siteChrome(lang, 'http://site.test').site;
    await checkWithAxe(t, pagePath(lang), {
      ...MOBILE,
      before: async (page) => {
        await page.getByRole('button', { name: header.menu, exact: true }).click();
        await page.evaluate(animationsFinished);
        const modal = await page.getByRole('button', { name: header.menu, exact: true }).getAttribute('aria-controls');
        for (const button of await page.locator(`#${modal} button[aria-expanded="false"]`).all()) {
          if (await button.isVisible()) await button.click();
          await page.evaluate(animationsFinished);
        }
      },
    });
  });
  test(`${pagePath(lang)} at ${MOBILE.width}px, the search open: no violation`, async (t) => {
    const { header } = siteChrome(lang, 'http://site.test').site;
    await checkWithAxe(t, pagePath(lang), {
      ...MOBILE,
      before: async (page) => {
        await page.getByRole('button', { name: header.search, exact: true }).first().click();
        await page.evaluate(animationsFinished);
        assert.ok(await page.getByRole('searchbox').isVisible(), 'the search field is shown');
      },
    });
  });
  // The page a person lands on after a broken link is for people too.
  test(`the 404 page in ${lang}: axe-core finds no WCAG 2.1 A/AA violation`, async (t) => {
    await checkWithAxe(t, '/nope', { ...WIDE, locale: lang, status: 404 });
  });
}

/**
 * Opens `path` with `options` (see openPage), waits for the DSFR's scripts,
 * runs `options.before(page)` if given (to open a menu, say) and asserts
 * axe-core finds no violation.
 */
async function checkWithAxe(t, path, options) {
  const visit = await openPage(suite, path, options);
  try {
    await settled(visit.page);
    if (options.before) await options.before(visit.page);
    // Evaluated through the DevTools protocol, not as a <script>: the page's
    // CSP stays in force and is not what is being tested here.
    await visit.page.evaluate(AXE_SOURCE);
    const results = await visit.page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG_21_A_AA,
    );
    t.diagnostic(`axe-core ${results.testEngine.version}: ${results.passes.length} rules passed, ${results.incomplete.length} to review by hand`);
    for (const rule of results.incomplete) t.diagnostic(`to review: ${rule.id} (${rule.help}) on ${rule.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.ok(results.passes.length > 0, 'axe-core ran its rules');
    const found = results.violations.map(describe);
    assert.equal(found.length, 0, `axe-core violations on ${path} at ${options.width}px:\n${found.join('\n')}`);
  } finally {
    await visit.close();
  }
}

/** A violation as a person fixing it wants to read it. */
function describe(violation) {
  const nodes = violation.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);
  return `  ${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}\n${nodes.join('\n')}`;
}
