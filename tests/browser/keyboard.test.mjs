// The page with a keyboard only, on a phone (360 px) and in a desktop window
// (1280 px), as a person meets it: Tab from the top of the page.
//
// - The skip link to the content comes first, is seen, and moves focus to
//   <main>; each skip link, followed, takes the keyboard into its target at
//   that width.
// - The header, walked with Tab: every link of the navigation (both sub-menus
//   opened from the keyboard, one with Enter, the other with Space), the
//   shortcuts, the search field and the language selector's links are
//   reached, each with a focus a person can see. At 360 px the navigation,
//   the shortcuts and the language selector are in the « Menu » modal, opened
//   with Enter on its button, and the search field in the search modal,
//   opened with Enter on « Rechercher »; a modal whose focus trap brings Tab
//   back to its start is closed with Escape, which gives focus back to its
//   button. At 1280 px all of it is in the page, no modal.
//
// The links expected come from content/site.{lang}.yml (site-content.mjs),
// not from the page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { animationsFinished, describeElement, focusShown, focusStyle, focusedBox, focusedElement } from './probes.mjs';
import { siteChrome } from './site-content.mjs';
import { LANGS, MOBILE, WIDE, browserSuite, lines, openPage, pagePath, settled } from './suite.mjs';

const suite = browserSuite();

/** The most Tab presses a walk of the header may take (it takes about 30). */
const MAX_STEPS = 120;

for (const { lang } of LANGS) {
  for (const viewport of [MOBILE, WIDE]) {
    const where = `${pagePath(lang)} at ${viewport.width}px`;

    test(`${where}: the skip link is the first Tab stop, is seen, and moves focus to <main>`, async () => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await settled(page);
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
        const next = await page.evaluate(focusedElement);
        assert.ok(next.pastHeader, `the Tab after the skip link should stay in or after <main>; it went to ${next.name}`);
      } finally {
        await visit.close();
      }
    });

    test(`${where}: each skip link, followed with Enter, takes the keyboard into its target`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await settled(page);
        const skips = await page.evaluate(() => [...document.querySelectorAll('.fr-skiplinks a[href^="#"]')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
        assert.ok(skips.length > 0, 'no skip link');
        const astray = [];
        for (const [index, skip] of skips.entries()) {
          await page.goto(visit.url);
          await settled(page);
          for (let i = 0; i <= index; i++) await page.keyboard.press('Tab');
          await page.keyboard.press('Enter');
          await page.evaluate(animationsFinished);
          // Where a person is now: focus inside the target, or the next Tab
          // stop inside it (a target that is not focusable is where
          // sequential navigation starts from).
          const inTarget = () =>
            page.evaluate((href) => {
              const target = document.getElementById(decodeURIComponent(href.slice(1)));
              const el = document.activeElement;
              return { exists: Boolean(target), inside: Boolean(target && el && el !== document.body && target.contains(el)), focus: el === document.body ? 'body' : `${el.tagName.toLowerCase()} "${(el.textContent || '').trim().slice(0, 30)}"` };
            }, skip.href);
          let where = await inTarget();
          if (!where.inside) {
            await page.keyboard.press('Tab');
            await page.evaluate(animationsFinished);
            where = await inTarget();
          }
          t.diagnostic(`"${skip.text}" → ${skip.href}: focus then on ${where.focus}`);
          if (!where.inside) astray.push(`"${skip.text}" → ${skip.href}: ${where.exists ? `after Enter and a Tab, focus is on ${where.focus}, outside the target` : 'no element has this id'}`);
        }
        assert.deepEqual(astray, [], `skip links that do not lead the keyboard to their target at ${viewport.width}px:\n${lines(astray, String)}`);
      } finally {
        await visit.close();
      }
    });

    test(`${where}: walking the header with Tab reaches every navigation link, the search field and the other languages, each visibly focused`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await settled(page);
        const chrome = siteChrome(lang, suite.site.base);
        const walk = await walkHeader(page);
        t.diagnostic(`${walk.reached.length} Tab stops: ${walk.steps.join(' → ')}`);
        if (walk.closed.length) t.diagnostic(`modals closed with Escape: ${JSON.stringify(walk.closed)}`);
        if (walk.end) t.diagnostic(`the walk ended in <main>, on ${walk.end}`);

        const reached = new Map(walk.reached.filter((f) => f.href).map((f) => [f.href, f]));
        const expected = [
          ...chrome.shortcuts.map((l) => ({ ...l, what: 'shortcut' })),
          ...chrome.navLinks.map((l) => ({ ...l, what: 'navigation link' })),
          // The current language's link is the page itself: the DSFR hides it
          // in the mobile menu, and it need not be reached.
          ...chrome.languages.filter((l) => !l.current).map((l) => ({ label: l.lang, href: l.href, what: 'language' })),
        ];
        const missed = expected.filter((l) => !reached.has(l.href)).map((l) => `${l.what} "${l.label}" (${l.href})`);
        assert.deepEqual(missed, [], `never reached with the keyboard at ${viewport.width}px:\n${lines(missed, String)}`);

        const search = walk.reached.find((f) => f.tag === 'input' && f.type === 'search');
        assert.ok(search, 'the search field is reached');

        // Each sub-menu of the navigation opened from the keyboard.
        const subMenus = walk.opened.filter((o) => o.nav);
        assert.deepEqual(
          subMenus.map((o) => o.name.match(/"(.*)"$/)?.[1]),
          chrome.subMenus,
          `the navigation's sub-menus opened with the keyboard: ${JSON.stringify(walk.opened)}`,
        );
        assert.deepEqual(new Set(subMenus.map((o) => o.key)), new Set(['Enter', 'Space']), 'sub-menus opened with Enter and with Space');
        const stuck = walk.opened.filter((o) => !o.shown || (o.expandedAfter !== null && o.expandedAfter !== 'true'));
        assert.deepEqual(stuck, [], 'a control the keyboard activated did not show what it controls (or say so with aria-expanded)');

        if (viewport.mobile) {
          // The navigation, the shortcuts and the languages in the menu modal,
          // the search field in the search modal: each opened with Enter on
          // its button, then closed with Escape, focus back on the button.
          const navIn = new Set(walk.reached.filter((f) => chrome.navLinks.some((l) => l.href === f.href)).map((f) => f.modal));
          assert.equal(navIn.size, 1, `the navigation links are all in one modal: ${[...navIn]}`);
          const [menuModal] = navIn;
          assert.ok(menuModal, 'at 360px the navigation is reached in the menu modal');
          const menuButton = walk.opened.find((o) => o.controls === menuModal);
          assert.ok(menuButton, `the modal ${menuModal} was opened from its button`);
          assert.equal(menuButton.key, 'Enter');
          assert.match(menuButton.name, new RegExp(`"${chrome.site.header.menu}"$`), 'the menu modal opens from the « Menu » button');
          assert.ok(search.modal && search.modal !== menuModal, 'at 360px the search field is reached in its own modal, through its button');
          assert.ok(walk.opened.some((o) => o.controls === search.modal && o.key === 'Enter'), 'the search modal opened with Enter on its button');
          assert.deepEqual(
            walk.closed.map((c) => c.returnedTo === c.opener),
            walk.closed.map(() => true),
            `Escape closes each modal and gives focus back to its button: ${JSON.stringify(walk.closed)}`,
          );
          assert.deepEqual(new Set(walk.closed.map((c) => c.modal)), new Set([menuModal, search.modal]), 'both modals were walked to their end and closed with Escape');
        } else {
          const inModal = walk.reached.filter((f) => f.modal).map((f) => f.name);
          assert.deepEqual(inModal, [], `at ${viewport.width}px nothing of the header is in a modal`);
          const languages = chrome.languages.map((l) => l.href);
          const others = walk.opened.filter((o) => !o.nav && !o.holds.some((href) => languages.includes(href))).map((o) => o.name);
          assert.deepEqual(others, [], `at ${viewport.width}px only the sub-menus and the language selector are opened`);
        }

        assert.deepEqual(walk.invisible, [], `focus not visible on:\n${lines(walk.invisible, String)}`);
        assert.deepEqual(walk.problems, [], `the walk went wrong:\n${lines(walk.problems, String)}`);
      } finally {
        await visit.close();
      }
    });
  }
}

/**
 * Tabs through the header from the top of the page until focus reaches
 * <main> (or what follows it). A button that controls something not shown
 * yet is activated once: a sub-menu of the navigation alternately with Enter
 * and with Space, anything else (the menu, the search, the language
 * selector) with Enter. When Tab brings focus back to an element already
 * reached inside an open modal (its focus trap), Escape closes the modal
 * (pressed out of any form field, which the DSFR leaves Escape to).
 * Every Tab stop is checked for a focus a person sees: an outline or
 * box-shadow that focus adds (focusStyle, before and after), on screen, and
 * not covered by something else at its centre.
 */
async function walkHeader(page) {
  // Every element's look unfocused, taken before the walk focuses any.
  await page.evaluate(`window.__focusStyle = ${focusStyle};
    window.__unfocused = new WeakMap([...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].map((el) => [el, window.__focusStyle(el)]));`);
  const walk = { steps: [], reached: [], opened: [], closed: [], invisible: [], problems: [] };
  const seen = new Set();
  let subMenus = 0;
  const press = async (key) => {
    await page.keyboard.press(key);
    await page.evaluate(animationsFinished);
  };
  for (let step = 0; step < MAX_STEPS; step++) {
    await press('Tab');
    const focused = await page.evaluate(focusedElement);
    if (focused.key === null) {
      walk.problems.push(`Tab ${step + 1} left focus on ${focused.name}`);
      break;
    }
    if (focused.pastHeader) {
      walk.end = `${focused.name}${focused.href ? ` (${focused.href})` : ''}`;
      break;
    }
    if (seen.has(focused.key)) {
      if (!focused.modal) {
        walk.problems.push(`focus came back to ${focused.name}, outside any modal`);
        break;
      }
      const opener = walk.opened.findLast((o) => o.controls === focused.modal);
      // The DSFR leaves Escape to a form field that has focus (it may clear
      // it): a person Tabs on, out of the field, then presses Escape.
      for (let f = focused; ['input', 'select', 'textarea'].includes(f.tag) && walk.steps.length < MAX_STEPS; ) {
        walk.steps.push('Tab');
        await press('Tab');
        f = await page.evaluate(focusedElement);
      }
      walk.steps.push('Escape');
      await press('Escape');
      const closed = await page
        .waitForFunction((id) => document.getElementById(id).getAttribute('aria-modal') !== 'true', focused.modal, { timeout: 3000 })
        .then(() => true, () => false);
      // The DSFR gives focus back to the button once the modal has faded
      // out, and makes the rest of the page interactive again (its focus
      // trap made it inert): a person's next key comes after that.
      await page
        .waitForFunction((id) => document.activeElement?.getAttribute('aria-controls') === id && !document.querySelector('[inert]'), focused.modal, { timeout: 3000 })
        .catch(() => {});
      const back = await page.evaluate(focusedElement);
      walk.closed.push({ modal: focused.modal, closed, opener: opener?.name ?? null, returnedTo: back.name });
      if (!closed) {
        walk.problems.push(`Escape did not close the modal ${focused.modal}`);
        break;
      }
      continue;
    }
    seen.add(focused.key);
    walk.steps.push(focused.name);
    walk.reached.push(focused);

    const look = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { focused: window.__focusStyle(el), unfocused: window.__unfocused.get(el) ?? null, covered: hit !== null && hit !== el && !el.contains(hit), by: hit?.outerHTML.slice(0, 80) ?? null };
    });
    const box = await page.evaluate(focusedBox);
    const shown = look.unfocused !== null && focusShown(look.focused, look.unfocused);
    if (!shown || !box.onScreen || look.covered) {
      walk.invisible.push(
        `${focused.name}: ${shown ? '' : `no focus ring (focused: outline "${look.focused.outline}", box-shadow "${look.focused.boxShadow}", ::before outline "${look.focused.before.outline}"; unfocused: ${JSON.stringify(look.unfocused)}) `}` +
          `${box.onScreen ? '' : `off screen at ${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}×${Math.round(box.height)} `}` +
          `${look.covered ? `covered by ${look.by}` : ''}`,
      );
    }

    if (focused.tag === 'button' && focused.controls && focused.controlledShown === false) {
      const key = focused.nav && subMenus++ % 2 === 1 ? 'Space' : 'Enter';
      walk.steps.push(key);
      await press(key);
      const shownAfter = await page
        .waitForFunction((id) => document.getElementById(id)?.checkVisibility({ visibilityProperty: true }), focused.controls, { timeout: 3000 })
        .then(() => true, () => false);
      const { expandedAfter, holds } = await page.evaluate(
        ([k, id]) => {
          const el = [...document.querySelectorAll('button[aria-controls]')].find((b) => window.__focusKeys.map.get(b) === k);
          const controlled = document.getElementById(id);
          return { expandedAfter: el?.getAttribute('aria-expanded') ?? null, holds: controlled ? [...controlled.querySelectorAll('a[href]')].map((a) => a.href) : [] };
        },
        [focused.key, focused.controls],
      );
      walk.opened.push({ name: focused.name, controls: focused.controls, nav: focused.nav, key, shown: shownAfter, expandedAfter, holds });
    }
  }
  if (walk.steps.length >= MAX_STEPS) walk.problems.push(`${MAX_STEPS} Tab presses without reaching <main>`);
  return walk;
}
