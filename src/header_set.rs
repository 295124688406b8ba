//! Every set of response headers the site can send, each named by a small
//! integer ([`HeaderSet::id`]): each representation's `200` and `304` and
//! each status page, in every [`Shape`] of request, each site file's, the
//! redirects (the `302` to the language chosen among them), `OPTIONS`.
//! The [`Site`](crate::site::Site) builds each set once per isolate, and the
//! wasm entry keeps one runtime `Response` init per id, so a request only
//! names the set it is answered with.

use http::StatusCode;

use crate::headers::{Shape, Vary};
use crate::routes::{Resource, SiteFile};
use crate::status::Status;
use crate::variant::{Format, Lang, Variant};

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
    /// `302` from a URL that leaves the language open, to the URL of the
    /// language `Accept-Language` chose: the page at `lang`, in `format` if
    /// the URL fixed one.
    Chosen {
        /// The language chosen.
        lang: Lang,
        /// The format the URL fixed, if any.
        format: Option<Format>,
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
const CHOSEN: usize = Lang::ALL.len() * (Format::ALL.len() + 1) * 2;

impl HeaderSet {
    /// How many sets there are: every [`HeaderSet::id`] is below it.
    pub const COUNT: usize = PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES + CHOSEN + 2 + 1;

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
            HeaderSet::Chosen { lang, format, secure } => {
                let format = match format {
                    None => 0,
                    Some(format) => 1 + format as usize,
                };
                let at = PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES;
                at + (lang as usize * (Format::ALL.len() + 1) + format) * 2 + secure as usize
            }
            HeaderSet::Options { secure } => {
                PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES + CHOSEN + secure as usize
            }
            HeaderSet::InternalError => PAGES + FILES + STATUS_PAGES + REDIRECTS + MOVES + CHOSEN + 2,
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
            HeaderSet::Redirect { permanent: false, .. } | HeaderSet::Chosen { .. } => StatusCode::FOUND,
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
        let formats = std::iter::once(None).chain(Format::ALL.map(Some));
        let chosen = Lang::ALL.into_iter().flat_map(move |lang| {
            formats.clone().flat_map(move |format| {
                [false, true].into_iter().map(move |secure| HeaderSet::Chosen { lang, format, secure })
            })
        });
        let rest = [
            HeaderSet::Options { secure: false },
            HeaderSet::Options { secure: true },
            HeaderSet::InternalError,
        ];
        pages.chain(files).chain(status_pages).chain(redirects).chain(moves).chain(chosen).chain(rest)
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
            HeaderSet::Chosen { secure, .. } => {
                Shape { vary: Vary { accept: false, accept_language: true }, secure }
            }
            HeaderSet::InternalError => Shape { vary: Vary::NONE, secure: false },
        }
    }

    /// Whether the edge may compress what goes with these headers, which
    /// must then name `Accept-Encoding` in `Vary`: every body (all are text),
    /// a `304` for the body it stands for, and a redirect's empty body too,
    /// which a runtime may encode all the same (`wrangler dev` gzips it). Not
    /// the `204` to `OPTIONS`, which has no body at all.
    pub fn encodable(self) -> bool {
        !matches!(self, HeaderSet::Options { .. })
    }

    /// The `Cache-Tag` of these headers: what a purge can name to drop the
    /// responses sent with them. Every answer about the page has `apropos`,
    /// and `apropos:{lang}` or `apropos:{ext}` when it is about one language
    /// or one format (a redirect, about the resource it leads to); a site
    /// file has `files` and `file:{path}`; a status page `status` and
    /// `status:{code}`.
    pub fn cache_tags(self) -> String {
        let page = |lang: Option<Lang>, format: Option<Format>| {
            let mut tags = vec!["apropos".to_owned()];
            tags.extend(lang.map(|lang| format!("apropos:{}", lang.code())));
            tags.extend(format.map(|format| format!("apropos:{}", format.extension())));
            tags.join(",")
        };
        let file = |file: SiteFile| format!("files,file:{}", file.path());
        match self {
            HeaderSet::Page { variant, .. } => page(Some(variant.lang), Some(variant.format)),
            HeaderSet::Chosen { lang, format, .. } => page(Some(lang), format),
            HeaderSet::Redirect { to, .. } => page(to, None),
            HeaderSet::Moved { to: Resource::Page { lang, format }, .. } => page(lang, format),
            HeaderSet::Moved { to: Resource::File(to), .. } | HeaderSet::File { file: to, .. } => file(to),
            HeaderSet::Status { status, .. } => format!("status,status:{}", status.code().as_u16()),
            HeaderSet::Options { .. } => "options".to_owned(),
            HeaderSet::InternalError => "status,status:500".to_owned(),
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

    #[test]
    fn cache_tags_name_the_page_its_language_and_format() {
        let variant = Variant { lang: Lang::En, format: Format::Markdown };
        let shape = Shape { vary: Vary::NONE, secure: true };
        let page = HeaderSet::Page { variant, not_modified: true, shape };
        assert_eq!(page.cache_tags(), "apropos,apropos:en,apropos:md");
        let chosen = HeaderSet::Chosen { lang: Lang::Fr, format: None, secure: false };
        assert_eq!(chosen.cache_tags(), "apropos,apropos:fr");
        let file = HeaderSet::File { file: SiteFile::Robots, not_modified: false, secure: false };
        assert_eq!(file.cache_tags(), "files,file:/robots.txt");
        // Tags are printable ASCII without spaces or commas of their own, as the edge requires.
        for set in HeaderSet::all() {
            for tag in set.cache_tags().split(',') {
                assert!(!tag.is_empty() && tag.bytes().all(|b| b.is_ascii_graphic()), "{set:?}: {tag:?}");
            }
        }
    }
}
