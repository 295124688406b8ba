//! The worker's log: the one place that writes to it. In wasm, the runtime's
//! console (`console.error`, through the `worker` crate), which Workers Logs
//! and `wrangler tail` collect; natively, standard error.

/// Reports something an operator must fix: a var that fell back to its
/// default, content that failed to render.
pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    worker::console_error!("{message}");
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
}
