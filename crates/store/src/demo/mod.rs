//! Demo data: a plausible Tunisian retail company, deterministic for a given seed.
//! Reference data goes through the normal use cases; assets are inserted in batches.

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};
use radgestmat_domain::{
    Actor, AssetModelFields, AssetStatus, AssetTag, AuditAction, CategoryFields, DepartmentFields, DomainError,
    EmployeeFields, LocationFields, ManufacturerFields, Reason, SiteFields, SiteKind, SupplierFields, fold,
};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use tracing::instrument;

mod custom;
mod data;

use crate::assets::AssetColumns;
use crate::entities::{assets, assignments, sites};
use crate::reference_data::{
    Categories, CustomFields, Departments, Employees, Locations, Manufacturers, Models, Sites, Suppliers,
};
use crate::{Result, Store, now};
use custom::DemoCustom;
use data::{CATALOGUE, CITIES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, SUPPLIERS};

/// What `demo-data` created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub sites: u64,
    pub employees: u64,
    pub models: u64,
    pub assets: u64,
    pub assignments: u64,
}

/// SplitMix64: tiny, and stable forever, unlike a library's default generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Assets per insert statement: well under both databases' limits on bound parameters.
const BATCH: usize = 500;

/// A model of the demo catalogue, with what its assets are made of.
struct DemoModel {
    id: i64,
    maker_id: i64,
    /// The search text of the model.
    text: String,
    /// In millimes.
    cost: i64,
    name: String,
    custom: Option<DemoCustom>,
}

impl Store {
    /// Fills an empty database with a company and `assets` assets, deterministic for `seed`.
    #[instrument(skip(self))]
    pub async fn load_demo_data(&self, assets: u64, seed: u64) -> Result<DemoSummary> {
        if sites::Entity::find().count(&self.db).await? > 0 {
            return Err(DomainError::conflict(Reason::DemoNeedsEmpty).into());
        }
        let actor = Actor::system("demo-data");
        let mut rng = Rng(seed);
        let (site_ids, location_ids) = self.demo_sites(&actor).await?;
        let employees = (assets / 4).clamp(40, 2_000);
        let holders = self.demo_people(&actor, &mut rng, employees, &site_ids).await?;
        let mut supplier_ids = Vec::new();
        for name in SUPPLIERS {
            let fields = SupplierFields {
                name: name.into(),
                email: None,
                phone: Some(format!("+216 71 {:06}", rng.below(1_000_000))),
            };
            supplier_ids.push(self.create::<Suppliers>(&actor, fields).await?.id);
        }
        let (models, custom_fields) = self.demo_catalogue(&actor).await?;
        let summary = DemoSummary {
            sites: site_ids.len() as u64,
            employees,
            models: models.len() as u64,
            assets: self.insert_demo_assets(&actor, &mut rng, assets, &models, &location_ids, &supplier_ids).await?,
            assignments: self.assign_demo_assets(&actor, &mut rng, &holders).await?,
        };
        // Made unique once the values are in, as an administrator would: each gets its row.
        for (field, _) in custom_fields.iter().filter(|(_, custom)| *custom == DemoCustom::Imei) {
            self.update::<CustomFields>(&actor, *field, serde_json::json!({"unique": true}), false).await?;
        }
        crate::dialect::analyze(&self.db).await?;
        Ok(summary)
    }

    /// The head office, the warehouse and the stores, three locations each: their ids, and
    /// (site, location) pairs.
    async fn demo_sites(&self, actor: &Actor) -> Result<(Vec<i64>, Vec<(i64, i64)>)> {
        let head = self.create::<Sites>(actor, site("TUN-HQ", "Siège Tunis", SiteKind::HeadOffice, "Tunis")).await?;
        let depot = self
            .create::<Sites>(actor, site("ENT-BENAROUS", "Entrepôt Ben Arous", SiteKind::Warehouse, "Ben Arous"))
            .await?;
        let mut site_ids = vec![head.id, depot.id];
        for (i, city) in CITIES.iter().enumerate() {
            let code = format!("MAG-{:02}", i + 1);
            let s = self.create::<Sites>(actor, site(&code, &format!("Magasin {city}"), SiteKind::Store, city)).await?;
            site_ids.push(s.id);
        }
        let mut location_ids = Vec::new();
        for &site_id in &site_ids {
            for name in ["Bureau", "Réserve", "Caisse"] {
                let l = self.create::<Locations>(actor, LocationFields { site_id, name: name.into() }).await?;
                location_ids.push((site_id, l.id));
            }
        }
        Ok((site_ids, location_ids))
    }

    /// The departments and `count` employees; returns the active ones' ids.
    async fn demo_people(&self, actor: &Actor, rng: &mut Rng, count: u64, site_ids: &[i64]) -> Result<Vec<i64>> {
        let mut department_ids = Vec::new();
        for name in DEPARTMENTS {
            department_ids.push(self.create::<Departments>(actor, DepartmentFields { name: name.into() }).await?.id);
        }
        let mut holders = Vec::new();
        for n in 1..=count {
            let (first, last) = (*rng.pick(&FIRST_NAMES), *rng.pick(&LAST_NAMES));
            let email = format!("{}.{}{n}@radgestmat.tn", fold(first), fold(last).replace(' ', ""));
            let fields = EmployeeFields {
                matricule: format!("E{n:05}"),
                first_name: first.into(),
                last_name: last.into(),
                email: Some(email),
                department_id: Some(*rng.pick(&department_ids)),
                site_id: Some(*rng.pick(site_ids)),
                active: rng.below(20) != 0,
            };
            let employee = self.create::<Employees>(actor, fields).await?;
            if employee.fields.active {
                holders.push(employee.id);
            }
        }
        Ok(holders)
    }

    /// The categories (with their custom fields: `(field, what)`), manufacturers and models.
    async fn demo_catalogue(&self, actor: &Actor) -> Result<(Vec<DemoModel>, Vec<(i64, DemoCustom)>)> {
        let mut models = Vec::new();
        let mut fields = Vec::new();
        let mut makers = std::collections::BTreeMap::new();
        for (category, entries) in CATALOGUE {
            let category_id = self.create::<Categories>(actor, CategoryFields { name: category.into() }).await?.id;
            let custom = DemoCustom::of(category);
            if let Some(custom) = custom {
                fields.push((self.create::<CustomFields>(actor, custom.field(category_id)).await?.id, custom));
            }
            for (maker, model, number, cost) in entries {
                let maker_id = match makers.get(maker) {
                    Some(id) => *id,
                    None => {
                        let fields = ManufacturerFields { name: (*maker).into() };
                        let id = self.create::<Manufacturers>(actor, fields).await?.id;
                        makers.insert(*maker, id);
                        id
                    }
                };
                let fields = AssetModelFields {
                    name: (*model).into(),
                    category_id,
                    manufacturer_id: maker_id,
                    model_number: Some((*number).into()),
                };
                models.push(DemoModel {
                    id: self.create::<Models>(actor, fields).await?.id,
                    maker_id,
                    text: format!("{model} {number} {maker}"),
                    cost: cost * 1000,
                    name: format!("{maker} {model}"),
                    custom,
                });
            }
        }
        Ok((models, fields))
    }

    async fn insert_demo_assets(
        &self,
        actor: &Actor,
        rng: &mut Rng,
        count: u64,
        models: &[DemoModel],
        locations: &[(i64, i64)],
        suppliers: &[i64],
    ) -> Result<u64> {
        use assets::Column as C;
        let prefix = self.options.asset_tag_prefix.clone();
        let txn = self.write().await?;
        let first = crate::counters::bump_counter(&txn, "asset_tag", count as i64).await? - count as i64 + 1;
        let at = now();
        let mut n = first;
        while n < first + count as i64 {
            let mut insert = Query::insert();
            // Every column but the id, then the search text.
            insert.into_table(assets::Entity).columns(AssetColumns::columns().skip(1).chain([C::Search]));
            for _ in 0..BATCH.min((first + count as i64 - n) as usize) {
                insert.values_panic(demo_asset(rng, n, &prefix, at, models, locations, suppliers));
                n += 1;
            }
            txn.execute(&insert).await?;
        }
        let details = serde_json::json!({ "assets": count, "first_tag": AssetTag::generated(&prefix, first).as_str() });
        crate::audit::record(&txn, actor, crate::audit::Change::event(AuditAction::AssetImport, details)).await?;
        self.commit(txn).await?;
        Ok(count)
    }

    /// Hands every asset marked assigned to an active employee: one in eight is a loan, a
    /// third of the loans late, as on any Monday morning. As a check-out does, a hand-over for good
    /// moves the asset to its holder's site; a loan leaves it counted at home.
    async fn assign_demo_assets(&self, actor: &Actor, rng: &mut Rng, holders: &[i64]) -> Result<u64> {
        use assignments::Column as C;
        let txn = self.write().await?;
        let out: Vec<(i64, Option<i64>, Option<i64>)> = assets::Entity::find()
            .select_only()
            .columns([assets::Column::Id, assets::Column::SiteId, assets::Column::LocationId])
            .filter(assets::Column::Status.eq(AssetStatus::Assigned.as_str()))
            .into_tuple()
            .all(&txn)
            .await?;
        let at = now();
        for chunk in out.chunks(BATCH) {
            let mut insert = Query::insert();
            insert.into_table(assignments::Entity).columns([
                C::AssetId,
                C::EmployeeId,
                C::CheckedOutAt,
                C::ExpectedReturnAt,
                C::HomeSiteId,
                C::HomeLocationId,
            ]);
            for &(asset, site, location) in chunk {
                let (since, due) = if rng.below(8) == 0 {
                    let since = at - TimeDelta::days(1 + rng.below(14) as i64);
                    (since, Some(since + TimeDelta::days(7 + rng.below(14) as i64)))
                } else {
                    (at - TimeDelta::days(1 + rng.below(700) as i64), None)
                };
                insert.values_panic([
                    asset.into(),
                    (*rng.pick(holders)).into(),
                    since.into(),
                    due.into(),
                    site.into(),
                    location.into(),
                ]);
            }
            txn.execute(&insert).await?;
        }
        txn.execute_unprepared(
            "UPDATE assets SET location_id = NULL, site_id = (SELECT e.site_id FROM assignments s \
             JOIN employees e ON e.id = s.employee_id WHERE s.asset_id = assets.id AND s.returned_at IS NULL) \
             WHERE status = 'assigned' AND NOT EXISTS (SELECT 1 FROM assignments l WHERE l.asset_id = assets.id \
             AND l.returned_at IS NULL AND l.expected_return_at IS NOT NULL)",
        )
        .await?;
        let details = serde_json::json!({ "assignments": out.len() });
        crate::audit::record(&txn, actor, crate::audit::Change::event(AuditAction::AssignmentImport, details)).await?;
        self.commit(txn).await?;
        Ok(out.len() as u64)
    }
}

/// One made-up asset's values, in the order of the demo insert's columns.
fn demo_asset(
    rng: &mut Rng,
    number: i64,
    prefix: &str,
    at: DateTime<Utc>,
    models: &[DemoModel],
    locations: &[(i64, i64)],
    suppliers: &[i64],
) -> Vec<SimpleExpr> {
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let tag = AssetTag::generated(prefix, number);
    let model = rng.pick(models);
    let (site_id, location_id) = *rng.pick(locations);
    let drawn = rng.next() & 0xFF_FFFF_FFFF;
    let serial = format!("SN{drawn:010X}");
    let custom: serde_json::Map<String, serde_json::Value> =
        model.custom.map(|custom| custom.value(number, drawn)).into_iter().collect();
    let custom_text = custom.values().map(radgestmat_domain::CustomFieldFields::text).collect::<Vec<_>>().join(" ");
    let bought = start.checked_add_days(Days::new(rng.below(2_800) as u64)).unwrap_or(start);
    let warranty = bought.checked_add_days(Days::new(365 * (1 + rng.below(3) as u64))).unwrap_or(bought);
    // As a company keeps its register: 2 % in repair, half a percent lost.
    let status = match rng.below(1000) {
        0..650 => AssetStatus::InStock,
        650..940 => AssetStatus::Assigned,
        940..960 => AssetStatus::InRepair,
        960..965 => AssetStatus::Lost,
        _ => AssetStatus::Retired,
    };
    let search = fold(&format!("{} {serial} {} {} {custom_text}", tag.as_str(), model.name, model.text));
    vec![
        tag.as_str().into(),
        serial.into(),
        model.name.clone().into(),
        model.id.into(),
        model.maker_id.into(),
        status.as_str().into(),
        site_id.into(),
        location_id.into(),
        (*rng.pick(suppliers)).into(),
        format!("BC-{}-{:05}", bought.format("%Y"), rng.below(100_000)).into(),
        bought.into(),
        (model.cost + (rng.below(200) as i64 - 100) * 1000).max(0).into(),
        warranty.into(),
        Option::<String>::None.into(),
        1i64.into(),
        at.into(),
        at.into(),
        // Seen in the yearly audit (3 % missed it by a month or two); in its status for up to 40
        // days: the demo's inbox holds tens of alerts, not one per asset.
        Some(at - TimeDelta::days(if rng.below(100) < 3 { 370 + rng.below(60) } else { rng.below(330) } as i64)).into(),
        (at - TimeDelta::days(rng.below(40) as i64)).into(),
        serde_json::Value::Object(custom).to_string().into(),
        search.into(),
    ]
}

fn site(code: &str, name: &str, kind: SiteKind, city: &str) -> SiteFields {
    let it_contacts = vec![format!("informatique.{}@radgestmat.tn", code.to_lowercase())];
    SiteFields { code: code.into(), name: name.into(), kind, city: Some(city.into()), it_contacts }
}
