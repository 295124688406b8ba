// The page on paper: with print media emulated, the navigation chrome (skip
// link, language switcher, any <nav>) is hidden, and every link of the text
// (in <main>) that leaves the page shows where it goes. The header's link home
// is site identity, not text, and is left to the print stylesheet's judgement.
// A screenshot of the print rendering is left in target/screenshots/ as
// {lang}-print.png.

import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../e2e/worker.mjs';
import { printedLinks } from './probes.mjs';
import { LANGS, WIDE, browserSuite, lines, openPage, pagePath, screenshot } from './suite.mjs';

const suite = browserSuite();

/**
 * The navigation chrome of the page, each element with whether it is
 * rendered now: every <nav> or role=navigation, the skip link (a link to the
 * id of <main>) and the language switcher (links to the other language's page).
 */
function chrome(otherPath) {
  const main = document.querySelector('main');
  const elements = new Map();
  const add = (el, what) => elements.set(el, what);
  for (const el of document.querySelectorAll('nav, [role="navigation"]')) add(el, `<${el.tagName.toLowerCase()}> navigation`);
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    if (main && main.id && a.getAttribute('href') === `#${main.id}`) add(a, `skip link "${a.textContent.trim()}"`);
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.origin === location.origin && a.pathname === otherPath) add(a, `language switcher "${a.textContent.trim()}"`);
  }
  return [...elements].map(([el, what]) => ({ what, rendered: el.checkVisibility({ visibilityProperty: true }) }));
}

for (const { lang, other } of LANGS) {
  test(`${pagePath(lang)} printed: no navigation chrome, link URLs shown (screenshot ${lang}-print.png)`, async (t) => {
    const visit = await openPage(suite, pagePath(lang), WIDE);
    const { page } = visit;
    try {
      const onScreen = await page.evaluate(chrome, pagePath(other));
      const kinds = onScreen.map((c) => c.what.split(' ')[0]);
      assert.ok(kinds.includes('skip'), `no skip link found on ${pagePath(lang)}: ${JSON.stringify(onScreen)}`);
      assert.ok(kinds.includes('language'), `no language switcher found on ${pagePath(lang)}: ${JSON.stringify(onScreen)}`);
      const hiddenOnScreen = onScreen.filter((c) => !c.rendered).map((c) => c.what);
      assert.deepEqual(hiddenOnScreen, [], 'navigation chrome that is not even rendered on screen');

      await page.emulateMedia({ media: 'print' });
      t.diagnostic(`screenshot: ${relative(ROOT, await screenshot(page, `${lang}-print`))}`);
      const printed = await page.evaluate(chrome, pagePath(other));
      const stillThere = printed.filter((c) => c.rendered).map((c) => c.what);
      assert.deepEqual(stillThere, [], `navigation chrome still printed:\n${lines(stillThere, String)}`);

      const links = await page.locator('main').evaluate(printedLinks);
      assert.ok(links.length > 0, `no link in the text of ${pagePath(lang)}`);
      const silent = links.filter((l) => !l.showsUrl);
      assert.equal(silent.length, 0, `${silent.length} of ${links.length} printed links do not show their URL:\n${lines(silent, (l) => `"${l.printed}" → ${l.href}`)}`);
    } finally {
      await visit.close();
    }
  });
}
