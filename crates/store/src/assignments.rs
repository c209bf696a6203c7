//! Check-out and check-in: each one transaction that moves the asset, opens or closes its
//! assignment and writes the audit entry.
//!
//! Two guards keep "at most one open assignment per asset" under concurrency. The asset row is
//! updated only while it still has the status the request saw (`WHERE status = 'in_stock'`):
//! on PostgreSQL the second of two concurrent check-outs waits for the first's row lock, then
//! finds the status changed and gets 409; on SQLite writers queue on the write lock. Behind it
//! the unique partial index `assignments_open_asset_key` refuses a second open assignment
//! whatever the code does.

use chrono::{DateTime, Utc};
use radgestmat_domain::{
    Actor, AssetStatus, AssetTag, AssignmentView, AuditAction, CheckIn, CheckOut, Condition, DomainError, Holder,
    MarkLost, Outcome, Reason, Term, Transition, Validate, changes,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use serde_json::json;
use tracing::instrument;

use crate::assignment_list::{Label, view};
use crate::audit::{Change, record};
use crate::entities::{assets, assignments, employees, locations};
use crate::vocabulary::Name;
use crate::{Result, Store, now};

/// An asset named by the caller: its id, or its tag as scanned.
#[derive(Debug, Clone, Copy)]
pub enum AssetRef<'a> {
    Id(i64),
    Tag(&'a str),
}

/// What a check-out or check-in needs to know of the asset.
#[derive(Debug, Clone, FromQueryResult)]
pub(crate) struct AssetState {
    pub(crate) id: i64,
    pub(crate) asset_tag: String,
    name: String,
    serial: Option<String>,
    status: Name<AssetStatus>,
    pub(crate) site_id: Option<i64>,
    pub(crate) location_id: Option<i64>,
}

impl AssetState {
    pub(crate) fn status(&self) -> AssetStatus {
        self.status.0
    }

    /// What an assignment's view shows of it.
    pub(crate) fn label(&self) -> Label {
        Label { tag: self.asset_tag.clone(), name: self.name.clone(), serial: self.serial.clone() }
    }

    /// Where the asset is, as the audit entry shows it.
    fn placement(&self) -> serde_json::Value {
        json!({"status": self.status, "site_id": self.site_id, "location_id": self.location_id})
    }
}

pub(crate) async fn asset_state(db: &impl ConnectionTrait, asset: AssetRef<'_>) -> Result<AssetState> {
    use assets::Column as C;
    let select = assets::Entity::find().select_only().columns([
        C::Id,
        C::AssetTag,
        C::Name,
        C::Serial,
        C::Status,
        C::SiteId,
        C::LocationId,
    ]);
    let found = match asset {
        AssetRef::Id(id) => select.filter(C::Id.eq(id)).into_model().one(db).await?,
        AssetRef::Tag(tag) => match AssetTag::parse(tag) {
            Ok(tag) => select.filter(C::AssetTag.eq(tag.as_str())).into_model().one(db).await?,
            Err(_) => None,
        },
    };
    found.ok_or_else(|| match asset {
        AssetRef::Id(id) => DomainError::not_found("asset", id).into(),
        AssetRef::Tag(tag) => DomainError::not_found("asset", tag).into(),
    })
}

/// Where a check-out sends the asset: its holder, and the site and location it takes.
pub(crate) struct Destination {
    employee_id: Option<i64>,
    location_id: Option<i64>,
    site_id: Option<i64>,
}

pub(crate) async fn destination(db: &impl ConnectionTrait, holder: Holder) -> Result<Destination> {
    match holder {
        Holder::Employee(id) => {
            let employee = employees::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| DomainError::invalid("employee_id", Reason::NoSuch { what: Term::Employee, id }))?;
            to_employee(&employee)
        }
        Holder::Location(id) => {
            let location = find_location(db, "location_id", id).await?;
            Ok(Destination { employee_id: None, location_id: Some(id), site_id: Some(location.site_id) })
        }
    }
}

/// An employee as the holder of a check-out: only an active one.
pub(crate) fn to_employee(employee: &employees::Model) -> Result<Destination> {
    if !employee.active {
        let who = format!("{} {} ({})", employee.first_name, employee.last_name, employee.matricule);
        return Err(DomainError::invalid("employee_id", Reason::Inactive { who }).into());
    }
    Ok(Destination { employee_id: Some(employee.id), location_id: None, site_id: employee.site_id })
}

pub(crate) async fn find_location(db: &impl ConnectionTrait, field: &str, id: i64) -> Result<locations::Model> {
    Ok(locations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::invalid(field, Reason::NoSuch { what: Term::Location, id }))?)
}

/// Moves an asset through one transition of its lifecycle and bumps its version, if it still
/// has the status the transition starts from.
async fn move_asset(
    txn: &DatabaseTransaction,
    asset: &AssetState,
    transition: &Transition,
    site_id: Option<i64>,
    location_id: Option<i64>,
) -> Result<bool> {
    use assets::Column as C;
    let at = now();
    let moved = assets::Entity::update_many()
        .col_expr(C::Status, Expr::val(Name(transition.to)))
        .col_expr(C::SiteId, Expr::val(site_id))
        .col_expr(C::LocationId, Expr::val(location_id))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::val(at))
        .col_expr(C::StatusSince, Expr::val(at))
        .filter(C::Id.eq(asset.id))
        .filter(C::Status.eq(transition.from.as_str()))
        .exec(txn)
        .await?;
    Ok(moved.rows_affected == 1)
}

/// The check-out of one asset, inside the caller's transaction.
pub(crate) async fn check_out_one(
    txn: &DatabaseTransaction,
    actor: &Actor,
    asset: &AssetState,
    to: &Destination,
    request: &CheckOut,
    at: DateTime<Utc>,
) -> Result<AssignmentView> {
    let transition = asset.status().check_out(&asset.asset_tag)?;
    // The domain's rule: a loan stays counted at home; otherwise the holder's site (the asset's
    // own where the holder has none), and a location only for a location holder.
    let (site_id, location_id) = match request.keeps_home(to.location_id.is_some()) {
        true => (asset.site_id, asset.location_id),
        false => (to.site_id.or(asset.site_id), to.location_id),
    };
    if !move_asset(txn, asset, transition, site_id, location_id).await? {
        return Err(DomainError::conflict_on("status", Reason::AlreadyOut { tag: asset.asset_tag.clone() }).into());
    }
    let mut assignment = assignments::Model {
        id: 0,
        asset_id: asset.id,
        employee_id: to.employee_id,
        location_id: to.location_id,
        checked_out_at: at,
        checked_out_by: actor.user_id,
        expected_return_at: request.expected_return_at,
        returned_at: None,
        returned_by: None,
        condition: None,
        note: clean(request.note.as_deref()),
        outcome: None,
        return_note: None,
        home_site_id: asset.site_id,
        home_location_id: asset.location_id,
        acknowledged_at: None,
    };
    let mut active: assignments::ActiveModel = assignment.clone().into();
    active.id = sea_orm::ActiveValue::NotSet;
    assignment.id = assignments::Entity::insert(active).exec(txn).await?.last_insert_id;

    let after = json!({"status": AssetStatus::Assigned, "site_id": site_id, "location_id": location_id});
    let (before, mut after) = changes(&asset.placement(), &after);
    after["assignment"] = json!({
        "id": assignment.id,
        "employee_id": assignment.employee_id,
        "location_id": assignment.location_id,
        "checked_out_at": assignment.checked_out_at,
        "expected_return_at": assignment.expected_return_at,
        "note": assignment.note,
    });
    let change =
        Change { before: Some(before), after: Some(after), ..Change::on(AuditAction::AssetCheckout, asset.id) };
    record(txn, actor, change.tag(&asset.asset_tag)).await?;
    Ok(view(assignment, asset.label(), now()))
}

/// The open assignment of an asset, or 409.
async fn open_assignment(db: &impl ConnectionTrait, asset: &AssetState) -> Result<assignments::Model> {
    assignments::Entity::find()
        .filter(assignments::Column::AssetId.eq(asset.id))
        .filter(assignments::Column::ReturnedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| {
            let reason = Reason::NotOutStatus { tag: asset.asset_tag.clone(), status: asset.status() };
            DomainError::conflict_on("status", reason).into()
        })
}

/// How an assignment closes: returned in some condition, or lost.
struct Closing<'a> {
    outcome: Outcome,
    condition: Option<Condition>,
    note: Option<&'a str>,
    /// Where a returned asset goes: `(site, location)`; `None` leaves it where it is.
    place: Option<(Option<i64>, Option<i64>)>,
}

/// Closes the open assignment of one asset, inside the caller's transaction.
async fn close_one(
    txn: &DatabaseTransaction,
    actor: &Actor,
    asset: &AssetState,
    mut open: assignments::Model,
    closing: Closing<'_>,
) -> Result<AssignmentView> {
    use assignments::Column as C;
    let at = now();
    let note = clean(closing.note);
    let closed = assignments::Entity::update_many()
        .col_expr(C::ReturnedAt, Expr::val(at))
        .col_expr(C::ReturnedBy, Expr::val(actor.user_id))
        .col_expr(C::Condition, Expr::val(closing.condition.map(Name)))
        .col_expr(C::Outcome, Expr::val(Name(closing.outcome)))
        .col_expr(C::ReturnNote, Expr::val(note.clone()))
        .filter(C::Id.eq(open.id))
        .filter(C::ReturnedAt.is_null())
        .exec(txn)
        .await?;
    let not_out = || DomainError::conflict_on("status", Reason::NotOut { tag: asset.asset_tag.clone() });
    if closed.rows_affected != 1 {
        return Err(not_out().into());
    }
    let transition = match closing.outcome {
        Outcome::Lost => asset.status().report_lost(&asset.asset_tag)?,
        Outcome::Returned => asset.status().check_in(&asset.asset_tag, closing.condition.unwrap_or_default())?,
    };
    let status = transition.to;
    let (site_id, location_id) = closing.place.unwrap_or((asset.site_id, asset.location_id));
    if !move_asset(txn, asset, transition, site_id, location_id).await? {
        return Err(not_out().into());
    }
    (open.returned_at, open.returned_by, open.outcome) = (Some(at), actor.user_id, Some(Name(closing.outcome)));
    (open.condition, open.return_note) = (closing.condition.map(Name), note);

    let after = json!({"status": status, "site_id": site_id, "location_id": location_id});
    let (before, mut after) = changes(&asset.placement(), &after);
    after["assignment"] = json!({
        "id": open.id,
        "employee_id": open.employee_id,
        "location_id": open.location_id,
        "outcome": open.outcome,
        "condition": open.condition,
        "return_note": open.return_note,
    });
    let action = match closing.outcome {
        Outcome::Returned => AuditAction::AssetCheckin,
        Outcome::Lost => AuditAction::AssetLost,
    };
    let change = Change { before: Some(before), after: Some(after), ..Change::on(action, asset.id) };
    record(txn, actor, change.tag(&asset.asset_tag)).await?;
    Ok(view(open, asset.label(), at))
}

/// Where a check-in puts the asset: the given location, else where it was before it went out
/// (when that location still exists).
async fn return_place(
    db: &impl ConnectionTrait,
    request: &CheckIn,
    open: &assignments::Model,
) -> Result<(Option<i64>, Option<i64>)> {
    if let Some(id) = request.location_id {
        let location = find_location(db, "location_id", id).await?;
        return Ok((Some(location.site_id), Some(id)));
    }
    let home = match open.home_location_id {
        Some(id) => locations::Entity::find_by_id(id).one(db).await?.map(|l| l.id),
        None => None,
    };
    Ok((open.home_site_id, home))
}

/// The check-in of one asset, inside the caller's transaction.
pub(crate) async fn check_in_one(
    txn: &DatabaseTransaction,
    actor: &Actor,
    asset: &AssetState,
    open: assignments::Model,
    request: &CheckIn,
) -> Result<AssignmentView> {
    let place = return_place(txn, request, &open).await?;
    let closing = Closing {
        outcome: Outcome::Returned,
        condition: Some(request.condition),
        note: request.note.as_deref(),
        place: Some(place),
    };
    close_one(txn, actor, asset, open, closing).await
}

/// A note as stored: trimmed, `None` when blank.
pub(crate) fn clean(note: Option<&str>) -> Option<String> {
    note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned)
}

impl Store {
    /// Checks an asset out to an employee or a location.
    #[instrument(skip_all)]
    pub async fn check_out(&self, actor: &Actor, asset: AssetRef<'_>, request: CheckOut) -> Result<AssignmentView> {
        let (holder, at) = request.validate_at(now())?;
        let txn = self.write().await?;
        let to = destination(&txn, holder).await?;
        let asset = asset_state(&txn, asset).await?;
        let assignment = check_out_one(&txn, actor, &asset, &to, &request, at).await?;
        self.commit(txn).await?;
        Ok(assignment)
    }

    /// Checks an asset in: `ok` puts it back in stock, `damaged` or `broken` sends it to repair.
    #[instrument(skip_all)]
    pub async fn check_in(&self, actor: &Actor, asset: AssetRef<'_>, request: CheckIn) -> Result<AssignmentView> {
        request.validate()?;
        let txn = self.write().await?;
        let asset = asset_state(&txn, asset).await?;
        let open = open_assignment(&txn, &asset).await?;
        let assignment = check_in_one(&txn, actor, &asset, open, &request).await?;
        self.commit(txn).await?;
        Ok(assignment)
    }

    /// Reports a checked-out asset lost: the assignment closes with the outcome `lost`.
    #[instrument(skip_all)]
    pub async fn mark_lost(&self, actor: &Actor, asset: AssetRef<'_>, request: MarkLost) -> Result<AssignmentView> {
        request.validate()?;
        let txn = self.write().await?;
        let asset = asset_state(&txn, asset).await?;
        let open = open_assignment(&txn, &asset).await?;
        let closing = Closing { outcome: Outcome::Lost, condition: None, note: request.note.as_deref(), place: None };
        let assignment = close_one(&txn, actor, &asset, open, closing).await?;
        self.commit(txn).await?;
        Ok(assignment)
    }
}
