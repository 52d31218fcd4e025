//! Number formatting for display: thousands grouping with a
//! locale-chosen separator ("." in Vietnamese, "," in English).

/// 1504 with "." → "1.504"; with "," → "1,504"; 817 → "817"; 1234567 with "." → "1.234.567"; 0 → "0".
pub fn group_thousands(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let len = digits.len();
    // The leading group holds 1–3 digits; every later group exactly 3.
    let head = (len - 1) % 3 + 1;
    let mut out = String::with_capacity(len + (len - 1) / 3 * separator.len());
    out.push_str(&digits[..head]);
    for start in (head..len).step_by(3) {
        out.push_str(separator);
        out.push_str(&digits[start..start + 3]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(group_thousands(1504, "."), "1.504");
        assert_eq!(group_thousands(1504, ","), "1,504");
        assert_eq!(group_thousands(817, "."), "817");
        assert_eq!(group_thousands(1_234_567, "."), "1.234.567");
        assert_eq!(group_thousands(0, "."), "0");
    }

    #[test]
    fn boundaries() {
        assert_eq!(group_thousands(9, ","), "9");
        assert_eq!(group_thousands(99, ","), "99");
        assert_eq!(group_thousands(999, ","), "999");
        assert_eq!(group_thousands(1000, ","), "1,000");
        assert_eq!(group_thousands(9999, ","), "9,999");
        assert_eq!(group_thousands(10_000, ","), "10,000");
        assert_eq!(group_thousands(100_000, ","), "100,000");
        assert_eq!(group_thousands(999_999, ","), "999,999");
        assert_eq!(group_thousands(1_000_000, ","), "1,000,000");
        assert_eq!(group_thousands(1_000_001, "."), "1.000.001");
    }

    #[test]
    fn max_value() {
        assert_eq!(group_thousands(u64::MAX, "."), "18.446.744.073.709.551.615");
    }

    #[test]
    fn other_separators() {
        assert_eq!(group_thousands(1_234_567, ""), "1234567");
        assert_eq!(group_thousands(1_234_567, " "), "1 234 567");
        // Narrow no-break space, as used in some typographies.
        assert_eq!(group_thousands(12_345, "\u{202F}"), "12\u{202F}345");
        assert_eq!(group_thousands(1000, "--"), "1--000");
    }
}
