//! Text utilities shared by the site generator: URL slugs and accent
//! folding ([`slug`]), front-matter date parsing and date formatting
//! ([`dates`]), number formatting ([`numbers`]), HTML/XML escaping
//! ([`escape`]), normalising to NFC ([`nfc`]) and cutting summaries
//! ([`summary`]).
//!
//! Everything here is a pure function: no I/O, no global state, and no
//! panics on any input.

pub mod dates;
pub mod escape;
pub mod nfc;
pub mod numbers;
pub mod slug;
pub mod summary;
