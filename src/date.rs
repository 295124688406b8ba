//! Dates as RFC 3339 writes them (`2027-12-01T00:00:00.000Z`), for
//! security.txt's `Expires` (RFC 9116 §2.5.5): read, compared, written.
//! Times are seconds since the Unix epoch, UTC; the runtime gives the wasm
//! the time, as the wasm has no clock of its own.

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixSeconds = i64;

/// `text` as an RFC 3339 date-time (§5.6: `YYYY-MM-DDTHH:MM:SS`, optional
/// fraction, then `Z` or `±HH:MM`; `T` and `Z` in either case), in seconds;
/// `None` if it is not one, or names no real day or time.
pub fn parse_rfc3339(text: &str) -> Option<UnixSeconds> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let at = |i: usize, expected: &[u8]| bytes.get(i).is_some_and(|b| expected.contains(b));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let mut rest = bytes.get(19..)?;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let [h1, h2, m1, m2] = digits.map(|d| i64::from(d - b'0'));
            let (hours, minutes) = (h1 * 10 + h2, m1 * 10 + m2);
            if hours > 23 || minutes > 59 {
                return None;
            }
            (hours * 60 + minutes) * 60 * if *sign == b'+' { 1 } else { -1 }
        }
        _ => return None,
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    // A leap second (`:60`) is read as the second after.
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// `seconds` as RFC 3339 in UTC, with milliseconds, as RFC 9116's examples
/// write it: `2027-12-01T00:00:00.000Z`.
pub fn format_rfc3339(seconds: UnixSeconds) -> String {
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z", time / 3600, time / 60 % 60, time % 60)
}

/// The days from 1970-01-01 to the proleptic Gregorian `year-month-day`
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_table() {
        #[rustfmt::skip]
        let cases = [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("1970-01-01T00:00:00.000Z", Some(0)),
            ("2027-12-01T00:00:00.000Z", Some(1_827_619_200)),
            ("2027-12-01t00:00:00z", Some(1_827_619_200)),
            ("2027-12-01T01:30:00+01:30", Some(1_827_619_200)),
            ("2027-11-30T22:00:00-02:00", Some(1_827_619_200)),
            ("2024-02-29T12:00:00Z", Some(1_709_208_000)),
            ("1969-12-31T23:59:59Z", Some(-1)),
            ("2025-02-29T00:00:00Z", None),
            ("2027-13-01T00:00:00Z", None),
            ("2027-12-32T00:00:00Z", None),
            ("2027-12-01T24:00:00Z", None),
            ("2027-12-01T00:00:00", None),
            ("2027-12-01 00:00:00Z", None),
            ("2027-12-01T00:00:00.Z", None),
            ("2027-12-01T00:00:00+1:00", None),
            ("2027-12-01T00:00:00+24:00", None),
            ("2027-12-01", None),
            ("27-12-01T00:00:00Z", None),
            ("", None),
            ("2027-12-01T00:00:00Zjunk", None),
            ("２０２７-12-01T00:00:00Z", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_rfc3339(text), expected, "{text:?}");
        }
    }

    #[test]
    fn formatting_is_the_inverse_of_parsing() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(1_827_619_200), "2027-12-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59.000Z");
        for seconds in (-5_000_000_000_i64..5_000_000_000).step_by(7_654_321) {
            assert_eq!(parse_rfc3339(&format_rfc3339(seconds)), Some(seconds), "{seconds}");
        }
    }
}
