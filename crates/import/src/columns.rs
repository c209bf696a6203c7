//! Which column of a file is which field of an asset: our English field names, French headers
//! as people write them, and Snipe-IT's export and importer names with their aliases, so that a
//! Snipe-IT export maps without editing. Headers are compared folded (case, accents, spaces and
//! punctuation aside): "N° d'inventaire", "n°  d’inventaire" and "N D INVENTAIRE" are one.

use radgestmat_domain::fold;

macro_rules! columns {
    ($( $(#[$meta:meta])* $variant:ident = $name:literal: [$($alias:literal),* $(,)?] ),* $(,)?) => {
        /// A field an asset file's column can fill.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AssetColumn {
            $( $(#[$meta])* $variant, )*
        }

        impl AssetColumn {
            pub const ALL: &'static [AssetColumn] = &[$(AssetColumn::$variant),*];

            /// The name a mapping uses for it.
            pub fn as_str(self) -> &'static str {
                match self { $(AssetColumn::$variant => $name,)* }
            }

            /// The headers it is known by, besides its name.
            fn aliases(self) -> &'static [&'static str] {
                match self { $(AssetColumn::$variant => &[$($alias),*],)* }
            }
        }
    };
}

columns! {
    AssetTag = "asset_tag": ["tag", "n° d'inventaire", "numéro d'inventaire", "n° inventaire", "étiquette"],
    Name = "name": ["item name", "asset name", "désignation", "nom"],
    Serial = "serial": ["serial number", "numéro de série", "n° de série", "série"],
    Model = "model": ["model name", "modèle"],
    ModelNumber = "model_number": ["model no", "référence", "référence du modèle"],
    Category = "category": ["catégorie"],
    Manufacturer = "manufacturer": ["fabricant", "marque"],
    Site = "site": ["site name"],
    Location = "location": ["location name", "emplacement"],
    Supplier = "supplier": ["supplier name", "fournisseur"],
    OrderNumber = "order_number": ["n° de commande", "bon de commande"],
    PurchaseDate = "purchase_date": ["date d'achat"],
    PurchaseCost = "purchase_cost": ["prix d'achat", "coût d'achat", "valeur d'achat"],
    /// Snipe-IT's warranty in months, counted from the purchase date.
    WarrantyMonths = "warranty_months": ["warranty", "garantie (mois)"],
    WarrantyEnd = "warranty_end": ["warranty expires", "fin de garantie"],
    Status = "status": ["status label", "statut", "état"],
    Notes = "notes": ["note", "remarques", "commentaire"],
    /// Who holds it: a matricule or a full name.
    Holder = "holder": ["détenteur", "checked out to", "attribué à"],
    HolderUsername = "holder_username": ["checked out to: username", "username", "identifiant du détenteur"],
    HolderEmail = "holder_email": ["checked out to: email", "email", "e-mail du détenteur"],
    HolderFirstName = "holder_first_name": ["checked out to: first name", "first name", "prénom"],
    HolderLastName = "holder_last_name": ["checked out to: last name", "last name", "nom du détenteur"],
    HolderLocation = "holder_location": ["checked out to: location"],
    ExpectedCheckin = "expected_checkin": ["retour prévu"],
    LastAudit = "last_audit": ["dernier inventaire"],
}

/// A header folded for comparison: letters and digits only, lower case, accents aside.
fn key(header: &str) -> String {
    fold(header).chars().filter(|c| c.is_alphanumeric()).collect()
}

impl AssetColumn {
    /// The field a header names, if any.
    pub fn of_header(header: &str) -> Option<AssetColumn> {
        let wanted = key(header);
        AssetColumn::ALL
            .iter()
            .copied()
            .find(|c| key(c.as_str()) == wanted || c.aliases().iter().any(|alias| key(alias) == wanted))
    }
}

/// What each column of a file fills, and what could not be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// For each column (in the file's order), its field.
    pub columns: Vec<Option<AssetColumn>>,
    /// Columns no field is known by (1-based, with their header): custom fields, or reported.
    pub unknown: Vec<(usize, String)>,
    /// Fields two columns claim (the second is left out): `(field, first column, again)`.
    pub twice: Vec<(AssetColumn, usize, usize)>,
}

impl Mapping {
    /// The mapping a file's headers suggest.
    pub fn detect(headers: &[String]) -> Mapping {
        let mut mapping = Mapping { columns: Vec::new(), unknown: Vec::new(), twice: Vec::new() };
        for (i, header) in headers.iter().enumerate() {
            let column = AssetColumn::of_header(header);
            let taken = column.and_then(|c| mapping.columns.iter().position(|other| *other == Some(c)));
            match (column, taken) {
                (Some(c), Some(first)) => {
                    mapping.twice.push((c, first + 1, i + 1));
                    mapping.columns.push(None);
                }
                (Some(c), None) => mapping.columns.push(Some(c)),
                (None, _) => {
                    mapping.unknown.push((i + 1, header.clone()));
                    mapping.columns.push(None);
                }
            }
        }
        mapping
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_snipe_it_export_maps_without_editing() {
        let snipe = headers(&[
            "Asset Tag",
            "Item Name",
            "Serial",
            "Model",
            "Model Number",
            "Category",
            "Manufacturer",
            "Location",
            "Supplier",
            "Order Number",
            "Purchase Date",
            "Purchase Cost",
            "Warranty",
            "Status",
            "Notes",
            "Checked Out To: Username",
            "Checked Out To: Email",
            "Expected Checkin",
            "Last Audit",
            "IMEI",
        ]);
        let mapping = Mapping::detect(&snipe);
        let mapped: Vec<&str> = mapping.columns.iter().flatten().map(|c| c.as_str()).collect();
        assert_eq!(mapped.len(), 19, "{mapped:?}");
        assert_eq!(mapping.columns[12], Some(AssetColumn::WarrantyMonths));
        assert_eq!(mapping.columns[15], Some(AssetColumn::HolderUsername));
        assert_eq!(mapping.unknown, [(20, "IMEI".to_owned())], "a custom field, to map or report");
    }

    #[test]
    fn french_headers_as_people_write_them() {
        let french = headers(&[
            "N° d’inventaire",
            "DESIGNATION",
            "Numéro de série",
            "Date d'achat",
            "Prix d'achat",
            "Fin de garantie",
            "Site",
            "Emplacement",
            "Détenteur",
        ]);
        let fields: Vec<&str> =
            Mapping::detect(&french).columns.iter().map(|c| c.map_or("?", |c| c.as_str())).collect();
        assert_eq!(
            fields,
            [
                "asset_tag",
                "name",
                "serial",
                "purchase_date",
                "purchase_cost",
                "warranty_end",
                "site",
                "location",
                "holder"
            ]
        );
        assert_eq!(AssetColumn::of_header("purchase_cost"), Some(AssetColumn::PurchaseCost), "our own names");
    }

    #[test]
    fn two_columns_for_one_field_are_reported() {
        let mapping = Mapping::detect(&headers(&["Tag", "Asset Tag", "Nom"]));
        assert_eq!(mapping.columns, [Some(AssetColumn::AssetTag), None, Some(AssetColumn::Name)]);
        assert_eq!(mapping.twice, [(AssetColumn::AssetTag, 1, 2)]);
    }

    #[test]
    fn every_field_has_a_distinct_name_and_no_alias_is_claimed_twice() {
        let mut seen = std::collections::HashMap::new();
        for &column in AssetColumn::ALL {
            for name in std::iter::once(column.as_str()).chain(column.aliases().iter().copied()) {
                if let Some(other) = seen.insert(key(name), column) {
                    panic!("{name} names both {other:?} and {column:?}");
                }
            }
        }
    }
}
