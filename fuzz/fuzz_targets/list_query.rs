//! A query string, as a list endpoint reads it: never a panic; a search text kept is one line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use radgestmat_domain::{AssetFilter, AuditFilter, List};

fuzz_target!(|query: &str| {
    let pairs = || {
        query.split('&').map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key.to_owned(), value.to_owned())
        })
    };
    if let Ok(list) = List::<AssetFilter>::parse(pairs()) {
        assert!((1..=500).contains(&list.limit));
        assert!(list.q.iter().all(|q| !q.chars().any(char::is_control)), "{list:?}");
    }
    let _ = List::<AuditFilter>::parse(pairs());
});
