// The Nu HTML Checker (vnu.jar, the W3C's validator), run with the machine's
// Java on every HTML document the site serves under `wrangler dev`, as the
// bytes came over the wire (decompressed): both pages, the 404 in both
// languages, the 406, and any other status page answered in HTML. Zero
// errors, and zero warnings but those listed in TOLERATED_WARNINGS, each with
// the reason it is tolerated.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { lines, startSite } from './suite.mjs';

const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

/** What Chromium sends when following a link. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/**
 * The requests whose answers are checked. `html: true` for those the issue
 * names: they must be HTML; the others are checked when they are. `status`,
 * when given, is the one expected.
 */
const DOCUMENTS = [
  { name: 'fr-page', path: '/fr/apropos/', status: 200, html: true },
  { name: 'en-page', path: '/en/apropos/', status: 200, html: true },
  { name: 'historical-page', path: '/apropos/', html: false },
  { name: 'fr-404', path: '/nope', headers: { 'accept-language': 'fr' }, status: 404, html: true },
  { name: 'en-404', path: '/nope', headers: { 'accept-language': 'en' }, status: 404, html: true },
  { name: '406', path: '/fr/apropos/', headers: { accept: 'image/png' }, status: 406, html: true },
  { name: '405', method: 'POST', path: '/fr/apropos/', status: 405, html: false },
];

/**
 * The warnings the page may carry, each a pattern of vnu's message and the
 * reason it is tolerated. Only markup the DSFR prescribes belongs here; none
 * is needed today.
 */
const TOLERATED_WARNINGS = [];

let site;
let dir;
before(async () => {
  site = await startSite();
  dir = mkdtempSync(join(tmpdir(), 'apropos-vnu-'));
});
after(async () => {
  await site?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the Nu HTML Checker finds no error and no untolerated warning in any HTML the site serves', async (t) => {
  const checked = new Map(); // body hash → file, so identical bodies are checked once
  const named = [];
  const problems = [];
  for (const doc of DOCUMENTS) {
    const res = await fetch(site.url(doc.path), {
      method: doc.method ?? 'GET',
      headers: { accept: BROWSER_ACCEPT, 'accept-language': 'fr', ...doc.headers },
      redirect: 'manual',
    });
    const body = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const what = `${doc.method ?? 'GET'} ${doc.path} ${JSON.stringify(doc.headers ?? {})}`;
    if (doc.status !== undefined && res.status !== doc.status) problems.push(`${what}: status ${res.status}, expected ${doc.status}`);
    if (!type.startsWith('text/html')) {
      if (doc.html) problems.push(`${what}: served as "${type}", expected an HTML document`);
      continue;
    }
    const hash = createHash('sha256').update(body).digest('hex');
    if (!checked.has(hash)) {
      const file = join(dir, `${doc.name}.html`);
      writeFileSync(file, body);
      checked.set(hash, file);
    }
    named.push(`${doc.name} (${res.status}, ${body.length} bytes)`);
  }
  t.diagnostic(`checking ${named.join(', ')} as ${checked.size} distinct documents`);

  if (checked.size > 0) {
    const messages = await vnu([...checked.values()]);
    for (const m of messages) {
      const file = decodeURIComponent(new URL(m.url ?? 'file:///?').pathname).split('/').pop();
      const extract = m.extract ? `\n      ${JSON.stringify(m.extract)}` : '';
      const said = `${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${extract}`;
      const warning = m.type === 'info' && m.subType === 'warning';
      const tolerated = warning && TOLERATED_WARNINGS.find((w) => w.message.test(m.message));
      if (tolerated) t.diagnostic(`tolerated (${tolerated.reason}): ${said}`);
      else if (m.type === 'info' && !warning) t.diagnostic(`note: ${said}`);
      else problems.push(said);
    }
  }
  assert.equal(problems.length, 0, `${problems.length} problems:\n${lines(problems, String)}`);
});

/**
 * Runs vnu.jar once over `files` (the JVM takes a second or two to start) and
 * returns all its messages: errors, warnings and notes.
 */
async function vnu(files) {
  const run = promisify(execFile);
  let stderr;
  try {
    ({ stderr } = await run('java', ['-jar', VNU_JAR, '--format', 'json', ...files], { maxBuffer: 64 << 20 }));
  } catch (error) {
    // vnu exits 1 when it reports errors; anything else is a failure to run.
    if (error.code !== 1 || !error.stderr) throw new Error(`could not run the Nu HTML Checker (java -jar ${VNU_JAR}): ${error.message}`);
    stderr = error.stderr;
  }
  const { messages } = JSON.parse(stderr);
  return messages;
}
