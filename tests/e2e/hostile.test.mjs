// Hostile input end to end: every request of tests/e2e/hostile.mjs, sent
// byte for byte to the real worker in workerd, gets its expected status and a
// well-formed answer, and the page is served unchanged right after each.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RUNTIME_CASES, WORKER_CASES, resolve } from './hostile.mjs';
import { rawRequest } from './http.mjs';
import { startWorker } from './worker.mjs';

const FORMATS = { html: 'text/html; charset=utf-8', json: 'application/json', txt: 'text/plain; charset=utf-8', md: 'text/markdown; charset=utf-8' };
const LANGS = ['fr', 'en'];

let worker;
/** Each variant's 200 from its explicit URL, by `${lang}.${ext}`. */
const variants = new Map();
/** Each site file's 200, by its path. */
const files = new Map();
let page;

before(async () => {
  worker = await startWorker();
  for (const lang of LANGS) {
    for (const ext of Object.keys(FORMATS)) {
      variants.set(`${lang}.${ext}`, await rawRequest(worker.port, { path: `/${lang}/apropos/index.${ext}` }));
    }
  }
  for (const path of new Set(WORKER_CASES.map((c) => c.file).filter(Boolean))) {
    files.set(path, await rawRequest(worker.port, { path }));
    assert.equal(files.get(path).status, 200, path);
  }
  page = await rawRequest(worker.port, { path: '/apropos/' });
  assert.equal(page.status, 200);
});
after(() => worker?.stop());

const header = (res, name) => res.headers[name]?.join(', ');

/** The explicit variant a response says it is, by its Content-Type and Content-Language. */
function variantOf(res) {
  const ext = Object.keys(FORMATS).find((e) => FORMATS[e] === header(res, 'content-type'));
  const lang = header(res, 'content-language');
  assert.ok(ext && LANGS.includes(lang), `a variant of the page, not ${header(res, 'content-type')} in ${lang}`);
  return { ext, lang, res: variants.get(`${lang}.${ext}`) };
}

/** The page, byte for byte as before, right after a hostile request. */
async function servesThePage() {
  const res = await rawRequest(worker.port, { path: '/apropos/' });
  assert.equal(res.status, 200, 'the page right after');
  assert.ok(res.body.equals(page.body), 'the same page right after');
  assert.equal(header(res, 'etag'), header(page, 'etag'));
}

describe('hostile requests the worker answers, none with a 5xx', () => {
  test('the table holds at least 30 cases, none expecting a 5xx', () => {
    assert.ok(WORKER_CASES.filter((c) => !c.todo).length >= 30, `${WORKER_CASES.length} cases`);
    for (const c of WORKER_CASES) assert.ok(c.status < 500, c.name);
    assert.equal(new Set(WORKER_CASES.map((c) => c.name)).size, WORKER_CASES.length, 'names are unique');
  });

  for (const hostile of WORKER_CASES) {
    test(`${hostile.name} → ${hostile.status}`, { todo: hostile.todo }, async () => {
      const request = resolve(hostile, header(page, 'etag'));
      const res = await rawRequest(worker.port, request);
      assert.equal(res.status, hostile.status);
      assert.equal(header(res, 'x-content-type-options'), 'nosniff', 'answered by the worker, with its headers');
      assert.equal(header(res, 'content-range'), undefined, 'Range is ignored');
      assert.equal(header(res, 'accept-ranges'), undefined, 'ranges are not advertised');
      if (hostile.file) {
        const file = files.get(hostile.file);
        assert.equal(header(res, 'etag'), header(file, 'etag'), 'the site file');
        assert.equal(header(res, 'vary'), 'Accept-Encoding', 'nothing negotiated; the edge may compress it');
        if (res.status === 200) {
          assert.equal(header(res, 'content-type'), header(file, 'content-type'));
          assert.ok(res.body.equals(request.method === 'HEAD' ? Buffer.alloc(0) : file.body), 'byte for byte');
        }
      } else if (res.status === 200) {
        const variant = variantOf(res);
        if (hostile.format) assert.equal(variant.ext, hostile.format);
        if (hostile.lang) assert.equal(variant.lang, hostile.lang);
        assert.equal(header(res, 'etag'), header(variant.res, 'etag'));
        if (request.method === 'HEAD') {
          assert.equal(res.body.length, 0);
          assert.equal(header(res, 'content-length'), header(variant.res, 'content-length'));
        } else {
          assert.ok(res.body.equals(variant.res.body), 'the whole representation, byte for byte');
        }
      }
      if (res.status === 304) {
        assert.equal(res.body.length, 0);
        assert.equal(header(res, 'etag'), header(hostile.file ? files.get(hostile.file) : page, 'etag'));
      }
      if (res.status === 405) assert.equal(header(res, 'allow'), 'GET, HEAD, OPTIONS');
      if (res.status === 302 && hostile.lang) {
        // A stated Accept-Language, however hostile, sends the client to the language chosen.
        assert.equal(header(res, 'location'), `/${hostile.lang}/apropos/`);
        assert.equal(header(res, 'vary'), 'Accept-Language, Accept-Encoding');
        assert.equal(res.body.length, 0);
      }
      await servesThePage();
    });
  }
});

describe('hostile requests workerd refuses itself, before the worker', () => {
  for (const hostile of RUNTIME_CASES) {
    test(`${hostile.name} → ${hostile.status}`, async () => {
      const res = await rawRequest(worker.port, resolve(hostile, header(page, 'etag')));
      assert.equal(res.status, hostile.status);
      assert.equal(header(res, 'x-content-type-options'), undefined, 'not an answer of the worker');
      await servesThePage();
    });
  }
});
