// The in-page probes of probes.mjs on small pages built to pass and to fail,
// in the same Chromium: the browser tests are only as good as these, and a
// probe that always answered "fine" would make them pass on any page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium } from './chromium.mjs';
import {
  describeElement,
  focusStyle,
  focusedBox,
  horizontalOverflow,
  printedLinks,
  renderedLines,
  tabbableElements,
  watchCspViolations,
} from './probes.mjs';

let chromium;
before(async () => (chromium = await launchChromium()));
after(() => chromium?.close());

/** A page with `html` as its body (and `css` in its head) at `width`. */
async function fixture(t, html, { css = '', width = 1280, height = 800 } = {}) {
  const context = await chromium.browser.newContext({ viewport: { width, height } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.setContent(`<!DOCTYPE html><html lang="en"><head><style>${css}</style></head><body>${html}</body></html>`);
  return page;
}

test('tabbableElements: links with href, enabled controls, tabindex ≥ 0, rendered, not inert', async (t) => {
  const page = await fixture(
    t,
    `<a href="#x">link</a> <a>no href</a> <button disabled>off</button> <button>on</button>
     <div tabindex="0">div0</div> <span tabindex="-1">minus</span> <input type="hidden">
     <a href="/y" style="display:none">none</a> <a href="/v" style="visibility:hidden">hidden</a>
     <div inert><a href="/z">inert</a></div>`,
  );
  const handle = await page.evaluateHandle(tabbableElements);
  const count = await handle.evaluate((list) => list.length);
  const found = [];
  for (let i = 0; i < count; i++) found.push(await (await handle.evaluateHandle((list, i) => list[i], i)).evaluate(describeElement));
  assert.deepEqual(found, ['a[href="#x"] "link"', 'button "on"', 'div "div0"']);
});

test('focusStyle: an outline counts when it has a style, a width and a colour', async (t) => {
  const page = await fixture(
    t,
    `<a id="solid" href="#">a</a> <a id="none" href="#">b</a> <a id="clear" href="#">c</a> <a id="zero" href="#">d</a> <a id="shadow" href="#">e</a>`,
    {
      css: `#solid { outline: 2px solid #000091 } #none { outline: none } #clear { outline: 2px solid transparent }
            #zero { outline: 0 solid red } #shadow { outline: none; box-shadow: 0 0 0 3px #000091 }`,
    },
  );
  const visible = {};
  for (const id of ['solid', 'none', 'clear', 'zero', 'shadow']) visible[id] = (await page.locator(`#${id}`).evaluate(focusStyle)).outlineVisible;
  assert.deepEqual(visible, { solid: true, none: false, clear: false, zero: false, shadow: false });
  assert.notEqual((await page.locator('#shadow').evaluate(focusStyle)).boxShadow, 'none');
});

test('focusedBox: a skip link parked off screen is not seen, shown on focus it is', async (t) => {
  const page = await fixture(t, `<a id="hidden" href="#m">skip</a><a id="shown" href="#m">skip</a><main id="m">text</main>`, {
    css: `a { position: absolute; left: -9999px } #shown:focus { left: 0 }`,
  });
  await page.focus('#hidden');
  assert.equal((await page.evaluate(focusedBox)).onScreen, false);
  await page.focus('#shown');
  assert.equal((await page.evaluate(focusedBox)).onScreen, true);
});

test('renderedLines: counts the characters of each line as laid out', async (t) => {
  const words = Array.from({ length: 60 }, (_, i) => `w${i % 10}rd`).join(' ');
  const page = await fixture(
    t,
    `<main>
       <p id="narrow">${words}</p>
       <p id="mixed">aaa <strong style="font-size: 2em">bbb</strong> <a href="#">ccc</a>   ddd</p>
       <pre>${'x'.repeat(200)}</pre>
     </main>`,
    { css: `main { font: 16px/1.5 "DejaVu Sans Mono", monospace } #narrow { width: 30ch }` },
  );
  const measured = await page.locator('main').evaluate(renderedLines);
  const narrow = measured.filter((l) => l.text.startsWith('w'));
  assert.ok(narrow.length >= 10, `the 30ch paragraph wraps into many lines: ${JSON.stringify(narrow)}`);
  assert.ok(narrow.every((l) => l.length <= 30), `none over 30 characters: ${JSON.stringify(narrow)}`);
  assert.ok(narrow.some((l) => l.length >= 25), `lines fill the column: ${JSON.stringify(narrow)}`);
  assert.equal(narrow.map((l) => l.text).join(' '), words, 'every word is on exactly one line');
  assert.ok(measured.some((l) => l.text === 'aaa bbb ccc ddd' && l.length === 15), `inline elements stay on their line: ${JSON.stringify(measured)}`);
  assert.ok(!measured.some((l) => l.text.includes('xxx')), 'pre is left out');
});

test('horizontalOverflow: sees a page that scrolls sideways, content clipped at the edge, and ignores scrollers', async (t) => {
  const wide = await fixture(t, `<div id="wide" style="width: 500px">wide</div>`, { width: 320 });
  const scrolls = await wide.evaluate(horizontalOverflow);
  assert.ok(scrolls.scrollWidth > scrolls.viewport, JSON.stringify(scrolls));
  assert.ok(scrolls.sticking.some((s) => s.startsWith('div#wide')), JSON.stringify(scrolls));

  const clipped = await fixture(t, `<div id="wide" style="width: 500px">wide</div>`, { width: 320, css: 'html, body { overflow-x: hidden }' });
  const cut = await clipped.evaluate(horizontalOverflow);
  assert.ok(cut.scrollWidth <= cut.viewport, 'overflow-x: hidden removes the scroll...');
  assert.ok(cut.sticking.some((s) => s.startsWith('div#wide')), `...but not the loss: ${JSON.stringify(cut)}`);

  const scroller = await fixture(t, `<div style="overflow-x: auto"><table style="width: 600px"><tr><td>cell</td></tr></table></div><p>text</p>`, { width: 320 });
  assert.deepEqual(await scroller.evaluate(horizontalOverflow), { viewport: 320, scrollWidth: 320, sticking: [] });
});

test('printedLinks: a link shows its URL in print through ::after, or by being the URL', async (t) => {
  const page = await fixture(
    t,
    `<a href="https://beta.gouv.fr/communaute/">la communauté</a> <a href="/relative/">relative</a>
     <a href="mailto:contact@beta.gouv.fr">contact@beta.gouv.fr</a> <a href="#top">anchor</a>
     <a href="https://www.data.gouv.fr/">data.gouv.fr</a> <a href="https://www.data.gouv.fr/fr/">data.gouv.fr</a>`,
    { css: `@media print { a[href^="http"]::after { content: " (" attr(href) ")" } }` },
  );
  const onScreen = await page.locator('body').evaluate(printedLinks);
  assert.deepEqual(onScreen.map((l) => [l.href, l.showsUrl]), [
    ['https://beta.gouv.fr/communaute/', false],
    ['/relative/', false],
    ['mailto:contact@beta.gouv.fr', true],
    ['https://www.data.gouv.fr/', true],
    ['https://www.data.gouv.fr/fr/', false],
  ]);
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('body').evaluate(printedLinks);
  assert.deepEqual(printed.map((l) => [l.href, l.showsUrl]), [
    ['https://beta.gouv.fr/communaute/', true],
    ['/relative/', false],
    ['mailto:contact@beta.gouv.fr', true],
    ['https://www.data.gouv.fr/', true],
    ['https://www.data.gouv.fr/fr/', true],
  ]);
  assert.equal(printed[0].printed, 'la communauté (https://beta.gouv.fr/communaute/)');
});

test('watchCspViolations: reports what a Content-Security-Policy header refuses, enforced or report-only', async (t) => {
  const context = await chromium.browser.newContext();
  t.after(() => context.close());
  await context.addInitScript(watchCspViolations);
  // Served by the browser itself: nothing leaves the machine.
  const body = '<!DOCTYPE html><html lang="en"><title>csp</title><style>p { color: red }</style><p>text</p><img alt="" src="data:,">';
  const serve = (headers) => (route) => route.fulfill({ status: 200, contentType: 'text/html', headers, body });
  await context.route('http://strict.test/', serve({ 'content-security-policy': "default-src 'none'" }));
  await context.route('http://report.test/', serve({ 'content-security-policy-report-only': "default-src 'none'" }));
  await context.route('http://open.test/', serve({}));
  const seen = {};
  for (const host of ['strict', 'report', 'open']) {
    const page = await context.newPage();
    await page.goto(`http://${host}.test/`);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50))); // the events are queued tasks
    // Distinct kinds: under report-only, /favicon.ico (which the page does not
    // declare) is fetched, and reported as a second img-src.
    seen[host] = [...new Set((await page.evaluate(() => window.__cspViolations)).map((v) => `${v.disposition} ${v.directive}`))].sort();
  }
  assert.deepEqual(seen, {
    strict: ['enforce img-src', 'enforce style-src-elem'],
    report: ['report img-src', 'report style-src-elem'],
    open: [],
  });
});
