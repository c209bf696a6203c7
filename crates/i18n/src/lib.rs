//! The words of RadGestMat in every language it speaks: one catalogue, the Fluent files under
//! `locales/<language>/`, looked up by stable keys (`error-too-long`, `kind-loan_overdue`,
//! `nav-assets`). The pages, the API's messages, the alerts and the e-mails all read it; a test
//! checks that every key exists in every language.

use std::borrow::Cow;
use std::collections::HashMap;

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: the texts are plain left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

/// The languages of the catalogue, by their code.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

fn id(language: &str) -> &'static LanguageIdentifier {
    if language == "en" { &EN } else { &FR }
}

/// The message `key` in `language` (`fr`, `en`) with its arguments, if the catalogue has it.
pub fn lookup(language: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
    if args.is_empty() {
        return LOCALES.try_lookup(id(language), key);
    }
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
        args.iter().map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone())).collect();
    LOCALES.try_lookup_with_args(id(language), key, &args)
}

/// The message `key`, or the key itself when the catalogue lacks it (a test makes sure it
/// does not).
pub fn text(language: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    lookup(language, key, args).unwrap_or_else(|| key.to_owned())
}

/// Every key of the catalogue in `language`, as written in its files (for the tests that check
/// that both languages say the same things).
pub fn keys(language: &str) -> std::collections::BTreeSet<String> {
    let files: &[&str] = match language {
        "en" => &[
            include_str!("../locales/en/main.ftl"),
            include_str!("../locales/en/errors.ftl"),
            include_str!("../locales/en/notifications.ftl"),
        ],
        _ => &[
            include_str!("../locales/fr/main.ftl"),
            include_str!("../locales/fr/errors.ftl"),
            include_str!("../locales/fr/notifications.ftl"),
        ],
    };
    files
        .iter()
        .flat_map(|file| file.lines())
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys() {
        let (fr, en) = (keys("fr"), keys("en"));
        assert_eq!(fr.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in English");
        assert_eq!(en.difference(&fr).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in French");
        assert!(fr.len() > 300, "{} keys", fr.len());
    }

    #[test]
    fn arguments_are_put_in_their_place() {
        assert_eq!(text("en", "nav-assets", &[]), "Assets");
        let count = |n: i64| [("count", FluentValue::from(n)), ("shown", FluentValue::from(n.to_string()))];
        assert_eq!(text("fr", "assets-count", &count(3)), "3 matériels");
        assert_eq!(text("fr", "assets-count", &count(1)), "1 matériel", "the plural chosen by the number");
        assert_eq!(text("fr", "no-such-key", &[]), "no-such-key");
    }
}
