//! Numbers as the page writes them: a fixed number of decimals, or at most that many without
//! trailing zeros (CSS pixels, data attributes, tones).

/// `x` with `decimals` decimals (`{:.N}`).
pub fn fixed(x: f64, decimals: u8) -> String {
    format!("{x:.*}", usize::from(decimals))
}

/// `x` to at most `max_decimals` decimals, without trailing zeros or a trailing point: `2`,
/// `0.5`, `-3.25`.
pub fn trimmed(x: f64, max_decimals: u8) -> String {
    let s = fixed(x, max_decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Appends `x` with `decimals` decimals, with `+` before positive values if `plus`.
pub fn push_fixed(out: &mut String, x: f64, decimals: u8, plus: bool) {
    if plus && x >= 0.0 {
        out.push('+');
    }
    out.push_str(&fixed(x, decimals));
}

/// Appends [`trimmed`], with `+` before positive values if `plus`.
pub fn push_trimmed(out: &mut String, x: f64, max_decimals: u8, plus: bool) {
    if plus && x >= 0.0 {
        out.push('+');
    }
    out.push_str(&trimmed(x, max_decimals));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decimals kept or trimmed, signs written.
    #[test]
    fn numbers() {
        let cases = [
            (2.0, "2", "2.00"),
            (0.5, "0.5", "0.50"),
            (-3.256, "-3.26", "-3.26"),
        ];
        for (x, t, f) in cases {
            assert_eq!(trimmed(x, 2), t, "{x}");
            assert_eq!(fixed(x, 2), f, "{x}");
        }
        let mut s = String::new();
        push_trimmed(&mut s, 1.5, 2, true);
        push_fixed(&mut s, -1.0, 1, true);
        assert_eq!(s, "+1.5-1.0");
    }
}
