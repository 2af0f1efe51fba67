//! Reading a data file as it arrives, a piece at a time, so that the file and the dataset read
//! from it are never both whole in memory.
//!
//! serde's `from_reader` does this too, but it reads a byte at a time through `io::Read` and was
//! measured 2.5-4x slower than its slice reader on a 100k-event file (1.3-2.2 s against 0.5 s in
//! the browser: a third of the 2 s load budget). So the file is read into a window of about a
//! megabyte, and each value in it is handed to serde's slice reader ([`serde_json::Deserializer`]
//! over the window, one value at a time, [`serde_json::StreamDeserializer::byte_offset`] saying
//! where it ended). Only the structure around the values is followed here: the top-level
//! object's keys, and the `events` array, whose elements are read one by one and the window moved
//! past them. A value cut by the end of the window is read again once more of the file arrived.
//!
//! It does not explain problems: on the first one it stops, and the caller reads the whole text
//! with [`crate::validate::parse_dataset`], which reports every problem with its position.

use std::io::Read;

use serde::de::{DeserializeOwned, Error as _};

use crate::model::{DatasetMeta, RawDataset, RawEvent};

/// How much of the file is asked for at a time.
const CHUNK: usize = 1 << 20;

/// The part of the file read but not yet used.
struct Window<R> {
    source: R,
    buf: Vec<u8>,
    /// Where the unused bytes start in `buf`.
    at: usize,
    /// Whether the source has no more bytes.
    done: bool,
    /// How many bytes a fill asks for.
    chunk: usize,
}

type Result<T> = std::result::Result<T, serde_json::Error>;

impl<R: Read> Window<R> {
    /// Appends `chunk` more bytes of the file (fewer at its end), dropping the used ones first.
    fn fill(&mut self) -> Result<()> {
        if self.at > 0 {
            self.buf.drain(..self.at);
            self.at = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + self.chunk, 0);
        let mut n = 0;
        while n < self.chunk {
            match self.source.read(&mut self.buf[old + n..]) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(serde_json::Error::io(e));
                }
            }
        }
        self.buf.truncate(old + n);
        Ok(())
    }

    /// The next byte that is not whitespace, without using it; `None` at the end of the file.
    fn peek(&mut self) -> Result<Option<u8>> {
        loop {
            while let Some(&b) = self.buf.get(self.at) {
                if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                    return Ok(Some(b));
                }
                self.at += 1;
            }
            if self.done {
                return Ok(None);
            }
            self.fill()?;
        }
    }

    /// Uses the next non-whitespace byte, which must be `want`.
    fn expect(&mut self, want: u8) -> Result<()> {
        match self.peek()? {
            Some(b) if b == want => {
                self.at += 1;
                Ok(())
            }
            other => Err(serde_json::Error::custom(format!(
                "expected `{}`, found {other:?}",
                want as char
            ))),
        }
    }

    /// Reads the next value with serde's slice reader.
    fn value<T: DeserializeOwned>(&mut self) -> Result<T> {
        loop {
            let rest = self.buf.get(self.at..).unwrap_or_default();
            let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
            match values.next() {
                // A value that ends where the window does may go on (a number cut in two).
                Some(Ok(v)) if values.byte_offset() < rest.len() || self.done => {
                    self.at += values.byte_offset();
                    return Ok(v);
                }
                Some(Err(e)) if !e.is_eof() || self.done => return Err(e),
                None if self.done => {
                    return Err(serde_json::Error::custom("the file ends too early"));
                }
                _ => self.fill()?,
            }
        }
    }
}

/// Reads a data file from `source` (see the module header). A byte-order mark at the start is
/// skipped.
pub fn from_reader<R: Read>(source: R) -> Result<RawDataset> {
    read_in(source, CHUNK, usize::MAX).map_err(|refused| match refused {
        Refused::Malformed(e) => e,
        // Unreachable: no file holds `usize::MAX` events.
        Refused::TooManyEvents(n) => serde_json::Error::custom(format!("more than {n} events")),
    })
}

/// What [`from_reader_limited`] refused.
#[derive(Debug)]
pub enum Refused {
    /// The file has more events than the limit (it stopped reading there).
    TooManyEvents(usize),
    /// The file is not a dataset serde can read.
    Malformed(serde_json::Error),
}

/// [`from_reader`], stopping as soon as the file turns out to hold more than `max_events`
/// events: a browser tab cannot hold an unbounded dataset, and memory taken by reading is never
/// given back.
pub fn from_reader_limited<R: Read>(
    source: R,
    max_events: usize,
) -> std::result::Result<RawDataset, Refused> {
    read_in(source, CHUNK, max_events)
}

impl From<serde_json::Error> for Refused {
    fn from(e: serde_json::Error) -> Self {
        Refused::Malformed(e)
    }
}

/// [`from_reader`], asking `chunk` bytes at a time and refusing more than `max_events` events.
fn read_in<R: Read>(
    source: R,
    chunk: usize,
    max_events: usize,
) -> std::result::Result<RawDataset, Refused> {
    let mut w = Window {
        source,
        buf: Vec::new(),
        at: 0,
        done: false,
        chunk: chunk.max(1),
    };
    w.fill()?;
    while !w.done && w.buf.len() < 3 {
        w.fill()?;
    }
    if w.buf.starts_with(b"\xEF\xBB\xBF") {
        w.at = 3;
    }
    w.expect(b'{')?;
    let mut schema = None;
    let mut dataset: Option<DatasetMeta> = None;
    let mut actors = None;
    let mut categories = None;
    let mut events: Option<Vec<RawEvent>> = None;
    if w.peek()? == Some(b'}') {
        w.at += 1;
    } else {
        loop {
            let key: String = w.value()?;
            w.expect(b':')?;
            let duplicate = match key.as_str() {
                "schema" => schema.replace(w.value::<u32>()?).is_some(),
                "dataset" => dataset.replace(w.value()?).is_some(),
                "actors" => actors.replace(w.value()?).is_some(),
                "categories" => categories.replace(w.value()?).is_some(),
                "events" => events.replace(event_list(&mut w, max_events)?).is_some(),
                _ => return Err(serde_json::Error::unknown_field(&key, &[]).into()),
            };
            if duplicate {
                return Err(serde_json::Error::custom(format!("duplicate field `{key}`")).into());
            }
            match w.peek()? {
                Some(b',') => w.at += 1,
                Some(b'}') => {
                    w.at += 1;
                    break;
                }
                _ => return Err(serde_json::Error::custom("expected `,` or `}`").into()),
            }
        }
    }
    if w.peek()?.is_some() {
        return Err(serde_json::Error::custom("trailing characters").into());
    }
    let missing = |name| serde_json::Error::missing_field(name);
    Ok(RawDataset {
        schema: schema.ok_or_else(|| missing("schema"))?,
        dataset: dataset.ok_or_else(|| missing("dataset"))?,
        actors: actors.ok_or_else(|| missing("actors"))?,
        categories: categories.ok_or_else(|| missing("categories"))?,
        events: events.ok_or_else(|| missing("events"))?,
    })
}

/// The `events` array, an event at a time, the window moving past each; at most `max` events.
fn event_list<R: Read>(
    w: &mut Window<R>,
    max: usize,
) -> std::result::Result<Vec<RawEvent>, Refused> {
    w.expect(b'[')?;
    let mut events = Vec::new();
    if w.peek()? == Some(b']') {
        w.at += 1;
        return Ok(events);
    }
    loop {
        if events.len() == max {
            return Err(Refused::TooManyEvents(max));
        }
        events.push(w.value()?);
        match w.peek()? {
            Some(b',') => w.at += 1,
            Some(b']') => {
                w.at += 1;
                return Ok(events);
            }
            _ => return Err(serde_json::Error::custom("expected `,` or `]`").into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reader that hands out at most `n` bytes per read, as a slow download does.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    proptest! {
        /// Read through windows of any size, from a source giving any number of bytes at a time,
        /// every file gives what serde's slice reader gives: the same dataset, or a refusal.
        #[test]
        fn pieces_agree_with_serde(
            text in crate::model::oracle::files(),
            piece in 1usize..5000,
            chunk in 1usize..3000,
        ) {
            let whole = serde_json::from_str::<RawDataset>(&text);
            let streamed = read_in(Trickle(text.as_bytes(), piece), chunk, usize::MAX);
            match (whole, streamed) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                (a, b) => prop_assert!(false, "serde {:?}, streamed {:?}\n{}", a.err(), b.err(), text),
            }
        }
    }

    /// A file with more events than the limit is refused as such, and the reading stops there.
    #[test]
    fn events_limit() {
        let text = serde_json::to_string(&crate::synth::synth(30, 3)).unwrap();
        let n = serde_json::from_str::<RawDataset>(&text)
            .unwrap()
            .events
            .len();
        assert!(from_reader_limited(text.as_bytes(), n).is_ok());
        assert!(matches!(
            from_reader_limited(text.as_bytes(), n - 1),
            Err(Refused::TooManyEvents(m)) if m == n - 1
        ));
        assert!(matches!(
            from_reader_limited(&b"{"[..], 10),
            Err(Refused::Malformed(_))
        ));
    }

    /// Edge cases of the structure around the values.
    #[test]
    fn structure() {
        let ok = r#"{"schema":1,"dataset":{"id":"d","title":"T","description":"","version":"1","updated":"2024","license":"L"},"actors":[],"categories":[],"events":[]}"#;
        assert!(from_reader(ok.as_bytes()).is_ok());
        let spaced = ok.replace(':', " : ").replace(',', " ,\n ");
        for chunk in [1, 2, 3, 7, 64] {
            assert!(
                read_in(Trickle(spaced.as_bytes(), 1), chunk, usize::MAX).is_ok(),
                "{chunk}"
            );
        }
        let cases = [
            ok.replace("\"schema\":1,", "\"schema\":1,\"schema\":1,"),
            ok.replace("\"schema\":1,", "\"extra\":1,\"schema\":1,"),
            ok.replace("\"schema\":1,", ""),
            format!("{ok} x"),
            ok.replace("\"events\":[]", "\"events\":[,]"),
            ok.replace("\"events\":[]", "\"events\":[]]"),
            ok[..ok.len() - 1].to_string(),
            String::new(),
            "[]".into(),
        ];
        for text in cases {
            assert!(from_reader(text.as_bytes()).is_err(), "{text}");
            assert!(serde_json::from_str::<RawDataset>(&text).is_err(), "{text}");
        }
    }
}
