// Reads the table divan prints (`cargo bench`) into `{ name, medianNs }` rows.

const UNITS = { ps: 1e-3, ns: 1, 'µs': 1e3, us: 1e3, ms: 1e6, s: 1e9 };

/**
 * Each benchmark's median, from lines like
 * `├─ browser     98.35 ns │ 287.6 ns │ 101.7 ns │ 104.4 ns │ 100 │ 3200`.
 */
export function parseDivan(output) {
  const rows = [];
  for (const line of output.split('\n')) {
    const cells = line.split('│').map((c) => c.trim());
    if (cells.length < 4) continue;
    const name = cells[0].replace(/^[├╰│─\s]+/, '').split(/\s+/)[0];
    const median = cells[2].match(/^([\d.]+)\s*(ps|ns|µs|us|ms|s)$/);
    if (name && median) rows.push({ name, medianNs: Number(median[1]) * UNITS[median[2]] });
  }
  return rows;
}
