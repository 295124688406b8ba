// The page's layout at the widths that matter: from 320 px, where WCAG
// 1.4.10 (reflow) wants no horizontal scrolling, through a phone (360 px)
// and a tablet (768 px), with the menu open and closed, to a desktop window
// (1280 px), nothing sticks out sideways and the page does not scroll
// sideways; at 1280 px the text column stays readable (WCAG 1.4.8: lines of
// 80 characters at most). Screenshots are screenshots.test.mjs's.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { animationsFinished, horizontalOverflow, renderedLines } from './probes.mjs';
import { siteChrome } from './site-content.mjs';
import { LANGS, MOBILE, NARROW, TABLET, WIDE, browserSuite, lines, openPage, pagePath, settled } from './suite.mjs';

/** The longest line a reader should have to follow, in characters. */
const MAX_LINE = 80;

const suite = browserSuite();

/** Asserts nothing of the page sticks out of a `width` px viewport. */
async function assertNoOverflow(page, width, what) {
  const overflow = await page.evaluate(horizontalOverflow);
  // Without a working viewport meta a phone lays the page out 980 px wide.
  assert.equal(overflow.viewport, width, 'the layout viewport is the screen width');
  assert.ok(
    overflow.scrollWidth <= overflow.viewport,
    `${what} scrolls horizontally: ${overflow.scrollWidth}px wide for a ${overflow.viewport}px viewport; sticking out:\n${lines([...overflow.sticking, ...overflow.hidden].slice(0, 20), String)}`,
  );
  assert.deepEqual(overflow.sticking, [], `cut off at the right edge, ${what}:\n${lines(overflow.sticking.slice(0, 20), String)}`);
}

for (const { lang } of LANGS) {
  for (const viewport of [NARROW, MOBILE, TABLET, WIDE]) {
    const withMenu = viewport.width < WIDE.width;
    test(`${pagePath(lang)} at ${viewport.width}px: no horizontal scroll, nothing cut off${withMenu ? ', the menu open or not' : ''}`, async () => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await settled(page);
        // A desktop window's classic scrollbar takes its width from the layout.
        const scrollbar = await page.evaluate(() => innerWidth - document.documentElement.clientWidth);
        await assertNoOverflow(page, viewport.width - scrollbar, `the page at ${viewport.width}px`);
        if (!withMenu) return;
        // Below the DSFR's lg breakpoint (62em) the navigation is in a modal.
        const menu = page.getByRole('button', { name: siteChrome(lang, suite.site.base).site.header.menu, exact: true });
        await menu.click();
        await page.evaluate(animationsFinished);
        const modal = await menu.getAttribute('aria-controls');
        assert.equal(await page.evaluate((id) => document.getElementById(id).getAttribute('aria-modal'), modal), 'true', 'the menu modal is open');
        await assertNoOverflow(page, viewport.width - scrollbar, `the open menu at ${viewport.width}px`);
      } finally {
        await visit.close();
      }
    });
  }

  test(`${pagePath(lang)} at ${WIDE.width}px: no line of the text column over ${MAX_LINE} characters`, async (t) => {
    const visit = await openPage(suite, pagePath(lang), WIDE);
    try {
      await settled(visit.page);
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
