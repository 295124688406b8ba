//! `Accept`: proactive negotiation of the format (RFC 9110 §12.5.1).
//!
//! ```text
//! Accept      = #( media-range [ weight ] )
//! media-range = ( "*/*" / ( type "/" "*" ) / ( type "/" subtype ) ) parameters
//! weight      = OWS ";" OWS "q=" qvalue
//! ```

use super::list::{elements, Cursor};
use super::{negotiate, Outcome, Range};
use crate::syntax::{same_ignoring_case, Quality};
use crate::variant::Format;

/// How a range's parameters (other than `q`) bear on the offered formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Parameters {
    /// None given.
    None,
    /// Only `charset=utf-8`, which every format satisfies (all are UTF-8).
    Satisfied,
    /// One no format has (`level=1`, `charset=latin1`, `profile=…`): the range matches nothing.
    Unsatisfiable,
}

/// One valid element of an `Accept` list, as it bears on the formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MediaRange {
    /// The formats it matches: bit `format as u8` for each (their place in
    /// `Format::ALL`, which variant.rs's tests hold).
    matches: u8,
    /// How specifically it matches them (type 4, subtype 2, parameters 1):
    /// the same for each, as a range is `*/*`, `type/*` or `type/subtype`.
    specificity: u8,
    quality: Quality,
}

impl MediaRange {
    /// Reads one list element; `None` if it is not a valid media range.
    fn read(element: &mut Cursor<'_>) -> Option<MediaRange> {
        let kind = element.token();
        if kind.is_empty() || !element.eat(b'/') {
            return None;
        }
        let subtype = element.token();
        if subtype.is_empty() || (kind == b"*" && subtype != b"*") {
            return None;
        }
        let (mut parameters, mut quality) = (Parameters::None, Quality::ONE);
        while let Some((name, value)) = element.parameter()? {
            if same_ignoring_case(name, b"q") {
                quality = Quality::parse(value)?;
                break; // What follows the weight is accept-ext: ignored.
            }
            let utf8 = same_ignoring_case(name, b"charset") && same_ignoring_case(value, b"utf-8");
            parameters = match (parameters, utf8) {
                (Parameters::Unsatisfiable, _) | (_, false) => Parameters::Unsatisfiable,
                _ => Parameters::Satisfied,
            };
        }
        // What it matches, worked out once rather than for each format it is weighed against.
        let (any_kind, any_subtype) = (kind == b"*", subtype == b"*");
        let mut matches = 0;
        if parameters != Parameters::Unsatisfiable {
            for &format in &Format::ALL {
                let (format_kind, format_subtype) = format.media_type_parts();
                if (any_kind || same_ignoring_case(kind, format_kind))
                    && (any_subtype || same_ignoring_case(subtype, format_subtype))
                {
                    matches |= 1 << format as u8;
                }
            }
        }
        let specificity = u8::from(!any_kind) << 2
            | u8::from(!any_subtype) << 1
            | u8::from(parameters == Parameters::Satisfied);
        Some(MediaRange { matches, specificity, quality })
    }
}

impl Range<Format> for MediaRange {
    fn quality(&self) -> Quality {
        self.quality
    }

    /// How specifically this range matches `format`, or `None` if it does not.
    fn specificity(&self, format: Format) -> Option<u8> {
        (self.matches & 1 << format as u8 != 0).then_some(self.specificity)
    }
}

/// The format to send for the request's `Accept` value (empty if it was
/// not sent), or `None` when no format is acceptable (→ `406 Not Acceptable`).
///
/// Total over every input. The rules (RFC 9110 §12.5.1, with the precedence
/// of jshttp/negotiator, the library behind Express):
///
/// 1. The header is a list of media ranges; an invalid element is ignored,
///    not the whole header. No header, an empty one, or one without any
///    valid element means `*/*`. Reading is bounded ([`super::MAX_LIST_BYTES`], [`super::MAX_LIST_ELEMENTS`]).
/// 2. Each offered format ([`Format::ALL`], in server order) takes the `q` of
///    the most specific range that matches it (`type/subtype` > `type/*` >
///    `*/*`, a satisfied `charset=utf-8` adding to it); among equally
///    specific ranges, the higher `q`. A format no range matches, or whose
///    `q` is 0, is not acceptable.
/// 3. The highest `q` wins; ties go to the more specific range, then to the
///    range listed first by the client, then to the server's order.
///
/// ```
/// use apropos_worker::negotiate::negotiate_format;
/// use apropos_worker::Format;
///
/// assert_eq!(negotiate_format(b"text/plain, application/json"), Some(Format::Text));
/// assert_eq!(negotiate_format(b"image/png"), None);
/// assert_eq!(negotiate_format(b""), Some(Format::Html));
/// ```
pub fn negotiate_format(accept: &[u8]) -> Option<Format> {
    let ranges = elements(accept, MediaRange::read);
    match negotiate(ranges, Format::ALL) {
        Outcome::Chosen(format) => Some(format),
        Outcome::NoneAcceptable => None,
        Outcome::NoRanges => Format::ALL.first().copied(),
    }
}

#[cfg(test)]
mod tests;
