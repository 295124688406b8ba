//! Every set of response headers the site can send, each named by a small
//! integer ([`HeaderSet::id`]): each representation's `200` and `304` and
//! each status page, in every [`Shape`] of request, each site file's, the
//! redirects, `OPTIONS`.
//! The [`Site`](crate::site::Site) builds each set once per isolate, and the
//! wasm entry keeps one runtime `Response` init per id, so a request only
//! names the set it is answered with.

use http::StatusCode;

use crate::headers::{Shape, Vary};
use crate::routes::{Resource, SiteFile};
use crate::status::Status;
use crate::variant::{Lang, Variant};

/// One set of response headers, with the status it is sent with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderSet {
    /// A representation's `200`, or its `304` when `not_modified`.
    Page {
        /// The representation.
        variant: Variant,
        /// Whether this is the `304 Not Modified`.
        not_modified: bool,
        /// The request's shape.
        shape: Shape,
    },
    /// A site file's `200`, or its `304` when `not_modified`.
    File {
        /// The file.
        file: SiteFile,
        /// Whether this is the `304 Not Modified`.
        not_modified: bool,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// A status page.
    Status {
        /// The status.
        status: Status,
        /// The page's language and format.
        variant: Variant,
        /// The request's shape.
        shape: Shape,
    },
    /// A redirect to the page ([`crate::routes::page_path`] of `to`).
    Redirect {
        /// The language of the URL it leads to, if any.
        to: Option<Lang>,
        /// `301` rather than `302`.
        permanent: bool,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `301` from a path not in its normal form to `to`'s.
    Moved {
        /// What the path names.
        to: Resource,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `204` to `OPTIONS`.
    Options {
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `500`, when the embedded content failed to render.
    InternalError,
}

const PAGES: usize = Variant::ALL.len() * 2 * Shape::COUNT;
const FILES: usize = SiteFile::ALL.len() * 2 * 2;
const STATUS_PAGES: usize = Status::ALL.len() * Variant::ALL.len() * Shape::COUNT;
const REDIRECTS: usize = (Lang::ALL.len() + 1) * 2 * 2;
const MOVES: usize = Resource::COUNT * 2;

impl HeaderSet {
    /// How many sets there are: every [`HeaderSet::id`] is below it.
    pub const COUNT: usize = PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES + 2 + 1;

    /// This set's number, in `0..COUNT`.
    pub const fn id(self) -> usize {
        match self {
            HeaderSet::Page { variant, not_modified, shape } => {
                (variant.index() * 2 + not_modified as usize) * Shape::COUNT + shape.index()
            }
            HeaderSet::File { file, not_modified, secure } => {
                PAGES + (file as usize * 2 + not_modified as usize) * 2 + secure as usize
            }
            HeaderSet::Status { status, variant, shape } => {
                let at = PAGES + FILES;
                at + (status as usize * Variant::ALL.len() + variant.index()) * Shape::COUNT + shape.index()
            }
            HeaderSet::Redirect { to, permanent, secure } => {
                let to = match to {
                    None => 0,
                    Some(lang) => 1 + lang as usize,
                };
                PAGES + FILES + STATUS_PAGES + (to * 2 + permanent as usize) * 2 + secure as usize
            }
            HeaderSet::Moved { to, secure } => {
                PAGES + FILES + STATUS_PAGES + REDIRECTS + to.index() * 2 + secure as usize
            }
            HeaderSet::Options { secure } => {
                PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES + secure as usize
            }
            HeaderSet::InternalError => PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES + 2,
        }
    }

    /// The status these headers are sent with.
    pub fn status(self) -> StatusCode {
        match self {
            HeaderSet::Page { not_modified: false, .. } => StatusCode::OK,
            HeaderSet::Page { not_modified: true, .. } => StatusCode::NOT_MODIFIED,
            HeaderSet::File { not_modified: false, .. } => StatusCode::OK,
            HeaderSet::File { not_modified: true, .. } => StatusCode::NOT_MODIFIED,
            HeaderSet::Moved { .. } => StatusCode::MOVED_PERMANENTLY,
            HeaderSet::Status { status, .. } => status.code(),
            HeaderSet::Redirect { permanent: true, .. } => StatusCode::MOVED_PERMANENTLY,
            HeaderSet::Redirect { permanent: false, .. } => StatusCode::FOUND,
            HeaderSet::Options { .. } => StatusCode::NO_CONTENT,
            HeaderSet::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Every set, in no particular order.
    pub fn all() -> impl Iterator<Item = HeaderSet> {
        let shapes = Shape::all();
        let pages = Variant::ALL.into_iter().flat_map(move |variant| {
            [false, true].into_iter().flat_map(move |not_modified| {
                shapes.into_iter().map(move |shape| HeaderSet::Page { variant, not_modified, shape })
            })
        });
        let status_pages = Status::ALL.into_iter().flat_map(move |status| {
            Variant::ALL.into_iter().flat_map(move |variant| {
                shapes.into_iter().map(move |shape| HeaderSet::Status { status, variant, shape })
            })
        });
        let targets = std::iter::once(None).chain(Lang::ALL.map(Some));
        let redirects = targets.flat_map(|to| {
            [false, true].into_iter().flat_map(move |permanent| {
                [false, true].into_iter().map(move |secure| HeaderSet::Redirect { to, permanent, secure })
            })
        });
        let files = SiteFile::ALL.into_iter().flat_map(|file| {
            [false, true].into_iter().flat_map(move |not_modified| {
                [false, true].into_iter().map(move |secure| HeaderSet::File { file, not_modified, secure })
            })
        });
        let moves = Resource::all()
            .flat_map(|to| [false, true].into_iter().map(move |secure| HeaderSet::Moved { to, secure }));
        let rest = [
            HeaderSet::Options { secure: false },
            HeaderSet::Options { secure: true },
            HeaderSet::InternalError,
        ];
        pages.chain(files).chain(status_pages).chain(redirects).chain(moves).chain(rest)
    }

    /// The shape of a request answered with this set: what it negotiated,
    /// and whether it came over HTTPS.
    pub fn shape(self) -> Shape {
        match self {
            HeaderSet::Page { shape, .. } | HeaderSet::Status { shape, .. } => shape,
            HeaderSet::File { secure, .. }
            | HeaderSet::Redirect { secure, .. }
            | HeaderSet::Moved { secure, .. }
            | HeaderSet::Options { secure } => Shape { vary: Vary::NONE, secure },
            HeaderSet::InternalError => Shape { vary: Vary::NONE, secure: false },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_has_its_own_id_and_ids_have_no_gap() {
        let mut seen = vec![false; HeaderSet::COUNT];
        for set in HeaderSet::all() {
            let id = set.id();
            assert!(id < HeaderSet::COUNT && !seen[id], "{set:?} has id {id}");
            seen[id] = true;
        }
        assert!(seen.iter().all(|&seen| seen), "an id names no set");
    }
}
