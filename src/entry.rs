//! The wasm entry: the only code that touches the runtime. It reads the
//! request's [`Head`], calls [`Site::answer`] (what [`Site::respond`]
//! returns, without copying the site's headers), and converts back.
//!
//! Every call between wasm and JavaScript costs more than the core's whole
//! answer, so each direction crosses the boundary once: the request comes in
//! as one string (method, URL and the headers the core reads,
//! [`request_head`]), which JavaScript writes as UTF-8 straight into a buffer
//! of the wasm's memory, and the response goes out in one call with its status,
//! its headers and its body as bytes ([`new_response`]), which the runtime
//! copies once. A response's status and headers are one of a few blocks (one
//! per variant and status): each block crosses as text the first time it is
//! sent, and as its number after, naming the `Response` init (status and
//! `Headers` object) made from it then. Telling a block apart costs little:
//! the headers the site holds are known by their address, and the few made
//! per request (a redirect's, say) hold values that are mostly clones of the
//! site's, compared by address too.
//!
//! `fetch` is a plain synchronous export, which shim/index.js, the module
//! worker-build bundles, calls for each request: the core never waits, so
//! there is no future to drive and no promise to settle.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

use crate::config::Config;
use crate::head::Head;
use crate::respond::{Answer, REQUEST_HEADER_NAMES};
use crate::site::Site;

#[wasm_bindgen(inline_js = r#"
// The request headers Site::respond reads (respond::REQUEST_HEADERS, set once
// per isolate by setRequestHeaders). Only these are copied out of the runtime:
// reading each header of a request costs more than the core's whole answer.
let REQUEST_HEADERS = [];
// The wasm's memory, and the view of it requestHead writes into (made again
// when the memory grows or the wasm's buffer moves).
let memory;
let target = new Uint8Array(0);
const encoder = new TextEncoder();

export function setRequestHeaders(names, wasmMemory) {
  REQUEST_HEADERS = names.split("\n");
  memory = wasmMemory;
}

// The head is written with TextEncoder.encodeInto, not returned as a string:
// wasm-bindgen copies a returned string into the wasm one character at a time
// in JavaScript (issue #7: 0.3 µs more a request, measured in node's V8).
export function requestHead(request, address, capacity) {
  const headers = request.headers;
  let head = request.method + " " + request.url;
  for (const name of REQUEST_HEADERS) {
    const value = headers.get(name);
    head += value === null ? "\n" : "\n=" + value;
  }
  if (target.buffer !== memory.buffer || target.byteOffset !== address || target.length !== capacity) {
    target = new Uint8Array(memory.buffer, address, capacity);
  }
  const { read, written } = encoder.encodeInto(head, target);
  return read === head.length ? written : -3 * head.length;
}

// The Response init ({ status, headers }) of each block of response headers,
// by the block's number: the runtime copies a Headers object into each
// Response, and making one per response costs more than all the rest of a
// request's work.
const inits = [];

export function newResponse(block, status, head, body) {
  if (head !== undefined) {
    const headers = new Headers();
    for (const line of head.split("\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.append(line.slice(0, colon), line.slice(colon + 1));
    }
    inits[block] = { status, headers };
  }
  return new Response(body, inits[block]);
}

export function envVar(env, name) {
  const value = env[name];
  return typeof value === "string" ? value : undefined;
}

export function logError(message) {
  console.error(message);
}
"#)]
extern "C" {
    /// Names the request headers [`request_head`] copies, joined by `\n`,
    /// and the memory it writes them into.
    #[wasm_bindgen(js_name = setRequestHeaders)]
    fn set_request_headers(names: &str, memory: &JsValue);

    /// Writes the request's head into the `capacity` bytes at `address`, as
    /// UTF-8: `METHOD URL`, then one line per header the core reads, in the
    /// order of [`crate::respond::REQUEST_HEADERS`]: `=` and its value, or
    /// nothing if it was not sent; joined by `\n` (which neither a method, a
    /// serialized URL nor a header may contain). Returns the length written,
    /// or, when it does not fit, minus the capacity it needs.
    #[wasm_bindgen(js_name = requestHead)]
    fn request_head(request: &JsValue, address: u32, capacity: u32) -> i32;

    /// `new Response(body, { status, headers })`, whose status and headers
    /// are those of block number `block`: `status` and `head` (`name:value`
    /// lines) when the block is sent for the first time under this number.
    #[wasm_bindgen(js_name = newResponse)]
    fn new_response(block: u32, status: u16, head: Option<&str>, body: Option<&[u8]>) -> JsValue;

    /// The text variable (`[vars]`) `name` of `env`, if it is one.
    #[wasm_bindgen(js_name = envVar)]
    fn env_var(env: &JsValue, name: &str) -> Option<String>;

    /// Writes `message` to the worker's log, as an error.
    #[wasm_bindgen(js_name = logError)]
    pub(crate) fn log_error(message: &str);
}

/// How many blocks of response headers are numbered at once: more than a
/// site's variants and statuses make; past it, numbering starts again.
const MAX_HEADER_BLOCKS: usize = 64;

/// The allocator: talc in place of std's dlmalloc, smaller and faster, for a
/// wasm instance with one thread (issue #7).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

static SITE: OnceLock<Site> = OnceLock::new();

/// A status and its response headers, in order, as sent to `newResponse`.
struct Block {
    status: StatusCode,
    /// The address of the site's headers these are, if they are the site's.
    site_headers: Option<*const HeaderMap>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

/// The bytes `requestHead` may first write a request's head into; more are
/// added when a head does not fit (and kept for the next).
const HEAD_BUFFER_BYTES: usize = 4096;

thread_local! {
    /// The blocks sent so far, by number: what `newResponse` holds a
    /// `Headers` object for.
    static HEADER_BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };

    /// Where `requestHead` writes each request's head.
    static HEAD_BUFFER: RefCell<Vec<u8>> = RefCell::new(vec![0; HEAD_BUFFER_BYTES]);
}

fn site(env: &JsValue) -> &'static Site {
    SITE.get_or_init(|| {
        let (config, warnings) = Config::from_vars(|name| env_var(env, name));
        for warning in warnings {
            log_error(&warning.to_string());
        }
        set_request_headers(REQUEST_HEADER_NAMES, &wasm_bindgen::memory());
        Site::new(config)
    })
}

/// The worker's `fetch` handler: one request in, one response out.
#[wasm_bindgen]
pub fn fetch(request: &JsValue, env: &JsValue) -> JsValue {
    // The site first: making it tells `request_head` which headers to copy.
    let site = site(env);
    HEAD_BUFFER.with_borrow_mut(|buffer| {
        let length = loop {
            // Initialized bytes (zeros at first), which JavaScript overwrites.
            let capacity = u32::try_from(buffer.len()).unwrap_or(u32::MAX);
            let written = request_head(request, buffer.as_mut_ptr() as u32, capacity);
            match usize::try_from(written) {
                Ok(length) => break length.min(buffer.len()),
                Err(_) => buffer.resize(written.unsigned_abs() as usize, 0),
            }
        };
        // Always UTF-8, as TextEncoder wrote it; if not, a head without a path.
        let head = std::str::from_utf8(&buffer[..length]).unwrap_or_default();
        to_js(site.answer(&Head::parse(head)))
    })
}

/// The JavaScript `Response` for `answer`: its status, its headers (those
/// whose value is not visible ASCII cannot be sent this way and are dropped)
/// and its exact body bytes, or no body at all when it is empty.
fn to_js(answer: Answer<'_>) -> JsValue {
    let body = (!answer.body.is_empty()).then_some(&answer.body[..]);
    let status = answer.status;
    // Headers the site holds are told apart by address: they live as long as
    // the site, never change, and each is a block of its own.
    let site_headers = match &answer.headers {
        Cow::Borrowed(headers) => Some(std::ptr::from_ref::<HeaderMap>(headers)),
        Cow::Owned(_) => None,
    };
    HEADER_BLOCKS.with_borrow_mut(|blocks| {
        let known = blocks.iter().position(|block| match site_headers {
            Some(address) => block.site_headers == Some(address) && block.status == status,
            None => block.site_headers.is_none() && block.is(status, &answer.headers),
        });
        if let Some(number) = known {
            return new_response(number as u32, status.as_u16(), None, body);
        }
        if blocks.len() == MAX_HEADER_BLOCKS {
            blocks.clear();
        }
        let number = blocks.len() as u32;
        let headers = answer.headers.iter().map(|(name, value)| (name.clone(), value.clone())).collect();
        let block = Block { status, site_headers, headers };
        let head = block.head();
        blocks.push(block);
        new_response(number, status.as_u16(), Some(&head), body)
    })
}

impl Block {
    /// Whether this block has `status` and `headers`, in the same order.
    /// Header values made per request are most often clones of the `Site`'s,
    /// which share their bytes, so most compare by address, not byte by byte.
    fn is(&self, status: StatusCode, headers: &HeaderMap) -> bool {
        self.status == status
            && self.headers.len() == headers.len()
            && self.headers.iter().zip(headers).all(|((name, value), (other_name, other_value))| {
                let (bytes, other) = (value.as_bytes(), other_value.as_bytes());
                name == other_name && (std::ptr::eq(bytes, other) || bytes == other)
            })
    }

    /// The headers as `name:value` lines, joined by `\n`, but for those whose
    /// value is not visible ASCII.
    fn head(&self) -> String {
        let mut head = String::with_capacity(64 * self.headers.len());
        for (name, value) in &self.headers {
            if let Ok(value) = value.to_str() {
                if !head.is_empty() {
                    head.push('\n');
                }
                head.push_str(name.as_str());
                head.push(':');
                head.push_str(value);
            }
        }
        head
    }
}
