// The page in a browser with JavaScript turned off, on a phone (360 px) and
// in a desktop window (1280 px). The DSFR's menus, modals and language
// selector need its scripts; without them the header's sub-menus stay closed
// and, on a phone, the whole menu is out of reach. Every link of the
// header's navigation and shortcuts must still be reachable somewhere on the
// page: the footer's site map repeats them. Reachable means reached with Tab
// (the whole page, top to bottom) and, once focused, on screen.
//
// The links expected come from content/site.{lang}.yml (site-content.mjs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { focusedBox, focusedElement } from './probes.mjs';
import { siteChrome } from './site-content.mjs';
import { LANGS, MOBILE, WIDE, browserSuite, lines, openPage, pagePath, settled } from './suite.mjs';

const suite = browserSuite();

/** The most Tab presses to go through the page (it has about 60 Tab stops). */
const MAX_STEPS = 300;

for (const { lang } of LANGS) {
  for (const viewport of [MOBILE, WIDE]) {
    const where = `${pagePath(lang)} at ${viewport.width}px without JavaScript`;

    test(`${where}: every link of the header's navigation and shortcuts is reached with Tab and seen`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), { ...viewport, javaScript: false });
      const { page } = visit;
      try {
        await settled(page, { javaScript: false });
        assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-fr-js')), false, 'the DSFR scripts did not run');
        const chrome = siteChrome(lang, suite.site.base);
        const stops = await tabThrough(page);
        t.diagnostic(`${stops.length} Tab stops over the whole page`);

        const seenAt = new Map();
        for (const stop of stops) if (stop.href && stop.onScreen) seenAt.set(stop.href, [...(seenAt.get(stop.href) ?? []), stop.region]);
        const expected = [...chrome.navLinks.map((l) => ({ ...l, what: 'navigation link' })), ...chrome.shortcuts.map((l) => ({ ...l, what: 'shortcut' }))];
        for (const link of expected) t.diagnostic(`${link.what} "${link.label}": reached in ${(seenAt.get(link.href) ?? ['nowhere']).join(', ')}`);
        const unreachable = expected.filter((l) => !seenAt.has(l.href)).map((l) => `${l.what} "${l.label}" (${l.href})`);
        assert.deepEqual(unreachable, [], `links of the header out of reach without JavaScript at ${viewport.width}px:\n${lines(unreachable, String)}`);
        const offScreen = stops.filter((s) => !s.onScreen).map((s) => s.name);
        assert.deepEqual(offScreen, [], `Tab stops not on screen when focused:\n${lines(offScreen, String)}`);
      } finally {
        await visit.close();
      }
    });

    test(`${where}: the page in the other languages is reached with Tab and seen`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), { ...viewport, javaScript: false });
      const { page } = visit;
      try {
        await settled(page, { javaScript: false });
        const chrome = siteChrome(lang, suite.site.base);
        const stops = await tabThrough(page);
        const others = chrome.languages.filter((l) => !l.current);
        for (const other of others) {
          const found = stops.filter((s) => s.href === other.href);
          t.diagnostic(`${other.href}: ${found.length ? found.map((s) => `${s.name} in ${s.region}${s.onScreen ? '' : ' (off screen)'}`).join(', ') : 'no Tab stop'}`);
        }
        const unreachable = others.filter((l) => !stops.some((s) => s.href === l.href && s.onScreen)).map((l) => `${l.lang}: ${l.href}`);
        assert.deepEqual(unreachable, [], `without JavaScript, no link leads to the page in:\n${lines(unreachable, String)}`);
      } finally {
        await visit.close();
      }
    });
  }
}

/**
 * Presses Tab from the top of the page until focus leaves the document or
 * comes back to a stop already seen; returns each stop with its href, the
 * region it is in (header, main, footer) and whether it is on screen.
 */
async function tabThrough(page) {
  const stops = [];
  const seen = new Set();
  for (let step = 0; step < MAX_STEPS; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(focusedElement);
    if (focused.key === null) {
      if (stops.length > 0) break;
      continue;
    }
    if (seen.has(focused.key)) break;
    seen.add(focused.key);
    const region = await page.evaluate(() => document.activeElement.closest('header, main, footer')?.tagName.toLowerCase() ?? 'body');
    const { onScreen } = await page.evaluate(focusedBox);
    stops.push({ ...focused, region, onScreen });
  }
  return stops;
}
