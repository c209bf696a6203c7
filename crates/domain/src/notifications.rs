//! What a notification says: the e-mail of one alert, or the digest of several that opened in the
//! same scan, in the language the company chose (French by default).

use radgestmat_i18n::FluentValue;

use crate::{AlertKind, AlertView, Severity};

vocabulary! {
    /// A language of the messages.
    #[derive(Default)]
    pub enum Language: "language" {
        #[default]
        Fr = "fr",
        En = "en",
    }
}

/// A digest lists at most this many alerts and counts the others.
pub const DIGEST_LIST: usize = 50;

/// The subject and plain-text body of an e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailText {
    pub subject: String,
    pub body: String,
}

impl AlertKind {
    /// The rule's name, for subjects and lists.
    pub fn label(self, language: Language) -> String {
        say(language, &format!("kind-{}", self.as_str()), &[])
    }
}

impl Severity {
    pub fn label(self, language: Language) -> String {
        say(language, &format!("severity-{}", self.as_str()), &[])
    }
}

/// A text of the catalogue in `language`.
fn say(language: Language, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    radgestmat_i18n::text(language.as_str(), key, args)
}

/// The e-mail an administrator sends to check the notification settings, sent by `by`.
pub fn test_email(language: Language, by: &str) -> EmailText {
    let body = say(language, "email-test-body", &[("by", FluentValue::from(by.to_owned()))]);
    EmailText { subject: say(language, "email-test-subject", &[]), body: format!("{body}\n") }
}

/// The e-mail telling one recipient of the alerts that just opened: the alert itself when there
/// is one, a digest (most severe first) when there are several. `link` is the web interface's
/// address, for a link to each alert.
pub fn alert_email(language: Language, alerts: &[&AlertView], link: Option<&str>) -> EmailText {
    let link = link.map(|l| l.trim_end_matches('/'));
    let footer = say(language, "email-footer", &[]);
    let text = |a: &AlertView| if language == Language::Fr { a.message.fr.clone() } else { a.message.en.clone() };
    if let [alert] = alerts {
        let args = [("kind", alert.kind.label(language).into()), ("tag", alert.asset_tag.clone().into())];
        let subject = say(language, "email-alert-subject", &args);
        let mut body = format!(
            "{}\n\n{} ({})\n{}\n{} {} — {} {}\n",
            say(language, "email-alert-opened", &[]),
            alert.kind.label(language),
            alert.severity.label(language),
            text(alert),
            say(language, "email-opened-on", &[]),
            when(language, alert),
            say(language, "email-number", &[]),
            alert.id,
        );
        if let Some(link) = link {
            body.push_str(&format!("\n{link}/alerts/{}\n", alert.id));
        }
        body.push_str(&format!("\n-- \n{footer}\n"));
        return EmailText { subject, body };
    }
    let mut sorted = alerts.to_vec();
    sorted.sort_by_key(|a| (std::cmp::Reverse(a.severity), a.id));
    let critical = sorted.iter().filter(|a| a.severity == Severity::Critical).count();
    let counts = [("count", FluentValue::from(alerts.len())), ("critical", FluentValue::from(critical))];
    let subject = match critical {
        0 => say(language, "email-digest-subject", &counts),
        _ => say(language, "email-digest-subject-critical", &counts),
    };
    let mut body = format!("{}\n\n", say(language, "email-digest-intro", &[]));
    for alert in sorted.iter().take(DIGEST_LIST) {
        body.push_str(&format!(
            "- [{}] {} — {} ({} {})\n",
            alert.severity.label(language),
            alert.kind.label(language),
            text(alert),
            say(language, "email-number", &[]),
            alert.id
        ));
    }
    if let Some(more) = alerts.len().checked_sub(DIGEST_LIST).filter(|&n| n > 0) {
        body.push_str(&format!("{}\n", say(language, "email-digest-more", &[("more", FluentValue::from(more))])));
    }
    if let Some(link) = link {
        body.push_str(&format!("\n{link}/alerts\n"));
    }
    body.push_str(&format!("\n-- \n{footer}\n"));
    EmailText { subject, body }
}

/// `21/11/2026 10:15 UTC` in French, `2026-11-21 10:15 UTC` in English.
fn when(language: Language, alert: &AlertView) -> String {
    let format = match language {
        Language::Fr => "%d/%m/%Y %H:%M UTC",
        Language::En => "%Y-%m-%d %H:%M UTC",
    };
    alert.opened_at.format(format).to_string()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::{AlertState, Message};

    fn alert(id: i64, kind: AlertKind, severity: Severity) -> AlertView {
        AlertView {
            id,
            kind,
            severity,
            state: AlertState::Open,
            asset_id: id,
            asset_tag: format!("KIT-{id:06}"),
            asset_name: "Latitude 5440".into(),
            assignment_id: None,
            employee_id: None,
            site_id: Some(1),
            note: None,
            message: Message { fr: format!("message {id}"), en: format!("message {id} en") },
            reference_date: None,
            opened_at: Utc.with_ymd_and_hms(2026, 11, 21, 10, 15, 0).unwrap(),
            acknowledged_at: None,
            acknowledged_by: None,
            resolved_at: None,
            resolved_by: None,
            resolution: None,
            resolution_note: None,
            notified_at: None,
        }
    }

    #[test]
    fn one_alert_gets_its_own_message_in_french_by_default() {
        let one = alert(7, AlertKind::LoanOverdue, Severity::Critical);
        let text = alert_email(Language::default(), &[&one], Some("https://parc.magasin.tn/"));
        assert_eq!(text.subject, "[RadGestMat] Prêt en retard : KIT-000007");
        assert!(text.body.contains("Prêt en retard (critique)\nmessage 7\nOuverte le 21/11/2026 10:15 UTC — n° 7"));
        assert!(text.body.contains("https://parc.magasin.tn/alerts/7\n"), "{}", text.body);
        let text = alert_email(Language::En, &[&one], None);
        assert_eq!(text.subject, "[RadGestMat] Loan overdue: KIT-000007");
        assert!(text.body.contains("message 7 en\nOpened on 2026-11-21 10:15 UTC"));
        assert!(!text.body.contains("http"));
    }

    #[test]
    fn several_alerts_make_one_digest_most_severe_first_with_the_rest_counted() {
        let many: Vec<AlertView> = (1..=DIGEST_LIST as i64 + 3)
            .map(|id| alert(id, AlertKind::AuditDue, if id == 9 { Severity::Critical } else { Severity::Info }))
            .collect();
        let refs: Vec<&AlertView> = many.iter().collect();
        let text = alert_email(Language::Fr, &refs, None);
        assert_eq!(text.subject, "[RadGestMat] 53 nouvelles alertes, dont 1 critique");
        let lines: Vec<&str> = text.body.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(lines.len(), DIGEST_LIST);
        assert_eq!(lines[0], "- [critique] Inventaire à faire — message 9 (n° 9)");
        assert!(text.body.contains("… et 3 autres\n"));
    }
}
