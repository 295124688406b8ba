// Tests of scripts/assets/fallback-font.mjs, the metric-matched local
// fallback of Marianne: its WOFF reader (checked against satori's own font
// engine, and on broken files), the Arial constants it relies on (checked
// against Liberation Sans and Arimo, Arial's metric clones, where they are
// installed), and the CSS rule it writes.
//
// Run with: node --test tests/assets/*.test.mjs

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import satori from 'satori';
import { ARIAL, DEFAULT_LOCAL, FRENCH_WEIGHTS, fallbackFace, fontMetrics, overrides } from '../../scripts/assets/fallback-font.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FONTS = join(ROOT, 'node_modules', '@gouvfr', 'dsfr', 'dist', 'fonts');
const REGULAR = join(FONTS, 'Marianne-Regular.woff');
const BOLD = join(FONTS, 'Marianne-Bold.woff');

/** Installed metric clones of Arial (Debian: fonts-liberation, fonts-croscore), by ARIAL face. */
const CLONES = {
  regular: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf'],
  bold: ['/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf', '/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf'],
};

describe('fontMetrics', () => {
  const regular = fontMetrics(REGULAR);

  test('reads Marianne Regular’s head, hhea and OS/2', () => {
    assert.equal(regular.unitsPerEm, 1000);
    assert.equal(regular.ascender, 1100);
    assert.equal(regular.descender, -400);
    assert.equal(regular.lineGap, 0);
    assert.equal(regular.xAvgCharWidth, 582);
    assert.equal(regular.useTypoMetrics, false);
  });

  test('Marianne’s hhea and win metrics agree, so every platform sets its lines alike', () => {
    for (const file of [REGULAR, BOLD, join(FONTS, 'Marianne-Medium.woff')]) {
      const m = fontMetrics(file);
      assert.equal(m.winAscent, m.ascender, file);
      assert.equal(m.winDescent, -m.descender, file);
      assert.equal(m.lineGap, 0, file);
      assert.equal(m.useTypoMetrics, false, file);
    }
  });

  test('agrees with satori’s own font engine on the same file', async () => {
    // At a font size of unitsPerEm px, satori sets a normal line as
    // ascender − descender + lineGap px high, with the baseline at ascender
    // px: an "H" (flat on the baseline) ends there. And "mm" is two advances of "m".
    const h = (style, children) => ({ type: 'div', props: { style: { display: 'flex', ...style }, children } });
    const tree = h({ flexDirection: 'column', fontFamily: 'M', fontSize: regular.unitsPerEm }, [
      h({}, 'H'),
      h({ width: 10, height: 10, backgroundColor: '#f00' }),
      h({ width: 'auto', alignSelf: 'flex-start', backgroundColor: '#0f0' }, 'mm'),
    ]);
    const svg = await satori(tree, { width: 4000, height: 4000, fonts: [{ name: 'M', data: readFileSync(REGULAR), weight: 400 }] });
    const red = /<rect x="0" y="([\d.]+)" width="10" height="10" fill="#f00"/.exec(svg);
    assert.ok(red, 'the marker is drawn');
    assert.equal(Number(red[1]), regular.ascender - regular.descender + regular.lineGap);
    const hPath = /<path fill="black" d="([^"]+)"/.exec(svg)[1];
    const ys = [...hPath.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2]));
    assert.equal(Math.max(...ys), regular.ascender);
    const green = /<rect x="0" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#0f0"/.exec(svg);
    assert.equal(Number(green[1]), 2 * regular.advance('m'));
  });

  test('reads advances through the cmap; accented letters have their base letter’s', () => {
    for (const file of [REGULAR, BOLD]) {
      const m = fontMetrics(file);
      for (const char of Object.keys(FRENCH_WEIGHTS)) assert.ok(m.advance(char) > 0, `${file}: ${JSON.stringify(char)}`);
      for (const char of 'éèàçêôù') assert.equal(m.advance(char), m.advance(char.normalize('NFD')[0]), `${file}: ${char}`);
      assert.ok(m.frenchAvgWidth > 0.4 * m.unitsPerEm && m.frenchAvgWidth < 0.6 * m.unitsPerEm, `${file}: ${m.frenchAvgWidth}`);
      assert.equal(m.advance('\u{10FFFF}'), null);
    }
  });

  describe('broken files', () => {
    let dir;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'fallback-font-test-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name, bytes) => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return file;
    };
    const woff = readFileSync(REGULAR);

    test('a truncated WOFF throws, naming the file', () => {
      for (const length of [0, 10, 40, 200, woff.length >> 1, woff.length - 1]) {
        const file = write(`truncated-${length}.woff`, woff.subarray(0, length));
        assert.throws(() => fontMetrics(file), (e) => e.message.startsWith(`${file}: not a readable WOFF 1.0 or OpenType font: `) && /too short|truncated/.test(e.message));
      }
    });

    test('a corrupt compressed table throws', () => {
      const bytes = Buffer.from(woff);
      // The first table whose data is compressed: overwrite its zlib stream.
      const numTables = bytes.readUInt16BE(12);
      for (let i = 0; i < numTables; i++) {
        const entry = 44 + i * 20;
        if (bytes.readUInt32BE(entry + 8) < bytes.readUInt32BE(entry + 12)) {
          bytes.fill(0xff, bytes.readUInt32BE(entry + 4), bytes.readUInt32BE(entry + 4) + 8);
          break;
        }
      }
      const file = write('corrupt.woff', bytes);
      assert.throws(() => fontMetrics(file), /does not inflate/);
    });

    test('a WOFF2 is refused with a hint, and so is a file that is no font', () => {
      const woff2 = join(FONTS, 'Marianne-Regular.woff2');
      assert.throws(() => fontMetrics(woff2), /WOFF2.*use the \.woff/);
      assert.throws(() => fontMetrics(write('text.woff', 'this is not a font, only some text')), /unknown signature/);
    });

    test('a table that inflates to the wrong length throws', () => {
      // A one-table WOFF whose head table says 54 bytes but inflates to 4.
      const data = deflateSync(Buffer.from('head'));
      const header = Buffer.alloc(44 + 20);
      header.write('wOFF', 0, 'latin1');
      header.writeUInt32BE(0x00010000, 4);
      header.writeUInt32BE(header.length + data.length, 8);
      header.writeUInt16BE(1, 12);
      header.write('head', 44, 'latin1');
      header.writeUInt32BE(header.length, 48);
      header.writeUInt32BE(data.length, 52);
      header.writeUInt32BE(54, 56);
      const file = write('short.woff', Buffer.concat([header, data]));
      assert.throws(() => fontMetrics(file), /inflates to 4 bytes, not 54/);
    });
  });
});

describe('the Arial constants', () => {
  test('the French weights sum to 1, with space a sixth of the characters', () => {
    const sum = Object.values(FRENCH_WEIGHTS).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12, String(sum));
    assert.ok(FRENCH_WEIGHTS[' '] > 0.12 && FRENCH_WEIGHTS[' '] < 0.2);
    assert.ok(FRENCH_WEIGHTS.e > FRENCH_WEIGHTS.a && FRENCH_WEIGHTS.a > FRENCH_WEIGHTS.w);
  });

  for (const [face, files] of Object.entries(CLONES)) {
    for (const file of files) {
      test(`match ${file}`, { skip: !existsSync(file) && `${file} is not installed` }, () => {
        const m = fontMetrics(file);
        const arial = ARIAL[face];
        assert.equal(m.unitsPerEm, arial.unitsPerEm);
        assert.equal(m.ascender, arial.ascender);
        assert.equal(m.descender, arial.descender);
        assert.equal(m.lineGap, arial.lineGap);
        for (const char of Object.keys(FRENCH_WEIGHTS)) assert.equal(m.advance(char), arial.advances[char], `${JSON.stringify(char)}`);
        for (const char of 'éèàçêôù') assert.equal(m.advance(char), m.advance(char.normalize('NFD')[0]), char);
      });
    }
  }
});

describe('fallbackFace', () => {
  const descriptor = (css, name) => new RegExp(`^  ${name}: (.+);$`, 'm').exec(css)?.[1];
  const percent = (css, name) => {
    const value = descriptor(css, name);
    assert.match(value ?? '', /^-?\d+\.\d{2}%$/, `${name}: ${value}`);
    const n = Number.parseFloat(value);
    assert.ok(Number.isFinite(n), `${name}: ${value}`);
    return n;
  };
  const regular = fallbackFace({ family: 'Marianne fallback', woff: REGULAR, local: ['Arial', 'Liberation Sans', 'Arimo'] });

  test('is one @font-face rule with every descriptor', () => {
    assert.match(regular, /^@font-face \{\n[^{}]*\n\}\n$/);
    assert.equal(descriptor(regular, 'font-family'), '"Marianne fallback"');
    assert.equal(descriptor(regular, 'src'), 'local("Arial"), local("Liberation Sans"), local("Arimo")');
    for (const name of ['size-adjust', 'ascent-override', 'descent-override', 'line-gap-override']) percent(regular, name);
    assert.equal(descriptor(regular, 'font-weight'), undefined, 'no weight unless asked');
  });

  test('its percentages are plausible and consistent with Marianne’s metrics', () => {
    const size = percent(regular, 'size-adjust');
    const ascent = percent(regular, 'ascent-override');
    const descent = percent(regular, 'descent-override');
    const gap = percent(regular, 'line-gap-override');
    // Marianne is a little wider than Arial, not a fifth.
    assert.ok(size > 100 && size < 120, `size-adjust ${size}%`);
    assert.ok(ascent > 80 && ascent < 130, `ascent-override ${ascent}%`);
    assert.ok(descent > 20 && descent < 50, `descent-override ${descent}%`);
    assert.equal(gap, 0);
    // Once scaled by size-adjust, the line is Marianne's: 1.5 em.
    assert.ok(Math.abs(((ascent + descent + gap) * size) / 1e4 - 1.5) < 0.001);
    // Scaled, Arial's French-weighted width per em is Marianne's.
    const m = fontMetrics(REGULAR);
    const arialAvg = Object.entries(FRENCH_WEIGHTS).reduce((s, [c, w]) => s + ARIAL.regular.advances[c] * w, 0) / ARIAL.regular.unitsPerEm;
    assert.ok(Math.abs((arialAvg * size) / 100 - m.frenchAvgWidth / m.unitsPerEm) < 0.0001);
  });

  test('is the same whatever the machine has installed: it reads only the Marianne file', () => {
    assert.equal(fallbackFace({ family: 'Marianne fallback', woff: REGULAR, local: ['Arial', 'Liberation Sans', 'Arimo'] }), regular);
    assert.equal(fallbackFace({ family: 'Marianne fallback', woff: REGULAR }), regular);
    assert.deepEqual([...DEFAULT_LOCAL], ['Arial', 'Liberation Sans', 'Arimo']);
  });

  test('a bold rule: its weight, Arial Bold’s faces and metrics', () => {
    const bold = fallbackFace({ family: 'Marianne fallback', woff: BOLD, local: ['Arial', 'Liberation Sans', 'Arimo'], weight: 700 });
    assert.equal(descriptor(bold, 'font-weight'), '700');
    assert.equal(descriptor(bold, 'src'), 'local("Arial Bold"), local("Liberation Sans Bold"), local("Arimo Bold")');
    const size = percent(bold, 'size-adjust');
    assert.ok(size > 95 && size < 115, `size-adjust ${size}%`);
    assert.notEqual(size, percent(regular, 'size-adjust'));
    assert.deepEqual(overrides(fontMetrics(BOLD), ARIAL.bold).sizeAdjust.toFixed(4), (size / 100).toFixed(4));
    // Names of bold faces are kept as given.
    const named = fallbackFace({ family: 'F', woff: BOLD, local: ['Arial Bold', 'Arial-BoldMT'], weight: 'bold' });
    assert.equal(descriptor(named, 'src'), 'local("Arial Bold"), local("Arial-BoldMT")');
  });

  test('a medium rule keeps Arial Regular', () => {
    const medium = fallbackFace({ family: 'Marianne fallback', woff: join(FONTS, 'Marianne-Medium.woff'), local: ['Arial'], weight: 500 });
    assert.equal(descriptor(medium, 'font-weight'), '500');
    assert.equal(descriptor(medium, 'src'), 'local("Arial")');
    assert.ok(Math.abs(percent(medium, 'size-adjust') - percent(regular, 'size-adjust')) < 2);
  });

  test('rejects missing arguments and quotes the family', () => {
    assert.throws(() => fallbackFace({ woff: REGULAR }), /`family` is required/);
    assert.throws(() => fallbackFace({ family: 'F' }), /`woff`/);
    assert.throws(() => fallbackFace({ family: 'F', woff: REGULAR, local: [] }), /`local`/);
    assert.equal(descriptor(fallbackFace({ family: 'A "b" \\c', woff: REGULAR }), 'font-family'), '"A \\"b\\" \\\\c"');
  });
});
