vocabulary! {
    /// The one role a user account has.
    pub enum Role: "role" {
        Admin = "admin",
        It = "it",
        Reception = "reception",
        Direction = "direction",
        Employee = "employee",
    }
}

vocabulary! {
    /// What a use case requires. The matrix below is the design file's, in code.
    pub enum Permission: "permission" {
        /// Read assets, assignments, catalogue and people (employees: only their own, elsewhere).
        ReadInventory = "read_inventory",
        /// Create, edit and retire assets, catalogue and people.
        ManageInventory = "manage_inventory",
        /// Check assets out and in.
        CheckOut = "check_out",
        /// Date a check-out in the past (a hand-over recorded late).
        Backdate = "backdate",
        /// Apply a change despite a safeguard, e.g. deactivate an employee who still holds equipment.
        Override = "override",
        /// Acknowledge and resolve alerts (reception: loan alerts only, checked per alert).
        HandleAlerts = "handle_alerts",
        /// Run the alert scan now.
        RunScan = "run_scan",
        /// Read the audit log and reports.
        ReadAudit = "read_audit",
        /// Manage users, roles and settings.
        ManageUsers = "manage_users",
    }
}

/// A permission a use case needs of its actor, and what to tell them when it is refused (by
/// default, that their role lacks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub permission: Permission,
    pub why: Option<crate::Reason>,
}

impl Need {
    pub const fn of(permission: Permission) -> Need {
        Need { permission, why: None }
    }

    pub const fn because(permission: Permission, why: crate::Reason) -> Need {
        Need { permission, why: Some(why) }
    }
}

impl Role {
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match permission {
            ReadInventory => matches!(self, Admin | It | Reception | Direction),
            ManageInventory | Backdate | RunScan => matches!(self, Admin | It),
            CheckOut | HandleAlerts => matches!(self, Admin | It | Reception),
            ReadAudit => matches!(self, Admin | It | Direction),
            ManageUsers | Override => self == Admin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admin_manages_users_and_employees_read_nothing_global() {
        for &role in Role::ALL {
            assert_eq!(role.allows(Permission::ManageUsers), role == Role::Admin);
            assert_eq!(role.allows(Permission::ReadInventory), role != Role::Employee);
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(!Role::Direction.allows(Permission::CheckOut));
        assert!(Role::Direction.allows(Permission::ReadAudit));
        assert!(!Role::Reception.allows(Permission::ReadAudit));
    }
}
