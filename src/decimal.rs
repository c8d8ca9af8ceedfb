//! Numbers as people write them in prose and fields: "40", "12.5", ".5".
//!
//! Read by hand rather than with `str::parse::<f64>`, whose parser (and
//! its tables) the wasm would otherwise carry for a share of users and a
//! "1.5 hours"; it also takes "inf", "NaN" and "1e3", which nobody means.

/// The value of digits with at most one decimal point, or `None`.
pub fn read(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    let value = |part: &str| part.bytes().fold(0.0, |n, b| n * 10.0 + f64::from(b - b'0'));
    Some(value(whole) + value(fraction) / 10f64.powi(fraction.len() as i32))
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn digits_with_one_decimal_point_are_a_number() {
        let read_as = [
            ("0", 0.0),
            ("40", 40.0),
            ("12.5", 12.5),
            (".5", 0.5),
            ("5.", 5.0),
            ("100.00", 100.0),
            ("007", 7.0),
            ("1.25", 1.25),
            ("100.01", 100.01),
        ];
        for (text, value) in read_as {
            assert_eq!(read(text), Some(value), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not() {
        for text in ["", ".", "-1", "+1", "1e2", "x", "12.5.1", "NaN", "inf", "1 000", "١٢"] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
