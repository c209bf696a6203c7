//! Alerts: problems the background scan detects (a late loan, a warranty ending, …), each with a
//! lifecycle open → acknowledged → resolved, and the settings of the rules that raise them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use radgestmat_i18n::FluentValue;

use crate::{DomainError, Language, Need, Permission, Reason, Validate, Violations};

const MAX_NOTE: usize = 2_000;
const MAX_RECIPIENTS: usize = 20;

vocabulary! {
    /// The rule that raised an alert.
    pub enum AlertKind: "alert kind" {
        /// A loan is due back within `threshold` hours.
        LoanDueSoon = "loan_due_soon",
        /// A loan is past its due date (by more than `threshold` hours of grace).
        LoanOverdue = "loan_overdue",
        /// The warranty of an asset in service ends within `threshold` days.
        WarrantyExpiring = "warranty_expiring",
        /// The warranty of an asset in service ended within the last `threshold` days: news to
        /// know, not a task; the alert closes by itself after that.
        WarrantyExpired = "warranty_expired",
        /// An asset in service has not been audited (seen) for `threshold` months.
        AuditDue = "audit_due",
        /// An asset has been in repair for more than `threshold` days.
        InRepairTooLong = "in_repair_too_long",
        /// An asset is reported lost.
        LostAsset = "lost_asset",
        /// Its holder reported a problem with an asset (from their page); never raised by the
        /// scan, closed by the IT service.
        ProblemReported = "problem_reported",
    }
}

vocabulary! {
    /// How urgent an alert is, least first.
    pub enum Severity: "severity" {
        Info = "info",
        Warning = "warning",
        Critical = "critical",
    }
}

vocabulary! {
    /// Where an alert is in its lifecycle.
    pub enum AlertState: "alert state" {
        Open = "open",
        Acknowledged = "acknowledged",
        Resolved = "resolved",
    }
}

vocabulary! {
    /// How an alert was resolved: its condition cleared (`auto`), or someone closed it (`manual`).
    pub enum Resolution: "resolution" {
        Auto = "auto",
        Manual = "manual",
    }
}

impl Severity {
    /// Its rank, least severe first: what the alerts sort by.
    pub fn rank(self) -> i64 {
        Severity::ALL.iter().position(|s| *s == self).map_or(0, |i| i as i64)
    }
}

impl AlertState {
    /// The states of an alert that still needs someone.
    pub const LIVE: [AlertState; 2] = [AlertState::Open, AlertState::Acknowledged];
}

impl AlertKind {
    /// Loan alerts are about an assignment, and the reception desk handles them.
    pub fn is_loan(self) -> bool {
        matches!(self, AlertKind::LoanDueSoon | AlertKind::LoanOverdue)
    }

    /// Raised by a person, not by the scan: the scan never clears it, so closing it by hand
    /// ends it (and makes room for the next report).
    pub fn is_reported(self) -> bool {
        self == AlertKind::ProblemReported
    }

    /// What handling an alert of this kind needs beyond handling alerts: admin and IT handle
    /// every one, the reception desk loan alerts only.
    pub fn handler_need(self) -> Option<Need> {
        (!self.is_loan()).then_some(Need::because(Permission::ManageInventory, Reason::LoanAlertsOnly))
    }

    /// The settings a fresh installation starts with.
    pub fn default_rule(self) -> AlertRule {
        use AlertKind::*;
        let (threshold, severity) = match self {
            LoanDueSoon => (24, Severity::Info),
            // Overdue loans and lost equipment first; warranties and audits are information.
            LoanOverdue => (0, Severity::Critical),
            WarrantyExpiring => (60, Severity::Info),
            WarrantyExpired => (30, Severity::Info),
            AuditDue => (12, Severity::Info),
            InRepairTooLong => (30, Severity::Warning),
            LostAsset => (0, Severity::Critical),
            ProblemReported => (0, Severity::Warning),
        };
        AlertRule { enabled: true, threshold, severity, recipients: Vec::new(), notify_borrower: self.is_loan() }
    }

    /// What `threshold` counts, for the settings screen and the API documentation.
    pub fn threshold_unit(self) -> &'static str {
        use AlertKind::*;
        match self {
            LoanDueSoon | LoanOverdue => "hours",
            WarrantyExpiring | WarrantyExpired | InRepairTooLong => "days",
            AuditDue => "months",
            LostAsset | ProblemReported => "unused",
        }
    }
}

vocabulary! {
    /// Sort keys of the alert list; without `sort`, the newest first. `-severity`: the most
    /// severe first (then the newest), as the inbox shows them.
    pub enum AlertSort: "sort key" {
        OpenedAt = "opened_at",
        Id = "id",
        Severity = "severity",
    }
}

filter! {
    /// Filters of the alert list.
    pub struct AlertFilter sorted by AlertSort {
        /// One state or several, comma-separated (`open,acknowledged`: the live ones).
        state: Vec<AlertState>,
        kind: Option<AlertKind>,
        severity: Option<Severity>,
        /// The asset's site when the alert opened.
        site_id: Option<i64>,
        asset_id: Option<i64>,
    }
}

/// The settings of one alert rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AlertRule {
    /// A disabled rule opens nothing, and its alerts still open resolve automatically.
    pub enabled: bool,
    /// Hours, days or months depending on the rule (see `threshold_unit`); 0 to 3650.
    pub threshold: i64,
    pub severity: Severity,
    /// E-mail addresses told of every alert of this rule, besides the site's contacts.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Loan rules: tell the borrower too.
    #[serde(default)]
    pub notify_borrower: bool,
}

impl Validate for AlertRule {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.check((0..=3650).contains(&self.threshold), "threshold", Reason::ThresholdRange);
        v.emails("recipients", &self.recipients, MAX_RECIPIENTS);
        v.into_result()
    }
}

/// A rule's settings as the API shows them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertRuleView {
    pub kind: AlertKind,
    /// `hours`, `days`, `months` or `unused`.
    pub threshold_unit: &'static str,
    #[serde(flatten)]
    pub rule: AlertRule,
}

/// The text of an alert in both languages of the interface.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Message {
    pub fr: String,
    pub en: String,
}

/// An alert as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertView {
    pub id: i64,
    pub kind: AlertKind,
    pub severity: Severity,
    pub state: AlertState,
    pub asset_id: i64,
    pub asset_tag: String,
    pub asset_name: String,
    /// The loan, for loan alerts.
    pub assignment_id: Option<i64>,
    /// The borrower, for loan alerts.
    pub employee_id: Option<i64>,
    /// The asset's site when the alert opened.
    pub site_id: Option<i64>,
    pub message: Message,
    /// What the holder wrote, for a reported problem.
    pub note: Option<String>,
    /// What the alert is about: the due date, the warranty's end, the last audit, or when the
    /// asset went to repair or was lost.
    pub reference_date: Option<NaiveDate>,
    pub opened_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledged_by: Option<i64>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<i64>,
    pub resolution: Option<Resolution>,
    pub resolution_note: Option<String>,
    /// When the notifications of this alert went out.
    pub notified_at: Option<DateTime<Utc>>,
}

/// What the messages of an alert are made of.
pub struct MessageFacts<'a> {
    pub tag: &'a str,
    pub name: &'a str,
    /// The borrower's name, for loan alerts and reported problems.
    pub holder: Option<&'a str>,
    pub date: Option<NaiveDate>,
    /// What the holder wrote, for a reported problem.
    pub note: Option<&'a str>,
}

impl AlertKind {
    /// The alert's text in French and English.
    pub fn message(self, facts: &MessageFacts<'_>) -> Message {
        let say = |language: Language| {
            let date = facts.date.map_or_else(
                || "?".to_owned(),
                |d| d.format(if language == Language::Fr { "%d/%m/%Y" } else { "%Y-%m-%d" }).to_string(),
            );
            let args = [
                ("tag", FluentValue::from(facts.tag.to_owned())),
                ("name", FluentValue::from(facts.name.to_owned())),
                ("holder", FluentValue::from(facts.holder.unwrap_or("?").to_owned())),
                ("date", FluentValue::from(date)),
                ("note", FluentValue::from(facts.note.unwrap_or_default().to_owned())),
            ];
            radgestmat_i18n::text(language.as_str(), &format!("alert-text-{}", self.as_str()), &args)
        };
        Message { fr: say(Language::Fr), en: say(Language::En) }
    }
}

/// `POST /alerts/{id}/resolve`: closing an alert by hand needs a reason.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveAlert {
    pub note: String,
}

impl Validate for ResolveAlert {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.note("note", &self.note, MAX_NOTE);
        v.into_result()
    }
}

/// `POST /me/assets/{id}/problem`: what is wrong with something one holds, in one's words.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportProblem {
    #[schema(example = "L'écran clignote depuis hier.", min_length = 1, max_length = 2000)]
    pub note: String,
}

impl Validate for ReportProblem {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.note("note", &self.note, MAX_NOTE);
        v.into_result()
    }
}

/// `POST /assets/{id}/audit`: the asset was seen, where.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditAsset {
    /// Where it was found, when that is not where the register has it.
    #[serde(default)]
    pub location_id: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Validate for AuditAsset {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.opt_id("location_id", self.location_id).opt_note("note", self.note.as_deref(), MAX_NOTE);
        v.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_only_loans_are_loans() {
        for &kind in AlertKind::ALL {
            assert_eq!(AlertKind::parse(kind.as_str()), Ok(kind));
            assert_eq!(kind.default_rule().notify_borrower, kind.is_loan());
        }
        assert_eq!(AlertKind::ALL.iter().filter(|k| k.is_loan()).count(), 2);
        assert_eq!(Severity::parse("critical"), Ok(Severity::Critical));
        assert!(Severity::Critical > Severity::Warning);
    }

    #[test]
    fn messages_carry_the_facts_in_both_languages() {
        let facts = MessageFacts {
            tag: "KIT-000042",
            name: "Latitude 5440",
            holder: Some("Amira Ben Salah"),
            date: NaiveDate::from_ymd_opt(2026, 11, 21),
            note: None,
        };
        let message = AlertKind::LoanOverdue.message(&facts);
        assert_eq!(message.fr, "KIT-000042 (Latitude 5440), prêté à Amira Ben Salah, devait être rendu le 21/11/2026.");
        assert_eq!(message.en, "KIT-000042 (Latitude 5440), lent to Amira Ben Salah, was due back on 2026-11-21.");
    }

    #[test]
    fn rules_refuse_bad_thresholds_and_addresses() {
        let mut rule = AlertKind::AuditDue.default_rule();
        assert!(rule.validate().is_ok());
        rule.threshold = -1;
        rule.recipients = vec!["it@magasin.tn".into(), "pas une adresse".into()];
        let Err(DomainError::Invalid(errors)) = rule.validate() else { panic!("accepted") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["threshold", "recipients[1]"]);
        assert!(ResolveAlert { note: "  ".into() }.validate().is_err());
    }
}
