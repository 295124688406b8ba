// What the page's chrome should hold, read from the content it is built from
// (content/site.{lang}.yml), so that the browser tests hard-code no link: the
// header's shortcuts, its navigation (direct links and sub-menus) and the
// languages of the page.
//
//   const chrome = siteChrome('fr', site.base);
//   chrome.nav          // [{ label, href } | { label, links: [{ label, href }] }]
//   chrome.navLinks     // every link of the navigation, sub-menus flattened
//   chrome.shortcuts    // [{ label, href }]
//   chrome.languages    // [{ lang, href, current }]
//
// Every href is absolute, resolved against the site's origin as the worker
// resolves the content's relative URLs.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/worker.mjs';
import { pagePath } from './suite.mjs';

export const CONTENT = join(ROOT, 'content');

/**
 * A reader for the YAML these files use, and no more: block mappings and
 * sequences by indentation, `- key: value` items, plain, "double" (JSON) and
 * 'single' quoted scalars, and # comments. Anything else (flow collections,
 * anchors, block scalars, several documents) throws, so that a file outgrowing
 * the reader is noticed rather than misread. The worker's build checks the
 * same files with a full YAML parser (crates/content).
 */
export function parseYaml(text) {
  const lines = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const content = stripComment(raw);
    if (content.trim() === '') continue;
    if (/\t/.test(raw.match(/^\s*/)[0])) throw new Error(`line ${index + 1}: tab in indentation`);
    lines.push({ number: index + 1, indent: raw.match(/^ */)[0].length, text: content.trim() });
  }
  let at = 0;

  const fail = (line, why) => {
    throw new Error(`line ${line.number}: ${why}: ${line.text}`);
  };

  /** The block starting at `lines[at]`, all of whose lines are indented `indent`. */
  function block(indent) {
    const line = lines[at];
    return line.text.startsWith('- ') || line.text === '-' ? sequence(indent) : mapping(indent);
  }

  function mapping(indent, into = {}) {
    while (at < lines.length && lines[at].indent === indent) {
      const line = lines[at];
      if (line.text.startsWith('-')) fail(line, 'a sequence item where a key was expected');
      const match = line.text.match(/^([A-Za-z0-9_-]+):(?:\s+(.*))?$/);
      if (!match) fail(line, 'not a "key: value" line');
      const [, key, rest] = match;
      if (key in into) fail(line, `duplicate key "${key}"`);
      at++;
      if (rest !== undefined) {
        into[key] = scalar(rest, line);
      } else if (at < lines.length && lines[at].indent > indent) {
        into[key] = block(lines[at].indent);
      } else if (at < lines.length && lines[at].indent === indent && lines[at].text.startsWith('-')) {
        into[key] = sequence(indent); // a sequence may sit at its key's indentation
      } else {
        into[key] = null;
      }
    }
    if (at < lines.length && lines[at].indent > indent) fail(lines[at], 'unexpected indentation');
    return into;
  }

  function sequence(indent) {
    const items = [];
    while (at < lines.length && lines[at].indent === indent && lines[at].text.startsWith('-')) {
      const line = lines[at];
      const rest = line.text.replace(/^-\s*/, '');
      if (rest === '') {
        at++;
        items.push(at < lines.length && lines[at].indent > indent ? block(lines[at].indent) : null);
      } else if (/^[A-Za-z0-9_-]+:(\s|$)/.test(rest)) {
        // "- key: value": a mapping whose keys sit where `key` does.
        const column = indent + (line.text.length - rest.length);
        lines[at] = { ...line, indent: column, text: rest };
        items.push(mapping(column));
      } else {
        at++;
        items.push(scalar(rest, line));
      }
    }
    return items;
  }

  const value = lines.length === 0 ? null : block(lines[0].indent);
  if (at < lines.length) fail(lines[at], 'unexpected indentation');
  return value;
}

/** `raw` without its comment: a # at the start or after a space, outside quotes. */
function stripComment(raw) {
  let quote = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(raw[i - 1]))) {
      return raw.slice(0, i);
    }
  }
  return raw;
}

/** A scalar: "double" as JSON, 'single' with '' for ', plain as is (no other types are used). */
function scalar(text, line) {
  if (text.startsWith('"')) return JSON.parse(text);
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Error(`line ${line.number}: unterminated quoted scalar: ${text}`);
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (/^[[{&*!|>%@`]/.test(text)) throw new Error(`line ${line.number}: YAML this reader does not know: ${text}`);
  return text;
}

/** The languages of the content: those with a site.{lang}.yml, in file order. */
export function contentLanguages(dir = CONTENT) {
  return readdirSync(dir)
    .map((file) => file.match(/^site\.([a-z]{2,3})\.yml$/)?.[1])
    .filter(Boolean)
    .sort();
}

/** The chrome of the page in `lang`, its links resolved against `base` (the site's origin). */
export function siteChrome(lang, base, dir = CONTENT) {
  const site = parseYaml(readFileSync(join(dir, `site.${lang}.yml`), 'utf8'));
  const link = ({ label, url }) => ({ label, href: new URL(url, base).href });
  const nav = site.header.nav.map((entry) => (entry.links ? { label: entry.label, links: entry.links.map(link) } : link(entry)));
  return {
    lang,
    site,
    shortcuts: site.header.shortcuts.map(link),
    nav,
    navLinks: nav.flatMap((entry) => entry.links ?? [entry]),
    subMenus: nav.filter((entry) => entry.links).map((entry) => entry.label),
    languages: contentLanguages(dir).map((other) => ({ lang: other, href: new URL(pagePath(other), base).href, current: other === lang })),
  };
}
