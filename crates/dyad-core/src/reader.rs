//! Reading a data file piece by piece as it arrives, so that the whole file is never in memory
//! next to what is read from it.
//!
//! The app downloads a dataset into a JS `ArrayBuffer` and copies it into wasm memory, which
//! never shrinks: read at once, a 100k-event file (67 MB) and the [`RawDataset`] built from it
//! (about as large again) would both count in the page's footprint. [`DatasetReader`] takes the
//! file in chunks and keeps only the bytes of the value it is in the middle of (one event, or
//! one smaller section), so the footprint is the dataset alone.
//!
//! It walks the top-level object and the `events` array itself and reads every other value
//! with the schema's readers over [`crate::json`] (one event at a time, each whole section
//! otherwise), the same readers [`RawDataset::from_json`] uses on a whole text, so a valid file
//! reads exactly as it does. A value that runs past the bytes received so far ends in an
//! end-of-input error of the parser (told apart from a real one by [`SyntaxError::is_eof`]) and
//! is read again once more bytes came. It does not explain errors: on anything unexpected it
//! stops with [`Malformed`], and the caller reads the whole text with
//! [`crate::validate::parse_dataset`] to report every problem with its position.

use crate::json::{Parser, Reader, SyntaxError};
use crate::model::{read_list, Category, DatasetMeta, RawActor, RawDataset, RawEvent};

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
    /// Text received and not yet read; `buf[pos..]` is the rest, from the value being read.
    /// Each chunk is checked to be UTF-8 once, as it arrives, so the parser need not check the
    /// strings it reads again.
    buf: String,
    /// The bytes of a character split by the end of the last chunk.
    split: Vec<u8>,
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
            buf: String::new(),
            split: Vec::new(),
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
        // Only the unread tail (at most the value being read) is kept. Reading stops after a
        // value or a punctuation mark, both ASCII, so `pos` is a character boundary.
        let read = self.pos.min(self.buf.len());
        if !self.buf.is_char_boundary(read) {
            self.state = State::Failed;
            return Err(Malformed);
        }
        self.buf.drain(..read);
        self.pos = 0;
        if !self.append(chunk) {
            // Not UTF-8: not JSON either.
            self.state = State::Failed;
            return Err(Malformed);
        }
        if self.buf.len() >= self.retry_len {
            self.run(false);
        }
        match self.state {
            State::Failed => Err(Malformed),
            _ => Ok(()),
        }
    }

    /// Appends a chunk to the text, the bytes of a character it splits kept for the next one;
    /// false if the bytes are not UTF-8.
    fn append(&mut self, chunk: &[u8]) -> bool {
        let mut chunk = chunk;
        if !self.split.is_empty() {
            // Complete the split character with the first bytes of this chunk.
            let need: usize = match self.split.first() {
                Some(b) if b >> 5 == 0b110 => 2,
                Some(b) if b >> 4 == 0b1110 => 3,
                Some(b) if b >> 3 == 0b11110 => 4,
                _ => return false,
            };
            let take = need.saturating_sub(self.split.len()).min(chunk.len());
            self.split
                .extend_from_slice(chunk.get(..take).unwrap_or_default());
            chunk = chunk.get(take..).unwrap_or_default();
            if self.split.len() < need {
                return true;
            }
            match std::str::from_utf8(&self.split) {
                Ok(c) => self.buf.push_str(c),
                Err(_) => return false,
            }
            self.split.clear();
        }
        let mut pieces = chunk.utf8_chunks().peekable();
        while let Some(piece) = pieces.next() {
            self.buf.push_str(piece.valid());
            let bad = piece.invalid();
            if bad.is_empty() {
                continue;
            }
            // Only the chunk's last bytes may be the start of a character it splits.
            if pieces.peek().is_some() || bad.len() > 3 {
                return false;
            }
            self.split.extend_from_slice(bad);
        }
        true
    }

    /// The dataset, once the whole file was fed; `Malformed` if it is not a complete data file.
    pub fn finish(mut self) -> Result<RawDataset, Malformed> {
        if !self.split.is_empty() {
            return Err(Malformed);
        }
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
                (State::FirstKey | State::Key, b'"') => {
                    let rest = self.buf.get(self.pos..).unwrap_or_default();
                    let mut p = Parser::text(rest, last);
                    let key = p.string();
                    match key.map(|key| (self.field(&key), p.pos())) {
                        Ok((Some(f), used)) => self.took(used, State::Colon(f)),
                        Ok((None, _)) => State::Failed,
                        Err(e) if e.is_eof() && !last => return,
                        Err(_) => State::Failed,
                    }
                }
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
                (State::FirstEvent | State::Event, _) => match self.read(last, RawEvent::read) {
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
        let bytes = self.buf.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.pos) {
            self.pos += 1;
        }
        bytes.get(self.pos)
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

    /// The field a key names, if it is one and was not seen yet (unknown and repeated fields
    /// are refused, as `RawDataset::from_json` refuses them).
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
                let got = self.read(last, |r| r.u32());
                store(&mut self.schema, got)
            }
            Field::Dataset => {
                let got = self.read(last, DatasetMeta::read);
                store(&mut self.dataset, got)
            }
            Field::Actors => {
                let got = self.read(last, |r| read_list(r, true, RawActor::read));
                store(&mut self.actors, got)
            }
            Field::Categories => {
                let got = self.read(last, |r| read_list(r, true, Category::read));
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

    /// Reads one value at `pos` with `read`.
    fn read<T>(
        &mut self,
        last: bool,
        read: impl FnOnce(&mut Reader<'_>) -> Result<Option<T>, SyntaxError>,
    ) -> Got<T> {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        // Unless this is the end of the file, a value that ends exactly where the bytes do (a
        // number) may go on in the next chunk: the parser says so as an end of input.
        let mut r = Reader::new(Parser::text(rest, last));
        match read(&mut r) {
            Ok(Some(v)) if r.problems().is_empty() => Got::Value(v, r.p.pos()),
            Err(e) if e.is_eof() && !last => {
                self.retry_len = rest.len().saturating_mul(2);
                Got::NeedMore
            }
            _ => Got::Bad,
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

    /// Bytes that are not UTF-8 are refused wherever they are, and a character split between
    /// chunks is put back together.
    #[test]
    fn utf8_across_chunks() {
        let file = serde_json::to_string(&crate::synth::synth(2, 5)).unwrap_or_default();
        let accented = file.replacen("\"title\":\"", "\"title\":\"é😀", 1);
        let whole = serde_json::from_str::<RawDataset>(&accented).ok();
        assert!(whole.is_some());
        for size in [1, 2, 3, 5] {
            assert_eq!(
                read_in_chunks(accented.as_bytes(), size).ok(),
                whole,
                "{size}"
            );
        }
        let at = accented.find('é').unwrap_or(0);
        let mut bad = accented.as_bytes().to_vec();
        bad.insert(at, 0xFF);
        let mut cut = accented.as_bytes().to_vec();
        cut.truncate(at + 1);
        for bytes in [bad, cut] {
            assert!(serde_json::from_slice::<RawDataset>(&bytes).is_err());
            for size in [1, 7, bytes.len()] {
                assert_eq!(read_in_chunks(&bytes, size), Err(Malformed), "{size}");
            }
        }
    }

    proptest::proptest! {
        /// Broken and reshaped files, read in chunks of any size, give what serde gives from
        /// the whole text (`Malformed` where serde refuses them).
        #[test]
        fn chunks_agree_with_serde(text in crate::model::oracle::files(), size in 1usize..3000) {
            let got = read_in_chunks(text.as_bytes(), size);
            match serde_json::from_str::<RawDataset>(&text) {
                Ok(_) if got.is_err() => {
                    let problems = RawDataset::from_json(&text).err().unwrap_or_default();
                    proptest::prop_assert!(crate::model::oracle::known_difference(&problems), "{}", text);
                }
                Ok(want) => proptest::prop_assert_eq!(got, Ok(want)),
                Err(_) => proptest::prop_assert_eq!(got, Err(Malformed)),
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
