//! The wasm entry, the only code that touches the runtime: it makes the
//! request's [`Head`] of what the runtime hands it, calls
//! [`respond::answer`], and hands the answer back as a `Response`. No logic
//! lives here.
//!
//! `fetch` is a synchronous export that `shim/index.js`, a plain module
//! worker, calls for each request: the core never waits, so there is no
//! future to drive and no promise to settle. `#[event(fetch)]` and its shim
//! wrap every request in an async task and the `worker` crate's
//! conversions, which, measured over this same core, cost more than the
//! whole answer.
//!
//! Crossing between wasm and JavaScript costs more than most of the core's
//! work, so each request crosses little: the shim passes its method, its URL
//! and the values of the [`REQUEST_HEADERS`](crate::head::REQUEST_HEADERS)
//! as arguments (cheaper than reading them from the `Request` through
//! `web_sys`, one crossing each), and the response goes back in one call. A
//! response's status and headers are one of the site's [`HeaderSet`]s, whose
//! `ResponseInit` (status and `Headers`) is made the first time the set is
//! sent and kept, by id, for the isolate.

use std::cell::RefCell;
use std::sync::OnceLock;

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen::JsCast;
use worker::web_sys::{Headers, Response, ResponseInit};
use worker::Env;

use crate::config::Config;
use crate::head::Head;
use crate::header_set::HeaderSet;
use crate::index::Finite;
use crate::log;
use crate::respond::{self, Answer};
use crate::site::Site;

#[wasm_bindgen]
extern "C" {
    /// The runtime's `Response`, made from a body the wasm lends: `web_sys`'s
    /// binding of this constructor takes `&mut [u8]`, which the site's shared
    /// bodies cannot give.
    #[wasm_bindgen(js_name = Response)]
    type LentBodyResponse;

    /// `new Response(body, init)`, the body a view of the wasm's memory,
    /// which the runtime copies.
    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    fn new(body: Option<&[u8]>, init: &ResponseInit) -> Result<LentBodyResponse, JsValue>;
}

/// The allocator: talc in place of std's dlmalloc, smaller and faster, for a
/// wasm instance with one thread.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

static SITE: OnceLock<Site> = OnceLock::new();

thread_local! {
    /// The `ResponseInit` of each header set sent so far, by id.
    static INITS: RefCell<Vec<Option<ResponseInit>>> = RefCell::new(vec![None; HeaderSet::COUNT]);
}

/// The site, made from `env`'s vars by the isolate's first request.
fn site(env: &Env) -> &'static Site {
    SITE.get_or_init(|| {
        let var = |name: &str| env.var(name).ok().map(|var| var.to_string());
        // The runtime's clock, in whole seconds: the wasm has none of its own.
        let now = (worker::js_sys::Date::now() / 1000.0) as i64;
        let (config, warnings) = Config::from_vars(var, now);
        for warning in warnings {
            log::error(&warning.event());
        }
        Site::new(config)
    })
}

/// The worker's `fetch` handler: one request in, one response out. The
/// header values come in the order of `REQUEST_HEADERS`, `None` when not
/// sent, as `Headers.get` gives them (a header's lines joined by `, `).
#[wasm_bindgen]
pub fn fetch(
    method: &str,
    url: &str,
    accept: Option<String>,
    accept_language: Option<String>,
    if_none_match: Option<String>,
    env: &Env,
) -> Response {
    let site = site(env);
    let values = [accept, accept_language, if_none_match];
    let head = Head::new(method, url, values.each_ref().map(|value| value.as_deref().map(str::as_bytes)));
    // Only a runtime refusing a status or header it was given can fail here:
    // then this request fails, as a thrown exception, and nothing else.
    match to_response(&respond::answer(site, &head)) {
        Ok(response) => response,
        Err(error) => wasm_bindgen::throw_val(error),
    }
}

/// The runtime's `Response` for `answer`: its exact body bytes (no body at
/// all when empty), with the `ResponseInit` of its header set.
fn to_response(answer: &Answer<'_>) -> Result<Response, JsValue> {
    let body = (!answer.body.is_empty()).then_some(&answer.body[..]);
    INITS.with_borrow_mut(|inits| {
        let slot = inits.get_mut(answer.set.index()).ok_or("no such header set")?;
        let init = match slot {
            Some(init) => init,
            None => slot.insert(response_init(answer)?),
        };
        LentBodyResponse::new(body, init).map(JsCast::unchecked_into)
    })
}

/// The status and headers of `answer` as a `ResponseInit`. (Every value is
/// visible ASCII, which the runtime's `Headers` takes as it is.)
fn response_init(answer: &Answer<'_>) -> Result<ResponseInit, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in answer.headers {
        if let Ok(value) = value.to_str() {
            headers.append(name.as_str(), value)?;
        }
    }
    let init = ResponseInit::new();
    init.set_status(answer.status.as_u16());
    init.set_headers(&headers);
    Ok(init)
}
