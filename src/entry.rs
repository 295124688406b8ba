//! The wasm entry: the only code that touches `worker`. It converts the
//! request into `http` parts, calls [`Site::respond`], and converts back.

use std::sync::OnceLock;

use worker::{event, Context, Env, Headers, Request, Response, ResponseBuilder};

use crate::config::Config;
use crate::site::{log_error, Site};

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

#[event(fetch)]
async fn fetch(request: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let parts = to_parts(&request);
    let response = site(&env).respond(&parts);
    Ok(to_worker(response))
}

/// Method, URI and headers of `request`; a header the `http` types reject
/// (a control byte, say) is dropped, as if it had not been sent.
fn to_parts(request: &Request) -> http::request::Parts {
    let method = http::Method::from_bytes(request.inner().method().as_bytes()).unwrap_or_default();
    let uri = request.inner().url().parse::<http::Uri>().unwrap_or_default();
    let (mut parts, ()) =
        http::Request::builder().method(method).uri(uri).body(()).unwrap_or_default().into_parts();
    for (name, value) in request.headers().entries() {
        if let (Ok(name), Ok(value)) =
            (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(&value))
        {
            parts.headers.append(name, value);
        }
    }
    parts
}

/// Status, headers and the exact body bytes of `response`.
fn to_worker(response: http::Response<bytes::Bytes>) -> Response {
    let (parts, body) = response.into_parts();
    let headers = Headers::new();
    for (name, value) in &parts.headers {
        if let Ok(value) = value.to_str() {
            let _ = headers.append(name.as_str(), value);
        }
    }
    let builder = ResponseBuilder::new().with_status(parts.status.as_u16()).with_headers(headers);
    if body.is_empty() {
        builder.empty()
    } else {
        builder.fixed(body.to_vec())
    }
}
