// The Open Graph / Twitter card image of a page: a 1200×630 PNG that LinkedIn,
// Slack, Mastodon… show when a link to the page is shared.
//
// It is drawn in the State design system's (DSFR) visual language, from the
// published @gouvfr/dsfr package itself, read at build time (nothing of its
// artwork or fonts is copied into the repository): on white, the bloc marque
// (the State's logo) at top left, drawn as the DSFR's `.fr-logo` draws it, then
// the site's name, the page's title in blue France and the site's tagline.
//
// The DSFR draws the bloc marque in CSS (component/logo/logo.main.css): the
// Marianne symbol is the `background-image` of `.fr-logo::before` (an SVG
// data: URI of Marianne's profile over a blue-white-red gradient), the words
// « République Française » are the element's text in Marianne Bold uppercase,
// and the devise « Liberté Égalité Fraternité » is the `background-image` of
// `.fr-logo::after` (an SVG sprite of the devise in black and in white, of
// which the light theme shows the black one). This module reads those rules,
// keeps their images unmodified (they are State marks: no recolouring, no
// distortion) and their geometry, scaled uniformly from rem to pixels, and
// lays them out with satori; resvg turns satori's SVG into the PNG.
//
// The same inputs give the same bytes (no date, no randomness, no system
// fonts), so that the asset's hashed URL only changes when the image does.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { fontMetrics } from './fallback-font.mjs';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Pixels per DSFR rem in the image: the bloc marque is drawn at this scale (DSFR's 16 px × 1.875). */
const REM = 30;
/** The image's margins, in pixels. */
const MARGIN_X = 80;
const MARGIN_Y = 64;

const BLUE_FRANCE = '#000091';
const GREY = '#161616';

/** The stylesheet of the DSFR's logo component, relative to the package's dist/: the readable build, else the minified one. */
const LOGO_CSS = [join('component', 'logo', 'logo.main.css'), join('component', 'logo', 'logo.main.min.css')];

// ---------------------------------------------------------------------------
// reading the DSFR's CSS

/** Splits `text` on `separator` where it is outside quotes and parentheses. */
function splitTop(text, separator) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The declarations of the first rule whose whole selector is `selector`
 * (`.fr-logo`, `.fr-logo::before`…; a pseudo-element may be written with one
 * colon, as the minified CSS does), as a Map of property → value; null if
 * there is none.
 */
function rule(css, selector) {
  const escaped = selector.replace(/[.[\]()]/g, '\\$&').replace(/::/, '::?');
  const match = new RegExp(`(?:^|[}/;])\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (!match) return null;
  const declarations = new Map();
  for (const declaration of splitTop(match[1], ';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0) declarations.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim());
  }
  return declarations;
}

/**
 * A CSS length (`0`, `1.5rem`, `-.1em`, `12px`) in pixels, with `em` the
 * element's font size in pixels; a percentage is returned as { percent }, and
 * `calc(P% + L)` as { percent, plus }. Throws on anything else.
 */
function length(value, em, where) {
  const v = value.trim();
  let m = /^(-?(?:\d+\.?\d*|\.\d+))(rem|em|px)?$/.exec(v);
  if (m) {
    const n = Number(m[1]);
    if (!m[2]) {
      if (n !== 0) throw new Error(`${where}: unitless length ${v}`);
      return 0;
    }
    return n * { rem: REM, em, px: REM / 16 }[m[2]];
  }
  m = /^(-?(?:\d+\.?\d*|\.\d+))%$/.exec(v);
  if (m) return { percent: Number(m[1]), plus: 0 };
  m = /^calc\(\s*(-?(?:\d+\.?\d*|\.\d+))%\s*([+-])\s*(.+)\)$/.exec(v);
  if (m) {
    const plus = length(m[3], em, where);
    if (typeof plus !== 'number') throw new Error(`${where}: unsupported ${v}`);
    return { percent: Number(m[1]), plus: m[2] === '-' ? -plus : plus };
  }
  throw new Error(`${where}: unsupported length ${JSON.stringify(v)}`);
}

/** One axis of a background-position: `p` of (box − image), plus a length. */
function place(value, box, image) {
  return typeof value === 'number' ? value : (value.percent / 100) * (box - image) + value.plus;
}

/** The SVG of a `url("data:image/svg+xml…")`, decoded; null if the value is no such URL. */
function svgOfUrl(value) {
  const m = /^url\(\s*(["']?)data:image\/svg\+xml([^,]*),(.*)\1\s*\)$/s.exec(value.trim());
  if (!m) return null;
  const svg = /;base64$/i.test(m[2]) ? Buffer.from(m[3], 'base64').toString('utf8') : decodeURIComponent(m[3]);
  return svg.trimStart().startsWith('<svg') ? svg : null;
}

/** The same SVG as a data: URI of its exact bytes (base64, which every consumer of satori's SVG decodes alike). */
const svgDataUri = (svg) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

/**
 * The bloc marque as the DSFR's logo stylesheet draws it, in pixels at REM
 * px per rem: { text: {…}, symbol: {…}, devise: {…} }, with the images of the
 * symbol and the devise. Throws, naming the stylesheet, if it is missing or
 * no longer draws the logo as this reads it.
 */
export function blocMarque(dsfr) {
  const candidates = LOGO_CSS.map((file) => join(dsfr, file));
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    throw new Error(`og-image: the DSFR's logo stylesheet is missing: neither ${candidates.join(' nor ')} exists (is ${dsfr} the dist/ of @gouvfr/dsfr?)`);
  }
  const css = readFileSync(file, 'utf8');
  const fail = (why) => {
    throw new Error(
      `og-image: ${file} no longer draws the bloc marque as expected (${why}): the Marianne symbol and the devise are ` +
        'read from the SVG data: URIs of the background-image of .fr-logo::before and .fr-logo::after; ' +
        'has @gouvfr/dsfr changed how it draws .fr-logo?',
    );
  };
  const logo = rule(css, '.fr-logo');
  const before = rule(css, '.fr-logo::before');
  const after = rule(css, '.fr-logo::after');
  if (!logo || !before || !after) fail(`no ${!logo ? '.fr-logo' : !before ? '.fr-logo::before' : '.fr-logo::after'} rule`);
  const get = (decls, name, property) => decls.get(property) ?? fail(`no ${property} in ${name}`);

  try {
    const fontSize = length(get(logo, '.fr-logo', 'font-size'), 16, file);
    const em = (property, fallback) => (logo.has(property) ? length(logo.get(property), fontSize, file) : fallback);
    const text = {
      fontSize,
      lineHeight: em('line-height', fontSize * 1.2),
      letterSpacing: em('letter-spacing', 0),
      textIndent: em('text-indent', 0),
      // Marianne Bold, the only weight of the bloc marque.
      fontWeight: 700,
      uppercase: logo.get('text-transform') === 'uppercase',
    };

    /** The background layers of a pseudo-element, each placed in its box of `box` px. */
    const layers = (decls, name, box) => {
      const images = splitTop(get(decls, name, 'background-image'), ',');
      const sizes = splitTop(get(decls, name, 'background-size'), ',');
      const positions = splitTop(decls.get('background-position') ?? '0 0', ',');
      return images.map((image, i) => {
        const [w, h = 'auto'] = (sizes[i % sizes.length] ?? '').split(/\s+/);
        const width = length(w, fontSize, file);
        const height = h === 'auto' ? 0 : length(h, fontSize, file);
        const [x, y = '50%'] = splitTop(positions[i % positions.length] ?? '0 0', ' ');
        const layer = { width, height };
        layer.x = place(length(x, fontSize, file), box.width, width);
        layer.y = place(length(y, fontSize, file), box.height, height);
        const svg = svgOfUrl(image);
        if (image === 'none') layer.width = layer.height = 0;
        else if (svg) layer.svg = svg;
        else if (/^linear-gradient\(/.test(image)) layer.gradient = image;
        else fail(`an unexpected background layer in ${name}: ${image.slice(0, 40)}…`);
        return layer;
      });
    };

    // ::before: a box of width × height, its layers of non-zero size (the
    // mourning variant's black layer has size 0 outside :root[data-fr-mourning]).
    const symbolBox = { width: length(get(before, '.fr-logo::before', 'width'), fontSize, file), height: length(get(before, '.fr-logo::before', 'height'), fontSize, file) };
    const symbol = {
      ...symbolBox,
      marginBottom: before.has('margin-bottom') ? length(before.get('margin-bottom'), fontSize, file) : 0,
      layers: layers(before, '.fr-logo::before', symbolBox).filter((l) => l.width > 0 && l.height > 0),
    };
    if (!symbol.layers.some((l) => l.svg)) fail('no SVG data: URI in the background-image of .fr-logo::before');

    // ::after: an empty block whose height is its padding-top, at least
    // min-width wide; the devise it shows (the sprite's black copy, at its
    // top left) fills exactly min-width, so the box is drawn that wide.
    const deviseBox = { minWidth: length(get(after, '.fr-logo::after', 'min-width'), fontSize, file), height: length(get(after, '.fr-logo::after', 'padding-top'), fontSize, file) };
    const devise = { ...deviseBox, layers: layers(after, '.fr-logo::after', { width: deviseBox.minWidth, height: deviseBox.height }).filter((l) => l.width > 0 && l.height > 0) };
    if (!devise.layers.some((l) => l.svg)) fail('no SVG data: URI in the background-image of .fr-logo::after');

    return { file, text, symbol, devise };
  } catch (e) {
    if (e.message.startsWith('og-image:')) throw e;
    fail(e.message);
  }
}

// ---------------------------------------------------------------------------
// the image

const h = (type, style, ...children) => ({ type, props: { style, children: children.length === 1 ? children[0] : children } });

/** A box drawing `layers` (the first on top, as in CSS), clipped to it. */
function layered({ width, height, minWidth, layers, marginBottom = 0 }) {
  const style = {
    display: 'flex',
    position: 'relative',
    overflow: 'hidden',
    height,
    marginBottom,
    flexShrink: 0,
  };
  if (width !== undefined) style.width = width;
  if (minWidth !== undefined) style.minWidth = minWidth;
  const children = [...layers].reverse().map((layer) =>
    layer.svg
      ? {
          type: 'img',
          props: {
            src: svgDataUri(layer.svg),
            width: layer.width,
            height: layer.height,
            style: { position: 'absolute', left: layer.x, top: layer.y, width: layer.width, height: layer.height },
          },
        }
      : h('div', { position: 'absolute', left: layer.x, top: layer.y, width: layer.width, height: layer.height, backgroundImage: layer.gradient }),
  );
  return { type: 'div', props: { style, children } };
}

/** The bloc marque: Marianne, « République Française » on two lines, the devise. */
function blocMarqueElement(marque) {
  const { text } = marque;
  const line = (words, first) =>
    h(
      'div',
      {
        display: 'flex',
        // text-indent applies to the first line only: « République ».
        marginLeft: first ? text.textIndent : 0,
        height: text.lineHeight,
        alignItems: 'center',
      },
      text.uppercase ? words.toLocaleUpperCase('fr') : words,
    );
  return h(
    'div',
    { display: 'flex', flexDirection: 'column', alignSelf: 'flex-start' },
    layered(marque.symbol),
    h(
      'div',
      {
        display: 'flex',
        flexDirection: 'column',
        fontWeight: text.fontWeight,
        fontSize: text.fontSize,
        lineHeight: `${text.lineHeight}px`,
        letterSpacing: text.letterSpacing,
        color: GREY,
      },
      line('République', true),
      line('Française', false),
    ),
    layered({ ...marque.devise, width: marque.devise.minWidth }),
  );
}

/** The type of the text block: sizes in pixels, line heights as multiples of the size. */
const SITE = { size: 30, lineHeight: 1.3, gap: 12 };
const TITLE = { sizes: [84, 76, 68, 60, 52, 46, 40], lineHeight: 1.15, letterSpacing: -0.01, gap: 20 };
const TAGLINE = { size: 32, lineHeight: 1.4, maxLines: 2 };
/** The least space between the bloc marque and the text block. */
const MIN_GAP = 24;
/** Width estimated from advances, times this, stands for the width satori lays out (kerning, rounding). */
const WIDTH_SLACK = 1.03;

/**
 * How many lines `text` takes at `size` px in a face of `metrics`
 * (fontMetrics' result) within `width` px, wrapping at spaces as satori does,
 * and within words that are wider than a line (`word-break: break-word`).
 */
function lineCount(text, metrics, size, letterSpacing, width) {
  const wordWidth = (word) =>
    [...word].reduce((sum, char) => sum + ((metrics.advance(char) ?? metrics.unitsPerEm) * size) / metrics.unitsPerEm + letterSpacing, 0) * WIDTH_SLACK;
  const space = wordWidth(' ');
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = wordWidth(word);
    if (used > 0 && used + space + w <= width) {
      used += space + w;
    } else if (w <= width) {
      if (used > 0) lines++;
      used = w;
    } else {
      // A word wider than a line: broken where it overflows.
      if (used > 0) lines++;
      lines += Math.ceil(w / width) - 1;
      used = w - (Math.ceil(w / width) - 1) * width;
    }
  }
  return lines;
}

/**
 * The title's and the tagline's sizes and line clamps: the largest title
 * size at which the title, the site's name and the tagline fit under the
 * bloc marque, each line of them in the image; at the smallest size, the
 * title is cut with an ellipsis after the lines that fit.
 */
function fit({ marque, title, tagline, faces }) {
  const width = OG_WIDTH - 2 * MARGIN_X;
  const logoHeight = marque.symbol.height + marque.symbol.marginBottom + 2 * marque.text.lineHeight + marque.devise.height;
  const taglineLines = Math.min(TAGLINE.maxLines, lineCount(tagline, faces.regular, TAGLINE.size, 0, width));
  const room =
    OG_HEIGHT - 2 * MARGIN_Y - logoHeight - MIN_GAP - SITE.size * SITE.lineHeight - SITE.gap - TITLE.gap - taglineLines * TAGLINE.size * TAGLINE.lineHeight;
  for (const size of TITLE.sizes) {
    const maxLines = Math.floor(room / (size * TITLE.lineHeight));
    const lines = lineCount(title, faces.bold, size, TITLE.letterSpacing * size, width);
    if (lines <= maxLines || size === TITLE.sizes.at(-1)) return { size, maxLines: Math.max(1, maxLines), width };
  }
  throw new Error('unreachable');
}

function card({ marque, title, site, tagline, faces }) {
  const { size, maxLines, width } = fit({ marque, title, tagline, faces });
  return h(
    'div',
    {
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      // Content-box sizes, as in CSS: the margins are padding around them.
      width: OG_WIDTH - 2 * MARGIN_X,
      height: OG_HEIGHT - 2 * MARGIN_Y,
      padding: `${MARGIN_Y}px ${MARGIN_X}px`,
      backgroundColor: '#ffffff',
      color: GREY,
      fontFamily: 'Marianne',
    },
    blocMarqueElement(marque),
    h(
      'div',
      { display: 'flex', flexDirection: 'column', width },
      h('div', { display: 'block', fontSize: SITE.size, fontWeight: 700, lineHeight: SITE.lineHeight, marginBottom: SITE.gap, wordBreak: 'break-word', lineClamp: 1 }, site),
      h(
        'div',
        {
          display: 'block',
          fontSize: size,
          fontWeight: 700,
          lineHeight: TITLE.lineHeight,
          color: BLUE_FRANCE,
          letterSpacing: TITLE.letterSpacing * size,
          wordBreak: 'break-word',
          lineClamp: maxLines,
          marginBottom: TITLE.gap,
        },
        title,
      ),
      h(
        'div',
        { display: 'block', fontSize: TAGLINE.size, fontWeight: 400, lineHeight: TAGLINE.lineHeight, wordBreak: 'break-word', lineClamp: TAGLINE.maxLines },
        tagline,
      ),
    ),
  );
}

/**
 * The DSFR's Marianne faces the image uses: `satori`, as satori takes them
 * (the WOFF 1.0 files, which every satori reads), and their metrics, to fit
 * the text.
 */
function fonts(dsfr) {
  const face = (file) => {
    const path = join(dsfr, 'fonts', file);
    if (!existsSync(path)) throw new Error(`og-image: the DSFR's font ${path} is missing`);
    return path;
  };
  const regular = face('Marianne-Regular.woff');
  const bold = face('Marianne-Bold.woff');
  return {
    satori: [
      { name: 'Marianne', data: readFileSync(regular), weight: 400, style: 'normal' },
      { name: 'Marianne', data: readFileSync(bold), weight: 700, style: 'normal' },
    ],
    regular: fontMetrics(regular),
    bold: fontMetrics(bold),
  };
}

/**
 * The 1200×630 PNG of a page's card: `dsfr`, the path of @gouvfr/dsfr's
 * dist/; `title`, the page's title; `site`, the site's name; `tagline`, the
 * site's one-line description. The same arguments give the same bytes.
 */
export async function ogImage({ dsfr, title, site, tagline }) {
  for (const [name, value] of Object.entries({ dsfr, title, site, tagline })) {
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`og-image: \`${name}\` must be a non-empty string`);
  }
  const marque = blocMarque(dsfr);
  const faces = fonts(dsfr);
  const svg = await satori(card({ marque, title: title.trim(), site: site.trim(), tagline: tagline.trim(), faces }), {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: faces.satori,
  });
  const png = new Resvg(svg, {
    fitTo: { mode: 'original' },
    background: '#ffffff',
    // satori draws the text as paths: no font of the machine can change a pixel.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}
