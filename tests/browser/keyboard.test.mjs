// The page with a keyboard only: the skip link comes first and moves focus to
// <main>; Tab reaches every interactive element, each with a focus a person
// can see (an outline or a box-shadow that focus adds, on screen).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeElement, focusStyle, focusedBox, tabbableElements } from './probes.mjs';
import { LANGS, NARROW, WIDE, browserSuite, lines, openPage, pagePath } from './suite.mjs';

const suite = browserSuite();

for (const { lang } of LANGS) {
  for (const viewport of [WIDE, NARROW]) {
    const where = `${pagePath(lang)} at ${viewport.width}px`;

    test(`${where}: the skip link is the first Tab stop, is seen, and moves focus to <main>`, async () => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => {
          const a = document.activeElement;
          const href = a.getAttribute('href') ?? '';
          const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
          return { tag: a.tagName, href, targetIsMain: target !== null && target === document.querySelector('main') };
        });
        const name = await page.evaluate(describeElement, await page.evaluateHandle(() => document.activeElement));
        assert.equal(first.tag, 'A', `the first Tab stop should be the skip link; it is ${name}`);
        assert.ok(first.targetIsMain, `the first link, ${name}, should point to the id of <main>`);
        assert.ok((await page.evaluate(focusedBox)).onScreen, `the skip link ${name} is not on screen when focused`);

        await page.keyboard.press('Enter');
        const landed = await page.evaluate(() => document.activeElement === document.querySelector('main'));
        const now = await page.evaluate(describeElement, await page.evaluateHandle(() => document.activeElement));
        assert.ok(landed, `after Enter on the skip link, focus should be on <main> (it is on ${now}; <main> needs tabindex="-1")`);

        // And the keyboard goes on from there: the next Tab stop is in <main>
        // or after it, not back in the header.
        await page.keyboard.press('Tab');
        const next = await page.evaluate(() => {
          const main = document.querySelector('main');
          const el = document.activeElement;
          return main.contains(el) || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        });
        assert.ok(next, 'the Tab after the skip link should stay in or after <main>');
      } finally {
        await visit.close();
      }
    });

    test(`${where}: Tab reaches every interactive element, each with a visible focus`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        const tabbable = await page.evaluateHandle(tabbableElements);
        const count = await tabbable.evaluate((list) => list.length);
        const names = [];
        const unfocused = [];
        for (let i = 0; i < count; i++) {
          const el = await tabbable.evaluateHandle((list, i) => list[i], i);
          names.push(await el.evaluate(describeElement));
          unfocused.push(await el.evaluate(focusStyle));
        }
        assert.ok(count >= 2, `a skip link and a language switcher at least; found ${count}: ${names.join(', ')}`);

        // Tab until focus comes back to an element already seen or leaves the
        // document, with a bound in case it never does.
        const reached = [];
        const invisible = [];
        const strays = [];
        for (let step = 0; step < count + 3; step++) {
          await page.keyboard.press('Tab');
          const active = await page.evaluateHandle(() => document.activeElement);
          const index = await tabbable.evaluate((list, el) => list.indexOf(el), active);
          if (index < 0) {
            const name = await active.evaluate(describeElement);
            if (name === 'body' || name === 'html' || name === 'nothing') {
              if (reached.length > 0) break;
              continue;
            }
            strays.push(name);
            continue;
          }
          if (reached.includes(index)) break;
          reached.push(index);
          const focused = await active.evaluate(focusStyle);
          const box = await page.evaluate(focusedBox);
          const before = unfocused[index];
          const outline = focused.outlineVisible && focused.outline !== before.outline;
          const shadow = focused.boxShadow !== 'none' && focused.boxShadow !== before.boxShadow;
          if (!(outline || shadow) || !box.onScreen) {
            invisible.push(`${names[index]}: focused outline "${focused.outline}" (unfocused "${before.outline}"), box-shadow "${focused.boxShadow}", ${box.onScreen ? 'on screen' : `off screen at ${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}×${Math.round(box.height)}`}`);
          }
        }
        t.diagnostic(`Tab order (${reached.length} of ${count}): ${reached.map((i) => names[i]).join(' → ')}`);
        const unreached = names.filter((_, i) => !reached.includes(i));
        assert.deepEqual(unreached, [], `never reached with Tab:\n${lines(unreached, String)}`);
        assert.deepEqual(strays, [], `focus went to elements that are not interactive:\n${lines(strays, String)}`);
        assert.deepEqual(invisible, [], `focus not visible on:\n${lines(invisible, String)}`);
      } finally {
        await visit.close();
      }
    });
  }
}
