// One load run with wrk (Debian's package), over loopback, keep-alive.

import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPORT = join(import.meta.dirname, 'wrk-report.lua');

/**
 * Drives `port` with `headers` on `path` for `seconds` from one wrk thread on
 * `connections` connections, and resolves with requests per second, p50 and
 * p99 latency (ms), and the count of non-2xx/3xx responses and socket errors.
 */
export function runWrk({ port, path, headers, seconds, connections }) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', REPORT];
  for (const [name, value] of headers) args.push('-H', `${name}: ${value}`);
  args.push(`http://127.0.0.1:${port}${path}`);
  return new Promise((done, fail) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', (e) => fail(new Error(`wrk could not start (${e.message}): run it through make, which installs it`)));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      if (code !== 0 || !line) return fail(new Error(`wrk exited with ${code}:\n${out}`));
      const r = JSON.parse(line.slice('BENCH_JSON '.length));
      done({
        requests: r.requests,
        rps: r.requests / (r.duration_us / 1e6),
        p50Ms: r.p50_us / 1000,
        p99Ms: r.p99_us / 1000,
        non2xx3xx: r.status_errors,
        socketErrors: r.connect_errors + r.read_errors + r.write_errors + r.timeouts,
      });
    });
  });
}
