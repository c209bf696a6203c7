//! The administrator's notification settings: the SMTP server and the webhook the alerts go
//! to. Secrets are never shown back: a blank field keeps the stored one, a box removes it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, Error};
use radgestmat_domain::{
    DomainError, Language, NotificationSettings, NotificationSettingsView, Reason, SecretState, SmtpSecurity, Validate,
};

use super::forms::{Errors, Fields, QueryFields};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

#[derive(Template)]
#[template(path = "admin/notifications.html")]
struct Page {
    c: Ctx,
    view: NotificationSettingsView,
    form: Fields,
    errors: Errors,
    done: String,
    /// The test e-mail's address, and how sending it went: `Ok(())` or the problem, translated.
    test: Option<(String, Result<(), String>)>,
}

impl Page {
    fn new(c: Ctx, view: NotificationSettingsView, done: String) -> Page {
        let s = &view.settings;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let form = Fields::from_pairs([
            ("smtp_host", text(&s.smtp_host)),
            ("smtp_port", s.smtp_port.map(|p| p.to_string()).unwrap_or_default()),
            ("smtp_security", s.smtp_security.as_str().to_owned()),
            ("smtp_username", text(&s.smtp_username)),
            ("smtp_from", text(&s.smtp_from)),
            ("webhook_url", text(&s.webhook_url)),
            ("language", s.language.as_str().to_owned()),
        ]);
        Page { c, view, form, errors: Errors::default(), done, test: None }
    }

    fn test_to(&self) -> String {
        self.test.as_ref().map(|(to, _)| to.clone()).unwrap_or_default()
    }

    /// A test e-mail can be sent once an SMTP server is saved here.
    fn can_test(&self) -> bool {
        !self.environment_applies() && self.view.settings.smtp_host.is_some()
    }

    fn securities(&self) -> Vec<(&'static str, String)> {
        SmtpSecurity::ALL.iter().map(|s| (s.as_str(), self.c.t(&format!("notif-security-{}", s.as_str())))).collect()
    }

    fn languages(&self) -> Vec<(&'static str, String)> {
        Language::ALL.iter().map(|l| (l.as_str(), self.c.t(&format!("notif-language-{}", l.as_str())))).collect()
    }

    fn environment_applies(&self) -> bool {
        self.view.updated_at.is_none()
    }

    fn stored(&self, name: &str) -> bool {
        self.state(name) != SecretState::Unset
    }

    /// What the page says of a stored secret.
    fn state_hint(&self, name: &str) -> String {
        let state = match self.state(name) {
            SecretState::Unset => "unset",
            SecretState::Set => "set",
            SecretState::Unreadable => "unreadable",
        };
        self.c.t(&format!("notif-secret-{state}"))
    }

    fn state(&self, name: &str) -> SecretState {
        if name == "smtp_password" { self.view.smtp_password_state } else { self.view.webhook_secret_state }
    }
}

pub async fn show(ui: Ui<perm::ManageUsers>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let view = app.notification_settings(&ui.actor).await?;
    super::render(&Page::new(ui.c, view, q.get("done").to_owned()))
}

/// A secret field: typed → replace, the removal box ticked → remove, blank → keep.
fn secret(form: &Fields, name: &str) -> Option<String> {
    if form.get(&format!("{name}_remove")) == "true" {
        return Some(String::new());
    }
    form.opt(name)
}

pub async fn save(ui: Ui<perm::ManageUsers>, State(app): State<App>, form: Fields) -> UiResult {
    let mut errors = Errors::default();
    let port = form.opt("smtp_port").map(|p| {
        p.trim().parse::<u16>().unwrap_or_else(|_| {
            errors.add("smtp_port", Reason::PortRange);
            0
        })
    });
    let settings = NotificationSettings {
        smtp_host: form.opt("smtp_host"),
        smtp_port: port,
        smtp_security: form.choice("smtp_security", &mut errors).unwrap_or_default(),
        smtp_username: form.opt("smtp_username"),
        smtp_password: secret(&form, "smtp_password"),
        smtp_from: form.opt("smtp_from"),
        webhook_url: form.opt("webhook_url"),
        webhook_secret: secret(&form, "webhook_secret"),
        language: form.choice("language", &mut errors).unwrap_or_default(),
    };
    if !errors.is_empty() {
        // The other fields' problems too, all at once; nothing is saved.
        if let Err(err) = settings.normalised().validate() {
            errors.absorb(err.into())?;
        }
    } else {
        match app.update_notification_settings(&ui.actor, settings).await {
            Ok(_) => return Ok(Redirect::to("/admin/notifications?done=saved").into_response()),
            Err(err) => errors.absorb(err)?,
        }
    }
    let view = app.notification_settings(&ui.actor).await?;
    let page = Page { form, errors, ..Page::new(ui.c, view, String::new()) };
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

pub async fn reset(ui: Ui<perm::ManageUsers>, State(app): State<App>) -> UiResult {
    app.clear_notification_settings(&ui.actor).await?;
    Ok(Redirect::to("/admin/notifications?done=reset").into_response())
}

/// Sends the test e-mail and shows how it went on the page (the SMTP server's answer if refused).
pub async fn test(ui: Ui<perm::ManageUsers>, State(app): State<App>, form: Fields) -> UiResult {
    let to = form.get("to").trim().to_owned();
    let outcome = match app.send_test_email(&ui.actor, &to).await {
        Ok(()) => Ok(()),
        Err(Error::Domain(DomainError::Invalid(_))) => Err(ui.c.t("notif-test-bad-address")),
        Err(Error::Domain(DomainError::Conflict { reason, .. })) => Err(ui.c.tr.reason(&reason)),
        Err(Error::Upstream(answer)) => Err(ui.c.tr.t1("notif-test-refused", "answer", answer)),
        Err(err) => return Err(err.into()),
    };
    let status = if outcome.is_ok() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = app.notification_settings(&ui.actor).await?;
    let page = Page { test: Some((to, outcome)), ..Page::new(ui.c, view, String::new()) };
    super::render_status(status, &page)
}
