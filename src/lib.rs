//! beta.gouv.fr's « À propos » page, rendered and served at the edge.
//!
//! # Request flow
//!
//! `shim/index.js` calls the wasm export `fetch` (`entry`, compiled for
//! wasm only), which reads the request's [`Head`](head::Head) (method,
//! path, scheme, and the values of the request headers the core reads) and
//! calls [`respond::answer`], the pure core. It routes the path
//! ([`routes`]), negotiates what the URL leaves open ([`negotiate`]), takes
//! the chosen [`Variant`]'s representation from the [`Site`] (rendered from
//! the embedded markdown the first time it is asked for, then kept for the
//! isolate), checks `If-None-Match` ([`conditional`]), and names the
//! [`HeaderSet`](header_set::HeaderSet) it answers with: the site builds
//! each set once, and the entry makes one runtime `Response` init per set.
//!
//! # Layers
//!
//! A module imports only from the layers above it in this list, or from the
//! modules before it on its own line (`tests/layers.rs` holds the code to it):
//!
//! 1. leaves: `index` (the one index scheme of every table), `variant`
//!    (pages, languages and formats, generated from `content/`), `assets`
//!    (the URLs of the static assets), `syntax` (HTTP's field syntax), `json`
//!    (the JSON writer), `log`, `date`, `config`, `content` (the embedded,
//!    build-checked markdown);
//! 2. `head`: what the core reads of a request;
//! 3. `routes` (the URL scheme, both ways), `negotiate`, `conditional`,
//!    `headers` (the header policy);
//! 4. `render` (markdown into each format), `status` (the status pages),
//!    `files` (robots.txt, the sitemap, llms.txt, security.txt…);
//! 5. `header_set` (each set of headers, with its `Vary` and `Cache-Tag`),
//!    `site`: what an isolate builds once;
//! 6. `respond`: the answer to a request;
//! 7. `entry`: the wasm boundary, imported by nothing.
//!
//! Everything but the entry compiles and is tested natively:
//!
//! ```
//! use apropos_worker::{respond, routes, Config, Page, Site};
//!
//! let site = Site::new(Config::default());
//! let home = routes::page_path(Page::HOME, None); // `/apropos/`
//! let (request, ()) = http::Request::get(home).body(()).unwrap().into_parts();
//! let response = respond::respond(&site, &request);
//! assert_eq!(response.status(), 200);
//! assert!(response.body().starts_with(b"<!DOCTYPE html>"));
//! ```

pub mod assets;
pub mod config;
pub mod content;
pub mod date;
pub mod index;
mod json;
pub mod log;
pub mod syntax;
pub mod variant;

pub mod head;

pub mod conditional;
pub mod headers;
pub mod negotiate;
pub mod routes;

pub mod files;
mod render;
pub mod status;

pub mod header_set;
pub mod site;

pub mod respond;

#[cfg(target_arch = "wasm32")]
mod entry;

pub use config::Config;
pub use site::Site;
pub use variant::{Format, Lang, Page, Variant};
