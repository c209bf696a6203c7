//! Assignments: an asset handed to an employee or a location, from check-out to check-in.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{AssetStatus, DomainError, Need, Permission, Reason, Validate, Violations};

/// How far ahead of the server's clock a client's `checked_out_at` may be (clock skew): within
/// this it means "now"; beyond it is a date in the future, refused.
pub const CLOCK_SKEW: TimeDelta = TimeDelta::seconds(60);
/// Assets in one kit check-out.
pub const MAX_KIT: usize = 100;
const MAX_NOTE: usize = 2_000;

vocabulary! {
    /// The state an asset comes back in.
    #[derive(Default)]
    pub enum Condition: "condition" {
        /// Back in stock.
        #[default]
        Ok = "ok",
        /// Goes to repair.
        Damaged = "damaged",
        /// Goes to repair.
        Broken = "broken",
    }
}

impl Condition {
    /// The asset's status once checked in in this condition.
    pub fn status_after(self) -> AssetStatus {
        match self {
            Condition::Ok => AssetStatus::InStock,
            Condition::Damaged | Condition::Broken => AssetStatus::InRepair,
        }
    }
}

vocabulary! {
    /// How an assignment ended.
    pub enum Outcome: "assignment outcome" {
        Returned = "returned",
        Lost = "lost",
    }
}

vocabulary! {
    /// Sort keys of the assignment list; without `sort`, the newest check-out first.
    pub enum AssignmentSort: "sort key" {
        CheckedOutAt = "checked_out_at",
        ExpectedReturnAt = "expected_return_at",
        Id = "id",
    }
}

filter! {
    /// Filters of the assignment list.
    pub struct AssignmentFilter sorted by AssignmentSort {
        asset_id: Option<i64>,
        employee_id: Option<i64>,
        location_id: Option<i64>,
        /// `true`: still out; `false`: closed.
        open: Option<bool>,
        /// `true`: open loans past their expected return.
        overdue: Option<bool>,
        /// Open loans due before this date (`2026-11-25`, start of day) or instant.
        #[param(value_type = Option<String>)]
        due_before: Option<crate::DayOrInstant>,
    }
}

impl AssignmentFilter {
    /// What an employee holds now.
    pub fn held_by(employee_id: i64) -> AssignmentFilter {
        AssignmentFilter { employee_id: Some(employee_id), open: Some(true), ..AssignmentFilter::default() }
    }
}

/// Who or where receives an asset: exactly one of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    Employee(i64),
    Location(i64),
}

/// A check-out request.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckOut {
    /// The employee who receives the asset (or `location_id`, not both).
    #[serde(default)]
    pub employee_id: Option<i64>,
    /// The location that receives the asset, e.g. a meeting room (or `employee_id`).
    #[serde(default)]
    pub location_id: Option<i64>,
    /// Makes the assignment a loan, due back then; must be in the future.
    #[serde(default)]
    pub expected_return_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub note: Option<String>,
    /// Admin and IT only: record a hand-over that happened earlier (never in the future).
    #[serde(default)]
    pub checked_out_at: Option<DateTime<Utc>>,
}

impl CheckOut {
    /// Whether the asset stays counted at home while it is out. A loan to someone comes back:
    /// the asset keeps its site and location (the lending site's stock), its holder shows on
    /// its page. A hand-over for good moves it to the holder's site; an assignment to a location
    /// puts it there.
    pub fn keeps_home(&self, to_location: bool) -> bool {
        self.expected_return_at.is_some() && !to_location
    }
}

/// A check-out needs the desk's permission; a hand-over recorded late, more.
fn check_out_needs(backdated: bool) -> Vec<Need> {
    let mut needs = vec![Need::of(crate::Via::CheckOut.permission())];
    if backdated {
        needs.push(Need::because(Permission::Backdate, Reason::BackdateStaff));
    }
    needs
}

impl CheckOut {
    /// What the request needs of its actor: the desk's permission, and to backdate when dated.
    pub fn needs(&self) -> Vec<Need> {
        check_out_needs(self.checked_out_at.is_some())
    }

    /// Checks the request against the clock and returns the holder and the check-out instant.
    pub fn validate_at(&self, now: DateTime<Utc>) -> Result<(Holder, DateTime<Utc>), DomainError> {
        let mut v = Violations::default();
        let holder = match (self.employee_id, self.location_id) {
            (Some(employee), None) => Ok(Holder::Employee(employee)),
            (None, Some(location)) => Ok(Holder::Location(location)),
            (Some(_), Some(_)) => Err(("location_id", Reason::BothHolders)),
            (None, None) => Err(("employee_id", Reason::NoHolder)),
        };
        if let Err((field, reason)) = &holder {
            v.check(false, field, reason.clone());
        }
        v.opt_id("employee_id", self.employee_id).opt_id("location_id", self.location_id);
        v.opt_instant("checked_out_at", self.checked_out_at).opt_instant("expected_return_at", self.expected_return_at);
        let at = match self.checked_out_at {
            Some(at) if at > now + CLOCK_SKEW => {
                v.check(false, "checked_out_at", Reason::NotInFuture);
                now
            }
            Some(at) => at.min(now),
            None => now,
        };
        v.check(self.expected_return_at.is_none_or(|due| due > now), "expected_return_at", Reason::InFuture);
        v.opt_note("note", self.note.as_deref(), MAX_NOTE);
        v.into_result()?;
        holder.map(|holder| (holder, at)).map_err(|(field, reason)| DomainError::invalid(field, reason))
    }
}

/// A check-in request.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// `ok` (default) puts the asset back in stock; `damaged` or `broken` sends it to repair.
    #[serde(default)]
    pub condition: Condition,
    /// Where the asset is put; by default where it was before its check-out.
    #[serde(default)]
    pub location_id: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Validate for CheckIn {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.opt_id("location_id", self.location_id).opt_note("note", self.note.as_deref(), MAX_NOTE);
        v.into_result()
    }
}

/// Reports a checked-out asset lost: its assignment closes with the outcome `lost`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkLost {
    #[serde(default)]
    pub note: Option<String>,
}

impl Validate for MarkLost {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.opt_note("note", self.note.as_deref(), MAX_NOTE);
        v.into_result()
    }
}

/// A new hire's kit: several assets to one employee, all or nothing.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KitCheckOut {
    /// The assets, by id (or `asset_tags`, or both).
    #[serde(default)]
    pub asset_ids: Vec<i64>,
    /// The assets, by tag as scanned.
    #[serde(default)]
    pub asset_tags: Vec<String>,
    #[serde(default)]
    pub expected_return_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub checked_out_at: Option<DateTime<Utc>>,
}

impl KitCheckOut {
    /// What the kit needs of its actor: what each of its check-outs needs.
    pub fn needs(&self) -> Vec<Need> {
        check_out_needs(self.checked_out_at.is_some())
    }

    /// The check-out every asset of the kit gets.
    pub fn each(&self, employee_id: i64) -> CheckOut {
        CheckOut {
            employee_id: Some(employee_id),
            location_id: None,
            expected_return_at: self.expected_return_at,
            note: self.note.clone(),
            checked_out_at: self.checked_out_at,
        }
    }
}

impl Validate for KitCheckOut {
    fn validate(&self) -> Result<(), DomainError> {
        let n = self.asset_ids.len() + self.asset_tags.len();
        let mut v = Violations::default();
        v.check(n > 0, "asset_ids", Reason::EmptyKit)
            .check(n <= MAX_KIT, "asset_ids", Reason::KitTooBig { max: MAX_KIT })
            .check(self.asset_ids.iter().all(|id| *id > 0), "asset_ids", Reason::NotIds);
        v.into_result()
    }
}

/// An assignment as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AssignmentView {
    pub id: i64,
    pub asset_id: i64,
    #[schema(example = "KIT-000123")]
    pub asset_tag: String,
    pub asset_name: String,
    pub asset_serial: Option<String>,
    pub employee_id: Option<i64>,
    pub location_id: Option<i64>,
    pub checked_out_at: DateTime<Utc>,
    /// When the holder acknowledged receiving it (from their page).
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// The user who checked the asset out.
    pub checked_out_by: Option<i64>,
    /// Set for a loan.
    pub expected_return_at: Option<DateTime<Utc>>,
    /// When the assignment closed: returned, or reported lost.
    pub returned_at: Option<DateTime<Utc>>,
    pub returned_by: Option<i64>,
    /// The condition at check-in.
    pub condition: Option<Condition>,
    /// `returned` or `lost`, once closed.
    pub outcome: Option<Outcome>,
    /// The note given at check-out.
    pub note: Option<String>,
    /// The note given at check-in (or when reported lost).
    pub return_note: Option<String>,
    /// Still open and past its expected return.
    pub overdue: bool,
}

/// Whether an open loan is late at `now`.
pub fn overdue(
    expected_return_at: Option<DateTime<Utc>>,
    returned_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    returned_at.is_none() && expected_return_at.is_some_and(|due| due < now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn fields(err: DomainError) -> Vec<String> {
        let DomainError::Invalid(errors) = err else { panic!("{err:?}") };
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_check_out_names_exactly_one_holder() {
        let now = at("2026-11-21T10:00:00Z");
        let both = CheckOut { employee_id: Some(1), location_id: Some(2), ..Default::default() };
        assert_eq!(fields(both.validate_at(now).unwrap_err()), ["location_id"]);
        assert_eq!(fields(CheckOut::default().validate_at(now).unwrap_err()), ["employee_id"]);
        let to_room = CheckOut { location_id: Some(2), ..Default::default() };
        assert_eq!(to_room.validate_at(now).unwrap(), (Holder::Location(2), now));
    }

    #[test]
    fn dates_are_checked_against_the_clock() {
        let now = at("2026-11-21T10:00:00Z");
        let late = CheckOut {
            employee_id: Some(1),
            expected_return_at: Some(at("2026-11-21T09:00:00Z")),
            checked_out_at: Some(at("2026-11-22T10:00:00Z")),
            ..Default::default()
        };
        assert_eq!(fields(late.validate_at(now).unwrap_err()), ["checked_out_at", "expected_return_at"]);
        let skewed = CheckOut { employee_id: Some(1), checked_out_at: Some(now + TimeDelta::seconds(30)), ..late };
        let skewed = CheckOut { expected_return_at: Some(at("2026-11-28T10:00:00Z")), ..skewed };
        assert_eq!(skewed.validate_at(now).unwrap(), (Holder::Employee(1), now), "a small skew means now");
    }

    #[test]
    fn condition_decides_the_return() {
        assert_eq!(Condition::Ok.status_after(), AssetStatus::InStock);
        assert_eq!(Condition::Broken.status_after(), AssetStatus::InRepair);
    }

    #[test]
    fn a_kit_has_one_to_a_hundred_assets() {
        assert!(KitCheckOut::default().validate().is_err());
        let kit = KitCheckOut { asset_ids: vec![1, 2], asset_tags: vec!["KIT-3".into()], ..Default::default() };
        assert!(kit.validate().is_ok());
        let huge = KitCheckOut { asset_ids: (1..=101).collect(), ..Default::default() };
        assert!(huge.validate().is_err());
    }
}

vocabulary! {
    /// When an open loan is due, as the desk plans its day: in the installation's time zone.
    pub enum Due: "due" {
        Overdue = "overdue",
        Today = "today",
        ThisWeek = "this_week",
        Later = "later",
    }
}

impl Due {
    /// When a loan due at `expected` is due, seen at `now` where the clocks read `offset`: today
    /// ends at the coming local midnight, this week six days after.
    pub fn of(expected: DateTime<Utc>, now: DateTime<Utc>, offset: chrono::FixedOffset) -> Due {
        let end_of_today = Due::end_of_today(now, offset);
        if expected < now {
            Due::Overdue
        } else if expected < end_of_today {
            Due::Today
        } else if expected < end_of_today + chrono::TimeDelta::days(6) {
            Due::ThisWeek
        } else {
            Due::Later
        }
    }

    /// The coming local midnight, as an instant.
    pub fn end_of_today(now: DateTime<Utc>, offset: chrono::FixedOffset) -> DateTime<Utc> {
        let tomorrow = now.with_timezone(&offset).date_naive() + chrono::TimeDelta::days(1);
        let midnight = tomorrow.and_time(chrono::NaiveTime::MIN);
        midnight.and_local_timezone(offset).single().map_or(now, |at| at.to_utc())
    }
}

#[cfg(test)]
mod due_tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    #[test]
    fn today_ends_at_local_midnight() {
        let tunis = FixedOffset::east_opt(3600).unwrap();
        // 23:30 in Tunis is 22:30 UTC: a loan due at 00:30 Tunis time tomorrow is not due today.
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 22, 30, 0).unwrap();
        let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap();
        assert_eq!(Due::of(at(22, 0), now, tunis), Due::Overdue);
        assert_eq!(Due::of(at(22, 45), now, tunis), Due::Today);
        assert_eq!(Due::of(at(23, 30), now, tunis), Due::ThisWeek, "00:30 tomorrow in Tunis");
        let in_six_days = Utc.with_ymd_and_hms(2026, 12, 7, 22, 59, 0).unwrap();
        assert_eq!(Due::of(in_six_days, now, tunis), Due::ThisWeek);
        let in_seven_days = Utc.with_ymd_and_hms(2026, 12, 8, 23, 0, 0).unwrap();
        assert_eq!(Due::of(in_seven_days, now, tunis), Due::Later);
    }
}
