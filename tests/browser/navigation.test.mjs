// Moving around: the language selector, opened as a person opens it (on a
// phone, from the menu), leads to the other language's page, which says its
// language on <html>; a link to a section (#id) lands on that
// section's heading, old links to the historical permalink included (its 302
// to the reader's language keeps the fragment).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { animationsFinished } from './probes.mjs';
import { LANGS, MOBILE, WIDE, browserSuite, lines, openPage, pagePath, settled } from './suite.mjs';

const suite = browserSuite();

/** The sections that other pages link to, which must keep their ids. */
const LINKED_SECTIONS = { fr: ['qui-sommes-nous', 'pourquoi-lancer-une-startup-detat'] };

for (const { lang, other } of LANGS) {
  for (const viewport of [MOBILE, WIDE]) {
    test(`${pagePath(lang)} at ${viewport.width}px: the language selector leads to ${pagePath(other)}, in ${other}`, async (t) => {
      const visit = await openPage(suite, pagePath(lang), viewport);
      const { page } = visit;
      try {
        await settled(page);
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `<html lang> of ${pagePath(lang)}`);
        const switchers = await page.evaluate(
          (path) =>
            [...document.querySelectorAll('a[href]')]
              .filter((a) => a.origin === location.origin && a.pathname === path)
              .map((a) => ({ text: a.textContent.trim(), lang: a.closest('[lang]')?.lang ?? null })),
          pagePath(other),
        );
        assert.ok(switchers.length > 0, `no link on ${pagePath(lang)} leads to ${pagePath(other)}`);
        // Its text is in the other language, and says so (WCAG 3.1.2, RGAA 8.7).
        for (const switcher of switchers) {
          assert.equal(switcher.lang, other, `the link "${switcher.text}" to ${pagePath(other)} should be marked lang="${other}"`);
        }

        // As a person does: open what holds the link (the menu modal on a
        // phone, then the language selector), then click it. Playwright's
        // clicks check that each is visible, stable and the one that
        // receives the click at its centre.
        const route = await page.evaluate((path) => {
          const controllers = (el) => {
            const chain = [];
            for (let a = el.parentElement; a; a = a.parentElement) {
              if (a.id && document.querySelector(`button[aria-controls="${a.id}"]`)) chain.unshift(a.id);
            }
            return chain;
          };
          const visible = (id) => [...document.querySelectorAll(`button[aria-controls="${id}"]`)].some((b) => b.checkVisibility({ visibilityProperty: true }));
          for (const [index, a] of [...document.querySelectorAll('a[href]')].entries()) {
            if (a.origin !== location.origin || a.pathname !== path) continue;
            const chain = controllers(a);
            if (a.checkVisibility({ visibilityProperty: true }) || (chain.length > 0 && visible(chain[0]))) return { index, chain };
          }
          return null;
        }, pagePath(other));
        assert.ok(route, `no link to ${pagePath(other)} is shown, or opened by a button that is`);
        t.diagnostic(`opened: ${route.chain.join(' → ') || 'nothing'}`);
        for (const id of route.chain) {
          await page.locator(`button[aria-controls="${id}"]`).filter({ visible: true }).first().click({ timeout: 5000 });
          await page.evaluate(animationsFinished);
        }
        const target = page.locator('a[href]').nth(route.index);
        const navigated = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame(), { timeout: 5000 });
        await target.click({ timeout: 5000 });
        const response = await navigated;
        await page.waitForLoadState('load');
        assert.equal(response.status(), 200, `${pagePath(other)} after the switcher`);
        assert.equal(new URL(page.url()).pathname, pagePath(other));
        assert.equal(await page.evaluate(() => document.documentElement.lang), other, `<html lang> of ${pagePath(other)}`);
      } finally {
        await visit.close();
      }
    });
  }

  test(`${pagePath(lang)}#<id>: every section heading with an id is landed on`, async (t) => {
    const visit = await openPage(suite, pagePath(lang), WIDE);
    const ids = await visit.page.evaluate(() => [...document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)[id]')].map((h) => h.id));
    await visit.close();
    const linked = LINKED_SECTIONS[lang] ?? [];
    const missing = linked.filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], `headings linked to from elsewhere, missing from ${pagePath(lang)} (ids there: ${ids.join(', ')})`);
    assert.ok(ids.length > 0, `no heading of ${pagePath(lang)} has an id to link to`);
    t.diagnostic(`${ids.length} headings with an id: ${ids.join(', ')}`);

    const astray = [];
    for (const id of ids) {
      const landing = await landOn(`${pagePath(lang)}#${id}`, id);
      if (!landing.landed) astray.push(`#${id}: ${JSON.stringify(landing)}`);
    }
    assert.deepEqual(astray, [], `fragments that do not land on their heading:\n${lines(astray, String)}`);
  });
}

for (const [locale, lang, id] of [
  ['fr-FR', 'fr', 'qui-sommes-nous'],
  ['fr-FR', 'fr', 'pourquoi-lancer-une-startup-detat'],
  ['en-GB', 'en', 'pourquoi-lancer-une-startup-detat'],
]) {
  test(`an old link, /apropos/#${id}, in a ${locale} browser: ${pagePath(lang)}#${id}, on its heading`, async () => {
    const landing = await landOn(`/apropos/#${id}`, id, { locale });
    assert.equal(landing.path, pagePath(lang), 'the 302 leads to the reader\'s language');
    assert.equal(landing.hash, `#${id}`, 'the fragment is kept across the redirect');
    assert.ok(landing.landed, JSON.stringify(landing));
  });
}

/**
 * Opens `url` afresh, as a link from elsewhere would, and tells whether the
 * heading with `id` is the target and at the top of the viewport (below its
 * scroll-margin), or fully in view with the page scrolled to its end when it
 * is too near the end to reach the top.
 */
async function landOn(url, id, { locale } = {}) {
  const visit = await openPage(suite, url, { ...WIDE, locale });
  try {
    const where = () =>
      visit.page.evaluate((id) => {
        const heading = document.getElementById(id);
        const rect = heading.getBoundingClientRect();
        const margin = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
        const atTop = Math.abs(rect.top - margin) <= 1;
        const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
        const inView = rect.top >= -1 && rect.bottom <= innerHeight + 1;
        return {
          path: location.pathname,
          hash: location.hash,
          target: heading.matches(':target'),
          top: Math.round(rect.top),
          scrollY: Math.round(scrollY),
          landed: heading.matches(':target') && inView && (atTop || atEnd),
        };
      }, id);
    // A smooth scroll-behavior may still be moving: give it up to 2 s.
    const deadline = Date.now() + 2000;
    let landing = await where();
    while (!landing.landed && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      landing = await where();
    }
    return landing;
  } finally {
    await visit.close();
  }
}
