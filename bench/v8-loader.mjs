// A Node module hook for bench/v8.mjs: a `.wasm` import is what workerd makes
// of it, a compiled WebAssembly.Module as the default export.

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.wasm')) return nextLoad(url, context);
  return {
    format: 'module',
    shortCircuit: true,
    source: `import { readFileSync } from 'node:fs';
export default new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(url)})));`,
  };
}
