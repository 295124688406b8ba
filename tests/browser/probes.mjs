// Measurements taken inside the page. Each function is sent to the browser
// as source (page.evaluate), so it is self-contained: no imports, no closure
// over this module. probes.test.mjs checks each one on pages built to pass and
// to fail, so a probe that always says "fine" cannot go unnoticed.

/**
 * Collects the page's Content-Security-Policy violations in
 * `window.__cspViolations`, from the `securitypolicyviolation` events
 * (report-only ones included). Meant for context.addInitScript, which runs it
 * before any of the page's own scripts, whatever the CSP says; it adds nothing
 * to the DOM.
 */
export function watchCspViolations() {
  const violations = [];
  Object.defineProperty(window, '__cspViolations', { value: violations });
  document.addEventListener('securitypolicyviolation', (e) =>
    violations.push({
      directive: e.violatedDirective,
      disposition: e.disposition,
      blocked: e.blockedURI,
      sample: e.sample,
      at: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
    }),
  );
}

/**
 * The elements a keyboard user can Tab to, in document order: links with an
 * href, form controls that are not disabled, and anything with a
 * non-negative tabindex, provided they are rendered (not display:none,
 * visibility:hidden, or inside an inert or closed subtree).
 */
export function tabbableElements() {
  const selector = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'iframe',
    'summary', 'audio[controls]', 'video[controls]', '[contenteditable]:not([contenteditable="false"])', '[tabindex]',
  ].join(',');
  return [...document.querySelectorAll(selector)].filter(
    (el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && el.checkVisibility({ visibilityProperty: true }),
  );
}

/** A short, readable name for `el`, for messages: tag, id, classes, text. */
export function describeElement(el) {
  if (!el || el === document.body || el === document.documentElement) return el ? el.tagName.toLowerCase() : 'nothing';
  const id = el.id ? `#${el.id}` : '';
  const classes = [...el.classList].map((c) => `.${c}`).join('');
  const href = el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '';
  const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return `${el.tagName.toLowerCase()}${id}${classes}${href}${text ? ` "${text}"` : ''}`;
}

/**
 * The styles that can show focus on `el`, as computed now: outline and
 * box-shadow of the element and of its ::before and ::after (the DSFR draws
 * the focus of an `.fr-enlarge-link`'s link, such as the header's brand, on
 * its ::before, which covers the whole block). `outlineVisible` is true for
 * an outline a person can see: a style other than none, a width above 0 and
 * a colour that is not fully transparent; a pseudo-element counts only when
 * it is generated (its content is not none).
 */
export function focusStyle(el) {
  const part = (pseudo) => {
    const style = getComputedStyle(el, pseudo);
    const color = style.outlineColor;
    const transparent = color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color) || /\/\s*0\)$/.test(color);
    const generated = pseudo === null || (style.content !== 'none' && style.content !== 'normal' && style.display !== 'none');
    return {
      outline: `${style.outlineStyle} ${style.outlineWidth} ${color}`,
      outlineVisible: generated && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent,
      boxShadow: generated ? style.boxShadow : 'none',
    };
  };
  const self = part(null);
  return { ...self, before: part('::before'), after: part('::after') };
}

/**
 * Where the focused element is: its box in the viewport, and whether a person
 * sees it there (some of it inside the viewport, with a size).
 */
export function focusedBox() {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  return { left: r.left, top: r.top, width: r.width, height: r.height, onScreen };
}

/**
 * The rendered lines of text in `root`, each with its length in characters.
 *
 * Method: every character of every text node is wrapped in a Range, whose
 * client rect says where the browser drew it. Characters are grouped into
 * lines per block (nearest ancestor whose display is not inline*): a character
 * whose vertical middle lies below the current line's bottom starts a new one.
 * Collapsed whitespace has no rect and is not counted; a line's length is its
 * text trimmed, in code points. This measures what is on screen, whatever the
 * font, its size, the column's width or the padding, unlike a width divided by
 * an average character width. Preformatted blocks (pre) are left out: their
 * lines are the author's, not the layout's.
 */
export function renderedLines(root) {
  const blockOf = (node) => {
    let el = node.parentElement;
    while (el !== root && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  const lines = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let line = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('pre, script, style, template')) continue;
    const block = blockOf(node);
    for (let i = 0; i < node.data.length; ) {
      const size = node.data.codePointAt(i) > 0xffff ? 2 : 1;
      range.setStart(node, i);
      range.setEnd(node, i + size);
      const char = node.data.slice(i, i + size);
      i += size;
      const rect = range.getClientRects()[0];
      if (!rect || (rect.width === 0 && rect.height === 0)) continue;
      const middle = (rect.top + rect.bottom) / 2;
      if (!line || line.block !== block || middle > line.bottom) {
        line = { block, bottom: rect.bottom, text: '' };
        lines.push(line);
      }
      line.text += /\s/.test(char) ? ' ' : char;
    }
  }
  return lines
    .map(({ text }) => text.replace(/ +/g, ' ').trim())
    .filter((text) => text.length > 0)
    .map((text) => ({ length: [...text].length, text }));
}

/**
 * What sticks out of the viewport horizontally: the document's scroll width
 * against the viewport's; the rendered elements whose right edge passes the
 * viewport's and that paint something there (content clipped by an
 * overflow:hidden would not scroll, but is lost all the same); and, to say
 * why a page scrolls, the elements not rendered (visibility: hidden, such as
 * a closed menu) whose boxes pass it all the same and so widen the page.
 * An element paints when it holds text of its own, is a replaced element or
 * a form control, or has a background, a border or a shadow: a transparent
 * container whose negative margin passes the edge (the DSFR's header does
 * this by 4 px to align its buttons' icons) loses nothing. Elements inside a
 * horizontal scroller of their own (overflow-x auto or scroll, e.g. a wide
 * table or code block) are its business, not the page's, and are left out.
 */
export function horizontalOverflow() {
  const viewport = document.documentElement.clientWidth;
  const inScroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const paints = (el) => {
    if ([...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim())) return true;
    if (/^(IMG|SVG|VIDEO|CANVAS|IFRAME|INPUT|SELECT|TEXTAREA|BUTTON|OBJECT|EMBED)$/i.test(el.tagName)) return true;
    const style = getComputedStyle(el);
    const transparent = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    return (
      !transparent(style.backgroundColor) ||
      style.backgroundImage !== 'none' ||
      style.boxShadow !== 'none' ||
      ['Top', 'Right', 'Bottom', 'Left'].some((side) => style[`border${side}Style`] !== 'none' && parseFloat(style[`border${side}Width`]) > 0)
    );
  };
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
  const past = [...document.body.querySelectorAll('*')]
    .filter((el) => !inScroller(el))
    .map((el) => ({ el, right: el.getBoundingClientRect().right + scrollX }))
    .filter(({ right }) => right > viewport + 0.5);
  const sticking = past
    .filter(({ el }) => el.checkVisibility({ visibilityProperty: true }) && paints(el))
    .map(({ el, right }) => `${describe(el)} reaches ${Math.round(right)}px`);
  const hidden = past
    .filter(({ el }) => !el.checkVisibility({ visibilityProperty: true }) && el.checkVisibility())
    .map(({ el, right }) => `${describe(el)} (not rendered) reaches ${Math.round(right)}px`);
  return { viewport, scrollWidth: document.documentElement.scrollWidth, sticking, hidden };
}

/**
 * The text a link prints as, in the media now emulated: its ::before
 * content, its text and its ::after content, for every rendered link in
 * `root` that leaves the page (not an #anchor in it), with what it points to and whether
 * a reader of the paper could type it: the printed text holds the href as
 * written, or resolved, or (for a bare site like https://www.data.gouv.fr/)
 * its host, or (mailto:, tel:) the address or number.
 */
export function printedLinks(root) {
  const quoted = (content) => [...content.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).join('');
  return [...root.querySelectorAll('a[href]')]
    .filter((a) => a.checkVisibility({ visibilityProperty: true }) && !a.getAttribute('href').startsWith('#'))
    .map((a) => {
      const href = a.getAttribute('href');
      const forms = [href, a.href, href.replace(/^(mailto|tel):/, '')];
      if (/^https?:$/.test(a.protocol) && a.pathname === '/' && !a.search && !a.hash) forms.push(a.hostname.replace(/^www\./, ''));
      const printed = quoted(getComputedStyle(a, '::before').content) + a.textContent + quoted(getComputedStyle(a, '::after').content);
      const squeezed = printed.replace(/\s+/g, '');
      return { href, printed: printed.replace(/\s+/g, ' ').trim(), showsUrl: forms.some((form) => squeezed.includes(form)) };
    });
}

/**
 * Whether focus shows, from focusStyle() of the element focused and
 * unfocused: the element or one of its pseudo-elements gains a visible
 * outline, or a box-shadow, that it did not have. Runs in Node.
 */
export function focusShown(focused, unfocused) {
  return [
    [focused, unfocused],
    [focused.before, unfocused.before],
    [focused.after, unfocused.after],
  ].some(
    ([now, before]) =>
      (now.outlineVisible && (!before.outlineVisible || now.outline !== before.outline)) || (now.boxShadow !== 'none' && now.boxShadow !== before.boxShadow),
  );
}

/**
 * The faces the text of `root` asks for: for every text node with something
 * to show that is rendered (it has a box on the page, in an element that is
 * visible), the computed font-family (its first family), font-weight and
 * font-style of its element. Returns one entry per distinct face asked for,
 * with how many characters ask for it and a sample of them.
 */
export function textFaces(root) {
  const faces = new Map();
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, title, head') || !node.data.trim()) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
    const style = getComputedStyle(el);
    const family = style.fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, '');
    const key = `${family}|${style.fontWeight}|${style.fontStyle}`;
    const face = faces.get(key) ?? { family, weight: Number(style.fontWeight), style: style.fontStyle, characters: 0, sample: '' };
    face.characters += node.data.trim().length;
    if (face.sample.length < 60) face.sample = `${face.sample} ${node.data.trim().replace(/\s+/g, ' ')}`.trim().slice(0, 60);
    faces.set(key, face);
  }
  return [...faces.values()];
}

/**
 * The page's web fonts: every @font-face rule of its style sheets (family,
 * weight, style and the url() of its src, or null for local() faces), with the
 * status document.fonts gives the face ('unloaded', 'loading', 'loaded',
 * 'error').
 */
export function webFonts() {
  const unquote = (s) => s.trim().replace(/^["']|["']$/g, '');
  const status = new Map([...document.fonts].map((f) => [`${unquote(f.family)}|${f.weight}|${f.style}`, f.status]));
  const rules = [];
  const visit = (list) => {
    for (const rule of list) {
      if (rule instanceof CSSFontFaceRule) {
        const family = unquote(rule.style.getPropertyValue('font-family'));
        const weight = rule.style.getPropertyValue('font-weight') || 'normal';
        const style = rule.style.getPropertyValue('font-style') || 'normal';
        const src = rule.style.getPropertyValue('src');
        const url = src.match(/url\(["']?([^"')]+)["']?\)/)?.[1] ?? null;
        const w = weight === 'normal' ? '400' : weight === 'bold' ? '700' : weight;
        rules.push({ family, weight: Number(w), style, url: url && new URL(url, rule.parentStyleSheet.href ?? location.href).href, status: status.get(`${family}|${w}|${style}`) ?? status.get(`${family}|${weight}|${style}`) ?? null });
      } else if (rule.cssRules) {
        visit(rule.cssRules);
      }
    }
  };
  for (const sheet of document.styleSheets) visit(sheet.cssRules);
  return rules;
}

/**
 * The face of `weights` (one family, normal style) that CSS font matching
 * (CSS Fonts 4, §5.2) picks for `weight`, and whether the browser then
 * synthesises bold (asked for 600 or more, given a face under 600). Runs in Node.
 */
export function matchWeight(weight, weights) {
  const sorted = [...weights].sort((a, b) => a - b);
  const below = sorted.filter((w) => w < weight).reverse();
  const above = sorted.filter((w) => w > weight);
  let chosen;
  if (sorted.includes(weight)) chosen = weight;
  else if (weight >= 400 && weight <= 500) chosen = [...above.filter((w) => w <= 500), ...below, ...above.filter((w) => w > 500)][0];
  else if (weight < 400) chosen = [...below, ...above][0];
  else chosen = [...above, ...below][0];
  return { chosen, syntheticBold: weight >= 600 && chosen !== undefined && chosen < 600 };
}

/**
 * What has focus now, for a walk with the keyboard: a key that names the
 * element for the whole visit (kept in a WeakMap of the page's, not in the
 * DOM), a description, its tag, its resolved href, whether it is in <main>
 * or after it (past the header), the aria-label of the <nav> holding it, the
 * id of the open modal dialog holding it (aria-modal), and for a button
 * that controls another element (aria-controls), that element's id, whether
 * it is rendered now and the button's aria-expanded.
 */
export function focusedElement() {
  const el = document.activeElement;
  const keys = (window.__focusKeys ??= { map: new WeakMap(), next: 0 });
  if (!el || el === document.body || el === document.documentElement) return { key: null, name: el ? el.tagName.toLowerCase() : 'nothing' };
  if (!keys.map.has(el)) keys.map.set(el, ++keys.next);
  const id = el.id ? `#${el.id}` : '';
  const classes = [...el.classList].map((c) => `.${c}`).join('');
  const text = (el.textContent || el.getAttribute('placeholder') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  const controls = el.getAttribute('aria-controls');
  const controlled = controls ? document.getElementById(controls) : null;
  const main = document.querySelector('main');
  return {
    key: keys.map.get(el),
    name: `${el.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`,
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type'),
    href: el.href || null,
    current: el.getAttribute('aria-current'),
    pastHeader: Boolean(main && (main.contains(el) || main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)),
    nav: el.closest('nav')?.getAttribute('aria-label') ?? null,
    modal: el.closest('[aria-modal="true"]')?.id ?? null,
    controls,
    controlledShown: controlled ? controlled.checkVisibility({ visibilityProperty: true }) : null,
    expanded: el.getAttribute('aria-expanded'),
  };
}

/**
 * Resolves once the page's animations and CSS transitions (the DSFR's menus
 * and modals fade and slide for 0.3 s) have finished, or after `timeoutMs`,
 * and a frame has been rendered since.
 */
export function animationsFinished(timeoutMs = 2000) {
  const running = document.getAnimations().map((a) => a.finished.catch(() => {}));
  return Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, timeoutMs))]).then(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}
