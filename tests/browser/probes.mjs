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
 * The styles that can show focus: outline and box-shadow, as computed now.
 * `outlineVisible` is true for an outline a person can see: a style other
 * than none, a width above 0 and a colour that is not fully transparent.
 */
export function focusStyle(el) {
  const style = getComputedStyle(el);
  const color = style.outlineColor;
  const transparent = color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color) || /\/\s*0\)$/.test(color);
  return {
    outline: `${style.outlineStyle} ${style.outlineWidth} ${color}`,
    outlineVisible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent,
    boxShadow: style.boxShadow,
  };
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
 * against the viewport's, and the rendered elements whose right edge passes
 * the viewport's (content clipped by an overflow:hidden would not scroll, but
 * is lost all the same). Elements inside a horizontal scroller of their own
 * (overflow-x auto or scroll, e.g. a wide table or code block) are its
 * business, not the page's, and are left out.
 */
export function horizontalOverflow() {
  const viewport = document.documentElement.clientWidth;
  const inScroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
  const sticking = [...document.body.querySelectorAll('*')]
    .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !inScroller(el))
    .map((el) => ({ el, right: el.getBoundingClientRect().right + scrollX }))
    .filter(({ right }) => right > viewport + 0.5)
    .map(({ el, right }) => `${describe(el)} reaches ${Math.round(right)}px`);
  return { viewport, scrollWidth: document.documentElement.scrollWidth, sticking };
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
