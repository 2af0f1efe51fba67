//! A small JSON reader for data files, in place of serde: a pull parser over bytes
//! ([`Parser`]) and, on top of it, [`Reader`], which reads typed values and records every
//! shape problem with its path and position instead of stopping at the first.
//!
//! Why hand-written: serde_json and the derived deserialisers of the dataset types were about
//! 50 KB of the app's wasm (before compression), and locating serde's errors needed a second
//! reading of the text. This reader knows where it is while it reads, so a shape problem in one
//! event is recorded with its path (`events[12]`, `sources[0].published`) and the byte offset of
//! the offending value, the value is skipped, and reading goes on. Only a syntax error (text
//! that is not JSON) stops it, since nothing after it can be read reliably.
//!
//! **What it accepts** is what serde_json accepts (RFC 8259): whitespace is space, tab, line
//! feed and carriage return; strings may hold any escape, `\u` escapes must pair surrogates, raw
//! control characters are refused, bytes must be UTF-8; numbers follow JSON's grammar (no
//! leading zeros, no `+`, no trailing `.`); nothing may follow the document but whitespace.
//! The typed layer follows the declarations in [`crate::model`] as serde's derive did: unknown
//! fields, repeated fields and missing required fields are problems, `null` stands for an
//! absent optional value. Two forms serde also took are refused, since no dataset writer
//! produces them: an object written as an array of its field values, and an enum variant
//! written as `{"state": null}` rather than `"state"`.
//!
//! **Numbers** are read as serde_json reads them: an integer without fraction or exponent is a
//! `u64` (or `i64` when negative); anything else becomes the decimal mantissa (an integer, the
//! digits past 19-20 ignored) and a power of ten, converted by [`decimal_to_f64`]: Clinger's
//! fast path (exact, one correctly rounded operation) when the mantissa is below 2^53 and the
//! exponent within ±22, which covers every tone and coordinate a dataset holds; otherwise a
//! 64-bit integer approximation within one unit in the last place. No `str::parse::<f64>` (its
//! tables would double this module's size in the wasm) and no float formatting: messages quote
//! a number's text.
//!
//! **Never panics, never recurses.** Every read is bounds-checked; containers are walked by
//! loops, and [`Parser::skip_value`] keeps the nesting of a skipped value in a 128-bit stack,
//! refusing deeper nesting as serde_json refuses it past 128 levels.

use std::borrow::Cow;
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Syntax errors.

/// What was found where something else was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The end of the input.
    End,
    /// A character.
    Char(char),
    /// A byte that does not start a UTF-8 character.
    Byte(u8),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::End => f.write_str("the end of the file"),
            Found::Char(c) if c.is_control() => write!(f, "`{}`", c.escape_debug()),
            Found::Char(c) => write!(f, "`{c}`"),
            Found::Byte(b) => write!(f, "byte 0x{b:02X}"),
        }
    }
}

/// Why text is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    /// Something else was due here, e.g. "`,` or `}`".
    Expected(&'static str, Found),
    /// A number with a leading zero followed by a digit (`01`).
    LeadingZero,
    /// A raw control character (below U+0020) inside a string.
    ControlChar(u8),
    /// A backslash followed by something that is not an escape.
    BadEscape,
    /// `\u` not followed by four hex digits.
    BadUnicodeEscape,
    /// A `\u` escape of a UTF-16 surrogate without its other half.
    LoneSurrogate,
    /// Bytes in a string that are not UTF-8.
    InvalidUtf8,
    /// Arrays and objects nested more than 128 levels deep.
    TooDeep,
}

/// Text that is not JSON, or that ends too early. Reading stops there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the problem in the input.
    pub at: usize,
    /// What is wrong.
    pub kind: SyntaxKind,
}

impl SyntaxError {
    /// Whether the input ended where more was due: for a chunk of a longer input, more bytes
    /// may make it valid.
    pub fn is_eof(&self) -> bool {
        matches!(self.kind, SyntaxKind::Expected(_, Found::End))
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            SyntaxKind::Expected(what, found) => write!(f, "expected {what}, found {found}"),
            SyntaxKind::LeadingZero => {
                f.write_str("invalid number: a leading `0` cannot be followed by digits")
            }
            SyntaxKind::ControlChar(b) => write!(
                f,
                "control character U+{b:04X} in a string; write it as an escape such as \\n, \
                 \\t or \\u{b:04X}"
            ),
            SyntaxKind::BadEscape => f.write_str(
                "invalid escape in a string; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
            ),
            SyntaxKind::BadUnicodeEscape => {
                f.write_str("invalid \\u escape: expected four hex digits")
            }
            SyntaxKind::LoneSurrogate => f.write_str(
                "unpaired surrogate in a \\u escape; a character above U+FFFF is written as a \
                 pair such as \\uD83D\\uDE00",
            ),
            SyntaxKind::InvalidUtf8 => f.write_str("invalid UTF-8 in a string"),
            SyntaxKind::TooDeep => f.write_str("arrays and objects nested more than 128 deep"),
        }
    }
}

/// Flags (the high bit of a byte) the bytes of `v`, eight bytes read little-endian, that may
/// be a quote, a backslash or a control character: the "has a zero byte" test, SWAR. A flag
/// can be wrong only above a true one (a borrow runs upwards), so a chunk without flags has
/// none of them, and the lowest flag, the first such byte in memory, is always right.
fn string_stops(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero_in(v ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(v ^ (ONES * u64::from(b'\\')));
    let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
    quote | backslash | control
}

/// What is at `at` in `bytes`, for an error message.
fn found_at(bytes: &[u8], at: usize) -> Found {
    let rest = bytes.get(at..).unwrap_or_default();
    let Some(chunk) = rest.utf8_chunks().next() else {
        return Found::End;
    };
    match chunk.valid().chars().next() {
        Some(c) => Found::Char(c),
        None => chunk
            .invalid()
            .first()
            .map_or(Found::End, |&b| Found::Byte(b)),
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/// A number as read: its text and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number<'a> {
    /// Exactly as written in the input.
    pub text: &'a str,
    /// What it stands for.
    pub value: NumberValue,
}

/// The value of a number, typed as serde_json types it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberValue {
    /// An integer without fraction or exponent, from 0 to `u64::MAX`.
    U64(u64),
    /// A negative integer without fraction or exponent, down to `i64::MIN`.
    I64(i64),
    /// Anything else (and `-0` and integers beyond the two above).
    F64(f64),
    /// Too large for an `f64` (serde_json refuses it as well).
    OutOfRange,
}

impl Number<'_> {
    /// The value as an `f64`, as serde_json gives it (integers by `as`).
    pub fn to_f64(&self) -> Option<f64> {
        match self.value {
            NumberValue::U64(u) => Some(u as f64),
            NumberValue::I64(i) => Some(i as f64),
            NumberValue::F64(f) => Some(f),
            NumberValue::OutOfRange => None,
        }
    }

    /// The value as an `f32`, as serde gives it: integers converted directly, other numbers
    /// read as `f64` first.
    pub fn to_f32(&self) -> Option<f32> {
        match self.value {
            NumberValue::U64(u) => Some(u as f32),
            NumberValue::I64(i) => Some(i as f32),
            NumberValue::F64(f) => Some(f as f32),
            NumberValue::OutOfRange => None,
        }
    }

    /// Whether it was written as an integer (no fraction, no exponent).
    pub fn is_integer_text(&self) -> bool {
        !self.text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }
}

/// 10^k for k in 0..=22: exact as `f64` (5^22 < 2^53).
const POW10_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// 10^k for k in 0..=19, exact in a `u64`.
const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut k = 1;
    while k < 20 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// 10^-k for k in 1..=19 as a 64-bit mantissa with its top bit set and a power of two:
/// 10^-k ≈ m × 2^e, truncated, so below the exact value by less than 2^-63 of it. (k = 0 is
/// unused.)
const RECIP10: [(u64, i32); 20] = {
    let mut t = [(0u64, 0i32); 20];
    let mut k = 1;
    while k < 20 {
        let p = POW10_U64[k] as u128;
        // p has `bits` significant bits and is not a power of two, so 2^(63 + bits) / p lies
        // strictly between 2^63 and 2^64.
        let bits = 128 - p.leading_zeros();
        t[k] = (((1u128 << (63 + bits)) / p) as u64, -(63 + bits as i32));
        k += 1;
    }
    t
};

/// `mantissa` × 10^`exp10` as an `f64`; infinite when too large (the caller refuses it).
///
/// Clinger's fast path when the mantissa is below 2^53 and |`exp10`| ≤ 22: both operands are
/// exact, so one multiplication or division gives the correctly rounded result, the same as
/// `str::parse::<f64>` (a property test checks it). Elsewhere the product is computed on a
/// 64-bit mantissa with 128-bit multiplications by powers of ten (or their truncated
/// reciprocals), at most 19 steps each losing less than 2^-63 of the value, then rounded once to
/// 53 bits: at most one unit in the last place from the correctly rounded value (a property test
/// checks a relative 1e-15). Results below `f64::MIN_POSITIVE` are rounded twice and may be
/// further off in relative terms; no dataset holds such numbers.
pub fn decimal_to_f64(mantissa: u64, exp10: i32) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    if mantissa < (1u64 << 53) && (-22..=22).contains(&exp10) {
        let m = mantissa as f64;
        let p = POW10_F64
            .get(exp10.unsigned_abs() as usize)
            .copied()
            .unwrap_or(1.0);
        return if exp10 >= 0 { m * p } else { m / p };
    }
    // mantissa < 2^64 < 10^20: past these bounds the value certainly overflows, or certainly
    // rounds to zero (below half the smallest subnormal, 2.47e-324).
    if exp10 > 310 {
        return f64::INFINITY;
    }
    if exp10 < -345 {
        return 0.0;
    }
    let z = mantissa.leading_zeros();
    // value ≈ x × 2^b × 10^e, with x's top bit set.
    let mut x = mantissa << z;
    let mut b = -(z as i32);
    let mut e = exp10;
    while e != 0 {
        let k = e.unsigned_abs().min(19);
        let (mul, shift) = if e > 0 {
            (POW10_U64.get(k as usize).copied().unwrap_or(1), 0)
        } else {
            RECIP10.get(k as usize).copied().unwrap_or((1 << 63, -63))
        };
        let p = u128::from(x) * u128::from(mul);
        // p ≥ 2^63 × 10, so its high half is not zero.
        let lz = ((p >> 64) as u64).leading_zeros();
        x = ((p << lz) >> 64) as u64;
        b += 64 - lz as i32 + shift;
        e -= if e > 0 { k as i32 } else { -(k as i32) };
    }
    scale2(x as f64, b)
}

/// `f` × 2^`b`, for `f` in [2^63, 2^64]: exact unless the result overflows (infinity) or falls
/// below the normal range (one more rounding).
fn scale2(f: f64, b: i32) -> f64 {
    /// 2^k for k in -1022..=1023.
    fn pow2(k: i32) -> f64 {
        f64::from_bits(((k + 1023) as u64) << 52)
    }
    if b > 1000 {
        return f64::INFINITY;
    }
    if b >= -1022 {
        return f * pow2(b);
    }
    // Down to 2^-959 exactly first, then once into the subnormal range.
    let r = b + 1022;
    if r < -1022 {
        0.0
    } else {
        f * pow2(-1022) * pow2(r)
    }
}

// ---------------------------------------------------------------------------------------------
// The parser.

/// What kind of value starts at the next byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{`
    Object,
    /// `[`
    Array,
    /// `"`
    String,
    /// `-` or a digit.
    Number,
    /// `t` or `f`.
    Bool,
    /// `n`.
    Null,
}

/// A pull parser over JSON bytes: the caller asks for the value it expects next. Positions are
/// byte offsets into the input.
#[derive(Debug, Clone)]
pub struct Parser<'a> {
    bytes: &'a [u8],
    /// The same input as text, when it is known to be UTF-8: strings are then sliced from it
    /// without validating them again.
    text: Option<&'a str>,
    pos: usize,
    /// Whether `bytes` is the whole input. When it is only a first part (a chunk of a download),
    /// a number that runs to its end may go on, so it is an end-of-input error instead.
    complete: bool,
}

impl<'a> Parser<'a> {
    /// A parser at the start of a whole input.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::partial(bytes, true)
    }

    /// A parser at the start of `bytes`, which may be only the beginning of the input unless
    /// `complete`.
    pub fn partial(bytes: &'a [u8], complete: bool) -> Self {
        Parser {
            bytes,
            text: None,
            pos: 0,
            complete,
        }
    }

    /// A parser over text (UTF-8 already checked), which may be only the beginning of the
    /// input unless `complete`.
    pub fn text(text: &'a str, complete: bool) -> Self {
        Parser {
            bytes: text.as_bytes(),
            text: Some(text),
            pos: 0,
            complete,
        }
    }

    /// The input.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The current byte offset.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Moves to a byte offset (clamped to the input).
    pub fn seek(&mut self, pos: usize) {
        self.pos = pos.min(self.bytes.len());
    }

    fn expected(&self, at: usize, what: &'static str) -> SyntaxError {
        SyntaxError {
            at,
            kind: SyntaxKind::Expected(what, found_at(self.bytes, at)),
        }
    }

    fn error(at: usize, kind: SyntaxKind) -> SyntaxError {
        SyntaxError { at, kind }
    }

    /// Skips whitespace; the next byte, not consumed.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\n' | b'\t' | b'\r' => self.pos += 1,
                _ => return Some(b),
            }
        }
        None
    }

    /// Skips whitespace; the kind of the value that starts there, or an error if none does.
    pub fn peek_value(&mut self) -> Result<Kind, SyntaxError> {
        match self.peek() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            _ => Err(self.expected(self.pos, "a value")),
        }
    }

    /// Consumes `byte` (after whitespace), or fails saying `what` was expected.
    fn eat(&mut self, byte: u8, what: &'static str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.expected(self.pos, what))
        }
    }

    /// Opens an object: `{`.
    pub fn begin_object(&mut self) -> Result<(), SyntaxError> {
        self.eat(b'{', "`{`")
    }

    /// The next member's key, its colon consumed, or `None` once the object closes. `first`:
    /// no member was read yet (else a comma must come first).
    pub fn next_key(&mut self, first: bool) -> Result<Option<Cow<'a, str>>, SyntaxError> {
        let mut c = self.peek();
        if c == Some(b'}') {
            // `{"a": 1,}` fails below, at the key expected after the comma.
            self.pos += 1;
            return Ok(None);
        }
        if !first {
            if c != Some(b',') {
                return Err(self.expected(self.pos, "`,` or `}`"));
            }
            self.pos += 1;
            c = self.peek();
        }
        if c != Some(b'"') {
            return Err(self.expected(self.pos, "a key in double quotes"));
        }
        let key = self.string()?;
        self.eat(b':', "`:`")?;
        Ok(Some(key))
    }

    /// Opens an array: `[`.
    pub fn begin_array(&mut self) -> Result<(), SyntaxError> {
        self.eat(b'[', "`[`")
    }

    /// Whether another element follows (the caller reads it next), or the array closed.
    /// `first`: no element was read yet (else a comma must come first).
    pub fn next_element(&mut self, first: bool) -> Result<bool, SyntaxError> {
        match self.peek() {
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            _ if first => Ok(true),
            Some(b',') => {
                // `[1,]` fails when the element after the comma is read.
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.expected(self.pos, "`,` or `]`")),
        }
    }

    /// Reads a string (the next byte is its opening quote), decoding escapes. Borrowed from the
    /// input when it holds no escape.
    pub fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let bytes = self.bytes;
        self.eat(b'"', "`\"`")?;
        let start = self.pos;
        let mut i = start;
        loop {
            // Eight bytes at a time to the next quote, backslash or control character.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let stops = string_stops(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
                if stops != 0 {
                    i += (stops.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match bytes.get(i) {
                Some(b'"') => break,
                Some(b'\\') => return self.string_escaped(start, i).map(Cow::Owned),
                Some(&b) if b < 0x20 => return Err(Self::error(i, SyntaxKind::ControlChar(b))),
                Some(_) => i += 1,
                None => return Err(self.expected(i, "`\"` to close the string")),
            }
        }
        // Both ends are at ASCII quotes, so on text they are character boundaries.
        if let Some(s) = self.text.and_then(|t| t.get(start..i)) {
            self.pos = i + 1;
            return Ok(Cow::Borrowed(s));
        }
        let raw = bytes.get(start..i).unwrap_or_default();
        match std::str::from_utf8(raw) {
            Ok(s) => {
                self.pos = i + 1;
                Ok(Cow::Borrowed(s))
            }
            Err(e) => Err(Self::error(
                start + e.valid_up_to(),
                SyntaxKind::InvalidUtf8,
            )),
        }
    }

    /// The rest of a string from its first backslash at `i`; `start` is just past the quote.
    #[cold]
    fn string_escaped(&mut self, start: usize, mut i: usize) -> Result<String, SyntaxError> {
        let bytes = self.bytes;
        let mut out: Vec<u8> = Vec::with_capacity(i - start + 16);
        out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
        loop {
            match bytes.get(i) {
                Some(b'"') => break,
                Some(b'\\') => {
                    let at = i;
                    i += 1;
                    let plain = match bytes.get(i) {
                        Some(b'"') => b'"',
                        Some(b'\\') => b'\\',
                        Some(b'/') => b'/',
                        Some(b'b') => 0x08,
                        Some(b'f') => 0x0C,
                        Some(b'n') => b'\n',
                        Some(b'r') => b'\r',
                        Some(b't') => b'\t',
                        Some(b'u') => {
                            let c = self.unicode_escape(at, &mut i)?;
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                            continue;
                        }
                        Some(_) => return Err(Self::error(at, SyntaxKind::BadEscape)),
                        None => return Err(self.expected(i, "an escape")),
                    };
                    out.push(plain);
                    i += 1;
                }
                Some(&b) if b < 0x20 => return Err(Self::error(i, SyntaxKind::ControlChar(b))),
                Some(&b) => {
                    out.push(b);
                    i += 1;
                }
                None => return Err(self.expected(i, "`\"` to close the string")),
            }
        }
        self.pos = i + 1;
        // Escapes decode to UTF-8; only raw bytes can be invalid.
        String::from_utf8(out).map_err(|_| Self::error(start, SyntaxKind::InvalidUtf8))
    }

    /// Four hex digits from `*i` (at the `u` of `\u`), moving `*i` past them.
    fn hex4(&self, i: &mut usize) -> Result<u16, SyntaxError> {
        let mut n: u16 = 0;
        for _ in 0..4 {
            *i += 1;
            let digit = match self.bytes.get(*i) {
                Some(&c) => (c as char).to_digit(16),
                None => return Err(self.expected(*i, "four hex digits")),
            };
            match digit {
                Some(d) => n = n << 4 | d as u16,
                None => return Err(Self::error(*i, SyntaxKind::BadUnicodeEscape)),
            }
        }
        *i += 1;
        Ok(n)
    }

    /// A `\u` escape starting at backslash `at`, with `*i` at its `u`: one character, from one
    /// escape or a surrogate pair of two, as serde_json requires.
    fn unicode_escape(&self, at: usize, i: &mut usize) -> Result<char, SyntaxError> {
        let lone = Self::error(at, SyntaxKind::LoneSurrogate);
        let n = self.hex4(i)?;
        if !(0xD800..=0xDFFF).contains(&n) {
            return char::from_u32(u32::from(n)).ok_or(lone);
        }
        if n >= 0xDC00 {
            return Err(lone);
        }
        match (self.bytes.get(*i), self.bytes.get(*i + 1)) {
            (Some(b'\\'), Some(b'u')) => {}
            (None, _) => return Err(self.expected(*i, "`\\u`")),
            (Some(b'\\'), None) => return Err(self.expected(*i + 1, "`\\u`")),
            _ => return Err(lone),
        }
        *i += 1;
        let n2 = self.hex4(i)?;
        if !(0xDC00..=0xDFFF).contains(&n2) {
            return Err(lone);
        }
        let c = 0x1_0000 + ((u32::from(n) - 0xD800) << 10) + (u32::from(n2) - 0xDC00);
        char::from_u32(c).ok_or(lone)
    }

    /// Reads a number (the next byte is `-` or a digit) as serde_json reads it: the same
    /// grammar, the same types, the same mantissa (digits that do not fit in a `u64` are
    /// dropped) and exponent; see [`decimal_to_f64`] for the conversion.
    pub fn number(&mut self) -> Result<Number<'a>, SyntaxError> {
        let b = self.bytes;
        self.peek();
        let start = self.pos;
        let mut i = start;
        let positive = b.get(i) != Some(&b'-');
        if !positive {
            i += 1;
        }
        let digit = |i: usize| match b.get(i) {
            Some(&c @ b'0'..=b'9') => Some(u64::from(c - b'0')),
            _ => None,
        };
        let mut mantissa: u64 = 0;
        let mut exp10: i32 = 0;
        let mut float = false;
        match digit(i) {
            Some(0) => {
                i += 1;
                if digit(i).is_some() {
                    return Err(Self::error(i, SyntaxKind::LeadingZero));
                }
            }
            Some(d) => {
                mantissa = d;
                i += 1;
                let mut dropping = false;
                while let Some(d) = digit(i) {
                    // Once a digit does not fit, the rest of the integer part only scales it.
                    match mantissa.checked_mul(10).and_then(|m| m.checked_add(d)) {
                        Some(m) if !dropping => mantissa = m,
                        _ => {
                            dropping = true;
                            float = true;
                            exp10 = exp10.saturating_add(1);
                        }
                    }
                    i += 1;
                }
            }
            None => return Err(self.expected(i, "a digit")),
        }
        if b.get(i) == Some(&b'.') {
            float = true;
            i += 1;
            if digit(i).is_none() {
                return Err(self.expected(i, "a digit after the decimal point"));
            }
            let mut dropping = false;
            while let Some(d) = digit(i) {
                match mantissa.checked_mul(10).and_then(|m| m.checked_add(d)) {
                    Some(m) if !dropping => {
                        mantissa = m;
                        exp10 = exp10.saturating_sub(1);
                    }
                    _ => dropping = true,
                }
                i += 1;
            }
        }
        // Set when the exponent itself overflows an i32: zero, or too large.
        let mut extreme = None;
        if matches!(b.get(i), Some(b'e' | b'E')) {
            float = true;
            i += 1;
            let positive_exp = match b.get(i) {
                Some(b'+') => {
                    i += 1;
                    true
                }
                Some(b'-') => {
                    i += 1;
                    false
                }
                _ => true,
            };
            if digit(i).is_none() {
                return Err(self.expected(i, "a digit in the exponent"));
            }
            let mut exp: i32 = 0;
            while let Some(d) = digit(i) {
                match exp.checked_mul(10).and_then(|e| e.checked_add(d as i32)) {
                    Some(e) if extreme.is_none() => exp = e,
                    _ => {
                        let zero = if positive { 0.0 } else { -0.0 };
                        extreme = Some(if mantissa != 0 && positive_exp {
                            NumberValue::OutOfRange
                        } else {
                            NumberValue::F64(zero)
                        });
                    }
                }
                i += 1;
            }
            exp10 = if positive_exp {
                exp10.saturating_add(exp)
            } else {
                exp10.saturating_sub(exp)
            };
        }
        if i >= b.len() && !self.complete {
            return Err(self.expected(i, "the rest of the number"));
        }
        let value = match extreme {
            Some(v) => v,
            None if !float && positive => NumberValue::U64(mantissa),
            None if !float => {
                // As serde_json: `-0` and integers below i64::MIN are floats.
                let neg = (mantissa as i64).wrapping_neg();
                if neg >= 0 {
                    NumberValue::F64(-(mantissa as f64))
                } else {
                    NumberValue::I64(neg)
                }
            }
            None => {
                let f = decimal_to_f64(mantissa, exp10);
                if f.is_infinite() {
                    NumberValue::OutOfRange
                } else {
                    NumberValue::F64(if positive { f } else { -f })
                }
            }
        };
        self.pos = i;
        let text = std::str::from_utf8(b.get(start..i).unwrap_or_default()).unwrap_or_default();
        Ok(Number { text, value })
    }

    /// Reads `true`, `false` or `null` (`None`).
    pub fn literal(&mut self) -> Result<Option<bool>, SyntaxError> {
        let (word, value, what): (&[u8], _, _) = match self.peek() {
            Some(b't') => (b"true", Some(true), "`true`"),
            Some(b'f') => (b"false", Some(false), "`false`"),
            _ => (b"null", None, "`null`"),
        };
        for &w in word {
            if self.bytes.get(self.pos) != Some(&w) {
                return Err(self.expected(self.pos, what));
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// Skips one value of any kind, checking its syntax. Iterative: nesting is kept in a 128-bit
    /// stack (a set bit for an object), so a deeper value is refused rather than risking the
    /// call stack.
    pub fn skip_value(&mut self) -> Result<(), SyntaxError> {
        let mut stack: u128 = 0;
        let mut depth: u32 = 0;
        loop {
            // A value; for a container, its opening and then its first member, if any.
            let mut closed = match self.peek_value()? {
                Kind::Object | Kind::Array if depth == 128 => {
                    return Err(Self::error(self.pos, SyntaxKind::TooDeep));
                }
                Kind::Object => {
                    self.pos += 1;
                    stack = stack << 1 | 1;
                    depth += 1;
                    if self.next_key(true)?.is_some() {
                        continue;
                    }
                    true
                }
                Kind::Array => {
                    self.pos += 1;
                    stack <<= 1;
                    depth += 1;
                    if self.next_element(true)? {
                        continue;
                    }
                    true
                }
                Kind::String => {
                    self.string()?;
                    false
                }
                Kind::Number => {
                    self.number()?;
                    false
                }
                Kind::Bool | Kind::Null => {
                    self.literal()?;
                    false
                }
            };
            // A value ended: close every container that ends with it.
            loop {
                if closed {
                    stack >>= 1;
                    depth = depth.saturating_sub(1);
                }
                if depth == 0 {
                    return Ok(());
                }
                let more = if stack & 1 == 1 {
                    self.next_key(false)?.is_some()
                } else {
                    self.next_element(false)?
                };
                if more {
                    break;
                }
                closed = true;
            }
        }
    }

    /// Checks that only whitespace is left.
    pub fn end(&mut self) -> Result<(), SyntaxError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.expected(self.pos, "the end of the file")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Typed reading, with every problem recorded.

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A member the schema declares.
    Field(&'static str),
    /// A member it does not declare (named by an "unknown field" problem).
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// Something wrong in a document: a shape problem (the text is JSON, but a value has the wrong
/// type, a field is unknown, repeated or missing, a date is not a date) or the syntax error
/// that stopped the reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset of the offending value (of the object, for a missing field).
    pub at: usize,
    /// From the document's root down to the offending value.
    pub path: Vec<Seg>,
    /// What is wrong, in words that say what to change.
    pub message: String,
    /// The id of the element of an entity array (`path[1]`) the problem is in, when it was read.
    pub id: Option<String>,
}

/// Reads typed values from a [`Parser`]. A value of the wrong shape is recorded as a
/// [`Problem`], skipped, and reported as `Ok(None)` (or `Ok(false)`), so reading goes on; a
/// syntax error is returned as `Err` and ends the reading ([`Reader::syntax`] records it).
///
/// Paths cost nothing while all is well: a problem is recorded with the path below the object
/// or array being read, and each enclosing object and array puts its own step in front of the
/// paths of the problems found inside it as it returns (and of the syntax error, as it passes
/// through). Only a value that failed pays for its path.
#[derive(Debug)]
pub struct Reader<'a> {
    /// The parser, at the reader's position.
    pub p: Parser<'a>,
    problems: Vec<Problem>,
    /// Where the id of the entity being read starts, once its reader has seen it.
    id_at: Option<usize>,
    /// The path of a syntax error on its way out, innermost step first.
    err_path: Vec<Seg>,
    /// The id of the entity a syntax error is in.
    err_id: Option<String>,
}

/// `` `a`, `b`, `c` ``, for messages.
fn quoted_list(names: &[&str]) -> String {
    let mut out = String::new();
    for (k, n) in names.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    out
}

impl<'a> Reader<'a> {
    /// A reader over a parser.
    pub fn new(p: Parser<'a>) -> Self {
        Reader {
            p,
            problems: Vec::new(),
            id_at: None,
            err_path: Vec::new(),
            err_id: None,
        }
    }

    /// The problems recorded so far, in the order found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems recorded, in the order found.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Records a problem at byte `at` in the value being read.
    pub fn problem(&mut self, at: usize, message: String) {
        self.problem_in(at, Vec::new(), message);
    }

    fn problem_in(&mut self, at: usize, path: Vec<Seg>, message: String) {
        self.problems.push(Problem {
            at,
            path,
            message,
            id: None,
        });
    }

    /// Records the syntax error that stopped the reading, at the path where it happened. Call
    /// it with the error as it came out of the outermost read.
    pub fn syntax(&mut self, e: SyntaxError) {
        let mut path = std::mem::take(&mut self.err_path);
        path.reverse();
        let id = self.err_id.take();
        self.problems.push(Problem {
            at: e.at,
            path,
            message: e.to_string(),
            id,
        });
    }

    /// Puts `seg` in front of the paths of the problems recorded since `mark`, and of a syntax
    /// error passing through.
    #[cold]
    fn under<T>(&mut self, mark: usize, seg: Seg, got: &Result<T, SyntaxError>) {
        for p in self.problems.iter_mut().skip(mark) {
            p.path.insert(0, seg.clone());
        }
        if got.is_err() {
            self.err_path.push(seg);
        }
    }

    /// Names the entity being read in the problems recorded since `mark` (and in a syntax error
    /// passing through), from its id if it was read.
    #[cold]
    fn name_entity<T>(&mut self, mark: usize, got: &Result<T, SyntaxError>) {
        let id = self.entity_id();
        for p in self.problems.iter_mut().skip(mark) {
            p.id.clone_from(&id);
        }
        if got.is_err() {
            self.err_id = id;
        }
    }

    /// Says that the id of the entity being read (an element of an array read with
    /// `entities`) is the string at byte `at`, to name the entity in its problems.
    pub fn set_id_at(&mut self, at: usize) {
        self.id_at = Some(at);
    }

    /// The id of the entity being read, if its reader has seen it.
    fn entity_id(&self) -> Option<String> {
        let mut p = Parser::new(self.p.bytes());
        p.seek(self.id_at?);
        p.string().ok().map(Cow::into_owned)
    }

    /// Reads the next value only to name it in a message: `string "x"`, `integer `1``...
    fn describe(&mut self) -> Result<String, SyntaxError> {
        Ok(match self.p.peek_value()? {
            Kind::String => format!("string {:?}", self.p.string()?),
            Kind::Number => {
                let n = self.p.number()?;
                let what = if n.is_integer_text() {
                    "integer"
                } else {
                    "floating point"
                };
                format!("{what} `{}`", n.text)
            }
            Kind::Bool => format!("boolean `{}`", self.p.literal()? == Some(true)),
            Kind::Null => {
                self.p.literal()?;
                "null".to_string()
            }
            Kind::Object => {
                self.p.skip_value()?;
                "an object".to_string()
            }
            Kind::Array => {
                self.p.skip_value()?;
                "an array".to_string()
            }
        })
    }

    /// Records that the next value is not `expected`, and skips it.
    pub fn wrong_type(&mut self, expected: &str) -> Result<(), SyntaxError> {
        self.p.peek();
        let at = self.p.pos();
        let found = self.describe()?;
        self.problem(at, format!("invalid type: {found}, expected {expected}"));
        Ok(())
    }

    /// Whether the next value is `null` (then consumed).
    pub fn null(&mut self) -> Result<bool, SyntaxError> {
        if self.p.peek() == Some(b'n') {
            self.p.literal()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// A string.
    pub fn string(&mut self) -> Result<Option<String>, SyntaxError> {
        if self.p.peek() == Some(b'"') {
            return Ok(Some(self.p.string()?.into_owned()));
        }
        self.wrong_type("a string")?;
        Ok(None)
    }

    /// A string parsed by `T`'s `FromStr`, whose error message becomes the problem's.
    pub fn parsed<T: std::str::FromStr>(&mut self, expected: &str) -> Result<Option<T>, SyntaxError>
    where
        T::Err: fmt::Display,
    {
        if self.p.peek() != Some(b'"') {
            self.wrong_type(expected)?;
            return Ok(None);
        }
        let at = self.p.pos();
        let parsed = self.p.string()?.parse::<T>();
        match parsed {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                self.problem(at, e.to_string());
                Ok(None)
            }
        }
    }

    /// A number converted by `convert` (`None`: out of the type's range).
    fn number_as<T>(
        &mut self,
        convert: impl Fn(&Number<'_>) -> Option<T>,
    ) -> Result<Option<T>, SyntaxError> {
        if self.p.peek() != Some(b'-') && !matches!(self.p.peek(), Some(b'0'..=b'9')) {
            self.wrong_type("a number")?;
            return Ok(None);
        }
        let at = self.p.pos();
        let n = self.p.number()?;
        match convert(&n) {
            Some(v) => Ok(Some(v)),
            None => {
                self.problem(at, format!("{} is too large for a number", n.text));
                Ok(None)
            }
        }
    }

    /// A number as an `f64`.
    pub fn f64(&mut self) -> Result<Option<f64>, SyntaxError> {
        self.number_as(|n| n.to_f64())
    }

    /// A number as an `f32` (through `f64` unless written as an integer, as serde reads it).
    pub fn f32(&mut self) -> Result<Option<f32>, SyntaxError> {
        self.number_as(|n| n.to_f32())
    }

    /// An integer from 0 to `u32::MAX`, written without fraction or exponent.
    pub fn u32(&mut self) -> Result<Option<u32>, SyntaxError> {
        if self.p.peek_value()? != Kind::Number {
            self.wrong_type("u32")?;
            return Ok(None);
        }
        let at = self.p.pos();
        let n = self.p.number()?;
        let message = match n.value {
            NumberValue::U64(u) => match u32::try_from(u) {
                Ok(v) => return Ok(Some(v)),
                Err(_) => format!("invalid value: integer `{}`, expected u32", n.text),
            },
            NumberValue::I64(_) => format!("invalid value: integer `{}`, expected u32", n.text),
            NumberValue::F64(_) => {
                format!("invalid type: floating point `{}`, expected u32", n.text)
            }
            NumberValue::OutOfRange => format!("{} is too large for a number", n.text),
        };
        self.problem(at, message);
        Ok(None)
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<Option<bool>, SyntaxError> {
        if self.p.peek_value()? == Kind::Bool {
            return self.p.literal();
        }
        self.wrong_type("`true` or `false`")?;
        Ok(None)
    }

    /// One of `names`, written as a string: its index.
    pub fn variant(&mut self, names: &[&str]) -> Result<Option<usize>, SyntaxError> {
        if self.p.peek() != Some(b'"') {
            self.wrong_type(&format!("one of {}", quoted_list(names)))?;
            return Ok(None);
        }
        let at = self.p.pos();
        let s = self.p.string()?;
        if let Some(i) = names.iter().position(|n| *n == s) {
            return Ok(Some(i));
        }
        let message = format!(
            "unknown variant `{s}`, expected one of {}",
            quoted_list(names)
        );
        self.problem(at, message);
        Ok(None)
    }

    /// An array, each element read by `element` under its index; whether all of them were
    /// good. `entities`: the elements are named by their ids in problems (see
    /// [`Reader::set_id_at`]).
    pub fn array(
        &mut self,
        entities: bool,
        element: &mut dyn FnMut(&mut Reader<'a>) -> Result<bool, SyntaxError>,
    ) -> Result<bool, SyntaxError> {
        if self.p.peek() != Some(b'[') {
            self.wrong_type("an array")?;
            return Ok(false);
        }
        self.p.begin_array()?;
        let mut ok = true;
        let mut k = 0;
        while self.p.next_element(k == 0)? {
            if entities {
                self.id_at = None;
            }
            let mark = self.problems.len();
            let got = element(self);
            if self.problems.len() > mark || got.is_err() {
                // An id read after a problem still names it.
                if entities {
                    self.name_entity(mark, &got);
                }
                self.under(mark, Seg::Index(k), &got);
            }
            ok &= got?;
            k += 1;
        }
        if entities {
            self.id_at = None;
        }
        Ok(ok)
    }

    /// An object of the fields `fields` (in declaration order; at most 32), of which those whose
    /// bit is set in `required` must be present. `field(r, i)` reads the value of `fields[i]`,
    /// met for the first time, and says whether it was good. Unknown and repeated members are
    /// problems, as serde's `deny_unknown_fields` and duplicate check made them, and so is each
    /// missing required field. Whether the whole object was good.
    pub fn object(
        &mut self,
        fields: &[&'static str],
        required: u32,
        field: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<bool, SyntaxError>,
    ) -> Result<bool, SyntaxError> {
        if self.p.peek() != Some(b'{') {
            self.wrong_type("an object")?;
            return Ok(false);
        }
        let start = self.p.pos();
        self.p.begin_object()?;
        let mut seen: u32 = 0;
        let mut ok = true;
        let mut first = true;
        // Files usually list fields in declaration order: try the one after the last first.
        let mut next = 0;
        while let Some(key) = self.p.next_key(first)? {
            first = false;
            let i = match fields.get(next) {
                Some(&f) if f == key => Some(next),
                _ => fields.iter().position(|&f| f == key),
            };
            self.p.peek();
            let at = self.p.pos();
            let bit = i.map_or(0, |i| 1u32.checked_shl(i as u32).unwrap_or(0));
            match i.and_then(|i| fields.get(i).map(|&f| (i, f))) {
                Some((i, name)) if seen & bit == 0 => {
                    seen |= bit;
                    next = i + 1;
                    let mark = self.problems.len();
                    let got = field(self, i);
                    if self.problems.len() > mark || got.is_err() {
                        self.under(mark, Seg::Field(name), &got);
                    }
                    ok &= got?;
                }
                Some((_, name)) => {
                    let message = format!("duplicate field `{name}`");
                    self.problem_in(at, vec![Seg::Field(name)], message);
                    self.p.skip_value()?;
                    ok = false;
                }
                None => {
                    let message = format!(
                        "unknown field `{key}`, expected one of {}",
                        quoted_list(fields)
                    );
                    self.problem_in(at, vec![Seg::Key(key.into_owned())], message);
                    self.p.skip_value()?;
                    ok = false;
                }
            }
        }
        for (i, name) in fields.iter().enumerate() {
            if required & !seen & 1u32.checked_shl(i as u32).unwrap_or(0) != 0 {
                self.problem(start, format!("missing field `{name}`"));
                ok = false;
            }
        }
        Ok(ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A whole document that is one string, read as such (`None` on any error).
    fn read_string(text: &str) -> Result<String, SyntaxError> {
        let mut p = Parser::new(text.as_bytes());
        let s = p.string()?.into_owned();
        p.end()?;
        Ok(s)
    }

    /// A whole document that is one number.
    fn read_number(text: &str) -> Result<NumberValue, SyntaxError> {
        let mut p = Parser::new(text.as_bytes());
        let n = p.number()?;
        p.end()?;
        Ok(n.value)
    }

    fn err(at: usize, kind: SyntaxKind) -> SyntaxError {
        SyntaxError { at, kind }
    }

    fn expected(at: usize, what: &'static str, found: Found) -> SyntaxError {
        err(at, SyntaxKind::Expected(what, found))
    }

    /// Strings: every escape, surrogate pairs, and what serde_json refuses, at the byte where
    /// it goes wrong.
    #[test]
    fn strings() {
        let cases: Vec<(&str, Result<&str, SyntaxError>)> = vec![
            (r#""abc""#, Ok("abc")),
            (r#""""#, Ok("")),
            (r#""a\"b\\c\/d\b\f\n\r\t""#, Ok("a\"b\\c/d\u{8}\u{c}\n\r\t")),
            (r#""\u00e9\u20AC\u0000""#, Ok("é€\0")),
            (r#""\ud83d\ude00 ok""#, Ok("😀 ok")),
            ("\"Ménaka, 😀\"", Ok("Ménaka, 😀")),
            // Long enough for the eight-byte scan, with the quote at every offset.
            (r#""0123456789abcdef""#, Ok("0123456789abcdef")),
            (r#""0123456789abcdefg\n""#, Ok("0123456789abcdefg\n")),
            (r#""\ud83d""#, Err(err(1, SyntaxKind::LoneSurrogate))),
            (r#""\ude00""#, Err(err(1, SyntaxKind::LoneSurrogate))),
            (r#""\ud83dx""#, Err(err(1, SyntaxKind::LoneSurrogate))),
            (r#""\ud83d\n""#, Err(err(1, SyntaxKind::LoneSurrogate))),
            (r#""\ud83d\u0041""#, Err(err(1, SyntaxKind::LoneSurrogate))),
            (r#""\ud83d\ud83d""#, Err(err(1, SyntaxKind::LoneSurrogate))),
            (r#""a\x""#, Err(err(2, SyntaxKind::BadEscape))),
            (r#""\u12g4""#, Err(err(5, SyntaxKind::BadUnicodeEscape))),
            ("\"a\nb\"", Err(err(2, SyntaxKind::ControlChar(b'\n')))),
            (
                "\"0123456789\tb\"",
                Err(err(11, SyntaxKind::ControlChar(b'\t'))),
            ),
            (
                "\"abc",
                Err(expected(4, "`\"` to close the string", Found::End)),
            ),
            (r#""\u12"#, Err(expected(5, "four hex digits", Found::End))),
            (r#""\ud83d\"#, Err(expected(8, "`\\u`", Found::End))),
            (r#""a\"#, Err(expected(3, "an escape", Found::End))),
            ("abc", Err(expected(0, "`\"`", Found::Char('a')))),
            (
                r#""a" x"#,
                Err(expected(4, "the end of the file", Found::Char('x'))),
            ),
        ];
        for (text, want) in cases {
            let got = read_string(text);
            assert_eq!(got.as_deref().map_err(|e| *e), want, "{text}");
            let serde = serde_json::from_str::<String>(text);
            assert_eq!(got.is_ok(), serde.is_ok(), "serde on {text}");
        }
        // Bytes that are not UTF-8, with and without escapes, at the first bad byte.
        for (bytes, at) in [(&b"\"ab\xff\""[..], 3), (b"\"a\\n\xc3\"", 1)] {
            let got = Parser::new(bytes).string().map(Cow::into_owned);
            assert_eq!(got, Err(err(at, SyntaxKind::InvalidUtf8)));
        }
        // Borrowed when nothing needs decoding.
        let text = r#""plain""#;
        assert!(matches!(
            Parser::text(text, true).string(),
            Ok(Cow::Borrowed("plain"))
        ));
    }

    /// Numbers: JSON's grammar, typed as serde_json types them.
    #[test]
    fn numbers() {
        use NumberValue::*;
        let cases: Vec<(&str, Result<NumberValue, SyntaxError>)> = vec![
            ("0", Ok(U64(0))),
            ("-0", Ok(F64(-0.0))),
            ("12", Ok(U64(12))),
            ("-12", Ok(I64(-12))),
            ("18446744073709551615", Ok(U64(u64::MAX))),
            ("18446744073709551616", Ok(F64(18446744073709551616.0))),
            (
                "123456789012345678901234567890",
                Ok(F64(1.2345678901234568e29)),
            ),
            ("-9223372036854775808", Ok(I64(i64::MIN))),
            ("-9223372036854775809", Ok(F64(-9223372036854775809.0))),
            ("1.5", Ok(F64(1.5))),
            ("-0.25", Ok(F64(-0.25))),
            ("14.2", Ok(F64(14.2))),
            ("1e2", Ok(F64(100.0))),
            ("1E+2", Ok(F64(100.0))),
            ("25e-2", Ok(F64(0.25))),
            ("0.1e1", Ok(F64(1.0))),
            ("1e400", Ok(OutOfRange)),
            ("-1e400", Ok(OutOfRange)),
            ("1e-400", Ok(F64(0.0))),
            ("-1e-400", Ok(F64(-0.0))),
            ("1e99999999999", Ok(OutOfRange)),
            ("0e99999999999", Ok(F64(0.0))),
            ("1e-99999999999", Ok(F64(0.0))),
            ("01", Err(err(1, SyntaxKind::LeadingZero))),
            ("-01", Err(err(2, SyntaxKind::LeadingZero))),
            ("-", Err(expected(1, "a digit", Found::End))),
            ("-a", Err(expected(1, "a digit", Found::Char('a')))),
            ("+1", Err(expected(0, "a digit", Found::Char('+')))),
            (
                "1.",
                Err(expected(2, "a digit after the decimal point", Found::End)),
            ),
            (
                "1.e1",
                Err(expected(
                    2,
                    "a digit after the decimal point",
                    Found::Char('e'),
                )),
            ),
            (
                "1e",
                Err(expected(2, "a digit in the exponent", Found::End)),
            ),
            (
                "1e+",
                Err(expected(3, "a digit in the exponent", Found::End)),
            ),
            (".5", Err(expected(0, "a digit", Found::Char('.')))),
            (
                "1x",
                Err(expected(1, "the end of the file", Found::Char('x'))),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(read_number(text), want, "{text}");
        }
        // The text is kept as written.
        let mut p = Parser::new(b"[-1.50e+1]");
        p.begin_array().unwrap();
        assert_eq!(p.next_element(true), Ok(true));
        let n = p.number().unwrap();
        assert_eq!(
            (n.text, n.to_f64(), n.is_integer_text()),
            ("-1.50e+1", Some(-15.0), false)
        );
    }

    /// A chunk that ends inside a value says so with an end-of-input error, which a whole input
    /// does not give for a number that simply ends there.
    #[test]
    fn partial_input() {
        for text in [
            "12", "-", "1.5", "1e", "\"ab", "\"a\\", "tru", "nul", "[1,", "{\"a\"",
        ] {
            let mut p = Parser::partial(text.as_bytes(), false);
            let e = p.skip_value().unwrap_err();
            assert!(e.is_eof(), "{text}: {e:?}");
        }
        assert_eq!(read_number("12"), Ok(NumberValue::U64(12)));
        let mut p = Parser::partial(b"12 ", false);
        assert_eq!(p.number().map(|n| n.value), Ok(NumberValue::U64(12)));
    }

    /// Syntax errors say what was expected, what was found, and where.
    #[test]
    fn syntax_errors() {
        let cases: [(&[u8], usize, &str); 16] = [
            (b"", 0, "expected a value, found the end of the file"),
            (b"  ", 2, "expected a value, found the end of the file"),
            (b"[1 2]", 3, "expected `,` or `]`, found `2`"),
            (b"[1,]", 3, "expected a value, found `]`"),
            (b"[,1]", 1, "expected a value, found `,`"),
            (b"{\"a\" 1}", 5, "expected `:`, found `1`"),
            (b"{\"a\":1,}", 7, "expected a key in double quotes, found `}`"),
            (b"{\"a\":1 \"b\":2}", 7, "expected `,` or `}`, found `\"`"),
            (b"{a:1}", 1, "expected a key in double quotes, found `a`"),
            (b"nul", 3, "expected `null`, found the end of the file"),
            (b"trve", 2, "expected `true`, found `v`"),
            (b"\xe2\x82\xac", 0, "expected a value, found `\u{20ac}`"),
            (b"\xff", 0, "expected a value, found byte 0xFF"),
            (b"\t\n", 2, "expected a value, found the end of the file"),
            (b"{\"a\":[1,{\"b\":\"\x01\"}]}", 14, "control character U+0001 in a string; write it as an escape such as \\n, \\t or \\u0001"),
            (b"\"\\q\"", 1, "invalid escape in a string; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"),
        ];
        for (text, at, message) in cases {
            let mut p = Parser::new(text);
            let e = p.skip_value().and_then(|()| p.end()).unwrap_err();
            assert_eq!((e.at, e.to_string().as_str()), (at, message), "{text:?}");
        }
    }

    /// Skipping walks any valid value without recursion; 128 levels are fine, 129 are refused,
    /// and a million opening brackets fail fast instead of overflowing the stack.
    #[test]
    fn skipping_and_depth() {
        for text in [
            "1",
            "\"x\"",
            "[]",
            "{}",
            "[[], {}]",
            r#"{"a": [1, {"b": null}], "c": {"d": [true, false]}}"#,
        ] {
            let mut p = Parser::new(text.as_bytes());
            assert_eq!(p.skip_value().and_then(|()| p.end()), Ok(()), "{text}");
        }
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let mut p = Parser::new(nested(128).as_bytes().to_vec().leak());
        assert_eq!(p.skip_value().and_then(|()| p.end()), Ok(()));
        let text = nested(129);
        assert_eq!(
            Parser::new(text.as_bytes()).skip_value(),
            Err(err(128, SyntaxKind::TooDeep))
        );
        let objects = "{\"a\":".repeat(200);
        assert_eq!(
            Parser::new(objects.as_bytes())
                .skip_value()
                .map_err(|e| e.kind),
            Err(SyntaxKind::TooDeep)
        );
        let deep = "[".repeat(1_000_000);
        assert!(Parser::new(deep.as_bytes()).skip_value().is_err());
    }

    /// Conversions at the edges of the fast path and of the `f64` range.
    #[test]
    fn decimal_conversions() {
        // Correctly rounded (as `str::parse` gives them), on both sides of the fast path.
        let exact: [(u64, i32); 6] = [
            (1, 0),
            (15, -1),
            (9_007_199_254_740_991, 22),
            (9_007_199_254_740_991, -22),
            (1, 23),
            (12_345_678_901_234_567_891, -10),
        ];
        for (m, e) in exact {
            let want: f64 = decimal_text(m, e).parse().unwrap();
            assert_eq!(decimal_to_f64(m, e), want, "{m}e{e}");
        }
        let edges: [(u64, i32, f64); 7] = [
            (0, 400, 0.0),
            (17_976_931_348_623_157, 292, f64::MAX),
            (17_976_931_348_623_159, 292, f64::INFINITY),
            (22_250_738_585_072_014, -324, f64::MIN_POSITIVE),
            (5, -324, 5e-324),
            (1, -330, 0.0),
            (1, 311, f64::INFINITY),
        ];
        for (m, e, want) in edges {
            assert_eq!(decimal_to_f64(m, e), want, "{m}e{e}");
        }
    }

    /// A mantissa and exponent, written as JSON would.
    fn decimal_text(m: u64, e: i32) -> String {
        format!("{m}e{e}")
    }

    proptest! {
        /// Clinger's fast path gives exactly what `str::parse` gives.
        #[test]
        fn fast_path_is_exact(m in 0u64..(1 << 53), e in -22i32..=22) {
            let want: f64 = decimal_text(m, e).parse().unwrap();
            prop_assert_eq!(decimal_to_f64(m, e), want);
        }

        /// Elsewhere, within a relative 1e-15 of `str::parse` (results in the normal range).
        #[test]
        fn slow_path_is_close(m in 1u64.., e in -300i32..=280) {
            let want: f64 = decimal_text(m, e).parse().unwrap();
            let got = decimal_to_f64(m, e);
            prop_assert!((got - want).abs() <= 1e-15 * want.abs(), "{m}e{e}: {got} vs {want}");
        }

        /// Numbers are accepted and refused as serde_json does, typed the same, with the same
        /// value in the fast path and within 1e-15 outside it.
        #[test]
        fn numbers_like_serde(text in "[-+.eE0-9]{1,14}|-?(0|[1-9][0-9]{0,22})(\\.[0-9]{1,8})?([eE][-+]?[0-9]{1,3})?") {
            let mine = read_number(&text).ok().filter(|v| *v != NumberValue::OutOfRange);
            let serde = serde_json::from_str::<serde_json::Value>(&text).ok();
            prop_assert_eq!(mine.is_some(), serde.is_some(), "{}", text);
            if let (Some(mine), Some(serde_json::Value::Number(n))) = (mine, serde) {
                match mine {
                    NumberValue::U64(u) => prop_assert_eq!(n.as_u64(), Some(u)),
                    NumberValue::I64(i) => prop_assert_eq!(n.as_i64(), Some(i)),
                    NumberValue::F64(f) => {
                        let s = n.as_f64().unwrap_or(f64::NAN);
                        prop_assert!(n.is_f64(), "{}", text);
                        prop_assert!(f == s || (f - s).abs() <= 1e-15 * s.abs(), "{}: {} vs {}", text, f, s);
                    }
                    NumberValue::OutOfRange => {}
                }
            }
        }

        /// Strings are accepted and refused as serde_json does, and decode the same.
        #[test]
        fn strings_like_serde(body in "([a-zé😀 \"/btnrfu]|\\\\[\"\\\\/bfnrtux]|\\\\u[0-9a-fA-FdD]{0,4}|\\\\u[dD][89abAB][0-9a-f]{2}(\\\\u[dD][c-fC-F][0-9a-f]{2})?|[\\x00-\\x1f])*") {
            let text = format!("\"{body}\"");
            let mine = read_string(&text).ok();
            let serde = serde_json::from_str::<String>(&text).ok();
            prop_assert_eq!(mine, serde, "{}", text);
        }

        /// No input makes the parser panic or loop: random bytes, skipped as a value.
        #[test]
        fn never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let mut p = Parser::new(&bytes);
            let _ = p.skip_value().and_then(|()| p.end());
            let mut r = Reader::new(Parser::partial(&bytes, false));
            let _ = r.wrong_type("a string");
        }

        /// Valid JSON built by serde_json is skipped whole, whatever it holds.
        #[test]
        fn skips_any_valid_value(v in json_value()) {
            let text = serde_json::to_string(&v).unwrap();
            let mut p = Parser::new(text.as_bytes());
            prop_assert_eq!(p.skip_value().and_then(|()| p.end()), Ok(()));
        }
    }

    /// Any JSON value, a few levels deep.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "\\PC*".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\"\\\\]{0,4}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
