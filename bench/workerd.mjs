// workerd processes for the benchmark: one serving several workers side by
// side, or one worker alone to time its start-up. Every process started here
// is killed when this one exits or is interrupted (tests/e2e/worker.mjs).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rawRequest } from '../tests/e2e/http.mjs';
import { compatibilityDate, freePort, spawnWorkerd, workerdServicesConfig } from '../tests/e2e/worker.mjs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/**
 * Starts one workerd serving `workers` (`{ name, modules, vars }`), each on
 * its own free port, and resolves once each answers `probe` (a request for
 * tests/e2e/http.mjs) with a 2xx or 3xx. Returns `{ ports, startupMs, first,
 * cpuMs, stop }`: `startupMs` runs from the spawn to the last first answer, and
 * `first` holds each worker's first response (its isolate's first request),
 * and `cpuMs()` reads the CPU time workerd has used so far.
 */
export async function serve(workers, { probe, timeoutMs = 30000 }) {
  const services = [];
  for (const w of workers) services.push({ ...w, port: await freePort() });
  const { child, startedAt, log, stop } = spawnWorkerd((dir) =>
    workerdServicesConfig({ services, compatibilityDate: compatibilityDate(), dir }),
  );

  try {
    const first = await Promise.all(services.map((s) => firstAnswer(s.port, probe, child, startedAt + timeoutMs)));
    const startupMs = performance.now() - startedAt;
    const ports = Object.fromEntries(services.map((s) => [s.name, s.port]));
    return { ports, startupMs, first, cpuMs: () => cpuMs(child.pid), log, stop };
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\nworkerd said:\n${log()}`);
  }
}

/** CPU time `pid` has used so far (user + system, all threads), in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The first 2xx/3xx answer of `port` to `probe`, polled every millisecond. */
async function firstAnswer(port, probe, child, deadline) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('workerd exited before answering');
    try {
      const response = await rawRequest(port, probe);
      if (response.status >= 200 && response.status < 400) return response;
      throw new Error(`the first answer was ${response.status}, not 2xx/3xx`);
    } catch (e) {
      if (e.code !== 'ECONNREFUSED' && e.code !== 'ECONNRESET') throw e;
      if (performance.now() > deadline) throw new Error('workerd did not answer in time');
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}
