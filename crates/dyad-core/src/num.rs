//! Numbers as text without the standard library's float formatting: [`fixed`] writes what
//! `format!("{:.N}", x)` writes, [`trimmed`] the same without trailing zeros.
//!
//! Why: `{}` and `{:.N}` on an `f32` or `f64` link core's `flt2dec` (the Grisu and Dragon
//! algorithms, their big-number arithmetic and power-of-ten tables: about 5 KB gzip of wasm)
//! into the app, and it only leaves the wasm once no code formats a float that way. Every
//! number the app shows or writes into an attribute (SVG coordinates, tones, CSS pixels, the
//! timeline's test contract) goes through here instead. A fixed number of decimals needs no
//! shortest-representation search: the value is split exactly into its binary mantissa and
//! exponent, and the decimals are integer arithmetic on them.
//!
//! The output is exactly the standard library's, for every finite value and up to
//! [`MAX_DECIMALS`] decimals (checked by a property test over random bit patterns): digits of
//! the exact binary value, rounded half to even when the value lies exactly halfway (`0.25`
//! to one decimal is `0.2`, `0.75` is `0.8`, as `{:.1}` writes them), otherwise to the
//! nearest; the sign of negative zero and of negative values that round to zero is kept
//! (`-0.0`); `NaN`, `inf` and `-inf` as the standard library spells them.

/// Decimals written at most; more are treated as this many. Enough for any use in the app (it
/// asks for six at most) and keeps the arithmetic in 128-bit integers.
pub const MAX_DECIMALS: u8 = 19;

/// `x` with `decimals` decimals: `format!("{:.N}", x)` (see the module for the rounding).
pub fn fixed(x: f64, decimals: u8) -> String {
    let mut out = String::new();
    push_fixed(&mut out, x, decimals, false);
    out
}

/// `x` to at most `max_decimals` decimals, without trailing zeros or a trailing point: `2`,
/// `0.5`, `-0`. For a value whose shortest form (`format!("{}", x)`) has at most that many
/// decimals, this is that form as long as the value's rounding error is below half the last
/// decimal (true of every `f32` within ±16 at six decimals, and of the app's pixel and day
/// values); other values come out rounded (`0.1 + 0.2` gives `0.3`, not `0.30000000000000004`).
pub fn trimmed(x: f64, max_decimals: u8) -> String {
    let mut out = String::new();
    push_trimmed(&mut out, x, max_decimals, false);
    out
}

/// Appends [`trimmed`]`(x, max_decimals)`, with a `+` before positive values and positive zero
/// if `plus` (as `{:+}`).
pub fn push_trimmed(out: &mut String, x: f64, max_decimals: u8, plus: bool) {
    let start = out.len();
    push_fixed(out, x, max_decimals, plus);
    if out.get(start..).is_some_and(|s| s.contains('.')) {
        let keep = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(keep);
    }
}

/// Appends `x` with `decimals` decimals (at most [`MAX_DECIMALS`]): `{:.N}`, or `{:+.N}` if
/// `plus`. One function for every caller, kept out of line so that it is compiled once.
#[inline(never)]
pub fn push_fixed(out: &mut String, x: f64, decimals: u8, plus: bool) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    } else if plus {
        out.push('+');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    let d = u32::from(decimals.min(MAX_DECIMALS));
    // |x| = m × 2^e exactly, m below 2^53.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    if e >= 0 {
        // A whole number (2^52 or more): its digits, then zeros.
        push_whole(out, m, e.unsigned_abs());
        if d > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', d as usize));
        }
        return;
    }
    // The whole part and the binary fraction f / 2^s.
    let s = e.unsigned_abs();
    let (mut whole, f) = if s < 64 {
        (m >> s, m & ((1 << s) - 1))
    } else {
        (0, m)
    };
    let ten_d = 10u64.pow(d);
    // The decimals: f × 10^d / 2^s, whose remainder decides the rounding. Below 2^117, so
    // within 128 bits; for s of 128 or more the whole quotient is under one half.
    let scaled = u128::from(f) * u128::from(ten_d);
    let mut q = 0u64;
    if s < 128 {
        q = (scaled >> s) as u64;
        let rest = scaled & ((1u128 << s) - 1);
        let half = 1u128 << (s - 1);
        // Ties go to the even last digit: of the decimals, or of the whole part without any.
        let odd = if d == 0 { whole & 1 } else { q & 1 } == 1;
        if rest > half || (rest == half && odd) {
            q += 1;
            if q == ten_d {
                q = 0;
                whole += 1;
            }
        }
    }
    push_digits(out, whole, 1);
    if d > 0 {
        out.push('.');
        push_digits(out, q, d as usize);
    }
}

/// Appends `v` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, mut v: u64, width: usize) {
    const LEN: usize = 20;
    let mut buf = [b'0'; LEN];
    let mut n = 0;
    while (v > 0 || n < width) && n < LEN {
        if let Some(slot) = buf.get_mut(LEN - 1 - n) {
            *slot = b'0' + (v % 10) as u8;
        }
        v /= 10;
        n += 1;
    }
    let digits = buf.get(LEN - n..).unwrap_or_default();
    out.extend(digits.iter().map(|&b| char::from(b)));
}

/// Appends the digits of m × 2^e, computed in base 10^9 (values up to 1.8e308 have 309
/// digits, 35 limbs).
fn push_whole(out: &mut String, m: u64, mut e: u32) {
    const BASE: u64 = 1_000_000_000;
    // Least significant limb first; m is below 2^53, under three limbs.
    let mut limbs = vec![m % BASE, m / BASE % BASE, m / BASE / BASE];
    while e > 0 {
        let k = e.min(32);
        e -= k;
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            // A limb is below 2^30, so shifted by 32 bits it stays below 2^62.
            let v = (*limb << k) + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut width = 1;
    for &limb in limbs.iter().rev() {
        push_digits(out, limb, width);
        width = 9;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The standard library's spelling, the oracle.
    fn std_fixed(x: f64, d: u8, plus: bool) -> String {
        if plus {
            format!("{:+.*}", d as usize, x)
        } else {
            format!("{:.*}", d as usize, x)
        }
    }

    fn ours(x: f64, d: u8, plus: bool) -> String {
        let mut out = String::new();
        push_fixed(&mut out, x, d, plus);
        out
    }

    /// Rounding, signs, zeros and the special values, as `{:.N}` writes them.
    #[test]
    fn fixed_cases() {
        let cases: [(f64, u8, &str); 30] = [
            (0.0, 1, "0.0"),
            (-0.0, 1, "-0.0"),
            (-0.0, 0, "-0"),
            (-0.04, 1, "-0.0"),
            (0.05, 1, "0.1"),
            (0.25, 1, "0.2"),
            (0.75, 1, "0.8"),
            (-0.25, 1, "-0.2"),
            (0.5, 0, "0"),
            (1.5, 0, "2"),
            (2.5, 0, "2"),
            (-2.5, 0, "-2"),
            (1.125, 2, "1.12"),
            (1.375, 2, "1.38"),
            (0.35, 1, "0.3"),
            (9.96, 1, "10.0"),
            (99.5, 0, "100"),
            (-0.96, 0, "-1"),
            (123.456, 2, "123.46"),
            (1e-300, 3, "0.000"),
            (5e-324, 0, "0"),
            (0.1, 19, "0.1000000000000000056"),
            (1e21, 0, "1000000000000000000000"),
            (4503599627370497.0, 1, "4503599627370497.0"),
            (9007199254740993.0, 0, "9007199254740992"),
            (f64::MAX, 0, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"),
            (f64::NAN, 2, "NaN"),
            (f64::INFINITY, 1, "inf"),
            (f64::NEG_INFINITY, 1, "-inf"),
            (2.0f64.powi(-1022), 0, "0"),
        ];
        for (x, d, want) in cases {
            assert_eq!(fixed(x, d), want, "{x:e} to {d}");
            assert_eq!(fixed(x, d), std_fixed(x, d, false), "{x:e} to {d}");
        }
    }

    /// `plus` writes a sign before positive values and positive zero, never before NaN.
    #[test]
    fn plus_sign() {
        let cases: [(f64, u8, &str); 6] = [
            (0.0, 0, "+0"),
            (-0.0, 1, "-0.0"),
            (1.25, 1, "+1.2"),
            (-3.0, 0, "-3"),
            (f64::INFINITY, 0, "+inf"),
            (f64::NAN, 0, "NaN"),
        ];
        for (x, d, want) in cases {
            assert_eq!(ours(x, d, true), want);
            assert_eq!(ours(x, d, true), std_fixed(x, d, true));
        }
    }

    /// Decimals beyond the maximum are the maximum.
    #[test]
    fn decimals_capped() {
        assert_eq!(fixed(0.1, 40), fixed(0.1, MAX_DECIMALS));
    }

    /// Trailing zeros go, and the point with them; the shortest form of ordinary values.
    #[test]
    fn trimmed_cases() {
        let cases: [(f64, u8, &str); 11] = [
            (2.0, 6, "2"),
            (0.5, 6, "0.5"),
            (-0.0, 6, "-0"),
            (0.1 + 0.2, 6, "0.3"),
            (19_000.25, 6, "19000.25"),
            (1234.5678, 2, "1234.57"),
            (100.0, 0, "100"),
            (-1e-9, 6, "-0"),
            (f64::NAN, 6, "NaN"),
            (f64::NEG_INFINITY, 6, "-inf"),
            (f64::from(0.3f32), 6, "0.3"),
        ];
        for (x, d, want) in cases {
            assert_eq!(trimmed(x, d), want, "{x} to {d}");
        }
        let mut s = String::from("tone ");
        push_trimmed(&mut s, 4.0, 6, true);
        assert_eq!(s, "tone +4");
    }

    proptest! {
        /// Any bit pattern, any number of decimals: the standard library's output.
        #[test]
        fn fixed_agrees_with_std(bits in any::<u64>(), d in 0u8..=MAX_DECIMALS, plus in any::<bool>()) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(ours(x, d, plus), std_fixed(x, d, plus));
        }

        /// Values of everyday size, where most of the app's numbers are.
        #[test]
        fn fixed_agrees_with_std_everyday(x in -1e7f64..1e7, d in 0u8..=7) {
            prop_assert_eq!(fixed(x, d), std_fixed(x, d, false));
        }

        /// Values exactly halfway between two results (k / 2^j): the tie rule.
        #[test]
        fn ties_agree_with_std(k in -100_000i64..100_000, j in 1i32..12, d in 0u8..6) {
            let x = k as f64 / 2f64.powi(j);
            prop_assert_eq!(fixed(x, d), std_fixed(x, d, false));
        }

        /// Every `f32` within the tone range: trimmed to six decimals is its shortest form
        /// whenever that form has six decimals or fewer.
        #[test]
        fn trimmed_is_shortest_for_f32(t in -16f32..16f32) {
            let short = format!("{t}");
            let decimals = short.split_once('.').map_or(0, |(_, f)| f.len());
            if decimals <= 6 {
                prop_assert_eq!(trimmed(f64::from(t), 6), short);
            }
        }
    }
}
