//! Which column fills which field: the headers' own names, then the uploader's choices; what a
//! file must have; and the words of a status as spreadsheets write them.

use std::collections::HashMap;

use radgestmat_domain::{AssetStatus, ColumnUse, ImportMode, ImportOptions, Reason, Role, RowError, fold};
use radgestmat_import::{AssetColumn, Column, EmployeeColumn, LocationColumn, Mapping, ModelColumn, UserColumn};

/// A kind of file's columns, with those it cannot do without.
pub(crate) trait Keyed: Column {
    /// The columns a file must have to be checked at all, in a mode.
    fn required(mode: ImportMode) -> &'static [Self];
}

impl Keyed for AssetColumn {
    fn required(mode: ImportMode) -> &'static [AssetColumn] {
        match mode {
            ImportMode::Create => &[AssetColumn::Model],
            ImportMode::Update | ImportMode::Upsert => &[AssetColumn::AssetTag],
        }
    }
}

impl Keyed for EmployeeColumn {
    fn required(_: ImportMode) -> &'static [EmployeeColumn] {
        &[EmployeeColumn::Matricule]
    }
}

impl Keyed for LocationColumn {
    fn required(_: ImportMode) -> &'static [LocationColumn] {
        &[LocationColumn::Site, LocationColumn::Name]
    }
}

impl Keyed for ModelColumn {
    fn required(_: ImportMode) -> &'static [ModelColumn] {
        &[ModelColumn::Name]
    }
}

impl Keyed for UserColumn {
    fn required(_: ImportMode) -> &'static [UserColumn] {
        &[UserColumn::Username]
    }
}

/// The columns of a file, each with the field it fills.
pub(crate) struct Columns<C> {
    pub headers: Vec<String>,
    pub fields: Vec<Option<C>>,
    index: HashMap<C, usize>,
    /// The columns of custom fields: (column, the field's key).
    pub custom: Vec<(usize, String)>,
}

/// How a mapping names a custom field: `custom.imei`.
pub(crate) const CUSTOM: &str = "custom.";

impl<C: Column> Columns<C> {
    /// The column a field is in, if any.
    pub fn of(&self, field: C) -> Option<usize> {
        self.index.get(&field).copied()
    }

    pub fn header_of(&self, field: C) -> Option<&str> {
        self.of(field).map(|i| self.headers[i].as_str())
    }

    /// As the import shows it.
    pub fn uses(&self) -> Vec<ColumnUse> {
        let custom = |i: usize| self.custom.iter().find(|(c, _)| *c == i).map(|(_, key)| format!("{CUSTOM}{key}"));
        (0..self.headers.len())
            .map(|i| ColumnUse {
                header: self.headers[i].clone(),
                field: self.fields[i].map(|f| f.as_str().to_owned()).or_else(|| custom(i)),
            })
            .collect()
    }
}

/// The mapping of a file's headers, with the uploader's choices over the detected one, and what
/// stops the file from being imported at all.
/// `custom` lists the custom fields' (key, name): a column headed by one of them fills it.
pub(crate) fn columns<C: Keyed>(
    headers: &[String],
    options: &ImportOptions,
    mode: ImportMode,
    custom: &[(String, String)],
) -> (Columns<C>, Vec<RowError>) {
    let mut problems = Vec::new();
    let mut fields = Mapping::<C>::detect(headers).columns;
    let mut custom_columns: Vec<(usize, String)> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let key = custom.iter().find(|(key, name)| fold(key) == fold(header) || fold(name) == fold(header));
        if let (None, Some((key, _))) = (fields[i], key) {
            custom_columns.push((i, key.clone()));
        }
    }
    // The uploader's choices, by header compared folded.
    for (header, field) in &options.columns {
        let Some(i) = headers.iter().position(|h| fold(h) == fold(header)) else { continue };
        custom_columns.retain(|(c, _)| *c != i);
        if let Some(key) = field.trim().strip_prefix(CUSTOM) {
            match custom.iter().any(|(k, _)| k == key) {
                true => custom_columns.push((i, key.to_owned())),
                false => {
                    let reason = Reason::UnknownField { header: headers[i].clone(), field: field.clone() };
                    problems.push(RowError::new(Some(&headers[i]), &reason));
                }
            }
            fields[i] = None;
            continue;
        }
        fields[i] = if field.trim().is_empty() {
            None
        } else {
            match C::named(field) {
                Some(column) => Some(column),
                None => {
                    let reason = Reason::UnknownField { header: headers[i].clone(), field: field.clone() };
                    problems.push(RowError::new(Some(&headers[i]), &reason));
                    None
                }
            }
        };
    }
    // A field detected on a column the uploader moved elsewhere goes to the uploader's column.
    let chosen: Vec<C> = options.columns.values().filter_map(|f| C::named(f)).collect();
    for (i, field) in fields.iter_mut().enumerate() {
        let own = options.columns.keys().any(|h| fold(h) == fold(&headers[i]));
        if !own && field.is_some_and(|f| chosen.contains(&f)) {
            *field = None;
        }
    }
    let mut index = HashMap::new();
    for (i, field) in fields.iter().enumerate() {
        let Some(field) = field else { continue };
        if let Some(first) = index.insert(*field, i) {
            let reason = Reason::FieldTwice {
                field: field.as_str().to_owned(),
                first: headers[first].clone(),
                again: headers[i].clone(),
            };
            problems.push(RowError::new(Some(&headers[i]), &reason));
            index.insert(*field, first);
        }
    }
    for required in C::required(mode).iter().filter(|c| !index.contains_key(c)) {
        problems.push(RowError::new(None, &Reason::MissingColumn { field: required.as_str().to_owned() }));
    }
    (Columns { headers: headers.to_vec(), fields, index, custom: custom_columns }, problems)
}

/// A status as written: our names, French words, Snipe-IT's default status labels.
pub(crate) fn status(text: &str) -> Option<AssetStatus> {
    let key: String = fold(text).chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match key.as_str() {
        "instock" | "enstock" | "stock" | "readytodeploy" | "deployable" | "pending" | "disponible" | "neuf" => {
            AssetStatus::InStock
        }
        "assigned" | "deployed" | "attribue" | "affecte" | "enservice" => AssetStatus::Assigned,
        "inrepair" | "enreparation" | "outforrepair" | "broken" | "enpanne" | "horsservice" => AssetStatus::InRepair,
        "lost" | "perdu" | "loststolen" | "stolen" | "vole" => AssetStatus::Lost,
        "retired" | "reforme" | "archived" | "archive" | "retire" | "undeployable" => AssetStatus::Retired,
        _ => return None,
    })
}

/// The fields a column of a file of `kind` may fill, by name (custom fields aside).
pub fn import_fields(kind: radgestmat_domain::ImportKind) -> Vec<&'static str> {
    use radgestmat_domain::ImportKind as K;
    fn names<C: Column>() -> Vec<&'static str> {
        C::ALL.iter().map(|c| c.as_str()).collect()
    }
    match kind {
        K::Assets => names::<AssetColumn>(),
        K::Employees => names::<EmployeeColumn>(),
        K::Locations => names::<LocationColumn>(),
        K::Models => names::<ModelColumn>(),
        K::Users => names::<UserColumn>(),
    }
}

/// A role as written: our names, and the French words for them.
pub(crate) fn role(text: &str) -> Option<Role> {
    let key: String = fold(text).chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match key.as_str() {
        "admin" | "administrator" | "administrateur" | "superuser" => Role::Admin,
        "it" | "informatique" | "serviceinformatique" | "si" | "dsi" | "technicien" => Role::It,
        "reception" | "accueil" | "frontdesk" | "guichet" => Role::Reception,
        "direction" | "management" | "manager" | "directeur" => Role::Direction,
        "employee" | "employe" | "user" | "utilisateur" | "salarie" => Role::Employee,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_uploader_moves_a_field_and_leaves_a_column_out() {
        let h = headers(&["Tag", "Nom", "Réf", "IMEI"]);
        let options = ImportOptions {
            columns: [("réf".to_owned(), "model".to_owned()), ("Nom".to_owned(), String::new())].into(),
            ..Default::default()
        };
        let (columns, problems) = columns::<AssetColumn>(&h, &options, ImportMode::Create, &[]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(columns.fields, [Some(AssetColumn::AssetTag), None, Some(AssetColumn::Model), None]);
    }

    #[test]
    fn a_file_without_its_key_column_or_with_a_field_twice_is_refused() {
        let (_, problems) =
            columns::<AssetColumn>(&headers(&["Nom"]), &ImportOptions::default(), ImportMode::Create, &[]);
        assert_eq!(problems[0].code, "missing-column");
        let options =
            ImportOptions { columns: [("IMEI".to_owned(), "serial".to_owned())].into(), ..Default::default() };
        let (_, problems) =
            columns::<AssetColumn>(&headers(&["Modèle", "Série", "IMEI"]), &options, ImportMode::Create, &[]);
        assert!(problems.is_empty(), "the uploader's choice wins over the detected column: {problems:?}");
        let options =
            ImportOptions { columns: [("IMEI".to_owned(), "colour".to_owned())].into(), ..Default::default() };
        let (_, problems) = columns::<AssetColumn>(&headers(&["Modèle", "IMEI"]), &options, ImportMode::Create, &[]);
        assert_eq!(problems[0].code, "unknown-field");
        let (_, problems) =
            columns::<AssetColumn>(&headers(&["Modèle", "Tag"]), &ImportOptions::default(), ImportMode::Update, &[]);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_column_headed_by_a_custom_field_fills_it() {
        let custom = [("imei".to_owned(), "IMEI".to_owned()), ("mac".to_owned(), "Adresse MAC".to_owned())];
        let (found, problems) = columns::<AssetColumn>(
            &headers(&["Modèle", "IMEI", "adresse mac", "Couleur"]),
            &ImportOptions::default(),
            ImportMode::Create,
            &custom,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.custom, [(1, "imei".to_owned()), (2, "mac".to_owned())]);
        assert_eq!(found.uses()[1].field.as_deref(), Some("custom.imei"));
        assert_eq!(found.uses()[3].field, None, "an unknown column is left out");
        let options =
            ImportOptions { columns: [("Couleur".to_owned(), "custom.mac".to_owned())].into(), ..Default::default() };
        let (chosen, _) =
            columns::<AssetColumn>(&headers(&["Modèle", "Couleur"]), &options, ImportMode::Create, &custom);
        assert_eq!(chosen.custom, [(1, "mac".to_owned())], "the uploader's choice");
    }

    #[test]
    fn a_location_file_needs_its_site_and_name() {
        let (_, problems) =
            columns::<LocationColumn>(&headers(&["Emplacement"]), &ImportOptions::default(), ImportMode::Create, &[]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "the file has no column for site", "{problems:?}");
        assert_eq!(role("Accueil"), Some(Role::Reception));
        assert_eq!(role("chef"), None);
    }

    #[test]
    fn statuses_as_snipe_it_and_french_files_write_them() {
        assert_eq!(status("Ready to Deploy"), Some(AssetStatus::InStock));
        assert_eq!(status("En réparation"), Some(AssetStatus::InRepair));
        assert_eq!(status("Lost/Stolen"), Some(AssetStatus::Lost));
        assert_eq!(status("Réformé"), Some(AssetStatus::Retired));
        assert_eq!(status("assigned"), Some(AssetStatus::Assigned));
        assert_eq!(status("maybe"), None);
    }
}
