//! An asset's lifecycle: every status change there is, in one table — by which use case (and so
//! with which permission) and which record it opens or closes. A status changes only through a
//! row of this table (a new asset's first status, and the demo loader's, are set, not changed);
//! maintenance, inventory campaigns and transfers add their rows here.

use crate::{AssetStatus, Condition, DomainError, Permission, Reason};

vocabulary! {
    /// The use case that changes an asset's status.
    pub enum Via: "status change" {
        /// The desk hands it over.
        CheckOut = "check_out",
        /// It comes back, in some condition.
        CheckIn = "check_in",
        /// Its holder lost it.
        ReportLost = "report_lost",
        /// IT edits its status: retires it, sends it to repair, finds it again.
        Edit = "edit",
    }
}

impl Via {
    /// What the use case needs of its actor.
    pub fn permission(self) -> Permission {
        match self {
            Via::CheckOut | Via::CheckIn | Via::ReportLost => Permission::CheckOut,
            Via::Edit => Permission::ManageInventory,
        }
    }
}

/// What a status change does to the asset's records besides its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Nothing,
    OpensAssignment,
    ClosesAssignment,
}

/// One status change there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: AssetStatus,
    pub to: AssetStatus,
    pub via: Via,
    pub record: Record,
}

const fn row(from: AssetStatus, to: AssetStatus, via: Via, record: Record) -> Transition {
    Transition { from, to, via, record }
}

const fn edit(from: AssetStatus, to: AssetStatus) -> Transition {
    row(from, to, Via::Edit, Record::Nothing)
}

/// Every status change. "Assigned" is entered and left only with its assignment.
pub const TRANSITIONS: &[Transition] = {
    use AssetStatus::*;
    use Record::*;
    &[
        row(InStock, Assigned, Via::CheckOut, OpensAssignment),
        row(Assigned, InStock, Via::CheckIn, ClosesAssignment),
        row(Assigned, InRepair, Via::CheckIn, ClosesAssignment),
        row(Assigned, Lost, Via::ReportLost, ClosesAssignment),
        edit(InStock, InRepair),
        edit(InStock, Lost),
        edit(InStock, Retired),
        edit(InRepair, InStock),
        edit(InRepair, Lost),
        edit(InRepair, Retired),
        edit(Lost, InStock),
        edit(Lost, InRepair),
        edit(Lost, Retired),
        edit(Retired, InStock),
        edit(Retired, InRepair),
        edit(Retired, Lost),
    ]
};

impl AssetStatus {
    /// The change from this status to `to` by `via`, if there is one.
    pub fn transition(self, to: AssetStatus, via: Via) -> Option<&'static Transition> {
        TRANSITIONS.iter().find(|t| t.from == self && t.to == to && t.via == via)
    }

    /// Whether an edit may move an asset from `self` to `to` (staying is always allowed).
    pub fn edit_to(self, to: AssetStatus) -> Result<(), DomainError> {
        if self == to || self.transition(to, Via::Edit).is_some() {
            return Ok(());
        }
        Err(match to {
            AssetStatus::Assigned => DomainError::invalid("status", Reason::AssignedByCheckOut),
            _ => DomainError::conflict_on("status", Reason::CheckInFirst),
        })
    }

    /// The check-out of an asset in this status, or why there is none.
    /// Whether an asset in this status can be checked out (the pages offer it only then).
    pub fn can_check_out(self) -> bool {
        self.transition(AssetStatus::Assigned, Via::CheckOut).is_some()
    }

    pub fn check_out(self, tag: &str) -> Result<&'static Transition, DomainError> {
        self.transition(AssetStatus::Assigned, Via::CheckOut).ok_or_else(|| {
            DomainError::conflict_on("status", Reason::NotAvailable { tag: tag.to_owned(), status: self })
        })
    }

    /// The check-in of an asset in this status coming back in `condition`, or why there is none.
    pub fn check_in(self, tag: &str, condition: Condition) -> Result<&'static Transition, DomainError> {
        self.transition(condition.status_after(), Via::CheckIn)
            .ok_or_else(|| DomainError::conflict_on("status", Reason::NotOut { tag: tag.to_owned() }))
    }

    /// The report that an asset in this status is lost by its holder, or why there is none.
    pub fn report_lost(self, tag: &str) -> Result<&'static Transition, DomainError> {
        self.transition(AssetStatus::Lost, Via::ReportLost)
            .ok_or_else(|| DomainError::conflict_on("status", Reason::NotOut { tag: tag.to_owned() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssetStatus::*;

    #[test]
    fn assigned_is_entered_and_left_only_with_an_assignment() {
        for t in TRANSITIONS {
            let with_assignment = t.from == Assigned || t.to == Assigned;
            assert_eq!(with_assignment, t.record != Record::Nothing, "{t:?}");
            assert_eq!(with_assignment, t.via != Via::Edit, "{t:?}");
        }
    }

    #[test]
    fn every_status_is_reached_and_left() {
        for &status in AssetStatus::ALL {
            assert!(TRANSITIONS.iter().any(|t| t.to == status), "{status} is never reached");
            assert!(TRANSITIONS.iter().any(|t| t.from == status), "{status} is never left");
        }
    }

    #[test]
    fn edits_and_the_desk_follow_the_table() {
        assert!(InStock.edit_to(Retired).is_ok());
        assert!(Retired.edit_to(InStock).is_ok());
        assert!(InStock.edit_to(Assigned).is_err());
        assert!(Assigned.edit_to(InRepair).is_err());
        assert!(Assigned.edit_to(Assigned).is_ok());
        assert_eq!(InStock.check_out("KIT-1").map(|t| t.record), Ok(Record::OpensAssignment));
        for status in [Assigned, InRepair, Lost, Retired] {
            assert!(matches!(status.check_out("KIT-1"), Err(DomainError::Conflict { .. })));
        }
        assert_eq!(Assigned.check_in("KIT-1", Condition::Broken).map(|t| t.to), Ok(InRepair));
        assert!(InStock.check_in("KIT-1", Condition::Ok).is_err());
        assert_eq!(Via::Edit.permission(), Permission::ManageInventory);
    }
}
