//! A request body: the strict parser agrees with serde_json wherever no key is given twice, and
//! decoding and validating any value into an input never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use radgestmat_domain::{AssetFields, CheckIn, CheckOut, NewUser, SiteFields, Validate, json};

fuzz_target!(|body: &[u8]| {
    let strict = json::parse(body);
    let lenient = serde_json::from_slice::<serde_json::Value>(body);
    match (&strict, &lenient) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Ok(_), Err(e)) => panic!("the strict parser accepted what serde_json refuses: {e}"),
        _ => {}
    }
    let Ok(value) = strict else { return };
    if let Ok(asset) = json::decode::<AssetFields>(value.clone()) {
        let _ = asset.validate();
    }
    if let Ok(site) = json::decode::<SiteFields>(value.clone()) {
        let _ = site.validate();
    }
    if let Ok(check_out) = json::decode::<CheckOut>(value.clone()) {
        let _ = check_out.validate_at(chrono::Utc::now());
    }
    if let Ok(check_in) = json::decode::<CheckIn>(value.clone()) {
        let _ = check_in.validate();
    }
    let _ = json::decode::<NewUser>(value);
});
