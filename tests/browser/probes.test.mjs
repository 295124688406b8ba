// The in-page probes of probes.mjs on small pages built to pass and to fail,
// in the same Chromium: the browser tests are only as good as these, and a
// probe that always answered "fine" would make them pass on any page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium } from './chromium.mjs';
import {
  animationsFinished,
  describeElement,
  focusShown,
  focusStyle,
  focusedBox,
  focusedElement,
  horizontalOverflow,
  matchWeight,
  printedLinks,
  renderedLines,
  tabbableElements,
  textFaces,
  watchCspViolations,
  webFonts,
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

test('focusStyle and focusShown: a ring on the element or on its ::before counts, a ring always there does not', async (t) => {
  const page = await fixture(
    t,
    `<a id="own" href="#">a</a> <div class="big"><a id="pseudo" href="#">b</a></div> <a id="always" href="#">c</a> <a id="bare" href="#">d</a>`,
    {
      css: `a { outline: none } #own:focus { outline: 2px solid #0a76f6 }
            .big a::before { content: ""; position: absolute; inset: 0; outline-style: inherit; outline-width: 2px; outline-color: #0a76f6 }
            .big { position: relative } .big a:focus { outline-style: solid; outline-width: 0 }
            #always { outline: 2px solid red }`,
    },
  );
  const shown = {};
  for (const id of ['own', 'pseudo', 'always', 'bare']) {
    const el = page.locator(`#${id}`);
    const before = await el.evaluate(focusStyle);
    await el.focus();
    shown[id] = focusShown(await el.evaluate(focusStyle), before);
  }
  assert.deepEqual(shown, { own: true, pseudo: true, always: false, bare: false });
});

test('focusedElement: names the focused element for the whole visit, says what it controls and where it is', async (t) => {
  const page = await fixture(
    t,
    `<header><nav aria-label="main"><button id="b" aria-controls="m" aria-expanded="false">Open</button><ul id="m" hidden><li><a href="/x">x</a></li></ul></nav></header>
     <div id="d" aria-modal="true"><a id="in" href="/y">y</a></div><main><a id="m1" href="/z">z</a></main>`,
  );
  assert.equal((await page.evaluate(focusedElement)).key, null);
  await page.focus('#b');
  const button = await page.evaluate(focusedElement);
  assert.deepEqual(
    { name: button.name, nav: button.nav, controls: button.controls, controlledShown: button.controlledShown, expanded: button.expanded, pastHeader: button.pastHeader, modal: button.modal },
    { name: 'button#b "Open"', nav: 'main', controls: 'm', controlledShown: false, expanded: 'false', pastHeader: false, modal: null },
  );
  await page.focus('#in');
  const inModal = await page.evaluate(focusedElement);
  assert.equal(inModal.modal, 'd');
  assert.match(inModal.href, /\/y$/, 'the href, resolved');
  await page.focus('#m1');
  assert.equal((await page.evaluate(focusedElement)).pastHeader, true);
  await page.focus('#b');
  assert.equal((await page.evaluate(focusedElement)).key, button.key, 'the same element keeps its key');
});

test('animationsFinished: waits for a running transition to end', async (t) => {
  const page = await fixture(t, `<div id="box" style="width: 10px; transition: width 300ms linear">box</div>`);
  await page.evaluate(() => {
    document.getElementById('box').getBoundingClientRect();
    document.getElementById('box').style.width = '200px';
  });
  await page.evaluate(animationsFinished);
  assert.equal(await page.evaluate(() => document.getElementById('box').getBoundingClientRect().width), 200);
});

test('textFaces: the family, weight and style the rendered text asks for; hidden text is left out', async (t) => {
  const page = await fixture(
    t,
    `<p>plain <strong>bold</strong> <em>it</em> <strong><em>both</em></strong></p><p hidden>gone</p><p style="visibility: hidden">unseen</p>`,
    { css: `body { font-family: "Some Face", sans-serif }` },
  );
  const faces = (await page.locator('body').evaluate(textFaces)).map((f) => `${f.family} ${f.weight} ${f.style} ${f.characters}`).sort();
  assert.deepEqual(faces, ['Some Face 400 italic 2', 'Some Face 400 normal 5', 'Some Face 700 italic 4', 'Some Face 700 normal 4']);
});

test('matchWeight: CSS font matching over the shipped weights, and when bold is faked', () => {
  const shipped = [400, 500, 700];
  assert.deepEqual(matchWeight(400, shipped), { chosen: 400, syntheticBold: false });
  assert.deepEqual(matchWeight(450, shipped), { chosen: 500, syntheticBold: false });
  assert.deepEqual(matchWeight(600, shipped), { chosen: 700, syntheticBold: false });
  assert.deepEqual(matchWeight(300, shipped), { chosen: 400, syntheticBold: false });
  assert.deepEqual(matchWeight(900, shipped), { chosen: 700, syntheticBold: false });
  assert.deepEqual(matchWeight(700, [400, 500]), { chosen: 500, syntheticBold: true });
  assert.deepEqual(matchWeight(500, [400, 700]), { chosen: 400, syntheticBold: false });
});

test('webFonts: every @font-face with its file (or none, for local()) and its status', async (t) => {
  const page = await fixture(t, `<p>text</p>`, {
    css: `@font-face { font-family: Web; font-weight: 700; src: url(data:font/woff2;base64,AAAA) format("woff2") }
          @font-face { font-family: "Local Face"; src: local(Arial) }`,
  });
  const faces = await page.evaluate(webFonts);
  assert.deepEqual(
    faces.map((f) => [f.family, f.weight, f.style, f.url?.slice(0, 10) ?? null, typeof f.status]),
    [
      ['Web', 700, 'normal', 'data:font/', 'string'],
      ['Local Face', 400, 'normal', null, 'string'],
    ],
  );
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
  assert.deepEqual(await scroller.evaluate(horizontalOverflow), { viewport: 320, scrollWidth: 320, sticking: [], hidden: [] });
});

test('horizontalOverflow: a transparent box past the edge loses nothing; a hidden one still widens the page, and is named', async (t) => {
  const page = await fixture(
    t,
    `<div id="bar" style="margin-right: -8px"><button style="width: 40px; float: right; margin-right: 8px">x</button></div>
     <div id="framed" style="margin-right: -8px; border: 1px solid"></div>
     <div id="menu" style="visibility: hidden; position: absolute; left: 250px; width: 100px">menu</div>`,
    { width: 320, css: 'body { margin: 0 }' },
  );
  const overflow = await page.evaluate(horizontalOverflow);
  assert.deepEqual(overflow.sticking, ['div#framed reaches 328px']);
  assert.equal(overflow.scrollWidth, 350);
  assert.deepEqual(overflow.hidden, ['div#menu (not rendered) reaches 350px']);
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
