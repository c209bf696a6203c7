use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds text for search: lower case, accents removed, white space collapsed.
/// "  Écran  Dell " → "ecran dell". Stored in search columns and applied to queries, so that
/// both databases compare plain ASCII-ish text with `LIKE`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  Écran   Dell P2422H "), "ecran dell p2422h");
        assert_eq!(fold("Ordinateur portable ÉLÈVE ça"), "ordinateur portable eleve ca");
        assert_eq!(fold(""), "");
    }
}
