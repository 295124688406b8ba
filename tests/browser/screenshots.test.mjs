// Screenshots of both pages for people to look at (the README shows them),
// in target/screenshots/ (not committed; `make clean` removes them):
//
//   {lang}-{360,768,1280}.png        the viewport, once loaded (fonts in, the DSFR's scripts started)
//   {lang}-{360,768,1280}-full.png   the whole page
//   {lang}-360-menu.png              the mobile menu open, its first sub-menu open
//   {lang}-1280-menu.png             the first sub-menu of the navigation open
//   {lang}-print.png                 the print rendering (print.test.mjs)
//
// What is asserted is only that each was taken, of the state it names.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../e2e/worker.mjs';
import { animationsFinished } from './probes.mjs';
import { siteChrome } from './site-content.mjs';
import { LANGS, MOBILE, TABLET, WIDE, browserSuite, openPage, pagePath, screenshot, settled } from './suite.mjs';

const suite = browserSuite();

/** Takes a screenshot and checks it was written; returns its path, relative to the repository. */
async function shoot(page, name, options) {
  const path = await screenshot(page, name, options);
  assert.ok(statSync(path).size > 1000, `${path} was written`);
  return relative(ROOT, path);
}

for (const { lang } of LANGS) {
  for (const viewport of [MOBILE, TABLET, WIDE]) {
    test(`${pagePath(lang)} at ${viewport.width}px: screenshots of the viewport and of the whole page`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      try {
        await settled(visit.page);
        t.diagnostic(await shoot(visit.page, `${lang}-${viewport.width}`, { fullPage: false }));
        t.diagnostic(await shoot(visit.page, `${lang}-${viewport.width}-full`));
      } finally {
        await visit.close();
      }
    });
  }

  test(`${pagePath(lang)}: screenshots of the open menus, at ${MOBILE.width}px and ${WIDE.width}px`, async (t) => {
    const chrome = siteChrome(lang, suite.site.base);
    const [firstSubMenu] = chrome.subMenus;
    for (const viewport of [MOBILE, WIDE]) {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await settled(page);
        if (viewport.mobile) {
          await page.getByRole('button', { name: chrome.site.header.menu, exact: true }).click();
          await page.evaluate(animationsFinished);
        }
        const button = page.locator('nav button[aria-controls]', { hasText: firstSubMenu });
        await button.click();
        await page.evaluate(animationsFinished);
        assert.equal(await button.getAttribute('aria-expanded'), 'true', `the sub-menu "${firstSubMenu}" is open`);
        t.diagnostic(await shoot(page, `${lang}-${viewport.width}-menu`, { fullPage: false }));
      } finally {
        await visit.close();
      }
    }
  });
}
