// Instructions per request of the Rust side (the request head parsed, then
// `respond::answer`), counted by callgrind natively in the release profile (the
// wasm's opt-level "z"): bench/respond_loop.rs run twice, N and 2N
// requests, so that what is done once (rendering the page) cancels out.
// Unlike times, the counts do not move with the machine's load. The smoke pass
// counts the dev profile's build instead: it checks that the loop builds and
// runs, and its counts mean nothing, so it spares the native release build of
// every dependency (a minute and more) that the tests' own build has done in
// the dev profile.

import { spawnSync } from 'node:child_process';
import { ROOT } from '../tests/e2e/worker.mjs';

const SCENARIOS = ['browser', 'curl', 'revalidate'];

/** `{ scenario: instructions per request }` over `n` requests, of the build in `profile` ('release' or 'dev'). */
export function countInstructions(n, { profile = 'release' } = {}) {
  const build = spawnSync('cargo', ['build', '--profile', profile, '--locked', '--example', 'respond_loop'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`cargo build --profile ${profile} --example respond_loop failed`);
  const binary = `${ROOT}/target/${profile === 'dev' ? 'debug' : profile}/examples/respond_loop`;
  const total = (scenario, count) => {
    const run = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', binary, scenario, String(count)], {
      encoding: 'utf8',
    });
    const refs = run.stderr?.match(/I\s+refs:\s+([\d,]+)/);
    if (run.status !== 0 || !refs) throw new Error(`valgrind respond_loop ${scenario} ${count} failed (${run.error?.message ?? run.status}):\n${run.stderr}`);
    return Number(refs[1].replaceAll(',', ''));
  };
  return Object.fromEntries(SCENARIOS.map((s) => [s, Math.round((total(s, 2 * n) - total(s, n)) / n)]));
}
