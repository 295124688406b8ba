// Debian's Chromium, headless, driven by playwright-core over its DevTools
// pipe. No browser is downloaded: playwright-core only speaks the protocol.
//
//   const chromium = await launchChromium();
//   const context = await chromium.browser.newContext({ viewport: { width: 320, height: 640 } });
//   ...
//   await chromium.close();                       // always, in after()
//
// The command line is exactly FLAGS, a fresh --user-data-dir (removed by
// close()), and the two switches the driver needs to talk to the browser
// (--remote-debugging-pipe, --no-startup-window): playwright's own defaults are
// turned off (ignoreDefaultArgs: true), so what is tested is plain Chromium.
// A tool that connects over a port instead (Lighthouse) asks for
// `launchChromium({ debuggingPort: true })`, which adds
// --remote-debugging-port=0 and resolves with the port Chromium chose.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * The browser binary. Debian's /usr/bin/chromium is a shell wrapper that adds
 * its own flags (--enable-remote-extensions, --load-extension=...,
 * --enable-gpu-rasterization) and Google API keys from /etc/chromium.d; the
 * binary it wraps is run instead, so the flags below are the only ones.
 * CHROMIUM_BIN overrides it.
 */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/lib/chromium/chromium';

/** The flags the issue asks for, plus --headless. */
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const open = new Set();
// Playwright kills the browsers it started on exit and on signals; the
// profile directories are ours to remove.
process.once('exit', () => {
  for (const dir of open) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts headless Chromium with a fresh profile. Resolves with the playwright
 * `browser` and `close()`, which closes the browser (killing it if it does not
 * exit) and removes the profile; with `debuggingPort`, also with `port`, the
 * loopback port of its DevTools HTTP endpoint.
 */
export async function launchChromium({ timeoutMs = 30000, debuggingPort = false } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'apropos-chromium-'));
  open.add(userDataDir);
  const removeProfile = () => {
    rmSync(userDataDir, { recursive: true, force: true });
    open.delete(userDataDir);
  };
  const startedAt = performance.now();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_BIN,
      ignoreDefaultArgs: true,
      args: [
        ...FLAGS,
        `--user-data-dir=${userDataDir}`,
        '--remote-debugging-pipe',
        ...(debuggingPort ? ['--remote-debugging-port=0'] : []),
        '--no-startup-window',
      ],
      timeout: timeoutMs,
    });
  } catch (error) {
    removeProfile();
    throw new Error(`could not start ${CHROMIUM_BIN} (run \`make browser\`, which installs it): ${error.message}`);
  }
  const close = async () => {
    await browser.close().catch(() => {});
    removeProfile();
  };
  let port;
  if (debuggingPort) {
    try {
      port = await activePort(userDataDir, timeoutMs);
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { browser, userDataDir, port, startupMs: performance.now() - startedAt, close };
}

/**
 * The port Chromium listens on for DevTools with --remote-debugging-port=0:
 * the first line of the DevToolsActivePort file it writes in its profile.
 */
async function activePort(userDataDir, timeoutMs) {
  const file = join(userDataDir, 'DevToolsActivePort');
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 20))) {
    try {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) throw new Error(`${CHROMIUM_BIN} wrote no ${file} within ${timeoutMs} ms`);
  }
}
