//! The demo's custom fields: a phone's IMEI, a switch's ports, and their values.

use radgestmat_domain::{CustomFieldFields, CustomFormat, CustomKind};

/// The custom field of a demo category: a phone's IMEI (unique), a switch's ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DemoCustom {
    Imei,
    Ports,
}

impl DemoCustom {
    pub(super) fn of(category: &str) -> Option<DemoCustom> {
        match category {
            "Téléphones" => Some(DemoCustom::Imei),
            "Réseau" => Some(DemoCustom::Ports),
            _ => None,
        }
    }

    pub(super) fn field(self, category_id: i64) -> CustomFieldFields {
        let (key, name, kind, format) = match self {
            DemoCustom::Imei => ("imei", "IMEI", CustomKind::Text, Some(CustomFormat::Imei)),
            DemoCustom::Ports => ("ports", "Ports", CustomKind::Number, None),
        };
        CustomFieldFields {
            category_id,
            key: key.into(),
            name: name.into(),
            kind,
            required: false,
            unique: false,
            format,
            options: Vec::new(),
        }
    }

    /// An asset's value, made from its number and its random serial (so that the demo's other
    /// draws stay as they were): a valid IMEI (Luhn), one per number, or 8, 24 or 48 ports.
    pub(super) fn value(self, number: i64, serial: u64) -> (String, serde_json::Value) {
        match self {
            DemoCustom::Imei => {
                // Times a number prime to 10¹², modulo 10¹²: distinct numbers, distinct IMEIs.
                let body = format!("35{:012}", (number as u128 * 738_281_917) % 1_000_000_000_000);
                let sum: u32 = body
                    .chars()
                    .rev()
                    .enumerate()
                    .map(|(i, c)| {
                        let d = c.to_digit(10).unwrap_or(0);
                        if i % 2 == 0 { (d * 2) / 10 + (d * 2) % 10 } else { d }
                    })
                    .sum();
                ("imei".into(), format!("{body}{}", (10 - sum % 10) % 10).into())
            }
            DemoCustom::Ports => ("ports".into(), [8, 24, 48][(serial % 3) as usize].into()),
        }
    }
}
