//! The wasm entry: the only code that touches the runtime. It converts the
//! request into `http` parts, calls [`Site::respond`], and converts back.
//!
//! Every call between wasm and JavaScript costs more than the core's whole
//! answer, so each direction crosses the boundary once: the request comes in
//! as one string (method, URL and headers, [`request_head`]), and the
//! response goes out in one call with its status, its headers as one string
//! and its body as bytes ([`new_response`]), which the runtime copies once.
//! A block of response headers is turned into a JavaScript `Headers` object
//! the first time it is seen and reused after (at most 64 are kept).
//! `fetch` is a plain synchronous export: the core never waits, so there is
//! no future to drive and no promise to settle.

use std::sync::OnceLock;

use bytes::Bytes;
use http::{request, HeaderName, HeaderValue, Method, Uri};
use wasm_bindgen::prelude::wasm_bindgen;
use worker::{web_sys, Env};

use crate::config::Config;
use crate::site::{log_error, Site};

#[wasm_bindgen(inline_js = r#"
export function requestHead(request) {
  let head = request.method + " " + request.url;
  for (const [name, value] of request.headers) head += "\n" + name + ":" + value;
  return head;
}

// The response headers a worker sends are few distinct blocks (one per
// variant and status), and the runtime copies a Headers object into each
// Response, so each block is parsed once and its Headers reused: building
// them per response costs more than all the rest of a request's work.
const headerBlocks = new Map();

export function newResponse(status, head, body) {
  let headers = headerBlocks.get(head);
  if (headers === undefined) {
    headers = new Headers();
    for (const line of head.split("\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.append(line.slice(0, colon), line.slice(colon + 1));
    }
    if (headerBlocks.size >= 64) headerBlocks.clear();
    headerBlocks.set(head, headers);
  }
  return new Response(body, { status, headers });
}
"#)]
extern "C" {
    /// `METHOD URL`, then one `name:value` line per header, joined by `\n`
    /// (which neither a method, a serialized URL nor a header may contain).
    #[wasm_bindgen(js_name = requestHead)]
    fn request_head(request: &web_sys::Request) -> String;

    /// `new Response(body, { status, headers })` from `name:value` lines,
    /// whose `Headers` object is made once per distinct block of lines.
    #[wasm_bindgen(js_name = newResponse)]
    fn new_response(status: u16, head: &str, body: Option<&[u8]>) -> web_sys::Response;
}

static SITE: OnceLock<Site> = OnceLock::new();

fn site(env: &Env) -> &'static Site {
    SITE.get_or_init(|| {
        let (config, warnings) = Config::from_vars(|name| env.var(name).ok().map(|v| v.to_string()));
        for warning in warnings {
            log_error(&warning.to_string());
        }
        Site::new(config)
    })
}

/// The worker's `fetch` handler: one request in, one response out.
#[wasm_bindgen]
pub fn fetch(request: web_sys::Request, env: Env) -> web_sys::Response {
    let parts = to_parts(Bytes::from(request_head(&request)));
    let response = site(&env).respond(&parts);
    to_js(response)
}

/// The parts of a request from [`request_head`]'s string, whose URL and header
/// values are slices of it, not copies. A header the `http` types reject (a
/// control byte, say) is dropped, as if it had not been sent.
fn to_parts(head: Bytes) -> request::Parts {
    let (mut parts, ()) = http::Request::new(()).into_parts();
    let mut lines = head.split(|&byte| byte == b'\n').map(|line| head.slice_ref(line));
    if let Some(first) = lines.next() {
        let space = first.iter().position(|&byte| byte == b' ').unwrap_or(first.len());
        parts.method = Method::from_bytes(&first[..space]).unwrap_or_default();
        parts.uri = Uri::from_maybe_shared(first.slice((space + 1).min(first.len())..)).unwrap_or_default();
    }
    for line in lines {
        let Some(colon) = line.iter().position(|&byte| byte == b':') else { continue };
        let name = HeaderName::from_bytes(&line[..colon]);
        let value = HeaderValue::from_maybe_shared(line.slice(colon + 1..));
        if let (Ok(name), Ok(value)) = (name, value) {
            parts.headers.append(name, value);
        }
    }
    parts
}

/// The JavaScript `Response` for `response`: its status, its headers (those
/// whose value is not visible ASCII cannot be sent this way and are dropped)
/// and its exact body bytes, or no body at all when it is empty.
fn to_js(response: http::Response<Bytes>) -> web_sys::Response {
    let (parts, body) = response.into_parts();
    let mut head = String::with_capacity(64 * parts.headers.len());
    for (name, value) in &parts.headers {
        if let Ok(value) = value.to_str() {
            if !head.is_empty() {
                head.push('\n');
            }
            head.push_str(name.as_str());
            head.push(':');
            head.push_str(value);
        }
    }
    new_response(parts.status.as_u16(), &head, (!body.is_empty()).then_some(&body[..]))
}
