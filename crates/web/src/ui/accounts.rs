//! The administrator's pages: the index of the administration, user accounts and roles, and
//! the alert rules with their notification recipients.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, Employees, Owner, TokenInfo};
use radgestmat_domain::{
    Actor, AlertKind, AlertRule, AlertRuleView, List, NewUser, Password, Reason, Role, Severity, UserPatch, UserView,
};

use super::forms::{Errors, Fields, QueryFields};
use super::{Ctx, Ui, UiError, UiResult};
use crate::AppState;
use crate::auth::perm;

#[derive(Template)]
#[template(path = "admin/index.html")]
struct Index {
    c: Ctx,
    kinds: &'static [&'static str],
}

impl Index {
    fn title(&self, kind: &str) -> String {
        self.c.t(&format!("admin-{kind}"))
    }
}

pub async fn index(ui: Ui<perm::ManageInventory>) -> UiResult {
    super::render(&Index { c: ui.c, kinds: &super::admin::PATHS })
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    c: Ctx,
    users: Vec<UserView>,
    editing: Option<UserView>,
    /// The tokens of the account being edited.
    tokens: Vec<TokenInfo>,
    form: Fields,
    errors: Errors,
    done: String,
}

impl UsersPage {
    fn roles(&self) -> Vec<(&'static str, String)> {
        Role::ALL.iter().map(|r| (r.as_str(), self.c.t(&format!("role-{}", r.as_str())))).collect()
    }

    fn role_of(&self, user: &UserView) -> String {
        self.c.t(&format!("role-{}", user.fields.role.as_str()))
    }
}

async fn users_page(
    app: &App,
    actor: &Actor,
    c: Ctx,
    editing: Option<UserView>,
    form: Fields,
    errors: Errors,
    done: String,
) -> UiResult<UsersPage> {
    let query = List { limit: 500, ..List::default() };
    let users = app.list_users(actor, &query).await?.items;
    let tokens = match &editing {
        Some(user) => app.list_tokens(actor, Owner::User(user.id)).await?,
        None => Vec::new(),
    };
    Ok(UsersPage { c, users, editing, tokens, form, errors, done })
}

pub async fn users(ui: Ui<perm::ManageUsers>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let form = Fields::from_pairs([("role", "employee".to_owned()), ("link_by_email", "true".to_owned())]);
    super::render(&users_page(&app, &ui.actor, ui.c, None, form, Errors::default(), q.get("done").to_owned()).await?)
}

pub async fn user(ui: Ui<perm::ManageUsers>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    let user = app.get_user(&ui.actor, id).await?;
    let f = &user.fields;
    let matricule = match f.employee_id {
        Some(id) => app.get::<Employees>(&ui.actor, id).await?.fields.matricule,
        None => String::new(),
    };
    let form = Fields::from_pairs([
        ("display_name", f.display_name.clone()),
        ("email", f.email.clone().unwrap_or_default()),
        ("role", f.role.as_str().to_owned()),
        ("employee", matricule),
        ("disabled", f.disabled.to_string()),
    ]);
    super::render(&users_page(&app, &ui.actor, ui.c, Some(user), form, Errors::default(), String::new()).await?)
}

fn role(form: &Fields, errors: &mut Errors) -> Role {
    form.choice("role", errors).unwrap_or_else(|| {
        errors.add("role", Reason::MustBeChosen);
        // With an error recorded, this role is never used.
        Role::Employee
    })
}

/// The employee named by matricule in the form's `employee` field; none when it is empty.
async fn employee(app: &App, actor: &Actor, form: &Fields, errors: &mut Errors) -> UiResult<Option<i64>> {
    let Some(matricule) = form.opt("employee") else { return Ok(None) };
    match app.employee_by_matricule(actor, "employee", &matricule).await {
        Ok(id) => Ok(Some(id)),
        Err(err) => errors.absorb(err).map(|()| None),
    }
}

pub async fn create_user(ui: Ui<perm::ManageUsers>, State(state): State<AppState>, form: Fields) -> UiResult {
    let mut errors = Errors::default();
    let new = NewUser {
        username: form.get("username").to_owned(),
        display_name: form.opt("display_name").unwrap_or_else(|| form.get("username").to_owned()),
        email: form.opt("email"),
        role: role(&form, &mut errors),
        employee_id: employee(&state.app, &ui.actor, &form, &mut errors).await?,
        link_by_email: form.get("link_by_email") == "true",
        disabled: false,
        password: Password::new(form.get("password")),
    };
    if errors.is_empty() {
        match state.app.create_user(&ui.actor, new).await {
            Ok(_) => return Ok(Redirect::to("/admin/users?done=created").into_response()),
            Err(err) => {
                errors.absorb(err)?;
                errors.rename("employee_id", "employee");
            }
        }
    }
    let page = users_page(&state.app, &ui.actor, ui.c, None, form, errors, String::new()).await?;
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// Revokes one of the account's tokens (a lost scanner, a leaked script).
pub async fn revoke_token(
    ui: Ui<perm::ManageUsers>,
    State(app): State<App>,
    Path((id, token_id)): Path<(i64, i64)>,
) -> UiResult {
    app.revoke_token(&ui.actor, Owner::User(id), token_id).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}#tokens")).into_response())
}

pub async fn update_user(
    ui: Ui<perm::ManageUsers>,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    let mut errors = Errors::default();
    let patch = UserPatch {
        display_name: form.opt("display_name"),
        email: Some(form.opt("email")),
        role: Some(role(&form, &mut errors)),
        employee_id: Some(employee(&state.app, &ui.actor, &form, &mut errors).await?),
        disabled: Some(form.get("disabled") == "true"),
        password: form.opt("password").map(Password::new),
        ..UserPatch::default()
    };
    if errors.is_empty() {
        match state.app.update_user(&ui.actor, id, patch).await {
            Ok(_) => return Ok(Redirect::to("/admin/users?done=saved").into_response()),
            Err(err) => {
                errors.absorb(err)?;
                errors.rename("employee_id", "employee");
            }
        }
    }
    let user = state.app.get_user(&ui.actor, id).await?;
    let page = users_page(&state.app, &ui.actor, ui.c, Some(user), form, errors, String::new()).await?;
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Template)]
#[template(path = "admin/alert_rules.html")]
struct RulesPage {
    c: Ctx,
    rules: Vec<AlertRuleView>,
    /// The rule whose form was refused, with what was typed.
    refused: Option<(AlertKind, Fields, Errors)>,
    done: String,
}

impl RulesPage {
    fn severities(&self) -> Vec<(&'static str, String)> {
        Severity::ALL.iter().map(|s| (s.as_str(), self.c.tr.severity(s))).collect()
    }

    /// The form's value for a rule: as typed if it was refused, else as stored.
    fn value(&self, view: &AlertRuleView, name: &str) -> String {
        if let Some((kind, form, _)) = &self.refused
            && *kind == view.kind
        {
            return form.get(name).to_owned();
        }
        let r = &view.rule;
        match name {
            "threshold" => r.threshold.to_string(),
            "severity" => r.severity.as_str().to_owned(),
            "recipients" => r.recipients.join("\n"),
            "enabled" => r.enabled.to_string(),
            "notify_borrower" => r.notify_borrower.to_string(),
            _ => String::new(),
        }
    }

    fn error(&self, view: &AlertRuleView, name: &str) -> String {
        match &self.refused {
            Some((kind, _, errors)) if *kind == view.kind => errors.of(name, &self.c.tr),
            _ => String::new(),
        }
    }

    fn unit(&self, view: &AlertRuleView) -> String {
        self.c.t(&format!("unit-{}", view.threshold_unit))
    }

    fn loan_rule(&self, view: &AlertRuleView) -> bool {
        matches!(view.kind, AlertKind::LoanDueSoon | AlertKind::LoanOverdue)
    }
}

pub async fn rules(ui: Ui<perm::ManageUsers>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let rules = app.alert_rules(&ui.actor).await?;
    super::render(&RulesPage { c: ui.c, rules, refused: None, done: q.get("done").to_owned() })
}

pub async fn update_rule(
    ui: Ui<perm::ManageUsers>,
    State(app): State<App>,
    Path(kind): Path<String>,
    form: Fields,
) -> UiResult {
    let kind = AlertKind::parse(&kind).map_err(|_| UiError::NotFound)?;
    let mut errors = Errors::default();
    let threshold = form.get("threshold").parse::<i64>().unwrap_or_else(|_| {
        errors.add("threshold", Reason::PositiveWholeNumber);
        0
    });
    let rule = AlertRule {
        enabled: form.get("enabled") == "true",
        threshold,
        severity: form.choice("severity", &mut errors).unwrap_or(Severity::Warning),
        recipients: form
            .get("recipients")
            .split([',', '\n', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        notify_borrower: form.get("notify_borrower") == "true",
    };
    if errors.is_empty() {
        match app.update_alert_rule(&ui.actor, kind, rule).await {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/admin/alerts?done={}#{}", kind.as_str(), kind.as_str())).into_response()
                );
            }
            Err(err) => errors.absorb(err)?,
        }
    }
    let rules = app.alert_rules(&ui.actor).await?;
    let page = RulesPage { c: ui.c, rules, refused: Some((kind, form, errors)), done: String::new() };
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
