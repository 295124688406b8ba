// The page on paper: with print media emulated, the content prints without
// the header's menus and controls (the navigation, the search, the language
// selector, the skip links, the menu and search buttons), the title and text
// of <main> do print, and every link of the text that leaves the page shows
// where it goes. What the header keeps (the bloc marque, the site's name)
// and the footer are the print stylesheet's judgement. A screenshot of the
// print rendering is left in target/screenshots/{lang}-print.png.
//
// Those parts are found by their role in the page (landmarks, the search
// form, controls of the modals, the links to the other languages' pages),
// not by the DSFR's class names.

import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../e2e/worker.mjs';
import { printedLinks } from './probes.mjs';
import { siteChrome } from './site-content.mjs';
import { LANGS, WIDE, browserSuite, lines, openPage, pagePath, screenshot, settled } from './suite.mjs';

const suite = browserSuite();

/**
 * The header's menus and controls, each with whether it is rendered now:
 * every <nav> or role=navigation in the header, the skip links' block, the
 * search form (role=search), the links to the other languages' pages and
 * the buttons that open a menu or a modal (aria-controls).
 */
function chrome(otherHrefs) {
  const elements = new Map();
  const add = (el, what) => elements.set(el, what);
  const name = (el) => (el.getAttribute('aria-label') || el.textContent).trim().replace(/\s+/g, ' ').slice(0, 40);
  const main = document.querySelector('main');
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    if (main?.id && a.getAttribute('href') === `#${main.id}`) add(a.closest('nav') ?? a, `skip links "${name(a.closest('nav') ?? a)}"`);
  }
  for (const el of document.querySelectorAll('header nav, header [role="navigation"]')) add(el, `navigation "${name(el)}"`);
  for (const el of document.querySelectorAll('header [role="search"], header form')) add(el, `search form "${name(el)}"`);
  for (const a of document.querySelectorAll('header a[href]')) if (otherHrefs.includes(a.href)) add(a, `language link "${name(a)}"`);
  for (const b of document.querySelectorAll('header button[aria-controls]')) add(b, `button "${name(b)}"`);
  return [...elements].map(([el, what]) => ({ what, rendered: el.checkVisibility({ visibilityProperty: true }) }));
}

for (const { lang } of LANGS) {
  test(`${pagePath(lang)} printed: no header menu, search or language selector; the text, with its links' URLs (screenshot ${lang}-print.png)`, async (t) => {
    const visit = await openPage(suite, pagePath(lang), WIDE);
    const { page } = visit;
    try {
      await settled(page);
      const others = siteChrome(lang, suite.site.base).languages.filter((l) => !l.current).map((l) => l.href);
      const onScreen = await page.evaluate(chrome, others);
      const kinds = new Set(onScreen.map((c) => c.what.split(' ')[0]));
      for (const kind of ['skip', 'navigation', 'search', 'language', 'button']) assert.ok(kinds.has(kind), `no ${kind} found in the header of ${pagePath(lang)}: ${JSON.stringify(onScreen)}`);
      t.diagnostic(`on screen: ${onScreen.map((c) => `${c.what}${c.rendered ? '' : ' (hidden)'}`).join(', ')}`);

      await page.emulateMedia({ media: 'print' });
      t.diagnostic(`screenshot: ${relative(ROOT, await screenshot(page, `${lang}-print`))}`);
      const printed = await page.evaluate(chrome, others);
      const stillThere = printed.filter((c) => c.rendered).map((c) => c.what);
      assert.deepEqual(stillThere, [], `header menus and controls still printed:\n${lines(stillThere, String)}`);

      const text = await page.evaluate(() => {
        const main = document.querySelector('main');
        return { main: main.checkVisibility({ visibilityProperty: true }), title: main.querySelector('h1')?.checkVisibility({ visibilityProperty: true }) ?? false, length: main.innerText.length };
      });
      assert.ok(text.main && text.title && text.length > 1000, `the text prints: ${JSON.stringify(text)}`);

      const links = await page.locator('main').evaluate(printedLinks);
      assert.ok(links.length > 0, `no link in the text of ${pagePath(lang)}`);
      const silent = links.filter((l) => !l.showsUrl);
      assert.equal(silent.length, 0, `${silent.length} of ${links.length} printed links do not show their URL:\n${lines(silent, (l) => `"${l.printed}" → ${l.href}`)}`);
    } finally {
      await visit.close();
    }
  });
}
