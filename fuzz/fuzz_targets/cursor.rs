//! A cursor sent back by a client: never a panic, and what decodes encodes back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use radgestmat_domain::page::Cursor;

fuzz_target!(|text: &str| {
    if let Ok(cursor) = Cursor::decode(text) {
        assert_eq!(Cursor::decode(&cursor.encode()).ok(), Some(cursor));
    }
});
