//! Proactive negotiation: which [`Format`] and which [`Lang`] to send, from
//! the request's `Accept` and `Accept-Language` (RFC 9110 §12.5).
//!
//! Both are total functions: every header, however malformed or large, has a
//! defined outcome, reached by reading a bounded prefix of it
//! ([`MAX_LIST_BYTES`], [`MAX_LIST_ELEMENTS`]).

mod accept;
mod accept_language;
mod list;

pub use accept::negotiate_format;
pub use accept_language::negotiate_language;
pub use list::{MAX_LIST_BYTES, MAX_LIST_ELEMENTS};

use crate::syntax::Quality;

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

/// What the client's ranges say of the offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome<Offer> {
    /// The client sent no valid range at all.
    NoRanges,
    /// The offer the client prefers.
    Chosen(Offer),
    /// No offer is acceptable.
    NoneAcceptable,
}

/// The offer the client prefers among `offers` (in server order), by the
/// `ranges` it sent (in its order), in one pass and without allocating.
///
/// Each offer takes the weight of the most specific range matching it (the
/// higher `q` among equally specific ones, the later among identical ones),
/// then [`Preference::choose`] picks.
fn negotiate<Offer: Copy, R: Range<Offer>, const N: usize>(
    ranges: impl IntoIterator<Item = R>,
    offers: [Offer; N],
) -> Outcome<Offer> {
    let mut best: [Option<Preference>; N] = [None; N];
    let mut any = false;
    for (order, range) in ranges.into_iter().enumerate() {
        any = true;
        // By index: at `opt-level = "z"`, iterating the array by value costs a call per offer.
        for (slot, offer) in best.iter_mut().zip(&offers) {
            let Some(specificity) = range.specificity(*offer) else { continue };
            let candidate = Preference { quality: range.quality(), specificity, order };
            if slot.is_none_or(|b| (specificity, candidate.quality) >= (b.specificity, b.quality)) {
                *slot = Some(candidate);
            }
        }
    }
    match Preference::choose(offers.iter().copied().zip(best)) {
        Some(offer) => Outcome::Chosen(offer),
        None if any => Outcome::NoneAcceptable,
        None => Outcome::NoRanges,
    }
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
    /// (the order of `offers`, each with its preference, if any). `None` if no
    /// offer is acceptable.
    fn choose<T: Copy>(offers: impl IntoIterator<Item = (T, Option<Preference>)>) -> Option<T> {
        offers
            .into_iter()
            .enumerate()
            .filter_map(|(rank, (offer, preference))| Some((preference?, rank, offer)))
            .filter(|(p, _, _)| p.quality > Quality::ZERO)
            .min_by_key(|(p, rank, _)| (std::cmp::Reverse((p.quality, p.specificity)), p.order, *rank))
            .map(|(_, _, offer)| offer)
    }
}
