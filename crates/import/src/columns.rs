//! Which column of a file is which field of a record (an asset, an employee, a location, a model,
//! an account): our English field names, French headers
//! as people write them, and Snipe-IT's export and importer names with their aliases, so that a
//! Snipe-IT export maps without editing. Headers are compared folded (case, accents, spaces and
//! punctuation aside): "N° d'inventaire", "n°  d’inventaire" and "N D INVENTAIRE" are one.

use radgestmat_domain::fold;

/// A field a column of some kind of file can fill.
pub trait Column: Copy + Eq + std::hash::Hash + std::fmt::Debug + Send + Sync + 'static {
    const ALL: &'static [Self];
    /// The name a mapping uses for it.
    fn as_str(self) -> &'static str;
    /// The headers it is known by, besides its name.
    fn aliases(self) -> &'static [&'static str];

    /// The field a header names, if any.
    fn of_header(header: &str) -> Option<Self> {
        let wanted = key(header);
        Self::ALL
            .iter()
            .copied()
            .find(|c| key(c.as_str()) == wanted || c.aliases().iter().any(|alias| key(alias) == wanted))
    }

    /// The field a mapping names.
    fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == name.trim())
    }
}

macro_rules! columns {
    ($(#[$outer:meta])* $enum:ident {
        $( $(#[$meta:meta])* $variant:ident = $name:literal: [$($alias:literal),* $(,)?] ),* $(,)?
    }) => {
        $(#[$outer])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum {
            $( $(#[$meta])* $variant, )*
        }

        impl Column for $enum {
            const ALL: &'static [$enum] = &[$($enum::$variant),*];

            fn as_str(self) -> &'static str {
                match self { $($enum::$variant => $name,)* }
            }

            fn aliases(self) -> &'static [&'static str] {
                match self { $($enum::$variant => &[$($alias),*],)* }
            }
        }
    };
}

columns! {
    /// A field an asset file's column can fill.
    AssetColumn {
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
}

columns! {
    /// A field an employee file's column can fill (Snipe-IT's user export names included).
    EmployeeColumn {
        Matricule = "matricule": ["employee number", "employee no", "employee id", "n° de matricule", "numéro de matricule", "n° matricule"],
        FirstName = "first_name": ["prénom"],
        LastName = "last_name": ["surname", "nom", "nom de famille"],
        Email = "email": ["mail", "email address", "adresse e-mail", "courriel"],
        Department = "department": ["department name", "département", "service"],
        /// Where they work: a site's code or name.
        Site = "site": ["location", "site name", "magasin", "lieu de travail"],
        /// Whether they still work here: yes / no.
        Active = "active": ["activated", "actif", "active employee"],
    }
}

columns! {
    /// A field a location file's column can fill.
    LocationColumn {
        /// The site it is at: its code or name.
        Site = "site": ["site name", "site code", "code site", "parent location", "magasin"],
        Name = "name": ["location", "location name", "emplacement", "nom", "nom de l'emplacement"],
    }
}

columns! {
    /// A field a model file's column can fill.
    ModelColumn {
        Name = "name": ["model", "model name", "modèle", "nom", "désignation"],
        ModelNumber = "model_number": ["model no", "référence", "référence du modèle"],
        Category = "category": ["category name", "catégorie"],
        Manufacturer = "manufacturer": ["manufacturer name", "fabricant", "marque"],
    }
}

columns! {
    /// A field a user (account) file's column can fill.
    UserColumn {
        Username = "username": ["login", "identifiant", "nom d'utilisateur"],
        DisplayName = "display_name": ["name", "full name", "nom complet", "nom affiché"],
        /// With the last name, the display name when none is given.
        FirstName = "first_name": ["prénom"],
        LastName = "last_name": ["surname", "nom", "nom de famille"],
        Email = "email": ["mail", "email address", "adresse e-mail", "courriel"],
        Role = "role": ["profil"],
        /// The employee the account belongs to, by matricule.
        Employee = "employee": ["employee number", "employee no", "matricule", "n° de matricule"],
        /// Whether the account may sign in: yes / no.
        Active = "active": ["activated", "actif", "enabled"],
        /// A first password (hashed by the dry run; the file is deleted at the commit).
        Password = "password": ["mot de passe"],
    }
}

/// A header folded for comparison: letters and digits only, lower case, accents aside.
fn key(header: &str) -> String {
    fold(header).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// What each column of a file fills, and what could not be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping<C> {
    /// For each column (in the file's order), its field.
    pub columns: Vec<Option<C>>,
    /// Columns no field is known by (1-based, with their header): custom fields, or reported.
    pub unknown: Vec<(usize, String)>,
    /// Fields two columns claim (the second is left out): `(field, first column, again)`.
    pub twice: Vec<(C, usize, usize)>,
}

impl<C: Column> Mapping<C> {
    /// The mapping a file's headers suggest.
    pub fn detect(headers: &[String]) -> Mapping<C> {
        let mut mapping = Mapping { columns: Vec::new(), unknown: Vec::new(), twice: Vec::new() };
        for (i, header) in headers.iter().enumerate() {
            let column = C::of_header(header);
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
        let mapping = Mapping::<AssetColumn>::detect(&snipe);
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
            Mapping::<AssetColumn>::detect(&french).columns.iter().map(|c| c.map_or("?", |c| c.as_str())).collect();
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
        let mapping = Mapping::<AssetColumn>::detect(&headers(&["Tag", "Asset Tag", "Nom"]));
        assert_eq!(mapping.columns, [Some(AssetColumn::AssetTag), None, Some(AssetColumn::Name)]);
        assert_eq!(mapping.twice, [(AssetColumn::AssetTag, 1, 2)]);
    }

    fn distinct<C: Column>() {
        let mut seen = std::collections::HashMap::new();
        for &column in C::ALL {
            for name in std::iter::once(column.as_str()).chain(column.aliases().iter().copied()) {
                if let Some(other) = seen.insert(key(name), column) {
                    panic!("{name} names both {other:?} and {column:?}");
                }
            }
        }
    }

    #[test]
    fn every_field_has_a_distinct_name_and_no_alias_is_claimed_twice() {
        distinct::<AssetColumn>();
        distinct::<EmployeeColumn>();
        distinct::<LocationColumn>();
        distinct::<ModelColumn>();
        distinct::<UserColumn>();
    }

    #[test]
    fn a_snipe_it_user_export_and_a_french_staff_list_map() {
        let snipe =
            Mapping::<UserColumn>::detect(&headers(&["First Name", "Last Name", "Email", "Username", "Activated"]));
        assert!(snipe.unknown.is_empty(), "{snipe:?}");
        let staff = Mapping::<EmployeeColumn>::detect(&headers(&["Matricule", "Nom", "Prénom", "Service", "Magasin"]));
        let fields: Vec<&str> = staff.columns.iter().flatten().map(|c| c.as_str()).collect();
        assert_eq!(fields, ["matricule", "last_name", "first_name", "department", "site"]);
    }
}
