//! Administration of the reference data (sites, locations, departments, employees, catalogue):
//! one list-and-form page per kind, described by its fields. The form becomes the same JSON the
//! API takes, read by the domain's own types and checked by the store: no rule lives here.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{
    App, Categories, CustomFields, Departments, Employees, Locations, Manufacturers, Models, Names, Resource, Sites,
    Suppliers,
};
use radgestmat_domain::{Actor, List, Reason, Stored};
use serde_json::{Map, Value};

use super::forms::{Errors, Fields, Pager, QueryFields};
use super::{Ctx, Ui, UiError, UiResult};
use crate::auth::perm;

/// How a field is typed in.
#[derive(Clone, Copy)]
pub enum Input {
    Text,
    Email,
    /// One of the records of this table.
    Ref(Names),
    /// One of these values (labels: `choice-<value>`).
    Choice(&'static [&'static str]),
    Check,
    /// Several values (e-mail addresses, a list's choices), one per line or comma-separated.
    Several,
}

pub struct Field {
    pub name: &'static str,
    pub input: Input,
    pub required: bool,
}

const fn field(name: &'static str, input: Input, required: bool) -> Field {
    Field { name, input, required }
}

/// A kind of reference record the administration edits.
pub trait Kind: Resource {
    /// The path under `/admin/` and the key of its title (`admin-<path>`).
    const PATH: &'static str;
    const FORM: &'static [Field];
    /// How many of the first fields the list shows.
    const COLUMNS: usize = 2;
}

macro_rules! kinds {
    ($($type:ty => $path:literal, [$($field:expr),* $(,)?] $(, $columns:literal)?;)*) => {$(
        impl Kind for $type {
            const PATH: &'static str = $path;
            const FORM: &'static [Field] = &[$($field),*];
            $(const COLUMNS: usize = $columns;)?
        }
    )*};
}

use Input::*;
kinds! {
    Sites => "sites", [field("code", Text, true), field("name", Text, true),
        field("kind", Choice(&["head_office", "warehouse", "store"]), true), field("city", Text, false),
        field("it_contacts", Several, false)], 4;
    Locations => "locations", [field("name", Text, true), field("site_id", Ref(Names::Sites), true)];
    Departments => "departments", [field("name", Text, true)], 1;
    Employees => "employees", [field("last_name", Text, true), field("first_name", Text, true),
        field("matricule", Text, true), field("email", Email, false), field("department_id", Ref(Names::Departments), false),
        field("site_id", Ref(Names::Sites), false), field("active", Check, false)], 5;
    Categories => "categories", [field("name", Text, true)], 1;
    Manufacturers => "manufacturers", [field("name", Text, true)], 1;
    Models => "models", [field("name", Text, true), field("category_id", Ref(Names::Categories), true),
        field("manufacturer_id", Ref(Names::Manufacturers), true), field("model_number", Text, false)], 3;
    Suppliers => "suppliers", [field("name", Text, true), field("email", Email, false), field("phone", Text, false)], 3;
    CustomFields => "custom-fields", [field("name", Text, true), field("key", Text, true),
        field("category_id", Ref(Names::Categories), true),
        field("kind", Choice(&["text", "number", "date", "list", "boolean"]), true), field("required", Check, false),
        field("unique", Check, false), field("format", Choice(&["mac_address", "imei"]), false),
        field("options", Several, false)], 4;
}

/// Every kind, for the administration's index.
pub const PATHS: [&str; 9] = [
    "sites",
    "locations",
    "departments",
    "employees",
    "categories",
    "manufacturers",
    "models",
    "suppliers",
    "custom-fields",
];

#[derive(Template)]
#[template(path = "admin/kind.html")]
struct KindPage {
    c: Ctx,
    path: &'static str,
    fields: &'static [Field],
    columns: usize,
    rows: Vec<(i64, Fields)>,
    pager: Pager,
    names: HashMap<&'static str, Vec<(i64, String)>>,
    q: Fields,
    /// The record edited, if any, and the form as typed.
    editing: Option<i64>,
    form: Fields,
    errors: Errors,
    done: String,
}

impl KindPage {
    fn title(&self) -> String {
        self.c.t(&format!("admin-{}", self.path))
    }

    fn done_message(&self) -> String {
        self.c.t(&format!("admin-done-{}", self.done))
    }

    fn label(&self, field: &Field) -> String {
        self.c.t(&format!("field-{}", field.name))
    }

    fn options(&self, field: &Field) -> &[(i64, String)] {
        self.names.get(field.name).map_or(&[], Vec::as_slice)
    }

    fn choices(&self, field: &Field) -> Vec<(&'static str, String)> {
        match field.input {
            Choice(values) => values.iter().map(|v| (*v, self.c.t(&format!("choice-{v}")))).collect(),
            _ => vec![],
        }
    }

    fn is_text(&self, field: &Field) -> bool {
        matches!(field.input, Text | Email)
    }

    fn input_type(&self, field: &Field) -> &'static str {
        if matches!(field.input, Email) { "email" } else { "text" }
    }

    fn is_ref(&self, field: &Field) -> bool {
        matches!(field.input, Ref(_))
    }

    fn is_check(&self, field: &Field) -> bool {
        matches!(field.input, Check)
    }

    fn is_several(&self, field: &Field) -> bool {
        matches!(field.input, Several)
    }

    /// What a list cell shows: a referenced record's name, a choice's label, yes/no.
    fn cell(&self, field: &Field, row: &Fields) -> String {
        let value = row.get(field.name);
        match field.input {
            Ref(_) => self
                .options(field)
                .iter()
                .find(|(id, _)| id.to_string() == value)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            Choice(_) if !value.is_empty() => self.c.t(&format!("choice-{value}")),
            Check => self.c.t(if value == "true" { "yes" } else { "no" }),
            _ => value.to_owned(),
        }
    }

    fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/admin/{}/{id}", self.path),
            None => format!("/admin/{}", self.path),
        }
    }
}

/// A stored record as the form's fields.
fn to_fields<F: serde::Serialize>(fields: &F) -> Fields {
    let Ok(Value::Object(map)) = serde_json::to_value(fields) else { return Fields::default() };
    Fields::from_pairs(map.into_iter().map(|(k, v)| {
        let text = match v {
            Value::Null => String::new(),
            Value::String(s) => s,
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"),
            other => other.to_string(),
        };
        (k, text)
    }))
}

/// The form as the API's JSON; what cannot be read goes to `errors`.
fn to_json(fields: &[Field], form: &Fields, errors: &mut Errors) -> Value {
    let mut map = Map::new();
    for f in fields {
        let text = form.get(f.name);
        let value = match f.input {
            Text | Email | Choice(_) if text.is_empty() && !f.required => Value::Null,
            Text | Email | Choice(_) => text.into(),
            Ref(_) => form.id(f.name, errors).map_or(Value::Null, Value::from),
            Check => (text == "true").into(),
            Several => text.split([',', '\n', ';']).map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().into(),
        };
        map.insert(f.name.to_owned(), value);
    }
    Value::Object(map)
}

async fn page<K: Kind>(
    app: &App,
    actor: &Actor,
    c: Ctx,
    q: Fields,
    editing: Option<i64>,
    form: Fields,
    errors: Errors,
) -> UiResult<KindPage> {
    let query = List::<K::Filter>::from_page(q.pairs().filter(|(k, _)| ["q", "cursor"].contains(k)))?;
    let list = app.list::<K>(actor, &query).await?;
    let rows = list.items.iter().map(|r: &Stored<K::Fields>| (r.id, to_fields(&r.fields))).collect();
    let pager = Pager::new(&format!("/admin/{}", K::PATH), &q, &["q"], list.next_cursor.as_deref());
    let mut names = HashMap::new();
    for f in K::FORM {
        if let Ref(of) = f.input {
            names.insert(f.name, super::options(app, of).await?);
        }
    }
    let done = q.get("done").to_owned();
    Ok(KindPage {
        c,
        path: K::PATH,
        fields: K::FORM,
        columns: K::COLUMNS,
        rows,
        pager,
        names,
        q,
        editing,
        form,
        errors,
        done,
    })
}

pub async fn list<K: Kind>(
    ui: Ui<perm::ManageInventory>,
    State(app): State<App>,
    QueryFields(q): QueryFields,
) -> UiResult {
    let form = Fields::from_pairs([("active", "true".to_owned())]);
    super::render(&page::<K>(&app, &ui.actor, ui.c, q, None, form, Errors::default()).await?)
}

pub async fn edit<K: Kind>(ui: Ui<perm::ManageInventory>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    let record = app.get::<K>(&ui.actor, id).await?;
    let fields = to_fields(&record.fields);
    super::render(&page::<K>(&app, &ui.actor, ui.c, Fields::default(), Some(id), fields, Errors::default()).await?)
}

/// Creates (`id` absent) or updates a record from its form.
async fn save<K: Kind>(ui: Ui<perm::ManageInventory>, app: App, id: Option<i64>, form: Fields) -> UiResult {
    let mut errors = Errors::default();
    let json = to_json(K::FORM, &form, &mut errors);
    if errors.is_empty() {
        let result = match id {
            Some(id) => app.update::<K>(&ui.actor, id, json, false).await,
            None => match serde_path_to_error::deserialize::<_, K::Fields>(json) {
                Ok(fields) => app.create::<K>(&ui.actor, fields).await,
                Err(err) => {
                    errors.add(&err.path().to_string(), Reason::NotValid);
                    return respond::<K>(ui, &app, id, form, errors).await;
                }
            },
        };
        match result {
            Ok(_) => {
                let done = if id.is_some() { "saved" } else { "created" };
                return Ok(Redirect::to(&format!("/admin/{}?done={done}", K::PATH)).into_response());
            }
            Err(err) => errors.absorb(err)?,
        }
    }
    respond::<K>(ui, &app, id, form, errors).await
}

async fn respond<K: Kind>(
    ui: Ui<perm::ManageInventory>,
    app: &App,
    id: Option<i64>,
    form: Fields,
    errors: Errors,
) -> UiResult {
    let page = page::<K>(app, &ui.actor, ui.c, Fields::default(), id, form, errors).await?;
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

pub async fn create<K: Kind>(ui: Ui<perm::ManageInventory>, State(app): State<App>, form: Fields) -> UiResult {
    save::<K>(ui, app, None, form).await
}

pub async fn update<K: Kind>(
    ui: Ui<perm::ManageInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    save::<K>(ui, app, Some(id), form).await
}

/// Deletes a record nobody uses; otherwise the page says who still does.
pub async fn delete<K: Kind>(ui: Ui<perm::ManageInventory>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    match app.delete::<K>(&ui.actor, id).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/{}?done=deleted", K::PATH)).into_response()),
        Err(radgestmat_app::Error::Domain(radgestmat_domain::DomainError::Conflict { reason, .. })) => {
            let mut errors = Errors::default();
            errors.general = Some(reason);
            let record = app.get::<K>(&ui.actor, id).await?;
            let fields = to_fields(&record.fields);
            let page = page::<K>(&app, &ui.actor, ui.c, Fields::default(), Some(id), fields, errors).await?;
            super::render_status(StatusCode::CONFLICT, &page)
        }
        Err(err) => Err(UiError::from(err)),
    }
}

/// The routes of one kind.
pub fn routes<K: Kind>(router: axum::Router<crate::AppState>) -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    router
        .route(&format!("/admin/{}", K::PATH), get(list::<K>).post(create::<K>))
        .route(&format!("/admin/{}/{{id}}", K::PATH), get(edit::<K>).post(update::<K>))
        .route(&format!("/admin/{}/{{id}}/delete", K::PATH), post(delete::<K>))
}

/// All of them.
pub fn all_routes(router: axum::Router<crate::AppState>) -> axum::Router<crate::AppState> {
    let router = routes::<Sites>(routes::<Locations>(routes::<Departments>(routes::<Employees>(router))));
    let router = routes::<Categories>(routes::<Manufacturers>(routes::<Models>(routes::<Suppliers>(router))));
    routes::<CustomFields>(router)
}
