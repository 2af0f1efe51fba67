//! Reading a data file piece by piece as it arrives, so that the whole file is never in memory
//! next to what is read from it.
//!
//! The app downloads a dataset into a JS `ArrayBuffer` and copies it into wasm memory, which
//! never shrinks: read at once, a 100k-event file (67 MB) and the [`RawDataset`] built from it
//! (about as large again) would both count in the page's footprint. [`DatasetReader`] takes the
//! file in chunks and keeps only the bytes of the value it is in the middle of (one event, or
//! one smaller section), so the footprint is the dataset alone.
//!
//! It walks the top-level object and the `events` array by hand and hands every other value to
//! serde (one event at a time, each whole section otherwise), so a valid file reads exactly as
//! `serde_json::from_slice::<RawDataset>` reads it. It does not explain errors: on anything
//! unexpected it stops with [`Malformed`], and the caller reads the whole text with
//! [`crate::validate::parse_dataset`] to report every problem with its position.

use serde::de::DeserializeOwned;

use crate::model::{Category, DatasetMeta, RawActor, RawDataset, RawEvent};

/// The file is not a well-formed dataset (or ended early); the reader says no more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// Where the reader is in the file's grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the opening `{`.
    Start,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` in the top-level object: a key.
    Key,
    /// After a key: `:`.
    Colon(Field),
    /// After `:`: the value of a field.
    Value(Field),
    /// After `[` of `events`: an event or `]`.
    FirstEvent,
    /// After `,` in `events`: an event.
    Event,
    /// After an event: `,` or `]`.
    AfterEvent,
    /// After a member of the top-level object: `,` or `}`.
    AfterMember,
    /// After the closing `}`: only whitespace may follow.
    End,
    /// Something did not fit; nothing more is read.
    Failed,
}

/// The members of a data file, as [`RawDataset`] declares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Schema,
    Dataset,
    Actors,
    Categories,
    Events,
}

/// What one attempt to read a value gave.
enum Got<T> {
    /// The value, and the bytes it took.
    Value(T, usize),
    /// The value runs past the bytes received so far.
    NeedMore,
    /// The bytes cannot be the value.
    Bad,
}

/// Reads a data file from consecutive chunks: [`DatasetReader::feed`] each, then
/// [`DatasetReader::finish`].
#[derive(Debug)]
pub struct DatasetReader {
    /// Bytes received and not yet read; `buf[pos..]` is the rest, from the value being read.
    buf: Vec<u8>,
    pos: usize,
    /// A value that ran past the end of `buf` is tried again only once `buf` holds this many
    /// bytes from `pos` (twice what the last try had), so a large section split over many
    /// chunks is re-read a few times, not once per chunk.
    retry_len: usize,
    state: State,
    schema: Option<u32>,
    dataset: Option<DatasetMeta>,
    actors: Option<Vec<RawActor>>,
    categories: Option<Vec<Category>>,
    events: Option<Vec<RawEvent>>,
}

impl Default for DatasetReader {
    fn default() -> Self {
        Self::new()
    }
}

impl DatasetReader {
    /// A reader at the start of a file.
    pub fn new() -> Self {
        DatasetReader {
            buf: Vec::new(),
            pos: 0,
            retry_len: 0,
            state: State::Start,
            schema: None,
            dataset: None,
            actors: None,
            categories: None,
            events: None,
        }
    }

    /// Reads the next chunk of the file (chunks may split the file anywhere, even inside a
    /// character). After an `Err`, the file is malformed and further chunks are ignored.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Malformed> {
        if self.state == State::Failed {
            return Err(Malformed);
        }
        // Only the unread tail (at most the value being read) is kept.
        self.buf.drain(..self.pos.min(self.buf.len()));
        self.pos = 0;
        self.buf.extend_from_slice(chunk);
        if self.buf.len() >= self.retry_len {
            self.run(false);
        }
        match self.state {
            State::Failed => Err(Malformed),
            _ => Ok(()),
        }
    }

    /// The dataset, once the whole file was fed; `Malformed` if it is not a complete data file.
    pub fn finish(mut self) -> Result<RawDataset, Malformed> {
        self.run(true);
        match self {
            DatasetReader {
                state: State::End,
                schema: Some(schema),
                dataset: Some(dataset),
                actors: Some(actors),
                categories: Some(categories),
                events: Some(events),
                ..
            } => Ok(RawDataset {
                schema,
                dataset,
                actors,
                categories,
                events,
            }),
            _ => Err(Malformed),
        }
    }

    /// Reads as far as the bytes received allow. `last`: no more bytes will come.
    fn run(&mut self, last: bool) {
        while self.state != State::Failed {
            let Some(&b) = self.skip_ws() else {
                return;
            };
            let next = match (self.state, b) {
                (State::Start, b'{') => self.punct(State::FirstKey),
                (State::FirstKey, b'}') | (State::AfterMember, b'}') => self.punct(State::End),
                (State::AfterMember, b',') => self.punct(State::Key),
                (State::FirstKey | State::Key, b'"') => match self.read::<String>(last) {
                    Got::Value(key, used) => match self.field(&key) {
                        Some(f) => self.took(used, State::Colon(f)),
                        None => State::Failed,
                    },
                    Got::NeedMore => return,
                    Got::Bad => State::Failed,
                },
                (State::Colon(f), b':') => self.punct(State::Value(f)),
                (State::Value(Field::Events), b'[') => {
                    self.events = Some(Vec::new());
                    self.punct(State::FirstEvent)
                }
                (State::Value(Field::Events), _) => State::Failed,
                (State::Value(f), _) => match self.value(f, last) {
                    Some(next) => next,
                    None => return,
                },
                (State::FirstEvent, b']') | (State::AfterEvent, b']') => {
                    self.punct(State::AfterMember)
                }
                (State::AfterEvent, b',') => self.punct(State::Event),
                (State::FirstEvent | State::Event, _) => match self.read::<RawEvent>(last) {
                    Got::Value(e, used) => {
                        if let Some(events) = self.events.as_mut() {
                            events.push(e);
                        }
                        self.took(used, State::AfterEvent)
                    }
                    Got::NeedMore => return,
                    Got::Bad => State::Failed,
                },
                _ => State::Failed,
            };
            self.state = next;
        }
    }

    /// Skips whitespace; the next byte, if one was received.
    fn skip_ws(&mut self) -> Option<&u8> {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.buf.get(self.pos) {
            self.pos += 1;
        }
        self.buf.get(self.pos)
    }

    /// Steps over one punctuation byte.
    fn punct(&mut self, next: State) -> State {
        self.pos += 1;
        next
    }

    /// Steps over a value read whole.
    fn took(&mut self, used: usize, next: State) -> State {
        self.pos += used;
        self.retry_len = 0;
        next
    }

    /// The field a key names, if it is one and was not seen yet (serde rejects both unknown
    /// and repeated fields).
    fn field(&self, key: &str) -> Option<Field> {
        let (field, seen) = match key {
            "schema" => (Field::Schema, self.schema.is_some()),
            "dataset" => (Field::Dataset, self.dataset.is_some()),
            "actors" => (Field::Actors, self.actors.is_some()),
            "categories" => (Field::Categories, self.categories.is_some()),
            "events" => (Field::Events, self.events.is_some()),
            _ => return None,
        };
        (!seen).then_some(field)
    }

    /// Reads the value of a field other than `events`; `None` if more bytes are needed.
    fn value(&mut self, f: Field, last: bool) -> Option<State> {
        fn store<T>(slot: &mut Option<T>, got: Got<T>) -> Result<usize, bool> {
            match got {
                Got::Value(v, used) => {
                    *slot = Some(v);
                    Ok(used)
                }
                Got::NeedMore => Err(true),
                Got::Bad => Err(false),
            }
        }
        let stored = match f {
            Field::Schema => {
                let got = self.read(last);
                store(&mut self.schema, got)
            }
            Field::Dataset => {
                let got = self.read(last);
                store(&mut self.dataset, got)
            }
            Field::Actors => {
                let got = self.read(last);
                store(&mut self.actors, got)
            }
            Field::Categories => {
                let got = self.read(last);
                store(&mut self.categories, got)
            }
            // Read element by element in `run`.
            Field::Events => Err(false),
        };
        match stored {
            Ok(used) => Some(self.took(used, State::AfterMember)),
            Err(true) => None,
            Err(false) => Some(State::Failed),
        }
    }

    /// Reads one JSON value of type `T` at `pos`.
    fn read<T: DeserializeOwned>(&mut self, last: bool) -> Got<T> {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        // A stream deserializer stops after one value and says how many bytes it took, where
        // `from_slice` would insist that nothing follows. Same reader type as `from_slice`, so
        // the derived code is shared in the wasm.
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
        match values.next() {
            // A value that ends exactly where the bytes do may go on in the next chunk (a
            // number): wait for more unless this is the end of the file.
            Some(Ok(v)) if last || values.byte_offset() < rest.len() => {
                Got::Value(v, values.byte_offset())
            }
            Some(Err(e)) if !e.is_eof() => Got::Bad,
            _ if last => Got::Bad,
            _ => {
                self.retry_len = rest.len().saturating_mul(2);
                Got::NeedMore
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `text` in chunks of `size` bytes.
    fn read_in_chunks(text: &[u8], size: usize) -> Result<RawDataset, Malformed> {
        let mut r = DatasetReader::new();
        for chunk in text.chunks(size.max(1)) {
            if r.feed(chunk).is_err() {
                break;
            }
        }
        r.finish()
    }

    /// Any part of a dataset as JSON, for building test files.
    fn json<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }

    /// However a valid file is cut, the reader yields what `from_slice` reads from it whole.
    #[test]
    fn any_chunking_reads_like_from_slice() {
        let raw = crate::synth::synth(40, 3);
        let pretty = serde_json::to_string_pretty(&raw).unwrap_or_default();
        let compact = json(&raw);
        let curated = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/sahel.json"
        ))
        .unwrap_or_default();
        for text in [&pretty, &compact, &curated] {
            let whole = serde_json::from_slice::<RawDataset>(text.as_bytes()).unwrap();
            for size in [1, 2, 3, 7, 64, 1000, 4096, text.len(), text.len() + 1] {
                assert_eq!(
                    read_in_chunks(text.as_bytes(), size),
                    Ok(whole.clone()),
                    "chunks of {size}"
                );
            }
        }
    }

    /// Files serde accepts in odd but valid forms read the same: members in any order,
    /// whitespace everywhere, escaped keys, an empty event list.
    #[test]
    fn unusual_valid_forms() {
        let raw = crate::synth::synth(2, 1);
        let meta = json(&raw.dataset);
        let actors = json(&raw.actors);
        let cats = json(&raw.categories);
        let events = json(&raw.events);
        let cases = [
            format!(
                r#"{{"events":{events},"categories":{cats},"actors":{actors},"dataset":{meta},"schema":1}}"#
            ),
            format!(
                " \n{{ \"schema\" :\t1 ,\r\n \"dataset\": {meta} , \"actors\" : {actors}, \
                 \"categories\":{cats},\"events\" : [ ] }} \n"
            ),
            format!(
                r#"{{"sch\u0065ma":1,"dataset":{meta},"actors":{actors},"categories":{cats},"events":{events}}}"#
            ),
        ];
        for text in &cases {
            let whole = serde_json::from_slice::<RawDataset>(text.as_bytes());
            assert!(whole.is_ok(), "{text}");
            for size in [1, 5, 100, text.len()] {
                assert_eq!(
                    read_in_chunks(text.as_bytes(), size).ok(),
                    whole.as_ref().ok().cloned(),
                    "{text} in chunks of {size}"
                );
            }
        }
    }

    /// What `from_slice` rejects, the reader rejects too (and leaves the explaining to
    /// `parse_dataset`).
    #[test]
    fn malformed_files_fail() {
        let file = serde_json::to_string(&crate::synth::synth(3, 2)).unwrap_or_default();
        let cut = |n: usize| file.get(..file.len() - n).unwrap_or_default().to_string();
        let cases = [
            String::new(),
            "   ".to_string(),
            "[]".to_string(),
            "{}".to_string(),
            cut(1),
            cut(2),
            format!("{file} x"),
            format!("{file}{{}}"),
            file.replacen("\"schema\":1", "\"schema\":1,\"extra\":2", 1),
            file.replacen("\"schema\":1", "\"schema\":1,\"schema\":1", 1),
            file.replacen("\"schema\":1", "\"schema\":12x", 1),
            file.replacen("\"events\":[", "\"events\":[,", 1),
            file.replacen("}]}", "},]}", 1),
            file.replacen("\"events\":[", "\"events\":{", 1),
            file.replacen("\"schema\":1,", "", 1),
            file.replacen("\"title\":", "\"title\":1,\"x\":", 1),
            format!("\u{feff}{file}"),
        ];
        for text in &cases {
            assert!(
                serde_json::from_slice::<RawDataset>(text.as_bytes()).is_err(),
                "serde accepts {text}"
            );
            for size in [1, 3, 50, text.len().max(1)] {
                assert_eq!(
                    read_in_chunks(text.as_bytes(), size),
                    Err(Malformed),
                    "{text} in chunks of {size}"
                );
            }
        }
    }

    /// A number cut by a chunk boundary is not taken for a shorter one.
    #[test]
    fn numbers_across_chunks() {
        let file = serde_json::to_string(&crate::synth::synth(1, 1)).unwrap_or_default();
        let text = file.replacen("\"schema\":1", "\"schema\":    1", 1);
        let at = text.find("1,").unwrap_or(0);
        let mut r = DatasetReader::new();
        assert_eq!(r.feed(&text.as_bytes()[..=at]), Ok(()));
        assert_eq!(r.feed(&text.as_bytes()[at + 1..]), Ok(()));
        assert_eq!(r.finish().map(|d| d.schema), Ok(1));
        // And "12" split as "1" + "2" is 12 (which validation then reports), not 1.
        let twelve = file.replacen("\"schema\":1", "\"schema\":12", 1);
        let at = twelve.find("12,").unwrap_or(0);
        let mut r = DatasetReader::new();
        assert_eq!(r.feed(&twelve.as_bytes()[..=at]), Ok(()));
        assert_eq!(r.feed(&twelve.as_bytes()[at + 1..]), Ok(()));
        assert_eq!(r.finish().map(|d| d.schema), Ok(12));
    }
}
