//! Quality values, `q=` in `Accept` and `Accept-Language` (RFC 9110 §12.4.2).

/// A quality value in thousandths, `0..=1000`, so weights compare exactly.
///
/// ```text
/// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quality(u16);

impl Quality {
    /// `q=1`, the weight of a range that names none.
    pub const ONE: Quality = Quality(1000);
    /// `q=0`: "not acceptable".
    pub const ZERO: Quality = Quality(0);

    /// The weight in thousandths.
    pub const fn thousandths(self) -> u16 {
        self.0
    }

    /// Parses a qvalue; `None` for anything the grammar above rejects
    /// (`2`, `1.5`, `-1`, `NaN`, `0.1234`, `.5`, an empty value…).
    pub fn parse(value: &[u8]) -> Option<Quality> {
        let (first, rest) = value.split_first()?;
        let decimals = match rest {
            [] => &[][..],
            [b'.', decimals @ ..] if decimals.len() <= 3 => decimals,
            _ => return None,
        };
        let mut thousandths: u16 = match first {
            b'0' => 0,
            b'1' => 1000,
            _ => return None,
        };
        for (digit, scale) in decimals.iter().zip([100, 10, 1]) {
            if !digit.is_ascii_digit() || (thousandths == 1000 && *digit != b'0') {
                return None;
            }
            thousandths += u16::from(digit - b'0') * scale;
        }
        Some(Quality(thousandths))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qvalues_parse_exactly() {
        for (input, expected) in [
            ("1", Some(1000)),
            ("1.", Some(1000)),
            ("1.000", Some(1000)),
            ("0", Some(0)),
            ("0.", Some(0)),
            ("0.5", Some(500)),
            ("0.05", Some(50)),
            ("0.001", Some(1)),
            ("0.999", Some(999)),
            ("1.0001", None),
            ("1.001", None),
            ("0.1234", None),
            ("2", None),
            ("-1", None),
            ("NaN", None),
            (".5", None),
            ("", None),
            ("0.5 ", None),
            ("0,5", None),
            ("1e0", None),
        ] {
            assert_eq!(Quality::parse(input.as_bytes()).map(Quality::thousandths), expected, "{input:?}");
        }
    }
}
