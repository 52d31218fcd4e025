//! The YAML parser's event stream, read without building anything.
//!
//! serde_yaml parses a whole document into a list of events before it
//! deserialises, then replays an anchor's events at every alias, so its
//! memory grows with what the text expands to, not with the text. Reading
//! the same events from the same parser (libyaml, which serde_yaml wraps)
//! one at a time lets [`super::check_shape`] measure that first, in
//! constant memory, and agree with serde_yaml on every event.

use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

/// What the shape check needs of one event.
pub enum Event {
    /// A sequence or mapping starts.
    Open {
        anchor: Option<Box<[u8]>>,
        /// A mapping, not a sequence.
        mapping: bool,
    },
    /// A sequence or mapping ends.
    Close,
    Scalar {
        anchor: Option<Box<[u8]>>,
        bytes: usize,
        /// The scalar's text, when asked for with [`Events::with_values`].
        value: Option<Box<[u8]>>,
    },
    Alias {
        anchor: Box<[u8]>,
    },
    /// A document starts: anchors start afresh.
    Document,
    /// Stream start, document end.
    Other,
}

pub struct Events<'text> {
    parser: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    done: bool,
    values: bool,
    /// libyaml reads from the text until the parser is deleted.
    text: PhantomData<&'text str>,
}

impl<'text> Events<'text> {
    pub fn new(text: &'text str) -> Events<'text> {
        let mut parser = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: initialised before any other call (it cannot fail: its
        // allocations abort instead); the input outlives the parser
        // (`'text`), which is deleted in `drop`. As serde_yaml does.
        unsafe {
            let p = parser.as_mut_ptr();
            let _ = unsafe_libyaml::yaml_parser_initialize(p);
            unsafe_libyaml::yaml_parser_set_encoding(p, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
        }
        Events {
            parser,
            done: false,
            values: false,
            text: PhantomData,
        }
    }

    /// The same events, with each scalar's text (for finding where a
    /// value is, which the shape check does not need).
    pub fn with_values(text: &'text str) -> Events<'text> {
        let mut events = Events::new(text);
        events.values = true;
        events
    }
}

impl Iterator for Events<'_> {
    /// The event and where it starts: 1-based line and column.
    type Item = (Event, (usize, usize));

    /// `None` at the end of the stream or at a syntax error (which
    /// serde_yaml then reports where it meets it).
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut raw = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser is initialised; an event that `yaml_parser_parse`
        // filled is read by its type's union field and then deleted once.
        unsafe {
            if unsafe_libyaml::yaml_parser_parse(self.parser.as_mut_ptr(), raw.as_mut_ptr()).fail {
                self.done = true;
                return None;
            }
            let raw = raw.as_mut_ptr();
            let data = &(*raw).data;
            let event = match (*raw).type_ {
                unsafe_libyaml::YAML_SEQUENCE_START_EVENT => Event::Open {
                    anchor: anchor(data.sequence_start.anchor),
                    mapping: false,
                },
                unsafe_libyaml::YAML_MAPPING_START_EVENT => Event::Open {
                    anchor: anchor(data.mapping_start.anchor),
                    mapping: true,
                },
                unsafe_libyaml::YAML_SEQUENCE_END_EVENT
                | unsafe_libyaml::YAML_MAPPING_END_EVENT => Event::Close,
                unsafe_libyaml::YAML_SCALAR_EVENT => Event::Scalar {
                    anchor: anchor(data.scalar.anchor),
                    bytes: data.scalar.length as usize,
                    value: self.values.then(|| {
                        std::slice::from_raw_parts(data.scalar.value, data.scalar.length as usize)
                            .into()
                    }),
                },
                unsafe_libyaml::YAML_ALIAS_EVENT => match anchor(data.alias.anchor) {
                    Some(anchor) => Event::Alias { anchor },
                    None => Event::Other,
                },
                unsafe_libyaml::YAML_DOCUMENT_START_EVENT => Event::Document,
                unsafe_libyaml::YAML_STREAM_END_EVENT => {
                    self.done = true;
                    Event::Other
                }
                _ => Event::Other,
            };
            let mark = (*raw).start_mark;
            unsafe_libyaml::yaml_event_delete(raw);
            Some((event, (mark.line as usize + 1, mark.column as usize + 1)))
        }
    }
}

/// An anchor's name, copied out of the event before it is deleted.
///
/// # Safety
/// `name` is null or a NUL-terminated string owned by a live event.
unsafe fn anchor(name: *mut u8) -> Option<Box<[u8]>> {
    (!name.is_null()).then(|| unsafe { CStr::from_ptr(name.cast()) }.to_bytes().into())
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`, deleted only here.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
    }
}
