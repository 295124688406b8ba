// Hostile requests, one line per case, shared by the end-to-end table
// (hostile.test.mjs) and the soak (scripts/soak.mjs).
//
// A case is { name, method, path, headers, body, status, format, lang, file, todo }:
// `headers` are [name, value] pairs whose values are strings (sent as latin1)
// or Buffers (sent byte for byte); `status` is the answer expected; `format`
// (an extension: html, json, txt, md) and `lang` say which variant a 200 must
// be (and `lang`, which language a 302 from /apropos/ leads to), `file` which site file (its path) a 200 or 304 must be; `todo` marks a
// known bug, with what is wrong.
//
// WORKER_CASES reach the worker, which answers each without a 5xx.
// RUNTIME_CASES are answered by workerd itself, before the worker runs: their
// statuses are workerd's, recorded here so that a change in the runtime shows.

const KB = 1024;
const repeat = (text, times, separator = ', ') => Array(times).fill(text).join(separator);
const bytes = (...parts) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'latin1'))));
const etags = (count) => Array.from({ length: count }, (_, i) => `"${i.toString(16).padStart(16, '0')}"`).join(', ');

/** The ETag of /fr/apropos/index.html, filled in once the worker has answered it. */
export const PAGE_ETAG = '{{etag}}';

export const WORKER_CASES = [
  // Header values of 64 KB and more (workerd takes a request head of 300 KB and
  // refuses one of 500 KB: see RUNTIME_CASES).
  { name: 'Accept of 64 KB: a valid range, then one huge element', headers: [['Accept', `application/json, ${'a'.repeat(64 * KB)}`]], status: 200, format: 'json' },
  { name: 'Accept of 64 KB of a single token', headers: [['Accept', 'a'.repeat(64 * KB)]], status: 200, format: 'html' },
  { name: 'Accept-Language of 64 KB', headers: [['Accept-Language', 'x'.repeat(64 * KB)]], status: 302, lang: 'fr' },
  { name: 'If-None-Match of one 64 KB entity tag', headers: [['If-None-Match', `"${'x'.repeat(64 * KB)}"`]], status: 200 },
  { name: 'a 64 KB Cookie', headers: [['Cookie', 'a=b; '.repeat(13 * KB)]], status: 200 },
  { name: 'two headers of 60 KB each', headers: [['X-A', 'a'.repeat(60 * KB)], ['X-B', 'b'.repeat(60 * KB)]], status: 200 },
  { name: 'a 256 KB header value', headers: [['Accept', 'a'.repeat(256 * KB)]], status: 200, format: 'html' },
  // Thousands of list entries: only a bounded prefix is read.
  { name: 'Accept: 5000 image/png, then application/json beyond the cap', headers: [['Accept', `${repeat('image/png', 5000)}, application/json`]], status: 406 },
  { name: 'Accept: application/json, then 5000 entries', headers: [['Accept', `application/json, ${repeat('image/png', 5000)}`]], status: 200, format: 'json' },
  { name: 'Accept-Language: 5000 de, then en beyond the cap', headers: [['Accept-Language', `${repeat('de', 5000)}, en`]], status: 302, lang: 'fr' },
  { name: 'Accept-Language: en, then 5000 entries', headers: [['Accept-Language', `en, ${repeat('de;q=0.5', 5000)}`]], status: 302, lang: 'en' },
  { name: '200 Accept field lines of image/png, then text/plain', headers: [...Array(200).fill(['Accept', 'image/png']), ['Accept', 'text/plain']], status: 406 },
  { name: '3000 distinct headers', headers: Array.from({ length: 3000 }, (_, i) => [`X-Header-${i}`, 'v']), status: 200 },
  { name: 'If-None-Match: 5000 entity tags, none ours', headers: [['If-None-Match', etags(5000)]], status: 200 },
  { name: 'If-None-Match: 5000 entity tags, ours last (beyond the cap)', headers: [['If-None-Match', `${etags(5000)}, ${PAGE_ETAG}`]], status: 200 },
  { name: 'If-None-Match: ours first, then 5000 entity tags', headers: [['If-None-Match', `${PAGE_ETAG}, ${etags(5000)}`]], status: 304 },
  { name: 'If-None-Match: ours between commas, spaces and junk', headers: [['If-None-Match', `,, junk, W/"", "a,b", ${PAGE_ETAG} ,,`]], status: 304 },
  // Invalid UTF-8, control and other odd bytes in header values.
  { name: 'Accept-Language of invalid UTF-8 bytes', headers: [['Accept-Language', bytes(Buffer.from([0xff, 0xfe, 0x80, 0xc3]))]], status: 302, lang: 'fr' },
  { name: 'Accept: invalid UTF-8, then application/json', headers: [['Accept', bytes(Buffer.from([0xff, 0xfe]), ', application/json')]], status: 200, format: 'json' },
  { name: 'Accept-Language: UTF-8 letters, then en', headers: [['Accept-Language', Buffer.from('français, en', 'utf8')]], status: 302, lang: 'en' },
  { name: 'Accept with a control byte', headers: [['Accept', bytes('application/json\x01')]], status: 200, format: 'html' },
  { name: 'Accept with DEL', headers: [['Accept', bytes('\x7f, application/json')]], status: 200, format: 'html' },
  { name: 'Accept-Language with an ANSI escape', headers: [['Accept-Language', bytes('en\x1b[31m')]], status: 200, lang: 'fr' },
  { name: 'a header with a non-breaking space and latin1 letters', headers: [['X-Junk', bytes(Buffer.from([0xa0, 0xe9, 0xff]))], ['Accept', 'text/markdown']], status: 200, format: 'md' },
  // q-values outside the grammar make their range invalid, so it is ignored.
  { name: 'q=NaN', headers: [['Accept', 'application/json;q=NaN, text/plain;q=0.5']], status: 200, format: 'txt' },
  { name: 'q=-1', headers: [['Accept', 'text/html;q=-1, application/json;q=0.1']], status: 200, format: 'json' },
  { name: 'q=2', headers: [['Accept', 'text/html;q=2, text/markdown;q=0.2']], status: 200, format: 'md' },
  { name: 'q=1.0001', headers: [['Accept', 'application/json;q=1.0001, text/plain;q=0.9']], status: 200, format: 'txt' },
  { name: 'q=0.1234 alone: no valid range, so */*', headers: [['Accept', 'text/plain;q=0.1234']], status: 200, format: 'html' },
  { name: 'q=0 on */*: nothing acceptable', headers: [['Accept', '*/*;q=0']], status: 406 },
  { name: 'Accept-Language q=NaN, -1 and 2', headers: [['Accept-Language', 'en;q=NaN, fr;q=-1, en;q=2']], status: 302, lang: 'fr' },
  // Lone separators and quoted parameters holding separators.
  { name: 'Accept: a lone ;', headers: [['Accept', ';']], status: 200, format: 'html' },
  { name: 'Accept: a lone ,', headers: [['Accept', ',']], status: 200, format: 'html' },
  { name: 'Accept: only separators', headers: [['Accept', ';;,;,,;=,"']], status: 200, format: 'html' },
  { name: 'Accept-Language: a lone ,', headers: [['Accept-Language', ',']], status: 302, lang: 'fr' },
  { name: 'a quoted parameter holding ", ;q=0"', headers: [['Accept', 'text/html;x="a,b;q=0", application/json;q=0.5']], status: 200, format: 'json' },
  { name: 'a quoted charset holding a comma', headers: [['Accept', 'text/plain;charset="utf-8,latin1", text/markdown;q=0.1']], status: 200, format: 'md' },
  { name: 'an unterminated quoted string', headers: [['Accept', 'text/plain;x="a, application/json']], status: 200, format: 'html' },
  // Bogus and unknown language tags.
  { name: 'bogus language tags', headers: [['Accept-Language', 'en_US, 123, abcdefghi, -, *-en, en-, en--gb']], status: 302, lang: 'fr' },
  { name: 'unknown but valid tags, then en', headers: [['Accept-Language', 'i-klingon, x-pig-latin;q=0.9, en;q=0.1']], status: 302, lang: 'en' },
  { name: 'Accept-Language: *;q=0 (French, the default)', headers: [['Accept-Language', '*;q=0']], status: 302, lang: 'fr' },
  // Range and Expect: the worker sends the whole representation.
  { name: 'Range: bytes=0-10', path: '/fr/apropos/index.html', headers: [['Range', 'bytes=0-10']], status: 200 },
  { name: 'Range: several and invalid ranges', path: '/fr/apropos/index.html', headers: [['Range', 'bytes=999999-0,junk,0-0,1-1']], status: 200 },
  { name: 'Range with If-Range', path: '/fr/apropos/index.html', headers: [['Range', 'bytes=0-0'], ['If-Range', '"nope"']], status: 200 },
  { name: 'Expect: 100-continue on a GET', path: '/fr/apropos/index.html', headers: [['Expect', '100-continue']], status: 200 },
  { name: 'Expect: an unknown expectation', path: '/fr/apropos/index.html', headers: [['Expect', 'the-unexpected']], status: 200 },
  { name: 'Expect: 100-continue on a POST with a body', method: 'POST', path: '/fr/apropos/index.html', headers: [['Expect', '100-continue']], body: 'x=1', status: 405 },
  // Paths.
  { name: '%00 in the path', path: '/apropos/%00', status: 404 },
  // workerd passes the path as sent, dot segments and all: no route has one.
  { name: '.. inside the path, as sent', path: '/fr/apropos/../apropos/', status: 404 },
  { name: '.. above the root', path: '/../../../etc/passwd', status: 404 },
  { name: 'percent-encoded dots', path: '/fr/%2e%2e/apropos/', status: 404 },
  { name: 'percent-encoded slash', path: '/fr%2Fapropos/', status: 404 },
  { name: 'a leading double slash', path: '//apropos/', status: 404 },
  { name: 'a double slash inside', path: '/fr//apropos/', status: 404 },
  { name: 'backslashes', path: '/fr\\apropos\\', status: 404 },
  { name: 'raw UTF-8 in the path', path: bytes(Buffer.from('/apropos/é', 'utf8')).toString('latin1'), status: 404 },
  { name: 'an 8 KB path', path: `/${'a'.repeat(8 * KB)}`, status: 404 },
  { name: 'a 60 KB path', path: `/apropos/${'a'.repeat(60 * KB)}`, status: 404 },
  { name: 'an 8 KB query string', path: `/apropos/?${'q=1&'.repeat(2 * KB)}`, status: 200, format: 'html', lang: 'fr' },
  // Methods the page does not allow, known and uncommon.
  // The site files: the same whatever the request's headers, a full resource each.
  { name: 'robots.txt with a hostile Accept and Accept-Language', path: '/robots.txt', headers: [['Accept', ';,'.repeat(KB)], ['Accept-Language', 'x'.repeat(8 * KB)]], status: 200, file: '/robots.txt' },
  { name: 'sitemap.xml when nothing is acceptable', path: '/sitemap.xml', headers: [['Accept', '*/*;q=0']], status: 200, file: '/sitemap.xml' },
  { name: 'security.txt with If-None-Match: *', path: '/.well-known/security.txt', headers: [['If-None-Match', '*']], status: 304, file: '/.well-known/security.txt' },
  { name: 'llms.txt with 5000 entity tags, none its own', path: '/llms.txt', headers: [['If-None-Match', etags(5000)]], status: 200, file: '/llms.txt' },
  { name: 'HEAD of the page schema with a 64 KB Accept', method: 'HEAD', path: '/schema/page.schema.json', headers: [['Accept', 'x'.repeat(64 * KB)]], status: 200, file: '/schema/page.schema.json' },
  { name: 'POST to robots.txt', method: 'POST', path: '/robots.txt', body: 'x', status: 405 },
  { name: 'robots.txt with a trailing slash', path: '/robots.txt/', status: 404 },
  // Percent-encoded unreserved characters are decoded (RFC 3986 §6.2.2.2); nothing else is.
  { name: 'percent-encoded letters: moved to the normal form', path: '/%61%70ropos/', status: 301 },
  { name: 'percent-encoded letters and a NUL', path: '/%61propos/%00', status: 404 },
  { name: 'percent-encoded letters in a 6 KB path', path: `/%61propos/${'%61'.repeat(2 * KB)}`, status: 404 },
  { name: 'an invalid escape before a route', path: '/%zz/apropos/', status: 404 },
  { name: 'a truncated escape', path: '/apropos/index.m%6', status: 404 },
  { name: 'PROPFIND', method: 'PROPFIND', path: '/apropos/', status: 405 },
  { name: 'TRACE', method: 'TRACE', path: '/apropos/', status: 405 },
  { name: 'PATCH with a body', method: 'PATCH', path: '/apropos/', body: '{"a":1}', status: 405 },
  { name: 'DELETE', method: 'DELETE', path: '/en/apropos/index.json', status: 405 },
  { name: 'MKCOL', method: 'MKCOL', path: '/apropos/', status: 405 },
  { name: 'SEARCH', method: 'SEARCH', path: '/apropos/', status: 405 },
  { name: 'PUT on an unknown path', method: 'PUT', path: '/nope', body: 'x', status: 404 },
  { name: 'OPTIONS with a hostile Accept', method: 'OPTIONS', path: '/apropos/', headers: [['Accept', ';,'.repeat(KB)]], status: 204 },
  { name: 'HEAD with a 64 KB Accept', method: 'HEAD', path: '/apropos/', headers: [['Accept', 'x'.repeat(64 * KB)]], status: 200 },
  // Request targets and framing that RFC 9112 has a server refuse or read
  // otherwise, which workerd passes on. The absolute form must be accepted
  // (§3.2.2): the page. `*` is no URL the worker can parse, so it answers as
  // for `/` (src/entry.rs): a 302 to /apropos/, where a 400 is due. A second
  // Host is due a 400 (§3.2); the worker does not read Host.
  { name: 'an absolute-form request target', path: 'http://example.com/apropos/', status: 200, format: 'html', lang: 'fr' },
  { name: 'an asterisk-form request target on GET', path: '*', status: 302 },
  { name: 'a second Host header', headers: [['Host', 'example.com']], status: 200, format: 'html', lang: 'fr' },
];

export const RUNTIME_CASES = [
  // Refused by workerd's HTTP parser (it answers and closes the connection).
  { name: 'a NUL byte in a header value', headers: [['Accept', bytes('text/\x00html')]], status: 400 },
  { name: 'a space in a header name', headers: [['Acc ept', 'text/html']], status: 400 },
  { name: 'a bare CR inside a header value', headers: [['X-A', bytes('a\rAccept: application/json')]], status: 400 },
  { name: 'a request target without its leading slash', path: 'apropos/', status: 400 },
  { name: 'an invalid Content-Length', headers: [['Content-Length', 'abc']], status: 400 },
  { name: 'a 512 KB header value', headers: [['Accept', 'a'.repeat(512 * KB)]], status: 431 },
  // A request target of 64 KB or more (so src/entry.rs's fallback for a URL
  // longer than http::Uri holds is not reached here).
  { name: 'a 70 KB path', path: `/nope/${'a'.repeat(70 * KB)}`, status: 414 },
  { name: 'a 200 KB path', path: `/${'a'.repeat(200 * KB)}`, status: 414 },
  { name: 'an unknown method', method: 'BREW', path: '/apropos/', status: 501 },
  { name: 'a lowercase method', method: 'get', path: '/apropos/', status: 501 },
  { name: 'a method of 1000 letters', method: 'X'.repeat(1000), path: '/apropos/', status: 501 },
  // Refused by workerd with a 500 of its own (the worker never runs), where a
  // 501 is due. Behind Cloudflare's edge such requests never reach workerd.
  { name: 'CONNECT', method: 'CONNECT', path: 'example.com:443', status: 500 },
];

/** `hostile` with its defaults and the page's real ETag in place of PAGE_ETAG. */
export function resolve(hostile, etag) {
  const fill = (v) => (typeof v === 'string' ? v.replaceAll(PAGE_ETAG, etag) : v);
  return {
    method: 'GET',
    path: '/apropos/',
    ...hostile,
    headers: (hostile.headers ?? []).map(([name, value]) => [name, fill(value)]),
  };
}
