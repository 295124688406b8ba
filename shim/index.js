// The worker's JavaScript entry, which worker-build bundles in place of its
// own when CUSTOM_SHIM names this file (the Makefile and wrangler.toml's
// [build] command both do). worker-build's shim wraps every request in a
// WorkerEntrypoint instance and Proxies for its panic recovery, which costs
// more than the whole Rust answer; this one is a plain module worker whose
// fetch calls the wasm export directly.
//
// A panic aborts (a wasm trap, WebAssembly.RuntimeError): that request fails
// with a 500 from the runtime, the trap is logged (event `wasm_trap`), and the
// next request gets a fresh instance of the module, so no state a trap may
// have left half-written is ever reused.
import * as glue from "./index_bg.js";
import wasmModule from "./index.wasm";
$SNIPPET_JS_IMPORTS

const imports = {
  "./index_bg.js": glue,
  $SNIPPET_WASM_IMPORTS
};

let exports;

function instantiate() {
  const previous = exports;
  exports = new WebAssembly.Instance(wasmModule, imports).exports;
  glue.__wbg_set_wasm(exports);
  // The glue caches views of the old memory; growing it by nothing detaches
  // them, so the glue makes new ones over the new memory.
  previous?.memory.grow(0);
  exports.__wbindgen_start?.();
}

instantiate();

export default {
  fetch(request, env) {
    try {
      // The values of the request headers the core reads, in the order of
      // REQUEST_HEADERS in src/head.rs (tests/e2e/boundary.test.mjs holds them equal).
      const headers = request.headers;
      return glue.fetch(
        request.method,
        request.url,
        headers.get("accept"),
        headers.get("accept-language"),
        headers.get("if-none-match"),
        env,
      );
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        // One line of JSON, as src/log.rs writes the worker's other events.
        console.error(JSON.stringify({ event: "wasm_trap", error: String(error), stack: error.stack }));
        instantiate();
      }
      throw error;
    }
  },
};
