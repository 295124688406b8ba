// The vertical slice through the real worker in workerd: the French page at
// its historical URL, complete and with exact framing.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rawRequest } from './http.mjs';
import { startWorker } from './worker.mjs';

let worker;
before(async () => (worker = await startWorker()));
after(() => worker?.stop());

test('GET /apropos/ is the French page as a complete HTML document', async () => {
  const res = await rawRequest(worker.port, { path: '/apropos/' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'][0], 'text/html; charset=utf-8');
  assert.equal(res.headers['transfer-encoding'], undefined, 'the body is sent with its length, not chunked');
  assert.equal(Number(res.headers['content-length'][0]), res.body.length);
  const html = res.body.toString('utf8');
  assert.match(html, /^<!DOCTYPE html>\n<html lang="fr">/);
  assert.match(html, /<title>À propos — beta.gouv.fr<\/title>/);
  assert.match(html, /<main id="contenu"[ >]/);
  assert.match(html, /Qui sommes-nous/);
  assert.match(html, /Rapport d’activité/, 'the last paragraph of the source is rendered');
  assert.match(html, /<\/html>\n?$/);
});

test('HEAD /apropos/ has the GET headers and no body', async () => {
  const get = await rawRequest(worker.port, { path: '/apropos/' });
  const head = await rawRequest(worker.port, { method: 'HEAD', path: '/apropos/' });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(head.headers['content-length'][0], get.headers['content-length'][0]);
});

test('an unknown path is 404', async () => {
  const res = await fetch(worker.url('/nope'));
  assert.equal(res.status, 404);
});
