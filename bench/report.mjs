// Prints the benchmark's results as plain-text tables, with the issue's
// targets beside the figures (shown, never asserted: the machine is shared).

const KIB = 1024;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const ms = (x) => `${x.toFixed(2)} ms`;
const mark = (ok) => (ok ? 'met' : 'NOT met');

/** The whole report, from the object bench/run.mjs also writes as JSON. */
export function printReport(r) {
  const o = r.options;
  const out = [];
  out.push('');
  out.push(`make bench, ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.cores} cores, load ${r.loadBefore.toFixed(2)} before / ${r.loadAfter.toFixed(2)} after`);
  out.push(
    `(a) the Rust worker, (b) its floor: a JS worker replaying (a)'s response, (c) the reader: (b) after reading the request as (a) does;\n` +
      `(peer) the page served by a JS worker built the usual way (hono, negotiator, marked; bench/peer);\n` +
      `one workerd, an isolate of each per scenario, wrk -t1 -c${o.connections}, ${o.warmup} s warm-up, rounds of ${o.seconds} s turning which goes first`,
  );
  out.push('');
  const header = [pad('scenario', 36), lpad('rounds', 6), pad('', 2), pad('worker', 6), lpad('req/s', 9), lpad('p50', 10), lpad('p99', 10), lpad('non-2xx/3xx', 12), lpad('CPU/req', 10)].join(' ');
  out.push(header);
  out.push('-'.repeat(header.length));
  for (const s of r.scenarios) {
    const row = (label, rounds, who, side) =>
      [pad(label, 36), lpad(rounds, 6), pad('', 2), pad(who, 6), lpad(side.rps.toFixed(0), 9), lpad(ms(side.p50Ms), 10), lpad(ms(side.p99Ms), 10), lpad(side.non2xx3xx, 12), lpad(`${side.cpuUs.toFixed(1)} µs`, 10)].join(' ');
    out.push(row(`${s.label} [${s.status}]`, s.rounds, '(a)', s.app));
    out.push(row('', '', '(b)', s.floor));
    out.push(row('', '', '(c)', s.reader));
    if (s.peer) out.push(row('', '', '(peer)', s.peer));
    const target = s.name === 'browser' || s.name === 'revalidate' ? `   target >= 0.90: ${mark(s.ratio >= 0.9)}` : '';
    const list = (xs) => xs.map((x) => x.toFixed(3)).join(', ');
    out.push(`${pad('', 36)} ${lpad('', 6)}   (a)/(b) req/s   ${s.ratio.toFixed(3)}, median of [${list(s.ratios)}]${target}`);
    out.push(`${pad('', 36)} ${lpad('', 6)}   (c)/(b) req/s   ${s.readerRatio.toFixed(3)}, median of [${list(s.readerRatios)}]   what reading the request costs`);
    out.push(`${pad('', 36)} ${lpad('', 6)}   (a)/(c) req/s   ${s.appReaderRatio.toFixed(3)}, median of [${list(s.appReaderRatios)}]   what the Rust worker adds`);
    if (s.peer) out.push(`${pad('', 36)} ${lpad('', 6)}   (a)/(peer) req/s ${s.peerRatio.toFixed(3)}, median of [${list(s.peerRatios)}]   against the conventional JS worker`);
    out.push(`${pad('', 36)} ${lpad('', 6)}   (b)/(a) CPU/req ${s.cpuRatio.toFixed(3)}, median of [${list(s.cpuRatios)}]`);
  }
  out.push('');
  const { wasm, wrangler } = r.sizes;
  out.push(
    `size       wasm ${(wasm.raw / KIB).toFixed(1)} KiB raw, ${(wasm.gzip / KIB).toFixed(1)} KiB gzip -9 (target <= 128 KiB: ${mark(wasm.gzip <= 128 * KIB)}); ` +
      `wrangler: Total Upload ${wrangler.total} / gzip ${wrangler.gzip}`,
  );
  const st = r.startup;
  out.push(`start-up   workerd spawned -> first 200, median of ${o.startups}: (a) ${st.appMs.toFixed(1)} ms, (b) ${st.floorMs.toFixed(1)} ms, (a)/(b) ${st.ratio.toFixed(2)}; (peer) ${st.peerMs.toFixed(1)} ms, (a)/(peer) ${st.peerRatio.toFixed(2)}`);
  if (st.helloMs !== undefined) {
    out.push(`           hello-world workers-rs worker ${st.helloMs.toFixed(1)} ms: (a)/hello ${st.helloRatio.toFixed(2)} (target <= 1.2: ${mark(st.helloRatio <= 1.2)})`);
    out.push(`           (a) answering a redirect first (no page rendered yet) ${st.appRedirectMs.toFixed(1)} ms: /hello ${st.redirectHelloRatio.toFixed(2)}`);
  }
  const v8 = Object.entries(r.v8).map(([name, ns]) => `${name} ${(ns / 1000).toFixed(2)} µs`).join(', ');
  out.push(`V8         the wasm and its glue per request (node, fake request, no Response; median of rounds): ${v8}${r.options.smoke ? ' (smoke pass)' : ''}`);
  const counts = Object.entries(r.instructions).map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`).join(', ');
  out.push(`Rust side  instructions per request (Head::new + respond::answer), callgrind, native at opt-level "z": ${counts}${r.options.smoke ? ' (smoke pass)' : ''}`);
  if (r.micro.cases) {
    const cases = r.micro.cases.map((c) => `${c.name} ${(c.medianNs / 1000).toFixed(3)} µs`).join(', ');
    const browser = r.micro.cases.find((c) => c.name === 'browser');
    out.push(`respond()  native, warm, divan median: ${cases} (target browser < 2 µs: ${mark(browser && browser.medianNs < 2000)})`);
  } else {
    out.push('respond()  smoke pass: bench/respond.rs ran once per case (cargo test --bench respond), not timed');
  }
  console.log(out.join('\n'));
}
