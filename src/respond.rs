//! The request path: route, pick a representation, build the response.

use bytes::Bytes;
use http::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use http::{request::Parts, HeaderValue, Method, Response, StatusCode};

use crate::site::Site;
use crate::variant::{Format, Lang, Variant};

/// The methods every resource allows.
const ALLOWED: &str = "GET, HEAD";

impl Site {
    /// Answers one request. Total: every input gets a defined response.
    pub fn respond(&self, request: &Parts) -> Response<Bytes> {
        let head = request.method == Method::HEAD;
        if request.method != Method::GET && !head {
            return status_page(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed", Some(ALLOWED));
        }
        let response = match route(request.uri.path()) {
            Some(variant) => match self.representation(variant) {
                Some(rep) => page(rep.variant.format, rep.body.clone()),
                None => status_page(StatusCode::NOT_FOUND, "Not found", None),
            },
            None => status_page(StatusCode::NOT_FOUND, "Not found", None),
        };
        if head {
            strip_body(response)
        } else {
            response
        }
    }
}

/// The variant a path names, if any.
fn route(path: &str) -> Option<Variant> {
    let lang = match path {
        "/apropos/" => Lang::Fr,
        _ => Lang::from_code(path.strip_prefix('/')?.strip_suffix("/apropos/")?)?,
    };
    Some(Variant { lang, format: Format::Html })
}

fn page(format: Format, body: Bytes) -> Response<Bytes> {
    let length = body.len();
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    response
}

fn status_page(status: StatusCode, title: &'static str, allow: Option<&'static str>) -> Response<Bytes> {
    let mut response = page(Format::Text, Bytes::from_static(title.as_bytes()));
    *response.status_mut() = status;
    if let Some(allow) = allow {
        response.headers_mut().insert(ALLOW, HeaderValue::from_static(allow));
    }
    response
}

/// A HEAD response: the GET headers, `Content-Length` included, no body.
fn strip_body(response: Response<Bytes>) -> Response<Bytes> {
    let (parts, _) = response.into_parts();
    Response::from_parts(parts, Bytes::new())
}
