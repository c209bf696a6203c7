//! A cursor sent back by a client: never a panic; what decodes encodes back to itself and
//! carries a key fit for a query (one line of text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use radgestmat_domain::page::Cursor;

fuzz_target!(|text: &str| {
    if let Ok(cursor) = Cursor::decode(text) {
        assert!(cursor.k.iter().all(|k| !k.chars().any(char::is_control)), "{cursor:?}");
        assert_eq!(Cursor::decode(&cursor.encode()).ok(), Some(cursor));
    }
});
