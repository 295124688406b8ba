// The peer: the « À propos » page as a competent JavaScript team would serve
// it from a Worker, for `make bench` to compare the Rust worker against. hono
// routes, negotiator picks the format and the language, marked renders the
// markdown. Each variant (language × format) is rendered at its first use and
// kept with its ETag for the life of the isolate; a request routes,
// negotiates, checks If-None-Match and builds its headers.
//
// Bundled by bench/peer/build.mjs; the markdown is embedded as text, and the
// page's chrome (the DSFR header and footer, the head's asset links) as the
// Rust worker serves it, in `CHROME` (bench/peer/build.mjs).

import { Hono } from 'hono';
import { marked } from 'marked';
import Negotiator from 'negotiator';
import fr from '../../content/apropos.fr.md';
import en from '../../content/apropos.en.md';

const SOURCES = { fr, en };
const LANGS = ['fr', 'en'];
const FORMATS = {
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};
// The media types offered to negotiation, in order of preference (HTML first,
// so that `*/*` gets the page).
const OFFERED = Object.entries(FORMATS).map(([ext, type]) => ({ ext, media: type.split(';')[0] }));
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800';

/** `{ title, body }` of a markdown file: its front matter's title, and the rest. */
function parse(source) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  const front = match ? match[1] : '';
  const title = /^title:\s*(.*)$/m.exec(front)?.[1].trim() ?? '';
  return { title, body: match ? source.slice(match[0].length) : source };
}

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The body of one variant, from its markdown. */
function render(lang, ext) {
  const { title, body } = parse(SOURCES[lang]);
  const html = marked.parse(body);
  switch (ext) {
    case 'html':
      return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} | beta.gouv.fr</title>
${CHROME[lang].head}<link rel="canonical" href="https://beta.gouv.fr/${lang}/apropos/"></head>
<body>
${CHROME[lang].top}<main id="contenu" tabindex="-1"><div class="fr-container fr-my-7w"><div class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>${escape(title)}</h1>
${html}</div></div></div></main>
${CHROME[lang].bottom}
</body>
</html>
`;
    case 'json':
      return JSON.stringify({ lang, title, url: `https://beta.gouv.fr/${lang}/apropos/`, html });
    case 'txt':
      return `${title}\n\n${html.replace(/<[^>]+>/g, '').replace(/\n{3,}/g, '\n\n')}`;
    default:
      return `# ${title}\n\n${body}`;
  }
}

/** Each variant's bytes and ETag, made at its first use. */
const variants = new Map();
async function variant(lang, ext) {
  const key = `${lang}.${ext}`;
  let v = variants.get(key);
  if (!v) {
    const bytes = new TextEncoder().encode(render(lang, ext));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
    const etag = `"${Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
    v = { bytes, etag, type: FORMATS[ext] };
    variants.set(key, v);
  }
  return v;
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2). */
function matches(ifNoneMatch, etag) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** The response for one variant; `vary` names the headers negotiated. */
async function send(c, lang, ext, vary) {
  const v = await variant(lang, ext);
  const headers = { ETag: v.etag, 'Cache-Control': CACHE_CONTROL, 'Content-Language': lang };
  if (vary.length) headers.Vary = vary.join(', ');
  if (matches(c.req.header('If-None-Match'), v.etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = v.type;
  return c.body(v.bytes, 200, headers);
}

/** Negotiator reads a Node-style request: only the headers it needs. */
const negotiator = (c) =>
  new Negotiator({ headers: { accept: c.req.header('Accept'), 'accept-language': c.req.header('Accept-Language') } });
const pickLang = (c) => negotiator(c).language(LANGS) ?? LANGS[0];
function pickFormat(c) {
  const media = negotiator(c).mediaType(OFFERED.map((o) => o.media));
  return OFFERED.find((o) => o.media === media)?.ext;
}
/** `index.{ext}` → ext, if a format. */
const extOf = (file) => {
  const m = /^index\.(\w+)$/.exec(file);
  return m && m[1] in FORMATS ? m[1] : undefined;
};

const app = new Hono();
app.get('/apropos', (c) => c.redirect('/apropos/', 301));
app.get('/:lang/apropos', (c) => c.redirect(`/${c.req.param('lang')}/apropos/`, 301));
app.get('/apropos/', (c) => {
  const ext = pickFormat(c);
  if (!ext) return c.text('Not Acceptable', 406, { Vary: 'Accept' });
  return send(c, pickLang(c), ext, ['Accept', 'Accept-Language']);
});
app.get('/apropos/:file', (c) => {
  const ext = extOf(c.req.param('file'));
  return ext ? send(c, pickLang(c), ext, ['Accept-Language']) : c.notFound();
});
app.get('/:lang/apropos/', (c) => {
  const lang = c.req.param('lang');
  if (!LANGS.includes(lang)) return c.notFound();
  const ext = pickFormat(c);
  if (!ext) return c.text('Not Acceptable', 406, { Vary: 'Accept' });
  return send(c, lang, ext, ['Accept']);
});
app.get('/:lang/apropos/:file', (c) => {
  const lang = c.req.param('lang');
  const ext = extOf(c.req.param('file'));
  return LANGS.includes(lang) && ext ? send(c, lang, ext, []) : c.notFound();
});

export default app;
