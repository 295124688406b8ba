// The page's web fonts are exactly the Marianne faces the build ships
// (dist/assets.json's `fonts`), no more and no fewer, at 360 and 1280 px:
//
// - the @font-face rules that download a file name exactly those files, and
//   the page requests exactly those, once each, from its own origin;
// - each of them is loaded (document.fonts), and used: some text on the page
//   asks for it (its computed family, weight and style, matched as CSS font
//   matching does);
// - none is synthesised: no text asks for a weight or a style that no face
//   has, which the browser would fake by slanting or emboldening another;
// - every glyph on the page is drawn from one of them (DevTools'
//   CSS.getPlatformFontsForNode, what the renderer used): no character falls
//   back to a system font, and the metric-matched local fallback faces were
//   swapped out.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchWeight, textFaces, webFonts } from './probes.mjs';
import { LANGS, MOBILE, WIDE, browserSuite, lines, openPage, pagePath, settled } from './suite.mjs';

const suite = browserSuite();

for (const { lang } of LANGS) {
  for (const viewport of [MOBILE, WIDE]) {
    test(`${pagePath(lang)} at ${viewport.width}px: the web fonts are the faces dist/assets.json lists, each loaded and used, none synthesised`, async (t) => {
      const { manifest } = suite.site;
      const shipped = manifest.fonts.map((f) => ({ ...f, style: f.style ?? 'normal', url: suite.site.url(f.path) }));
      assert.ok(shipped.length > 0, 'dist/assets.json lists fonts');
      const family = 'Marianne';
      const visit = await openPage(suite, pagePath(lang), { ...viewport, waitUntil: 'networkidle' });
      const { page } = visit;
      try {
        await settled(page);
        const byUrl = (list) => list.map((f) => f.url).sort();

        // What the style sheets declare, and what the page loaded.
        const faces = await page.evaluate(webFonts);
        const downloadable = faces.filter((f) => f.url !== null);
        t.diagnostic(`@font-face: ${faces.map((f) => `${f.family} ${f.weight} ${f.style} ${f.url ? new URL(f.url).pathname : 'local()'} ${f.status}`).join('; ')}`);
        assert.deepEqual(byUrl(downloadable), byUrl(shipped), 'the faces with a file are those of dist/assets.json');
        for (const face of downloadable) {
          const listed = shipped.find((f) => f.url === face.url);
          assert.equal(`${face.family} ${face.weight} ${face.style}`, `${family} ${listed.weight} ${listed.style}`, `${listed.path} is declared as the face dist/assets.json says`);
        }
        const notLoaded = downloadable.filter((f) => f.status !== 'loaded').map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`);
        assert.deepEqual(notLoaded, [], 'every shipped face is loaded (document.fonts)');
        const requested = visit.seen.resources.filter((r) => r.type === 'font').map((r) => r.url).sort();
        assert.deepEqual(requested, byUrl(shipped), 'the page requests each shipped face once, and no other font');

        // What the text asks for, and which face that gives.
        const asked = await page.locator('body').evaluate(textFaces);
        for (const a of asked) t.diagnostic(`text in ${a.family} ${a.weight} ${a.style}: ${a.characters} characters, e.g. "${a.sample}"`);
        const others = asked.filter((a) => a.family !== family);
        assert.deepEqual(others.map((a) => `${a.family} (${a.sample})`), [], `all text is set in ${family}`);
        const used = new Set();
        const synthesised = [];
        for (const a of asked) {
          const sameStyle = shipped.filter((f) => f.style === a.style).map((f) => f.weight);
          if (sameStyle.length === 0) {
            synthesised.push(`${a.style} text at weight ${a.weight}, no ${a.style} face shipped: the browser slants an upright one (${a.characters} characters, e.g. "${a.sample}")`);
            continue;
          }
          const { chosen, syntheticBold } = matchWeight(a.weight, sameStyle);
          used.add(`${chosen} ${a.style}`);
          if (syntheticBold) synthesised.push(`weight ${a.weight} drawn from the ${chosen} face, emboldened (e.g. "${a.sample}")`);
        }
        const unused = shipped.filter((f) => !used.has(`${f.weight} ${f.style}`)).map((f) => `${f.path} (${f.weight} ${f.style})`);
        assert.deepEqual(unused, [], 'every shipped face is used by some text on the page');

        // What the renderer drew every glyph with.
        const drawn = await platformFonts(visit);
        t.diagnostic(`glyphs drawn: ${[...drawn].map(([name, n]) => `${name} ${n}`).join(', ')}`);
        // A face's PostScript name is its file's name without the underscore
        // (`Marianne-Bold_Italic.woff2` draws as `Marianne-BoldItalic`).
        const postscript = (name) => name.replaceAll('_', '');
        const files = new Set(shipped.map((f) => postscript(f.file)));
        const strays = [...drawn.keys()].filter((name) => !files.has(postscript(name.split(' ')[0])));
        assert.deepEqual(strays, [], `glyphs drawn from fonts other than the shipped faces (${[...files].join(', ')})`);

        assert.deepEqual(synthesised, [], `faces the browser synthesises, for want of a shipped one:\n${lines(synthesised, String)}`);
      } finally {
        await visit.close();
      }
    });
  }
}

/**
 * The fonts the renderer used for the text of the page's body, by
 * PostScript name (with "(system)" for a font that is not a web font), with
 * how many glyphs each drew.
 */
async function platformFonts(visit) {
  const cdp = await visit.context.newCDPSession(visit.page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body, body *' });
    const drawn = new Map();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of fonts) {
        const name = `${font.postScriptName || font.familyName}${font.isCustomFont ? '' : ' (system)'}`;
        drawn.set(name, (drawn.get(name) ?? 0) + font.glyphCount);
      }
    }
    return drawn;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
