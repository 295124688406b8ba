// axe-core, the accessibility engine the field uses, with its WCAG 2.1 A and
// AA rules, on the rendered page in Chromium at both widths: zero violations.

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
      const visit = await openPage(suite, pagePath(lang), viewport);
      try {
        // Evaluated through the DevTools protocol, not as a <script>: the
        // page's CSP stays in force and is not what is being tested here.
        await visit.page.evaluate(AXE_SOURCE);
        const results = await visit.page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          WCAG_21_A_AA,
        );
        t.diagnostic(`axe-core ${results.testEngine.version}: ${results.passes.length} rules passed, ${results.incomplete.length} to review by hand`);
        for (const rule of results.incomplete) t.diagnostic(`to review: ${rule.id} (${rule.help}) on ${rule.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.ok(results.passes.length > 0, 'axe-core ran its rules');
        assert.deepEqual(results.violations.map(describe), [], `axe-core violations on ${pagePath(lang)} at ${viewport.width}px:\n${results.violations.map(describe).join('\n')}`);
      } finally {
        await visit.close();
      }
    });
  }
}

/** A violation as a person fixing it wants to read it. */
function describe(violation) {
  const nodes = violation.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);
  return `  ${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}\n${nodes.join('\n')}`;
}
