//! The demo company: its cities, departments, people's names, catalogue and suppliers.

pub(super) const CITIES: [&str; 30] = [
    "Tunis",
    "Sfax",
    "Sousse",
    "Kairouan",
    "Bizerte",
    "Gabès",
    "Ariana",
    "Gafsa",
    "Monastir",
    "Ben Arous",
    "Kasserine",
    "Médenine",
    "Nabeul",
    "Tataouine",
    "Béja",
    "Le Kef",
    "Mahdia",
    "Sidi Bouzid",
    "Jendouba",
    "Tozeur",
    "La Manouba",
    "Siliana",
    "Zaghouan",
    "Kébili",
    "Hammamet",
    "Djerba Houmt Souk",
    "La Marsa",
    "Msaken",
    "Zarzis",
    "El Jem",
];
pub(super) const DEPARTMENTS: [&str; 10] = [
    "Direction générale",
    "Informatique",
    "Comptabilité",
    "Ressources humaines",
    "Logistique",
    "Achats",
    "Marketing",
    "Ventes",
    "Service client",
    "Sécurité",
];
pub(super) const FIRST_NAMES: [&str; 24] = [
    "Amira", "Mohamed", "Sami", "Leïla", "Yassine", "Inès", "Karim", "Sonia", "Hédi", "Rim", "Nizar", "Hela", "Walid",
    "Salma", "Anis", "Meriem", "Hamza", "Nour", "Bilel", "Emna", "Fares", "Ons", "Aymen", "Chiraz",
];
pub(super) const LAST_NAMES: [&str; 24] = [
    "Ben Salah",
    "Trabelsi",
    "Gharbi",
    "Jebali",
    "Ben Ammar",
    "Mejri",
    "Hammami",
    "Bouazizi",
    "Chaabane",
    "Ferchichi",
    "Ayari",
    "Dridi",
    "Zouari",
    "Khelifi",
    "Sassi",
    "Ben Youssef",
    "Mansouri",
    "Baccouche",
    "Karoui",
    "Masmoudi",
    "Belhaj",
    "Chebbi",
    "Riahi",
    "Tlili",
];
/// A model of the demo catalogue: manufacturer, model, model number, unit cost in TND.
pub(super) type DemoModel = (&'static str, &'static str, &'static str, i64);

/// Categories and their models.
pub(super) const CATALOGUE: [(&str, &[DemoModel]); 8] = [
    (
        "Ordinateurs portables",
        &[
            ("Dell", "Latitude 5440", "LAT5440", 2450),
            ("HP", "EliteBook 840 G10", "840G10", 2890),
            ("Lenovo", "ThinkPad T14 Gen 4", "21HD", 2650),
        ],
    ),
    (
        "Ordinateurs fixes",
        &[
            ("Dell", "OptiPlex 7010", "OPT7010", 1790),
            ("HP", "ProDesk 400 G9", "400G9", 1590),
            ("Lenovo", "ThinkCentre M70s", "11T8", 1650),
        ],
    ),
    (
        "Écrans",
        &[
            ("Dell", "Écran P2422H", "P2422H", 520),
            ("Samsung", "Écran S24R350", "S24R350", 390),
            ("LG", "Écran 27UL500", "27UL500", 780),
        ],
    ),
    (
        "Téléphones",
        &[
            ("Samsung", "Galaxy A54", "SM-A546", 1290),
            ("Apple", "iPhone 14", "A2882", 3490),
            ("Xiaomi", "Redmi Note 12", "23021", 690),
        ],
    ),
    (
        "Imprimantes",
        &[
            ("HP", "LaserJet Pro M404dn", "W1A53A", 1150),
            ("Epson", "EcoTank L3250", "C11CJ67", 640),
            ("Brother", "HL-L2350DW", "HLL2350", 520),
        ],
    ),
    ("Terminaux de paiement", &[("Ingenico", "Move/5000", "MOVE5000", 1350), ("Verifone", "V400m", "V400M", 1290)]),
    ("Caisses enregistreuses", &[("Sunmi", "T2s", "T2S", 2100), ("Posiflex", "XT-3815", "XT3815", 2650)]),
    (
        "Réseau",
        &[
            ("Cisco", "Catalyst 1000-24T", "C1000-24T", 2300),
            ("Ubiquiti", "UniFi U6 Lite", "U6-LITE", 450),
            ("MikroTik", "hEX RB750Gr3", "RB750GR3", 260),
        ],
    ),
];
pub(super) const SUPPLIERS: [&str; 5] =
    ["Tunisie Informatique SARL", "Sfax Bureautique", "Médina Tech Distribution", "Carthage Systèmes", "Sahel Réseaux"];
