// Tests of scripts/assets/og-image.mjs, the pages' Open Graph image: a
// 1200×630 PNG, the same bytes for the same inputs, drawn with the bloc
// marque the DSFR package draws (read from its CSS, unmodified), and a clear
// error when the package no longer draws it the way the module reads it.
//
// Run with: node --test tests/assets/*.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { blocMarque, OG_HEIGHT, OG_WIDTH, ogImage } from '../../scripts/assets/og-image.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DSFR = join(ROOT, 'node_modules', '@gouvfr', 'dsfr', 'dist');
const LOGO_CSS = join(DSFR, 'component', 'logo', 'logo.main.css');
const MODULE = join(ROOT, 'scripts', 'assets', 'og-image.mjs');

const FR = { dsfr: DSFR, title: 'À propos', site: 'beta.gouv.fr', tagline: 'Le réseau des incubateurs de Startups d’État' };
const EN = { dsfr: DSFR, title: 'About', site: 'beta.gouv.fr', tagline: 'The network of State Startup incubators' };

/** The PNG's IHDR width and height, after checking its signature and that IHDR is its first chunk. */
function pngSize(png) {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.readUInt32BE(8), 13, 'IHDR length');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR', 'first chunk is IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

describe('ogImage', () => {
  let fr;
  before(async () => {
    fr = await ogImage(FR);
  });

  test('exports the size of the image', () => {
    assert.equal(OG_WIDTH, 1200);
    assert.equal(OG_HEIGHT, 630);
  });

  test('is a 1200×630 PNG', () => {
    assert.ok(Buffer.isBuffer(fr));
    assert.deepEqual(pngSize(fr), { width: OG_WIDTH, height: OG_HEIGHT });
    assert.equal(fr.toString('latin1', fr.length - 8, fr.length - 4), 'IEND', 'ends with IEND');
  });

  test('the same inputs give the same bytes, in this process and in another', async () => {
    const again = await ogImage({ ...FR });
    assert.ok(fr.equals(again), 'two renders in one process differ');
    const script = `import { ogImage } from ${JSON.stringify(MODULE)};
      import { createHash } from 'node:crypto';
      const png = await ogImage(${JSON.stringify(FR)});
      process.stdout.write(createHash('sha256').update(png).digest('hex'));`;
    const other = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(other, sha256(fr), 'a render in a fresh process differs');
  });

  test('a different title, or language, gives different bytes', async () => {
    const en = await ogImage(EN);
    assert.deepEqual(pngSize(en), { width: OG_WIDTH, height: OG_HEIGHT });
    assert.ok(!fr.equals(en));
    const other = await ogImage({ ...FR, title: 'À propos de nous' });
    assert.ok(!fr.equals(other));
  });

  test('very long titles and taglines still render, within 200 KB', async () => {
    const cases = [
      { title: 'Comment est financée une Startup d’État et qui porte les coûts de développement ?' },
      { title: 'Anticonstitutionnellement '.repeat(20), tagline: 'Une très longue description '.repeat(12) },
      { title: 'Supercalifragilisticexpialidocious'.repeat(8) },
      { title: 'W'.repeat(300) },
    ];
    for (const inputs of cases) {
      const png = await ogImage({ ...FR, ...inputs });
      assert.deepEqual(pngSize(png), { width: OG_WIDTH, height: OG_HEIGHT });
      assert.ok(png.length < 200 * 1024, `${png.length} bytes for ${inputs.title.slice(0, 30)}…`);
    }
    assert.ok(fr.length < 200 * 1024);
  });

  test('rejects missing inputs', async () => {
    await assert.rejects(ogImage({ ...FR, title: '' }), /`title` must be a non-empty string/);
    await assert.rejects(ogImage({ ...FR, dsfr: undefined }), /`dsfr` must be a non-empty string/);
  });
});

describe('the bloc marque, read from the DSFR package', () => {
  const css = readFileSync(LOGO_CSS, 'utf8');
  const marque = blocMarque(DSFR);

  test('is read from the logo component stylesheet', () => {
    assert.equal(marque.file, LOGO_CSS);
  });

  test('the Marianne symbol and the devise are the SVGs of the CSS, unmodified', () => {
    const dataUris = [...css.matchAll(/url\("data:image\/svg\+xml;charset=utf8,([^"]*)"\)/g)].map((m) => decodeURIComponent(m[1]));
    const symbol = marque.symbol.layers.find((l) => l.svg);
    const devise = marque.devise.layers.find((l) => l.svg);
    assert.ok(symbol && devise);
    assert.ok(dataUris.includes(symbol.svg), 'the symbol is not one of the stylesheet’s SVGs');
    assert.ok(dataUris.includes(devise.svg), 'the devise is not one of the stylesheet’s SVGs');
    assert.match(symbol.svg, /^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg' viewBox='0 0 44 18'>/);
    assert.match(devise.svg, /^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg' viewBox='0 0 252 180'>/);
    // Behind Marianne's profile, the flag: the DSFR's own gradient.
    assert.ok(marque.symbol.layers.some((l) => l.gradient?.includes('#000091') && l.gradient.includes('#e1000f')));
  });

  test('its images are scaled uniformly (no distortion) from the DSFR’s rem sizes', () => {
    const ratio = (svg) => {
      const [, , w, h] = /viewBox='([^']+)'/.exec(svg)[1].split(' ').map(Number);
      return w / h;
    };
    for (const layer of [...marque.symbol.layers, ...marque.devise.layers].filter((l) => l.svg)) {
      assert.ok(Math.abs(layer.width / layer.height - ratio(layer.svg)) < 1e-9, `${layer.width}×${layer.height} for ${ratio(layer.svg)}`);
    }
    // Everything is the stylesheet's geometry times one scale: the symbol is
    // 2.75rem × 1rem, the text 1.05rem, the devise box 2.2083rem high.
    const rem = marque.symbol.height;
    assert.ok(Math.abs(marque.symbol.width / rem - 2.75) < 1e-9);
    assert.ok(Math.abs(marque.text.fontSize / rem - 1.05) < 1e-9);
    assert.ok(Math.abs(marque.devise.height / rem - 2.2083333333) < 1e-6);
    // The devise shows the sprite's black copy, 10/30 rem below the box's top (calc(100% + 1.875rem)).
    const devise = marque.devise.layers.find((l) => l.svg);
    assert.ok(Math.abs(devise.y / rem - (2.2083333333 - 3.75 + 1.875)) < 1e-6);
  });

  describe('when the package no longer draws it so', () => {
    let dir;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'og-image-test-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** A dist/ whose logo stylesheet is `text`, with the package's fonts. */
    const fakeDist = (name, text) => {
      const dist = join(dir, name);
      mkdirSync(join(dist, 'component', 'logo'), { recursive: true });
      mkdirSync(join(dist, 'fonts'), { recursive: true });
      for (const font of ['Marianne-Regular.woff', 'Marianne-Bold.woff']) writeFileSync(join(dist, 'fonts', font), readFileSync(join(DSFR, 'fonts', font)));
      if (text !== undefined) writeFileSync(join(dist, 'component', 'logo', 'logo.main.css'), text);
      return dist;
    };
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    test('SVGs stripped from the CSS: a clear error naming the stylesheet', async () => {
      const dist = fakeDist('stripped', css.replace(/url\("data:[^"]*"\)/g, 'none'));
      const file = join(dist, 'component', 'logo', 'logo.main.css');
      const expected = new RegExp(`${escape(file)} no longer draws the bloc marque.*no SVG data: URI in the background-image of \\.fr-logo::before`);
      assert.throws(() => blocMarque(dist), expected);
      await assert.rejects(ogImage({ ...FR, dsfr: dist }), expected);
    });

    test('the ::after rule gone: a clear error naming it', () => {
      const dist = fakeDist('no-after', css.replace(/\.fr-logo::after\s*\{/g, '.fr-logo-gone::after {'));
      assert.throws(() => blocMarque(dist), /logo\.main\.css no longer draws the bloc marque.*no \.fr-logo::after rule/);
    });

    test('no stylesheet: a clear error naming where it was looked for', async () => {
      const dist = fakeDist('missing');
      await assert.rejects(ogImage({ ...FR, dsfr: dist }), new RegExp(`logo stylesheet is missing: neither ${escape(join(dist, 'component', 'logo', 'logo.main.css'))}`));
    });

    test('the minified stylesheet alone is read alike', () => {
      const dist = fakeDist('minified');
      writeFileSync(join(dist, 'component', 'logo', 'logo.main.min.css'), readFileSync(join(DSFR, 'component', 'logo', 'logo.main.min.css')));
      const min = blocMarque(dist);
      assert.deepEqual(
        min.symbol.layers.filter((l) => l.svg),
        marque.symbol.layers.filter((l) => l.svg),
      );
      assert.deepEqual(min.devise, marque.devise);
      assert.deepEqual(min.text, marque.text);
    });
  });
});
