//! Proactive negotiation: which [`Format`] and which [`Lang`] to send, from
//! the request's `Accept` and `Accept-Language` (RFC 9110 §12.5).
//!
//! Both are total functions: every header, however malformed or large, has a
//! defined outcome, reached by reading a bounded prefix of it
//! ([`MAX_LIST_BYTES`], [`MAX_LIST_ELEMENTS`]).

mod accept;
mod accept_language;
mod list;
mod quality;

pub use accept::negotiate_format;
pub use accept_language::negotiate_language;
pub use list::{is_token, trim, MAX_LIST_BYTES, MAX_LIST_ELEMENTS};
pub use quality::Quality;

#[cfg(doc)]
use crate::variant::{Format, Lang};

/// A valid element of a negotiation header, as it bears on the offers.
trait Range<Offer> {
    /// The element's weight (`q`).
    fn quality(&self) -> Quality;
    /// How specifically the element matches `offer` (higher is more
    /// specific), or `None` if it does not match it.
    fn specificity(&self, offer: Offer) -> Option<u8>;
}

/// The offer the client prefers among `offers` (in server order), by the
/// ranges it sent (in its order); `None` if no offer is acceptable.
///
/// Each offer takes the weight of the most specific range matching it (the
/// higher `q` among equally specific ones, the later among identical ones),
/// then [`Preference::choose`] picks.
fn negotiate<Offer: Copy, R: Range<Offer>>(
    ranges: &[R],
    offers: impl IntoIterator<Item = Offer>,
) -> Option<Offer> {
    let preference = |offer: Offer| {
        ranges
            .iter()
            .enumerate()
            .filter_map(|(order, range)| {
                Some(Preference { quality: range.quality(), specificity: range.specificity(offer)?, order })
            })
            .max_by_key(|p| (p.specificity, p.quality, p.order))
    };
    Preference::choose(offers, preference)
}

/// How much the client wants one offer, and through which range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Preference {
    /// The weight of the range that decided.
    quality: Quality,
    /// How specifically that range matches the offer (higher is more specific).
    specificity: u8,
    /// The position of that range in the client's list.
    order: usize,
}

impl Preference {
    /// The acceptable offer the client prefers: highest `q`, then most
    /// specific range, then the range listed first, then the server's order
    /// (the order of `offers`). `None` if no offer is acceptable.
    fn choose<T: Copy>(
        offers: impl IntoIterator<Item = T>,
        preference: impl Fn(T) -> Option<Preference>,
    ) -> Option<T> {
        offers
            .into_iter()
            .enumerate()
            .filter_map(|(rank, offer)| Some((preference(offer)?, rank, offer)))
            .filter(|(p, _, _)| p.quality > Quality::ZERO)
            .min_by_key(|(p, rank, _)| (std::cmp::Reverse((p.quality, p.specificity)), p.order, *rank))
            .map(|(_, _, offer)| offer)
    }
}
