// The page's layout at the two widths that matter: 320 px, where WCAG 1.4.10
// (reflow) wants no horizontal scrolling, and 1280 px, where the text column
// must stay readable (WCAG 1.4.8: lines of 80 characters at most). Each visit
// leaves a full-page screenshot in target/screenshots/ for a person to look at.

import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../e2e/worker.mjs';
import { horizontalOverflow, renderedLines } from './probes.mjs';
import { LANGS, NARROW, WIDE, browserSuite, lines, openPage, pagePath, screenshot } from './suite.mjs';

/** The longest line a reader should have to follow, in characters. */
const MAX_LINE = 80;

const suite = browserSuite();

for (const { lang } of LANGS) {
  test(`${pagePath(lang)} at ${NARROW.width}px: no horizontal scroll, nothing cut off (screenshot ${lang}-${NARROW.width}.png)`, async (t) => {
    const visit = await openPage(suite, pagePath(lang), NARROW);
    try {
      t.diagnostic(`screenshot: ${relative(ROOT, await screenshot(visit.page, `${lang}-${NARROW.width}`))}`);
      const overflow = await visit.page.evaluate(horizontalOverflow);
      // Without a working viewport meta a phone lays the page out 980 px wide.
      assert.equal(overflow.viewport, NARROW.width, 'the layout viewport is the screen width');
      assert.ok(
        overflow.scrollWidth <= overflow.viewport,
        `the page scrolls horizontally at ${NARROW.width}px: ${overflow.scrollWidth}px wide for a ${overflow.viewport}px viewport; sticking out:\n${lines(overflow.sticking.slice(0, 20), String)}`,
      );
      assert.deepEqual(overflow.sticking, [], `cut off at the right edge at ${NARROW.width}px:\n${lines(overflow.sticking.slice(0, 20), String)}`);
    } finally {
      await visit.close();
    }
  });

  test(`${pagePath(lang)} at ${WIDE.width}px: no line of the text column over ${MAX_LINE} characters (screenshot ${lang}-${WIDE.width}.png)`, async (t) => {
    const visit = await openPage(suite, pagePath(lang), WIDE);
    try {
      t.diagnostic(`screenshot: ${relative(ROOT, await screenshot(visit.page, `${lang}-${WIDE.width}`))}`);
      const main = await visit.page.$('main');
      assert.ok(main, `${pagePath(lang)} has no <main>`);
      const measured = await main.evaluate(renderedLines);
      assert.ok(measured.length > 10, `only ${measured.length} lines of text measured in <main>`);
      const longest = measured.reduce((a, b) => (b.length > a.length ? b : a));
      const lengths = measured.map((l) => l.length).sort((a, b) => a - b);
      t.diagnostic(`${measured.length} lines; longest ${longest.length} characters, median ${lengths[lengths.length >> 1]}`);
      const tooLong = measured.filter((l) => l.length > MAX_LINE);
      assert.equal(
        tooLong.length,
        0,
        `${tooLong.length} of ${measured.length} lines are over ${MAX_LINE} characters at ${WIDE.width}px, e.g.:\n${lines(tooLong.slice(0, 5), (l) => `${l.length}: ${l.text}`)}`,
      );
    } finally {
      await visit.close();
    }
  });
}
