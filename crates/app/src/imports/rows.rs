//! The dry run of one row of an asset file: each cell read as its field, each name looked up,
//! the asset's own rules applied; the result is what the commit will do, or every reason it
//! cannot, each with its column.

use std::collections::HashMap;

use chrono::Months;
use radgestmat_domain::{
    AssetFields, AssetPlan, AssetStatus, AssetTag, DomainError, Holder, ImportMode, ImportView, LocationPlan,
    ModelPlan, Named, Plan, Reason, RowStatus, Term, Validate, fold,
};
use radgestmat_import::{AssetColumn as C, Column, Record, parse_amount};
use radgestmat_store::{CheckedRow, Lookups};

use super::mapping::{Columns, status};
use super::row::{Checker, File, Row, fail_domain};

/// Checks the rows of one file in order (a tag or serial given twice is caught on its second line).
pub(crate) struct AssetRows<'a> {
    pub(super) lookups: &'a Lookups,
    pub(super) columns: &'a Columns<C>,
    import: &'a ImportView,
    tags: HashMap<String, u64>,
    serials: HashMap<(Option<i64>, String), u64>,
    /// The unique custom values met so far: (category, key, value) → line.
    pub(super) custom_values: HashMap<(i64, String, String), u64>,
}

impl<'a> AssetRows<'a> {
    pub fn new(file: &'a File<'a, C>) -> AssetRows<'a> {
        AssetRows {
            lookups: file.lookups,
            columns: file.columns,
            import: file.import,
            tags: HashMap::new(),
            serials: HashMap::new(),
            custom_values: HashMap::new(),
        }
    }
}

impl Checker for AssetRows<'_> {
    fn check(&mut self, record: &Record) -> CheckedRow {
        let mut row = Row::new(record, self.columns);
        let tag = row.text(C::AssetTag);
        let plan = self.plan(&mut row, record.line);
        row.checked(record, tag, plan.map(|(plan, status)| (Plan::Asset(plan), status)))
    }
}

impl AssetRows<'_> {
    /// What the row will do; `None` (or errors in `row`) when it cannot.
    fn plan(&mut self, row: &mut Row<'_, C>, line: u64) -> Option<(AssetPlan, RowStatus)> {
        let (mode, create_missing) = (self.import.mode, self.import.create_missing);
        let order = self.import.options.date_order;
        let tag = match row.cell(C::AssetTag).map(AssetTag::parse) {
            Some(Ok(tag)) => Some(tag),
            Some(Err(err)) => {
                fail_domain(row, C::AssetTag, err);
                return None;
            }
            None => None,
        };
        if let Some(tag) = &tag
            && let Some(first) = self.tags.insert(tag.as_str().to_owned(), line)
        {
            row.fail(Some(C::AssetTag), Reason::TagTwiceInFile { line: first });
        }
        let existing = tag.as_ref().and_then(|t| self.lookups.assets.get(t.as_str()));
        match (mode, existing, &tag) {
            (ImportMode::Create, Some(_), _) => row.fail(Some(C::AssetTag), Reason::TagUsed),
            (ImportMode::Update, None, Some(tag)) => {
                row.fail(Some(C::AssetTag), Reason::NoAsset { key: tag.as_str().to_owned() })
            }
            (ImportMode::Update | ImportMode::Upsert, None, None) => row.fail(Some(C::AssetTag), Reason::Empty),
            _ => {}
        }
        let model = self.model(row, create_missing, existing.map(|a| a.fields.model_id));
        let site = row.named(C::Site, &self.lookups.sites, Term::Site, create_missing);
        let location = self.location(row, site.as_ref(), create_missing);
        let supplier = row.named(C::Supplier, &self.lookups.suppliers, Term::Supplier, create_missing);
        let purchase_date = row.date(C::PurchaseDate, order);
        let mut warranty_end = row.date(C::WarrantyEnd, order);
        if let (None, Some(months)) = (warranty_end, row.cell(C::WarrantyMonths)) {
            match months.trim().parse::<u32>() {
                Ok(months) => warranty_end = purchase_date.and_then(|d| d.checked_add_months(Months::new(months))),
                Err(_) => row.fail(Some(C::WarrantyMonths), Reason::PositiveWholeNumber),
            }
        }
        let purchase_cost = row.cell(C::PurchaseCost).and_then(|text| {
            let cost = parse_amount(text);
            if cost.is_none() {
                row.fail(Some(C::PurchaseCost), Reason::AmountExample);
            }
            cost
        });
        let status = row.cell(C::Status).map(|text| {
            status(text).unwrap_or_else(|| {
                row.fail(Some(C::Status), Reason::StatusUnknown { value: text.to_owned() });
                AssetStatus::InStock
            })
        });
        let holder = self.holder(row);
        let expected_checkin = row.date(C::ExpectedCheckin, order);
        let last_audit = row.date(C::LastAudit, order);
        let model = model?;

        let base = existing.map(|a| &a.fields);
        let keep = |new: Option<String>, old: Option<&Option<String>>| new.or_else(|| old.cloned().flatten());
        let held = existing.and_then(|a| a.current_assignment.as_ref());
        let mut plan = AssetPlan {
            existing: existing.map(|a| a.id),
            version: existing.map(|a| a.version),
            asset_tag: tag.as_ref().map(|t| t.as_str().to_owned()),
            name: row.text(C::Name).or_else(|| base.map(|b| b.name.clone())).unwrap_or_else(|| self.model_name(&model)),
            serial: keep(row.text(C::Serial), base.map(|b| &b.serial)),
            model,
            status: status.or(base.map(|b| b.status)).unwrap_or_default(),
            site: None,
            location: None,
            supplier: supplier.or_else(|| base.and_then(|b| b.supplier_id).map(Named::Id)),
            order_number: keep(row.text(C::OrderNumber), base.map(|b| &b.order_number)),
            purchase_date: purchase_date.or(base.and_then(|b| b.purchase_date)),
            purchase_cost: purchase_cost.or(base.and_then(|b| b.purchase_cost)),
            warranty_end: warranty_end.or(base.and_then(|b| b.warranty_end)),
            notes: keep(row.text(C::Notes), base.map(|b| &b.notes)),
            holder,
            expected_checkin,
            last_audit,
            custom: base.map(|b| b.custom.clone()).unwrap_or_default(),
        };
        self.custom(row, &mut plan, line);
        (plan.site, plan.location) = self.placement(row, site, location, base);
        // A holder the asset already has is no change; another one is a check-in first.
        if let (Some(held), Some(holder)) = (held, plan.holder) {
            let same = match holder {
                Holder::Employee(id) => held.employee_id == Some(id),
                Holder::Location(id) => held.location_id == Some(id),
            };
            if same {
                plan.holder = None;
            } else {
                row.fail(None, Reason::AlreadyOut { tag: plan.asset_tag.clone().unwrap_or_default() });
            }
        }
        self.rules(row, &plan, existing.map(|a| a.fields.status), held.is_some(), line);
        let fields = fields_of(&plan);
        let unchanged = existing.is_some_and(|a| {
            plan.holder.is_none() && plan.last_audit.is_none() && fields.as_ref().is_some_and(|f| same(f, &a.fields))
        });
        let status = match (existing, unchanged) {
            (_, true) => RowStatus::Unchanged,
            (Some(_), false) => RowStatus::Update,
            (None, _) => RowStatus::Create,
        };
        Some((plan, status))
    }

    /// The asset's own rules: what its status may be, its fields' limits, its serial unique.
    fn rules(&mut self, row: &mut Row<'_, C>, plan: &AssetPlan, current: Option<AssetStatus>, held: bool, line: u64) {
        match (plan.holder, plan.status) {
            (Some(_), AssetStatus::InStock | AssetStatus::Assigned) => {
                // Checked out as the desk would: from in stock, where an edit may take it.
                if let Some(from) = current.filter(|_| !held)
                    && let Err(err) = from.edit_to(AssetStatus::InStock)
                {
                    fail_domain(row, C::Status, err);
                }
            }
            (Some(_), other) => row.fail(Some(C::Status), Reason::HolderOfUnavailable { status: other }),
            (None, AssetStatus::Assigned) if !held => row.fail(Some(C::Status), Reason::AssignedNeedsHolder),
            (None, to) => {
                if let Some(from) = current
                    && let Err(err) = from.edit_to(to)
                {
                    fail_domain(row, C::Status, err);
                }
            }
        }
        let mut fields = fields_of(plan).unwrap_or_else(|| plan.fields(1, None, None, None));
        fields.status = AssetStatus::InStock;
        if let Err(DomainError::Invalid(errors)) = fields.validate() {
            for error in errors {
                row.fail(field_column(&error.field), error.reason);
            }
        }
        if let Some(serial) = &plan.serial {
            let maker = self.manufacturer_of(&plan.model);
            let key = fold(serial);
            if let Some(maker) = maker
                && let Some(tag) = self.lookups.serials.get(&(maker, key.clone()))
                && plan.asset_tag.as_deref() != Some(tag.as_str())
            {
                row.fail(Some(C::Serial), Reason::SerialUsed);
            }
            if let Some(first) = self.serials.insert((maker, key), line) {
                row.fail(Some(C::Serial), Reason::SerialTwiceInFile { line: first });
            }
        }
    }
}

/// The fields a plan writes, when every name it gives is of a record that exists.
fn fields_of(plan: &AssetPlan) -> Option<AssetFields> {
    let id = |n: &Option<Named>| match n {
        None => Some(None),
        Some(Named::Id(id)) => Some(Some(*id)),
        Some(Named::New(_)) => None,
    };
    let ModelPlan::Id(model_id) = plan.model else { return None };
    let location_id = match plan.location {
        None => None,
        Some(LocationPlan::Id(id)) => Some(id),
        Some(LocationPlan::New { .. }) => return None,
    };
    Some(plan.fields(model_id, id(&plan.site)?, location_id, id(&plan.supplier)?))
}

/// Whether an update would change nothing (a site the location implies counts as the same).
fn same(new: &AssetFields, old: &AssetFields) -> bool {
    let json = |f: &AssetFields| serde_json::to_value(f).unwrap_or_default();
    let mut new = json(new);
    if new["site_id"].is_null() {
        new["site_id"] = json(old)["site_id"].clone();
    }
    new == json(old)
}

/// The column of an asset field a rule names.
fn field_column(field: &str) -> Option<C> {
    C::named(field).or(match field {
        "model_id" => Some(C::Model),
        "site_id" => Some(C::Site),
        "location_id" => Some(C::Location),
        "supplier_id" => Some(C::Supplier),
        _ => None,
    })
}
