// axe-core, the accessibility engine the field uses, with its WCAG 2.1 A and
// AA rules, on the rendered page in Chromium at both widths, and on the 404
// page in both languages: zero violations.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { LANGS, NARROW, WIDE, browserSuite, openPage, pagePath } from './suite.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const suite = browserSuite();

for (const { lang } of LANGS) {
  for (const viewport of [WIDE, NARROW]) {
    test(`${pagePath(lang)} at ${viewport.width}px: axe-core finds no WCAG 2.1 A/AA violation`, async (t) => {
      await checkWithAxe(t, pagePath(lang), { ...viewport });
    });
  }
  // The page a person lands on after a broken link is for people too.
  test(`the 404 page in ${lang}: axe-core finds no WCAG 2.1 A/AA violation`, async (t) => {
    await checkWithAxe(t, '/nope', { ...WIDE, locale: lang, status: 404 });
  });
}

/** Opens `path` with `options` (see openPage) and asserts axe-core finds no violation. */
async function checkWithAxe(t, path, options) {
  const visit = await openPage(suite, path, options);
  try {
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
