//! Amounts and days as typed: never a panic; an amount read is never negative and reads back
//! the same once written in either language's form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use radgestmat_domain::{parse_day, parse_money};

fuzz_target!(|text: &str| {
    if let Some(millimes) = parse_money(text) {
        assert!(millimes >= 0);
        let (whole, fraction) = (millimes / 1000, millimes % 1000);
        assert_eq!(parse_money(&format!("{whole},{fraction:03}")), Some(millimes));
        assert_eq!(parse_money(&format!("{whole}.{fraction:03} TND")), Some(millimes));
    }
    if let Some(day) = parse_day(text) {
        assert_eq!(parse_day(&day.format("%Y-%m-%d").to_string()), Some(day));
    }
});
