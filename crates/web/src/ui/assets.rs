//! The asset register: the list with its search, filters, sort and pages, its CSV export, and
//! an asset's page with its holder, history and alerts.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, Names};
use radgestmat_domain::{
    Actor, AlertFilter, AlertState, AlertView, AssetFilter, AssetStatus, AssetView, AssignmentFilter, AssignmentSort,
    AuditFilter, CustomFieldFields, IdSort, List, Page, Permission,
};

use super::forms::{Fields, Pager, QueryFields, query};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;
use crate::export::{Cell, Column, Kind, Table};

/// Names to show beside the ids of a page of assets.
pub struct Lookup {
    models: HashMap<i64, String>,
    sites: HashMap<i64, String>,
    holders: HashMap<i64, String>,
    places: HashMap<i64, String>,
}

impl Lookup {
    pub async fn of(app: &App, assets: &[AssetView]) -> UiResult<Lookup> {
        let out = || assets.iter().filter_map(|a| a.current_assignment.as_ref());
        let holders: Vec<i64> = out().filter_map(|c| c.employee_id).collect();
        let places: Vec<i64> = out().filter_map(|c| c.location_id).collect();
        Ok(Lookup {
            models: app.names(Names::Models, None).await?,
            sites: app.names(Names::Sites, None).await?,
            holders: app.names(Names::Employees, Some(&holders)).await?,
            places: app.names(Names::Locations, Some(&places)).await?,
        })
    }

    pub fn model(&self, asset: &AssetView) -> &str {
        self.models.get(&asset.fields.model_id).map_or("", String::as_str)
    }

    pub fn site(&self, asset: &AssetView) -> &str {
        asset.fields.site_id.and_then(|id| self.sites.get(&id)).map_or("", String::as_str)
    }

    /// Who or where the asset is with: an employee's name, or a location's.
    pub fn holder(&self, asset: &AssetView) -> &str {
        let Some(current) = &asset.current_assignment else { return "" };
        let employee = current.employee_id.and_then(|id| self.holders.get(&id));
        employee.or_else(|| current.location_id.and_then(|id| self.places.get(&id))).map_or("", String::as_str)
    }
}

#[derive(Template)]
#[template(path = "assets/list.html")]
struct ListPage {
    c: Ctx,
    q: Fields,
    page: Page<AssetView>,
    names: Lookup,
    statuses: Vec<(String, String)>,
    sites: Vec<(i64, String)>,
    categories: Vec<(i64, String)>,
    pager: Pager,
    /// The current filters as a query string, without the cursor (for the CSV export).
    filter_query: String,
    /// The bulk form's choices, for those who may change assets.
    bulk: Option<super::bulk::Choices>,
    /// The custom fields a filter may ask for (the chosen category's) and a column may show
    /// (the chosen category's, else all).
    custom: CustomChoices,
}

/// The custom fields the list offers: to filter by, and as columns on demand (`show=imei`).
#[derive(Default)]
struct CustomChoices {
    filters: Vec<CustomFieldFields>,
    columns: Vec<CustomFieldFields>,
}

impl CustomChoices {
    async fn of(app: &App, q: &Fields) -> UiResult<CustomChoices> {
        let all = app.custom_fields().await?;
        let category = q.get("category_id").parse::<i64>().ok();
        let filters: Vec<CustomFieldFields> = all.iter().filter(|f| Some(f.category_id) == category).cloned().collect();
        let mut columns = if category.is_some() { filters.clone() } else { all };
        // A key two categories share is one column.
        let mut keys = std::collections::HashSet::new();
        columns.retain(|f| keys.insert(f.key.clone()));
        Ok(CustomChoices { filters, columns })
    }
}

impl ListPage {
    fn selected(&self, name: &str, value: &str) -> bool {
        self.q.get(name) == value
    }

    /// The custom fields shown as columns, in the fields' order.
    fn shown(&self) -> Vec<&CustomFieldFields> {
        self.custom.columns.iter().filter(|f| self.shows(&f.key)).collect()
    }

    fn shows(&self, key: &str) -> bool {
        self.q.all("show").any(|k| k == key)
    }

    /// The filter's value of a custom field, `custom.KEY`.
    fn custom_filter(&self, key: &str) -> &str {
        self.q.get(&format!("custom.{key}"))
    }

    /// An asset's value of a custom field, as a reader reads it.
    fn custom_value(&self, a: &AssetView, field: &CustomFieldFields) -> String {
        a.fields.custom.get(&field.key).map(|v| custom_text(&self.c, v)).unwrap_or_default()
    }

    /// The current filter, as the bulk form's hidden fields.
    fn filters(&self) -> Vec<(&str, &str)> {
        self.q.pairs().filter(|(k, v)| super::bulk::is_filter(k) && !v.is_empty()).collect()
    }

    fn sorts(&self) -> Vec<(&'static str, String)> {
        ["asset_tag", "name", "-updated_at", "warranty_end", "purchase_date"]
            .into_iter()
            .map(|s| (s, self.c.t(&format!("sort-{}", s.trim_start_matches('-')))))
            .collect()
    }
}

/// The list query of the page's parameters: its filters, search, sort and cursor.
fn list_query(q: &Fields, limit: u64) -> UiResult<List<AssetFilter>> {
    Ok(List { limit, count: true, ..List::from_page(q.pairs())? })
}

pub async fn list(ui: Ui<perm::ReadInventory>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let page = app.list_assets(&ui.actor, &list_query(&q, 50)?).await?;
    let names = Lookup::of(&app, &page.items).await?;
    let c = ui.c;
    let statuses =
        AssetStatus::ALL.iter().map(|s| (s.as_str().to_owned(), c.t(&format!("status-{}", s.as_str())))).collect();
    let filter_query = query(q.pairs().filter(|(k, _)| *k != "cursor"));
    let pager = Pager::keeping(
        "/assets",
        &q,
        |k| super::bulk::is_filter(k) || k == "sort" || k == "show",
        page.next_cursor.as_deref(),
    );
    let bulk = match c.manages() {
        true => Some(super::bulk::Choices::of(&app, &c).await?),
        false => None,
    };
    let custom = CustomChoices::of(&app, &q).await?;
    super::render(&ListPage {
        custom,
        bulk,
        pager,
        statuses,
        sites: super::options(&app, Names::Sites).await?,
        categories: super::options(&app, Names::Categories).await?,
        c,
        q,
        page,
        names,
        filter_query,
    })
}

/// Every asset of the current filter as CSV or XLSX, headers in the page's language.
pub async fn export(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    QueryFields(q): QueryFields,
    kind: Kind,
) -> UiResult {
    let c = &ui.c;
    let columns = [
        ("asset-tag", 14.0),
        ("asset-serial", 16.0),
        ("asset-name", 30.0),
        ("asset-model", 24.0),
        ("asset-status", 14.0),
        ("asset-site", 22.0),
        ("loan-holder", 22.0),
        ("asset-purchase-date", 12.0),
        ("asset-cost", 14.0),
        ("asset-warranty", 12.0),
    ];
    let custom = app.custom_fields().await?;
    let categories = app.model_categories().await?;
    let mut columns: Vec<Column> = columns.iter().map(|(k, w)| (c.t(k), *w)).collect();
    columns.extend(custom.iter().map(|f| (f.name.clone(), 18.0)));
    let mut table = Table::new(kind, c.tr, &columns)?;
    let mut query = list_query(&q, 500)?;
    query.count = false;
    loop {
        let page = app.list_assets(&ui.actor, &query).await?;
        let names = Lookup::of(&app, &page.items).await?;
        for a in &page.items {
            let f = &a.fields;
            let category = categories.get(&f.model_id).copied();
            let values = custom.iter().map(|field| match f.custom.get(&field.key) {
                Some(value) if Some(field.category_id) == category => Cell::Text(CustomFieldFields::text(value)),
                _ => Cell::Text(String::new()),
            });
            let mut cells = vec![
                Cell::Text(a.tag().to_owned()),
                Cell::text(f.serial.clone()),
                Cell::Text(f.name.clone()),
                Cell::Text(names.model(a).to_owned()),
                Cell::Text(c.t(&format!("status-{}", f.status.as_str()))),
                Cell::Text(names.site(a).to_owned()),
                Cell::Text(names.holder(a).to_owned()),
                Cell::Day(f.purchase_date),
                Cell::Amount(f.purchase_cost),
                Cell::Day(f.warranty_end),
            ];
            cells.extend(values);
            table.row(cells)?;
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    table.finish(&c.t("assets-file-name")).await
}

#[derive(Template)]
#[template(path = "assets/detail.html")]
struct DetailPage {
    c: Ctx,
    a: AssetView,
    names: Lookup,
    catalogue: Catalogue,
    loans: Vec<super::dashboard::LoanRow>,
    history: Vec<super::history::Story>,
    alerts: Vec<AlertView>,
    done: String,
    /// The custom fields' names and values, in the fields' order.
    custom: Vec<(String, String)>,
}

/// The catalogue facts of one asset.
struct Catalogue {
    category: String,
    manufacturer: String,
    location: String,
    supplier: String,
}

impl DetailPage {
    /// What the status means for someone looking for the asset ("In repair since …").
    fn state(&self) -> String {
        let key = format!("asset-state-{}", self.a.fields.status.as_str());
        self.c.tr.t1(&key, "since", self.c.tr.opt_time(&self.a.status_since))
    }

    fn holder(&self) -> &str {
        self.names.holder(&self.a)
    }

    fn model(&self) -> &str {
        self.names.model(&self.a)
    }

    fn site(&self) -> &str {
        self.names.site(&self.a)
    }

    fn can_check_out(&self) -> bool {
        self.c.checks_out() && self.a.fields.status.can_check_out()
    }

    fn can_check_in(&self) -> bool {
        self.c.checks_out() && self.a.current_assignment.is_some()
    }

    fn can_retire(&self) -> bool {
        self.c.manages() && !matches!(self.a.fields.status, AssetStatus::Retired)
    }
}

/// The asset's custom values as a reader reads them: its category's fields that have one.
async fn custom_values(app: &App, c: &Ctx, a: &AssetView) -> UiResult<Vec<(String, String)>> {
    if a.fields.custom.is_empty() {
        return Ok(Vec::new());
    }
    let category = app.model_categories().await?.get(&a.fields.model_id).copied();
    let fields = app.custom_fields().await?;
    Ok(fields
        .into_iter()
        .filter(|f| Some(f.category_id) == category)
        .filter_map(|f| Some((f.name, custom_text(c, a.fields.custom.get(&f.key)?))))
        .collect())
}

/// A custom value as a reader reads it: yes or no in their language, the rest as written.
fn custom_text(c: &Ctx, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(b) => c.t(if *b { "yes" } else { "no" }),
        other => CustomFieldFields::text(other),
    }
}

pub async fn detail(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    QueryFields(q): QueryFields,
) -> UiResult {
    let a = app.get_asset(&ui.actor, id).await?;
    let names = Lookup::of(&app, std::slice::from_ref(&a)).await?;
    let of_asset = AssignmentFilter { asset_id: Some(id), ..AssignmentFilter::default() };
    let newest = List { sort: Some(AssignmentSort::CheckedOutAt), descending: true, ..List::of(of_asset) };
    let loans = super::dashboard::loans(&app, &ui.actor, newest).await?;
    let alerts = app
        .list_alerts(&ui.actor, &List::of(AlertFilter { asset_id: Some(id), ..AlertFilter::default() }))
        .await?
        .items
        .into_iter()
        .filter(|alert| alert.state != AlertState::Resolved)
        .collect();
    let history = if ui.user.role.allows(Permission::ReadAudit) {
        let newest = List { sort: Some(IdSort::Id), descending: true, ..List::of(AuditFilter::of("asset", id)) };
        super::history::stories(&app, &ui.c.tr, app.list_audit(&ui.actor, &newest).await?.items).await?
    } else {
        vec![]
    };
    let catalogue = catalogue(&app, &ui.actor, &a).await?;
    let custom = custom_values(&app, &ui.c, &a).await?;
    let done = q.get("done").to_owned();
    super::render(&DetailPage { c: ui.c, a, names, catalogue, loans, history, alerts, done, custom })
}

async fn catalogue(app: &App, actor: &Actor, a: &AssetView) -> UiResult<Catalogue> {
    let model = app.get::<radgestmat_app::Models>(actor, a.fields.model_id).await?.fields;
    Ok(Catalogue {
        category: name_of(app, Names::Categories, Some(model.category_id)).await?,
        manufacturer: name_of(app, Names::Manufacturers, Some(model.manufacturer_id)).await?,
        location: name_of(app, Names::Locations, a.fields.location_id).await?,
        supplier: name_of(app, Names::Suppliers, a.fields.supplier_id).await?,
    })
}

/// The name of one record, or "" when there is none.
pub async fn name_of(app: &App, of: Names, id: Option<i64>) -> UiResult<String> {
    let Some(id) = id else { return Ok(String::new()) };
    Ok(app.names(of, Some(&[id])).await?.remove(&id).unwrap_or_default())
}

/// The header's box: a tag scanned or typed opens its asset; anything else searches the
/// register (tag, serial, name, model, holder).
pub async fn find(ui: Ui<perm::ReadInventory>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let text = q.get("q");
    if text.is_empty() {
        return Ok(Redirect::to("/assets").into_response());
    }
    match app.get_asset_by_tag(&ui.actor, text).await {
        Ok(asset) => Ok(Redirect::to(&format!("/assets/{}", asset.id)).into_response()),
        Err(err) if err.is_not_found() => Ok(Redirect::to(&format!("/assets{}", query([("q", text)]))).into_response()),
        Err(err) => Err(err.into()),
    }
}
