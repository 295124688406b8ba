// The eight representations (fr, en × HTML, JSON, text, Markdown), each at
// its explicit URL, through the real worker in workerd.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rawRequest } from './http.mjs';
import { startWorker } from './worker.mjs';

const FORMATS = [
  { ext: 'html', type: 'text/html; charset=utf-8' },
  { ext: 'json', type: 'application/json' },
  { ext: 'txt', type: 'text/plain; charset=utf-8' },
  { ext: 'md', type: 'text/markdown; charset=utf-8' },
];
const LANGS = [
  { lang: 'fr', title: 'À propos', heading: 'Qui sommes-nous' },
  { lang: 'en', title: 'About', heading: 'Who are we?' },
];

let worker;
before(async () => (worker = await startWorker()));
after(() => worker?.stop());

for (const { lang, title, heading } of LANGS) {
  for (const { ext, type } of FORMATS) {
    const path = `/${lang}/apropos/index.${ext}`;
    test(`GET ${path} is the ${lang} ${ext} representation`, async () => {
      const res = await rawRequest(worker.port, { path });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type']?.[0], type);
      assert.equal(res.headers['content-language']?.[0], lang);
      assert.equal(Number(res.headers['content-length']?.[0]), res.body.length);
      const body = res.body.toString('utf8');
      assert.ok(body.includes(heading), `${path} has the first section`);
      const site = 'https://beta.gouv.fr';
      switch (ext) {
        case 'html':
          assert.match(body, new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
          assert.ok(body.includes(`<title>${title} — beta.gouv.fr</title>`));
          assert.ok(body.includes(`<link rel="canonical" href="${site}/${lang}/apropos/">`));
          break;
        case 'json': {
          const page = JSON.parse(body);
          assert.equal(page.lang, lang);
          assert.equal(page.title, title);
          assert.equal(page.url, `${site}/${lang}/apropos/`);
          assert.ok(page.links.every((link) => /^(https?|mailto):/.test(link.href)), 'absolute links');
          break;
        }
        case 'txt':
          assert.ok(body.startsWith(`${title}\n${'='.repeat([...title].length)}\n`));
          assert.ok(!/<[a-z/]/.test(body), 'no HTML');
          break;
        case 'md': {
          // Front matter as Cloudflare's Markdown for Agents sends it, then the page.
          const [, yaml, page] = /^---\n([^]*?)\n---\n\n([^]*)$/.exec(body) ?? [];
          assert.ok(page?.startsWith(`# ${title}\n`), 'front matter, then the title');
          const fields = Object.fromEntries(yaml.split('\n').map((line) => [line.split(': ')[0], JSON.parse(line.slice(line.indexOf(': ') + 2))]));
          assert.deepEqual(Object.keys(fields), ['title', 'description', 'lang', 'url']);
          assert.deepEqual([fields.title, fields.lang, fields.url], [title, lang, `${site}/${lang}/apropos/`]);
          assert.ok(Number(res.headers['x-markdown-tokens']?.[0]) > 0, 'x-markdown-tokens');
          assert.ok(body.includes(`](${site}/communaute/)`), 'absolute links');
          break;
        }
      }
    });
  }
}

test('the canonical URL of each language is its HTML page', async () => {
  for (const { lang, title } of LANGS) {
    const res = await rawRequest(worker.port, { path: `/${lang}/apropos/`, headers: [['Accept', 'text/html']] });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type']?.[0], 'text/html; charset=utf-8');
    assert.ok(res.body.toString('utf8').includes(`<h1>${title}</h1>`));
  }
});

test('links of the page resolve against SITE_URL', async () => {
  const local = await startWorker({ vars: { SITE_URL: 'http://127.0.0.1:9999' } });
  try {
    const res = await rawRequest(local.port, { path: '/fr/apropos/index.md' });
    assert.equal(res.status, 200);
    assert.ok(res.body.toString('utf8').includes('](http://127.0.0.1:9999/communaute/)'));
  } finally {
    await local.stop();
  }
});
