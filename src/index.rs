//! The one index scheme: every type that names an entry of a per-isolate
//! table (a language, a page, a variant, a header set…) is [`Finite`], and
//! its tables are indexed by [`Finite::index`], derived from its parts'.
//!
//! A fieldless enum is its declaration order; `bool` is `false, true`;
//! `Option<T>` is `None` then `T`'s; a tuple is its first part's index,
//! then its second's within it (mixed radix); a sum of kinds ([`offsets`])
//! puts each kind after the ones before it. So a table's size is `COUNT`,
//! and a new language or page changes them all at once, with no number
//! written by hand.

/// A type with finitely many values, each numbered in `0..COUNT`.
pub trait Finite: Copy + Sized + 'static {
    /// How many values there are.
    const COUNT: usize;

    /// This value's number, below [`Finite::COUNT`]; distinct values have
    /// distinct numbers.
    fn index(self) -> usize;

    /// Every value, in the order of [`Finite::index`].
    fn all() -> impl Iterator<Item = Self> + Clone;
}

/// [`Finite`] for fieldless enums with an `ALL` array in declaration order.
macro_rules! finite_enum {
    ($($name:ty),+ $(,)?) => {$(
        impl $crate::index::Finite for $name {
            const COUNT: usize = <$name>::ALL.len();

            fn index(self) -> usize {
                self as usize
            }

            fn all() -> impl Iterator<Item = Self> + Clone {
                <$name>::ALL.into_iter()
            }
        }
    )+};
}
pub(crate) use finite_enum;

impl Finite for bool {
    const COUNT: usize = 2;

    fn index(self) -> usize {
        usize::from(self)
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        [false, true].into_iter()
    }
}

impl<T: Finite> Finite for Option<T> {
    const COUNT: usize = T::COUNT + 1;

    fn index(self) -> usize {
        self.map_or(0, |value| 1 + value.index())
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        std::iter::once(None).chain(T::all().map(Some))
    }
}

impl<A: Finite, B: Finite> Finite for (A, B) {
    const COUNT: usize = A::COUNT * B::COUNT;

    fn index(self) -> usize {
        self.0.index() * B::COUNT + self.1.index()
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        A::all().flat_map(|a| B::all().map(move |b| (a, b)))
    }
}

impl<A: Finite, B: Finite, C: Finite> Finite for (A, B, C) {
    const COUNT: usize = A::COUNT * B::COUNT * C::COUNT;

    fn index(self) -> usize {
        ((self.0, self.1), self.2).index()
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        <((A, B), C)>::all().map(|((a, b), c)| (a, b, c))
    }
}

impl<A: Finite, B: Finite, C: Finite, D: Finite> Finite for (A, B, C, D) {
    const COUNT: usize = A::COUNT * B::COUNT * C::COUNT * D::COUNT;

    fn index(self) -> usize {
        (((self.0, self.1), self.2), self.3).index()
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        <(((A, B), C), D)>::all().map(|(((a, b), c), d)| (a, b, c, d))
    }
}

/// Where each kind of a sum starts, given how many values each kind has:
/// the first at 0, each next one after the one before it.
pub const fn offsets<const N: usize>(counts: [usize; N]) -> [usize; N] {
    let mut offsets = [0; N];
    let mut i = 1;
    while i < N {
        offsets[i] = offsets[i - 1] + counts[i - 1];
        i += 1;
    }
    offsets
}

/// A table of `T::COUNT` empty slots, one per value of `T`.
pub fn table<T: Finite, S: Default>() -> Box<[S]> {
    (0..T::COUNT).map(|_| S::default()).collect()
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Every value of `T` has its own index, in order, with no gap.
    pub fn numbered_in_order<T: Finite + std::fmt::Debug>() {
        let mut count = 0;
        for (i, value) in T::all().enumerate() {
            assert_eq!(value.index(), i, "{value:?}");
            count += 1;
        }
        assert_eq!(count, T::COUNT);
    }

    #[test]
    fn composites_are_numbered_in_order() {
        numbered_in_order::<bool>();
        numbered_in_order::<Option<bool>>();
        numbered_in_order::<(bool, Option<bool>)>();
        numbered_in_order::<(Option<bool>, bool, bool)>();
        numbered_in_order::<(bool, bool, Option<bool>, bool)>();
    }

    #[test]
    fn kinds_follow_one_another() {
        assert_eq!(offsets([3, 0, 2, 5]), [0, 3, 3, 5]);
    }
}
