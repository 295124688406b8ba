// A local fallback face for Marianne whose metrics are overridden to match
// Marianne's, written as one CSS @font-face rule per weight.
//
// The page loads the Marianne web fonts with `font-display: swap`: until they
// arrive the browser draws the text in the fallback (Arial, or on Linux its
// metric-compatible clones Liberation Sans and Arimo), then swaps to Marianne,
// and every line whose width or height differs moves the layout. A face that
// is Arial scaled by `size-adjust` to Marianne's average letter width, with
// Marianne's ascent, descent and line gap (`*-override`), breaks lines and
// stacks them almost as Marianne will, so the swap moves (nearly) nothing.
// This is what Next.js's `next/font` and the `fontaine` package generate;
// here the numbers are read from the DSFR's own Marianne files at build time.
//
// The font files are parsed here, with `node:zlib` only: WOFF 1.0 (the
// `.woff` files the DSFR ships) and plain TrueType/OpenType (used by the
// tests to check the Arial constants against Liberation Sans when it is
// installed). Only the tables the metrics need are read: head, hhea, OS/2,
// hmtx and cmap.

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/**
 * How often each character occurs in French running text, the weights of the
 * average advance width that `size-adjust` matches (as capsize's `xWidthAvg`,
 * which next/font and fontaine use, does for English).
 *
 * Letters: the French column of Wikipedia's "Letter frequency" table
 * (relative frequencies of letters in other languages), in percent of
 * letters. Accented letters (é, è, à, ç, ê… about 2.5 % of French letters)
 * are left out: in Marianne and in Arial each of the common ones has exactly
 * its base letter's advance (the tests check é, è, à, ç, ê, ô, ù), so counting
 * them under their base letter or not at all changes nothing measurable.
 *
 * Space: French prose has about one space for every five letters; the French
 * « À propos » page counts 16 % spaces among its lowercase letters and spaces,
 * which is the share used here.
 */
const FRENCH_LETTERS = {
  a: 7.636, b: 0.901, c: 3.26, d: 3.669, e: 14.715, f: 1.066, g: 0.866, h: 0.737, i: 7.529,
  j: 0.545, k: 0.049, l: 5.456, m: 2.968, n: 7.095, o: 5.378, p: 3.021, q: 1.362, r: 6.553,
  s: 7.948, t: 7.244, u: 6.311, v: 1.628, w: 0.114, x: 0.387, y: 0.308, z: 0.136,
};
const SPACE_SHARE = 0.16;

/** Character → weight, summing to 1. */
export const FRENCH_WEIGHTS = (() => {
  const total = Object.values(FRENCH_LETTERS).reduce((a, b) => a + b, 0);
  const weights = { ' ': SPACE_SHARE };
  for (const [char, percent] of Object.entries(FRENCH_LETTERS)) weights[char] = (percent / total) * (1 - SPACE_SHARE);
  return Object.freeze(weights);
})();

/**
 * Arial's metrics, the fallback the overrides apply to.
 *
 * Vertical metrics and xAvgCharWidth: Arial's own tables (head.unitsPerEm,
 * hhea.ascender/descender/lineGap, OS/2.xAvgCharWidth), as the Monotype Arial
 * shipped with Windows and macOS has them and as capsize's
 * `@capsizecss/metrics/arial` publishes them; Arial Bold has the same vertical
 * metrics and an xAvgCharWidth of 983. xAvgCharWidth is kept for reference
 * only: Arial's is the weighted lowercase average of OS/2 versions 0 to 2,
 * while Marianne's (582) and Liberation Sans's (1208) average every glyph
 * (OS/2 version 3 and up), so their ratio (131.85 %) would scale the fallback
 * a fifth too large. size-adjust compares like with like instead: the
 * FRENCH_WEIGHTS average of the advances below and of Marianne's.
 *
 * Advances: the advance widths (hmtx) of the characters of FRENCH_WEIGHTS in
 * Arial and Arial Bold. Arial cannot be read here (it is not free); Liberation
 * Sans, Arial's metric-compatible clone (same advance of every glyph, same
 * hhea metrics, which is why it can stand in for Arial on Linux), can: these
 * figures are Liberation Sans Regular and Bold's (Debian's fonts-liberation),
 * and tests/assets/fallback-font.test.mjs reads them again from
 * /usr/share/fonts/truetype/liberation/ whenever that directory exists. They
 * are constants so that the CSS is the same on every machine, whatever fonts
 * it has.
 */
export const ARIAL = Object.freeze({
  regular: Object.freeze({
    unitsPerEm: 2048,
    ascender: 1854,
    descender: -434,
    lineGap: 67,
    xAvgCharWidth: 904,
    advances: Object.freeze({
      ' ': 569, a: 1139, b: 1139, c: 1024, d: 1139, e: 1139, f: 569, g: 1139, h: 1139, i: 455,
      j: 455, k: 1024, l: 455, m: 1706, n: 1139, o: 1139, p: 1139, q: 1139, r: 682, s: 1024,
      t: 569, u: 1139, v: 1024, w: 1479, x: 1024, y: 1024, z: 1024,
    }),
  }),
  bold: Object.freeze({
    unitsPerEm: 2048,
    ascender: 1854,
    descender: -434,
    lineGap: 67,
    xAvgCharWidth: 983,
    advances: Object.freeze({
      ' ': 569, a: 1139, b: 1251, c: 1139, d: 1251, e: 1139, f: 682, g: 1251, h: 1251, i: 569,
      j: 569, k: 1139, l: 569, m: 1821, n: 1251, o: 1251, p: 1251, q: 1251, r: 797, s: 1139,
      t: 682, u: 1251, v: 1139, w: 1593, x: 1139, y: 1139, z: 1024,
    }),
  }),
});

/** The `local()` faces of the fallback, when the caller names none: Arial and its metric-compatible clones. */
export const DEFAULT_LOCAL = Object.freeze(['Arial', 'Liberation Sans', 'Arimo']);

/** The average advance of `advanceOf(char)` over FRENCH_WEIGHTS, in font units. */
function weightedAdvance(advanceOf) {
  let sum = 0;
  for (const [char, weight] of Object.entries(FRENCH_WEIGHTS)) sum += advanceOf(char) * weight;
  return sum;
}

/** `weight` (a number, or `normal`/`bold`) is a bold one: Arial Bold is the fallback. */
function isBold(weight) {
  if (weight === undefined || weight === null) return false;
  if (weight === 'bold' || weight === 'bolder') return true;
  const n = Number(weight);
  return Number.isFinite(n) && n >= 600;
}

// ---------------------------------------------------------------------------
// sfnt parsing

class FontError extends Error {}

/**
 * The tables of a font file (WOFF 1.0 or TrueType/OpenType), by tag, each a
 * Buffer of its uncompressed bytes. `name` is used in error messages.
 */
export function sfntTables(bytes, name = 'font') {
  const fail = (why) => {
    throw new FontError(`${name}: not a readable WOFF 1.0 or OpenType font: ${why}`);
  };
  if (bytes.length < 12) fail(`${bytes.length} bytes is too short for a font header`);
  const signature = bytes.readUInt32BE(0);
  const tables = new Map();
  if (signature === 0x774f4646 /* wOFF */) {
    if (bytes.length < 44) fail('truncated WOFF header');
    const length = bytes.readUInt32BE(8);
    if (length !== bytes.length) fail(`the WOFF header says ${length} bytes, the file has ${bytes.length} (truncated?)`);
    const numTables = bytes.readUInt16BE(12);
    if (44 + numTables * 20 > bytes.length) fail('truncated WOFF table directory');
    for (let i = 0; i < numTables; i++) {
      const entry = 44 + i * 20;
      const tag = bytes.toString('latin1', entry, entry + 4);
      const offset = bytes.readUInt32BE(entry + 4);
      const compLength = bytes.readUInt32BE(entry + 8);
      const origLength = bytes.readUInt32BE(entry + 12);
      if (offset + compLength > bytes.length) fail(`table ${tag} runs past the end of the file`);
      const stored = bytes.subarray(offset, offset + compLength);
      let data;
      if (compLength < origLength) {
        try {
          data = inflateSync(stored);
        } catch (e) {
          fail(`table ${tag} does not inflate (${e.message})`);
        }
      } else if (compLength === origLength) {
        data = stored;
      } else {
        fail(`table ${tag} is longer compressed than uncompressed`);
      }
      if (data.length !== origLength) fail(`table ${tag} inflates to ${data.length} bytes, not ${origLength}`);
      tables.set(tag, data);
    }
  } else if (signature === 0x00010000 || signature === 0x4f54544f /* OTTO */ || signature === 0x74727565 /* true */) {
    const numTables = bytes.readUInt16BE(4);
    if (12 + numTables * 16 > bytes.length) fail('truncated table directory');
    for (let i = 0; i < numTables; i++) {
      const entry = 12 + i * 16;
      const tag = bytes.toString('latin1', entry, entry + 4);
      const offset = bytes.readUInt32BE(entry + 8);
      const length = bytes.readUInt32BE(entry + 12);
      if (offset + length > bytes.length) fail(`table ${tag} runs past the end of the file`);
      tables.set(tag, bytes.subarray(offset, offset + length));
    }
  } else {
    fail(`unknown signature 0x${signature.toString(16).padStart(8, '0')}${signature === 0x774f4632 ? ' (WOFF2, which needs a Brotli decoder and a glyf transform: use the .woff)' : ''}`);
  }
  for (const tag of ['head', 'hhea', 'OS/2', 'hmtx', 'cmap']) {
    if (!tables.has(tag)) fail(`no ${tag} table`);
  }
  return tables;
}

/** Reads `size` bytes at `at` of `table`, or throws naming the table. */
function reader(table, tag, name) {
  return (method, at, size) => {
    if (at + size > table.length) throw new FontError(`${name}: table ${tag} is too short (${table.length} bytes)`);
    return table[method](at);
  };
}

/** Glyph id of a code point, from the cmap's Unicode subtable (format 4 or 12). */
function cmapLookup(cmap, name) {
  const read = reader(cmap, 'cmap', name);
  const count = read('readUInt16BE', 2, 2);
  const subtables = [];
  for (let i = 0; i < count; i++) {
    const platform = read('readUInt16BE', 4 + i * 8, 2);
    const encoding = read('readUInt16BE', 6 + i * 8, 2);
    const offset = read('readUInt32BE', 8 + i * 8, 4);
    const format = read('readUInt16BE', offset, 2);
    subtables.push({ platform, encoding, offset, format });
  }
  // Full Unicode first (format 12), then the BMP (format 4), Windows before Unicode platform.
  const rank = ({ platform, encoding, format }) =>
    (format === 12 ? 0 : format === 4 ? 2 : 9) + (platform === 3 && (encoding === 1 || encoding === 10) ? 0 : platform === 0 ? 1 : 9);
  const table = subtables.filter((s) => rank(s) < 9).sort((a, b) => rank(a) - rank(b))[0];
  if (!table) throw new FontError(`${name}: no Unicode cmap subtable of format 4 or 12`);
  const at = table.offset;
  if (table.format === 12) {
    const groups = read('readUInt32BE', at + 12, 4);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const start = read('readUInt32BE', at + 16 + g * 12, 4);
        const end = read('readUInt32BE', at + 20 + g * 12, 4);
        if (cp >= start && cp <= end) return read('readUInt32BE', at + 24 + g * 12, 4) + (cp - start);
      }
      return 0;
    };
  }
  const segX2 = read('readUInt16BE', at + 6, 2);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segX2; s += 2) {
      if (cp > read('readUInt16BE', ends + s, 2)) continue;
      const start = read('readUInt16BE', starts + s, 2);
      if (cp < start) return 0;
      const delta = read('readUInt16BE', deltas + s, 2);
      const rangeOffset = read('readUInt16BE', rangeOffsets + s, 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = read('readUInt16BE', rangeOffsets + s + rangeOffset + (cp - start) * 2, 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/**
 * The metrics of a font file (WOFF 1.0, or TrueType/OpenType), in font units:
 * head.unitsPerEm; hhea ascender, descender, lineGap; OS/2 xAvgCharWidth,
 * typo and win metrics, and whether fsSelection's USE_TYPO_METRICS bit is set;
 * `advance(char)`, a character's advance width (hmtx through cmap; null if the
 * font has no glyph for it), and `frenchAvgWidth`, the FRENCH_WEIGHTS average
 * of those advances.
 */
export function fontMetrics(path) {
  const bytes = readFileSync(path);
  const tables = sfntTables(bytes, path);
  const head = reader(tables.get('head'), 'head', path);
  const hhea = reader(tables.get('hhea'), 'hhea', path);
  const os2 = reader(tables.get('OS/2'), 'OS/2', path);
  const hmtx = reader(tables.get('hmtx'), 'hmtx', path);
  const glyphOf = cmapLookup(tables.get('cmap'), path);

  const unitsPerEm = head('readUInt16BE', 18, 2);
  if (unitsPerEm < 16 || unitsPerEm > 16384) throw new FontError(`${path}: head.unitsPerEm ${unitsPerEm} is out of range`);
  const numberOfHMetrics = hhea('readUInt16BE', 34, 2);
  if (numberOfHMetrics === 0) throw new FontError(`${path}: hhea.numberOfHMetrics is 0`);
  const advanceOfGlyph = (glyph) => hmtx('readUInt16BE', Math.min(glyph, numberOfHMetrics - 1) * 4, 2);
  const advance = (char) => {
    const glyph = glyphOf(char.codePointAt(0));
    return glyph === 0 ? null : advanceOfGlyph(glyph);
  };
  const os2Version = os2('readUInt16BE', 0, 2);
  const metrics = {
    unitsPerEm,
    ascender: hhea('readInt16BE', 4, 2),
    descender: hhea('readInt16BE', 6, 2),
    lineGap: hhea('readInt16BE', 8, 2),
    xAvgCharWidth: os2('readInt16BE', 2, 2),
    typoAscender: os2('readInt16BE', 68, 2),
    typoDescender: os2('readInt16BE', 70, 2),
    typoLineGap: os2('readInt16BE', 72, 2),
    winAscent: os2('readUInt16BE', 74, 2),
    winDescent: os2('readUInt16BE', 76, 2),
    // fsSelection bit 7, defined from OS/2 version 4 on.
    useTypoMetrics: os2Version >= 4 && (os2('readUInt16BE', 62, 2) & 0x80) !== 0,
    advance,
  };
  metrics.frenchAvgWidth = weightedAdvance((char) => {
    const width = advance(char);
    if (width === null) throw new FontError(`${path}: no glyph for ${JSON.stringify(char)}`);
    return width;
  });
  return metrics;
}

// ---------------------------------------------------------------------------
// the rule

/** `x` (a ratio) as a CSS percentage with 2 decimals. */
const percent = (x) => {
  if (!Number.isFinite(x)) throw new Error(`fallback face: a non-finite metric (${x})`);
  return `${(x * 100).toFixed(2)}%`;
};

/** A CSS string literal. */
const cssString = (s) => `"${String(s).replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}"`;

/**
 * The overrides that make Arial (`arial`, one of ARIAL's faces) set text as
 * the font of `metrics` (fontMetrics' result) does: each a ratio, 1 = 100 %.
 *
 * size-adjust scales the fallback's glyphs (and, as the spec says, its
 * ascent/descent/line-gap overrides too), so that the French-weighted average
 * advance per em of Arial × size-adjust = Marianne's; the overrides are then
 * Marianne's metric per em, divided by size-adjust so that once scaled they
 * are Marianne's.
 *
 * The vertical metrics are hhea's: Chromium and Firefox on Linux and macOS
 * (FreeType, CoreText) take a font's ascent, descent and line gap from hhea,
 * unless OS/2's USE_TYPO_METRICS bit is set, when they take the typo metrics;
 * on Windows they take usWinAscent/usWinDescent (no gap) unless that bit is
 * set. Marianne does not set it, and its hhea and win metrics agree (1100 and
 * 400 of 1000 units, no gap; the tests check it), so hhea is what every
 * platform uses for it and the one rule serves them all. Its typo metrics
 * (750, 250, gap 500: the same 1.5 em line, split differently) are unused;
 * should a Marianne set USE_TYPO_METRICS, they are taken, as the browser
 * would.
 */
export function overrides(metrics, arial = ARIAL.regular) {
  const arialAvg = weightedAdvance((char) => arial.advances[char]) / arial.unitsPerEm;
  const sizeAdjust = metrics.frenchAvgWidth / metrics.unitsPerEm / arialAvg;
  const [ascent, descent, lineGap] = metrics.useTypoMetrics
    ? [metrics.typoAscender, metrics.typoDescender, metrics.typoLineGap]
    : [metrics.ascender, metrics.descender, metrics.lineGap];
  const scale = (v) => v / metrics.unitsPerEm / sizeAdjust;
  return {
    sizeAdjust,
    ascentOverride: scale(ascent),
    // descent-override is a positive distance below the baseline; the table's descender is negative.
    descentOverride: scale(Math.abs(descent)),
    lineGapOverride: scale(lineGap),
  };
}

/**
 * One @font-face rule, as CSS text: the face `family` made of the first of
 * the `local` faces the machine has (Arial, Liberation Sans, Arimo), scaled
 * and with its vertical metrics overridden to match the Marianne face of the
 * WOFF 1.0 file `woff`.
 *
 * `weight`, if given, is the rule's `font-weight`; a bold weight (600 and
 * up) is matched against Arial Bold's metrics, and its `local()` names are
 * the bold faces of the `local` families ("Arial" → "Arial Bold"): `local()`
 * names one face by its full name, and a rule declaring weight 700 over a
 * regular face would draw bold text in regular (the browser synthesises bold
 * only when the face's declared weight is not bold). Names that already name
 * a bold face are kept as they are.
 */
export function fallbackFace({ family, woff, local = DEFAULT_LOCAL, weight } = {}) {
  if (!family) throw new Error('fallbackFace: `family` is required');
  if (!woff) throw new Error('fallbackFace: `woff` (the path of a Marianne .woff file) is required');
  if (!Array.isArray(local) || local.length === 0) throw new Error('fallbackFace: `local` must be a non-empty array of font names');
  const bold = isBold(weight);
  const names = bold ? local.map((n) => (/bold/i.test(n) ? n : `${n} Bold`)) : local;
  const o = overrides(fontMetrics(woff), bold ? ARIAL.bold : ARIAL.regular);
  const lines = [
    `font-family: ${cssString(family)};`,
    ...(weight === undefined || weight === null ? [] : [`font-weight: ${weight};`]),
    `src: ${names.map((n) => `local(${cssString(n)})`).join(', ')};`,
    `size-adjust: ${percent(o.sizeAdjust)};`,
    `ascent-override: ${percent(o.ascentOverride)};`,
    `descent-override: ${percent(o.descentOverride)};`,
    `line-gap-override: ${percent(o.lineGapOverride)};`,
  ];
  return `@font-face {\n${lines.map((l) => `  ${l}`).join('\n')}\n}\n`;
}
