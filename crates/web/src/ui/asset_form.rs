//! Creating and editing an asset, retiring it or reporting it lost. A refused form comes back
//! filled in, each message beside its field; the store's rules are the only rules.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, AssetRef, Names};
use std::collections::HashMap;

use radgestmat_domain::{
    Actor, AssetFields, AssetStatus, AssetView, AuditFilter, CustomFieldFields, IdSort, List, MarkLost, Reason,
};

use super::forms::{Errors, Fields};
use super::{Ctx, Ui, UiError, UiResult};
use crate::auth::perm;

#[derive(Template)]
#[template(path = "assets/form.html")]
struct FormPage {
    c: Ctx,
    /// The asset edited; `None` for a new one.
    asset: Option<AssetView>,
    version: i64,
    form: Fields,
    errors: Errors,
    models: Vec<(i64, String)>,
    sites: Vec<(i64, String)>,
    locations: Vec<super::SiteLocations>,
    suppliers: Vec<(i64, String)>,
    statuses: Vec<AssetStatus>,
    /// The asset that already has the tag typed, when that is why the form was refused.
    holder_of_tag: Option<AssetView>,
    /// The custom fields, by category (id, name, its fields), and each model's category.
    custom: Vec<(i64, String, Vec<CustomFieldFields>)>,
    model_categories: HashMap<i64, i64>,
    /// What others changed since the form was opened, when a save came too late.
    changed: Vec<super::history::Story>,
}

impl FormPage {
    async fn new(c: Ctx, app: &App, asset: Option<AssetView>, form: Fields, errors: Errors) -> UiResult<FormPage> {
        let current = asset.as_ref().map_or(AssetStatus::InStock, |a| a.fields.status);
        let statuses = AssetStatus::ALL.iter().copied().filter(|s| current.edit_to(*s).is_ok()).collect();
        Ok(FormPage {
            c,
            version: asset.as_ref().map_or(0, |a| a.version),
            asset,
            form,
            errors,
            models: super::options(app, Names::Models).await?,
            sites: super::options(app, Names::Sites).await?,
            locations: super::locations_by_site(app).await?,
            suppliers: super::options(app, Names::Suppliers).await?,
            statuses,
            holder_of_tag: None,
            custom: custom_groups(app).await?,
            model_categories: app.model_categories().await?,
            changed: Vec::new(),
        })
    }

    fn value(&self, name: &str) -> &str {
        self.form.get(name)
    }

    /// A model's category, for the script that shows its custom fields.
    fn category_of(&self, model: &i64) -> i64 {
        self.model_categories.get(model).copied().unwrap_or_default()
    }

    fn custom_name(&self, field: &CustomFieldFields) -> String {
        format!("custom.{}", field.key)
    }

    fn kind_of(&self, field: &CustomFieldFields) -> &'static str {
        field.kind.as_str()
    }

    fn is(&self, name: &str, id: &i64) -> bool {
        self.form.get(name) == id.to_string()
    }

    fn action(&self) -> String {
        self.asset.as_ref().map_or_else(|| "/assets/new".to_owned(), |a| format!("/assets/{}/edit", a.id))
    }

    /// `aria-invalid` of a field.
    fn invalid(&self, name: &str) -> bool {
        self.errors.has(name)
    }

    /// A refused tag that another asset has: that asset, to link to.
    async fn find_tag_holder(mut self, app: &App, actor: &Actor) -> UiResult<FormPage> {
        if self.errors.reason("asset_tag") == Some(&Reason::TagUsed) {
            self.holder_of_tag = app.get_asset_by_tag(actor, self.form.get("asset_tag")).await.ok();
        }
        Ok(self)
    }

    /// Renders with 422 when the form was refused.
    fn respond(&self) -> UiResult {
        let status = if self.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        super::render_status(status, self)
    }
}

/// The custom fields grouped by category, the categories in name order.
async fn custom_groups(app: &App) -> UiResult<Vec<(i64, String, Vec<CustomFieldFields>)>> {
    let categories = super::options(app, Names::Categories).await?;
    let fields = app.custom_fields().await?;
    Ok(categories
        .into_iter()
        .filter_map(|(id, name)| {
            let of: Vec<CustomFieldFields> = fields.iter().filter(|f| f.category_id == id).cloned().collect();
            (!of.is_empty()).then_some((id, name, of))
        })
        .collect())
}

/// The form's fields of an asset, as the edit form shows them first.
fn fields_of(asset: &AssetView, tr: &super::i18n::Tr) -> Fields {
    let f = &asset.fields;
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    Fields::from_pairs([
        ("asset_tag", asset.tag().to_owned()),
        ("serial", f.serial.clone().unwrap_or_default()),
        ("name", f.name.clone()),
        ("model_id", f.model_id.to_string()),
        ("status", f.status.as_str().to_owned()),
        ("site_id", id(f.site_id)),
        ("location_id", id(f.location_id)),
        ("supplier_id", id(f.supplier_id)),
        ("order_number", f.order_number.clone().unwrap_or_default()),
        ("purchase_date", f.purchase_date.map(|d| d.to_string()).unwrap_or_default()),
        ("purchase_cost", f.purchase_cost.map(|m| tr.amount_input(m)).unwrap_or_default()),
        ("warranty_end", f.warranty_end.map(|d| d.to_string()).unwrap_or_default()),
        ("notes", f.notes.clone().unwrap_or_default()),
    ])
    .with(
        f.custom
            .iter()
            .map(|(key, value)| (format!("custom.{key}"), radgestmat_domain::CustomFieldFields::text(value))),
    )
}

/// Reads the form; what cannot be read is recorded in `errors` and nothing is returned.
fn parse(form: &Fields, errors: &mut Errors) -> Option<AssetFields> {
    let model_id = form.id("model_id", errors);
    if model_id.is_none() && !errors.has("model_id") {
        errors.add("model_id", Reason::MustBeChosen);
    }
    let status = form.choice("status", errors).unwrap_or_default();
    let purchase_cost = form.opt("purchase_cost").and_then(|text| {
        let cost = radgestmat_domain::parse_money(&text);
        if cost.is_none() {
            errors.add("purchase_cost", Reason::AmountExample);
        }
        cost
    });
    let fields = AssetFields {
        asset_tag: form.opt("asset_tag"),
        serial: form.opt("serial"),
        name: form.get("name").to_owned(),
        model_id: model_id.unwrap_or_default(),
        status,
        site_id: form.id("site_id", errors),
        location_id: form.id("location_id", errors),
        supplier_id: form.id("supplier_id", errors),
        order_number: form.opt("order_number"),
        purchase_date: form.date("purchase_date", errors),
        purchase_cost,
        warranty_end: form.date("warranty_end", errors),
        notes: form.opt("notes"),
        // Every custom field of the form, an empty one as null: the store keeps those of the
        // model's category and an edit clears what was emptied.
        custom: form
            .pairs()
            .filter_map(|(k, v)| k.strip_prefix("custom.").map(|key| (key, v.trim())))
            .map(|(key, v)| (key.to_owned(), if v.is_empty() { serde_json::Value::Null } else { v.into() }))
            .collect(),
    };
    // The domain's checks too, so that every invalid field is said at once (a field the form
    // could not read keeps its own message).
    if let Err(err) = radgestmat_domain::Validate::validate(&fields) {
        errors.absorb_domain(err);
    }
    errors.is_empty().then_some(fields)
}

pub async fn new_form(ui: Ui<perm::ManageInventory>, State(app): State<App>) -> UiResult {
    FormPage::new(ui.c, &app, None, Fields::default(), Errors::default()).await?.respond()
}

pub async fn create(ui: Ui<perm::ManageInventory>, State(app): State<App>, form: Fields) -> UiResult {
    let mut errors = Errors::default();
    if let Some(fields) = parse(&form, &mut errors) {
        match app.create_asset(&ui.actor, fields).await {
            Ok(asset) => return Ok(Redirect::to(&format!("/assets/{}?done=created", asset.id)).into_response()),
            Err(err) => errors.absorb(err)?,
        }
    }
    let actor = ui.actor.clone();
    FormPage::new(ui.c, &app, None, form, errors).await?.find_tag_holder(&app, &actor).await?.respond()
}

pub async fn edit_form(ui: Ui<perm::ManageInventory>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    let asset = app.get_asset(&ui.actor, id).await?;
    let form = fields_of(&asset, &ui.c.tr);
    FormPage::new(ui.c, &app, Some(asset), form, Errors::default()).await?.respond()
}

/// Saves an edit made on `version`; if someone saved in between, the form comes back with what
/// was typed and a notice, and a second save overwrites knowingly.
pub async fn update(
    ui: Ui<perm::ManageInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    let mut errors = Errors::default();
    let version = form.get("version").parse::<i64>().ok();
    if let Some(fields) = parse(&form, &mut errors) {
        let patch = serde_json::to_value(&fields).map_err(|e| UiError::Internal(e.into()))?;
        match app.update_asset(&ui.actor, id, version, patch).await {
            Ok(asset) => return Ok(Redirect::to(&format!("/assets/{}?done=saved", asset.id)).into_response()),
            Err(err) => errors.absorb(err)?,
        }
    }
    let asset = app.get_asset(&ui.actor, id).await?;
    // Each change of the asset bumps its version: the newest entries, as many as it moved on.
    let missed = version.map_or(0, |v| (asset.version - v).clamp(0, 10)) as u64;
    let (actor, tr) = (ui.actor.clone(), ui.c.tr);
    let mut page = FormPage::new(ui.c, &app, Some(asset), form, errors).await?.find_tag_holder(&app, &actor).await?;
    if page.errors.general.is_some() {
        page.errors.general = Some(Reason::ChangedElsewhere);
        if missed > 0 {
            let newest = List {
                sort: Some(IdSort::Id),
                descending: true,
                limit: missed,
                ..List::of(AuditFilter::of("asset", id))
            };
            page.changed = super::history::stories(&app, &tr, app.list_audit(&actor, &newest).await?.items).await?;
        }
    }
    page.respond()
}

/// Retires the asset, or reports it lost (closing its loan if it is out), once the box saying so
/// is ticked: the confirmation works without JavaScript.
pub async fn retire(
    ui: Ui<perm::ManageInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    if !form.is("confirm", "yes") {
        return Ok(Redirect::to(&format!("/assets/{id}?done=unconfirmed")).into_response());
    }
    let status = match AssetStatus::parse(form.get("status")) {
        Ok(s @ (AssetStatus::Retired | AssetStatus::Lost)) => s,
        _ => return Err(UiError::BadRequest("status: expected retired or lost".into())),
    };
    let out = app.get_asset(&ui.actor, id).await?.current_assignment.is_some();
    if status == AssetStatus::Lost && out {
        app.mark_lost(&ui.actor, AssetRef::Id(id), MarkLost { note: form.opt("note") }).await?;
    } else {
        app.set_status(&ui.actor, id, version_of(&form), status, form.opt("note")).await?;
    }
    Ok(Redirect::to(&format!("/assets/{id}?done={}", status.as_str())).into_response())
}

/// Back from repair: in stock again, with the form's note added to the asset's notes (the
/// repair record itself comes with the field operations).
pub async fn repaired(
    ui: Ui<perm::ManageInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    app.return_from_repair(&ui.actor, id, version_of(&form), form.opt("note")).await?;
    Ok(Redirect::to(&format!("/assets/{id}?done=repaired")).into_response())
}

/// The version the form was filled in on.
fn version_of(form: &Fields) -> Option<i64> {
    form.get("version").parse::<i64>().ok()
}
