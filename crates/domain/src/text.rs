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

/// The order of names as a French reader expects it: accents and case aside first ("Béja"
/// before "Bizerte", "Écrans" among the E's), then as written, so that the order is total. The
/// database's `names` collation on SQLite; PostgreSQL's is ICU's.
pub fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::{fold, name_order};

    #[test]
    fn names_sort_the_french_way() {
        let mut names = vec!["Zarzis", "Écrans", "Bizerte", "béja", "Béja", "Ariana", "ecran"];
        names.sort_by(|a, b| name_order(a, b));
        assert_eq!(names, ["Ariana", "Béja", "béja", "Bizerte", "ecran", "Écrans", "Zarzis"]);
    }

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  Écran   Dell P2422H "), "ecran dell p2422h");
        assert_eq!(fold("Ordinateur portable ÉLÈVE ça"), "ordinateur portable eleve ca");
        assert_eq!(fold(""), "");
    }
}
