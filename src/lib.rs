//! beta.gouv.fr's « À propos » page, rendered and served at the edge.
//!
//! # Request flow
//!
//! The worker's `fetch` (in `entry.rs`, compiled for wasm only, called by
//! `shim/index.js`) receives the request's head as one string, reads it as
//! a [`head::Head`] (method, path and the three headers negotiation and
//! preconditions read, borrowed from the string), and hands it to
//! [`Site::answer`], the pure core, which routes the path ([`routes`]),
//! negotiates what the URL leaves open ([`negotiate`]), takes the chosen
//! [`Variant`]'s [`site::Representation`] (rendered from the embedded markdown
//! the first time it is asked for, then reused by every request of the
//! isolate), checks preconditions ([`conditional`]), and answers with the
//! headers of [`headers`], made once per isolate (or a [`status`] page), whose
//! bytes the entry hands back to the runtime unchanged. [`Site::respond`] is
//! the same answer as an [`http::Response`].
//!
//! Everything but the entry compiles and is tested natively:
//!
//! ```
//! use apropos_worker::{Config, Site};
//!
//! let site = Site::new(Config::default());
//! let (request, ()) = http::Request::get("/apropos/").body(()).unwrap().into_parts();
//! let response = site.respond(&request);
//! assert_eq!(response.status(), 200);
//! assert!(response.body().starts_with(b"<!DOCTYPE html>"));
//! ```

pub mod conditional;
pub mod config;
pub mod content;
pub mod head;
pub mod headers;
pub mod negotiate;
mod render;
pub mod respond;
pub mod routes;
pub mod site;
pub mod status;
pub mod variant;

#[cfg(target_arch = "wasm32")]
mod entry;

pub use config::Config;
pub use site::Site;
pub use variant::{Format, Lang, Variant};
