// The browser under test is plain Debian Chromium with exactly the issue's
// flags and a profile of its own, and nothing of it outlives close(). Read
// from /proc, as the kernel sees the process.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { CHROMIUM_BIN, FLAGS, launchChromium } from './chromium.mjs';

/** The live process ids under `/proc`. */
const pids = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);

/** The parent of `pid`, or null once it is gone. */
function parentOf(pid) {
  try {
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** `root` and every process below it. */
function processTree(root) {
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of pids()) {
      if (!tree.has(pid) && tree.has(parentOf(pid))) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** The command lines of the processes whose arguments include `needle`. */
function processesWith(needle) {
  const found = [];
  for (const pid of pids()) {
    let argv;
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue; // gone meanwhile
    }
    if (argv.includes(needle)) found.push({ pid: Number(pid), argv });
  }
  return found;
}

test('Chromium runs headless with exactly the listed flags and a fresh profile, and close() leaves nothing', async (t) => {
  const chromium = await launchChromium();
  t.diagnostic(`Chromium ${chromium.browser.version()} started in ${Math.round(chromium.startupMs)} ms`);
  const profileFlag = `--user-data-dir=${chromium.userDataDir}`;
  let closed = false;
  try {
    const processes = processesWith(profileFlag);
    // The browser process; its helpers (zygote, renderer, ...) carry --type=.
    // A helper the browser has just forked and that has not yet run its own
    // program still has the browser's command line: it is told apart by its
    // parent, the browser (seen on a machine under load).
    const ids = new Set(processes.map(({ pid }) => pid));
    const browsers = processes.filter(({ pid, argv }) => !argv.some((arg) => arg.startsWith('--type=')) && !ids.has(parentOf(pid)));
    assert.equal(browsers.length, 1, `one browser process with this profile: ${JSON.stringify(processes)}`);
    const [command, ...args] = browsers[0].argv;
    assert.equal(command, CHROMIUM_BIN);
    assert.deepEqual(args, [...FLAGS, profileFlag, '--remote-debugging-pipe', '--no-startup-window']);
    assert.ok(chromium.browser.version().length > 0);

    const tree = processTree(browsers[0].pid);
    assert.ok(tree.length > 1, 'the browser has its helper processes');

    await chromium.close();
    closed = true;
    // Helpers exit when they notice their browser is gone: allow them 5 s.
    const deadline = Date.now() + 5000;
    let alive = tree.filter((pid) => parentOf(pid) !== null);
    while (alive.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      alive = alive.filter((pid) => parentOf(pid) !== null);
    }
    assert.deepEqual(alive, [], `processes of the browser (${tree.length}) still running after close()`);
    assert.equal(existsSync(chromium.userDataDir), false, 'the profile is removed');
  } finally {
    if (!closed) await chromium.close();
  }
});
