use serde::{Deserialize, Serialize};

/// The one role a user account has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    It,
    Reception,
    Direction,
    Employee,
}

/// What an endpoint requires. The matrix below is the design file's, in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Read assets, assignments, catalogue and people (employees: only their own, elsewhere).
    ReadInventory,
    /// Create, edit and retire assets, catalogue and people.
    ManageInventory,
    /// Check assets out and in.
    CheckOut,
    /// Date a check-out in the past (a hand-over recorded late).
    Backdate,
    /// Apply a change despite a safeguard, e.g. deactivate an employee who still holds equipment.
    Override,
    /// Acknowledge and resolve alerts (reception: loan alerts only, checked per alert).
    HandleAlerts,
    /// Run the alert scan now.
    RunScan,
    /// Read the audit log and reports.
    ReadAudit,
    /// Manage users, roles and settings.
    ManageUsers,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::It, Role::Reception, Role::Direction, Role::Employee];

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

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::It => "it",
            Role::Reception => "reception",
            Role::Direction => "direction",
            Role::Employee => "employee",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admin_manages_users_and_employees_read_nothing_global() {
        for role in Role::ALL {
            assert_eq!(role.allows(Permission::ManageUsers), role == Role::Admin);
            assert_eq!(role.allows(Permission::ReadInventory), role != Role::Employee);
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert!(!Role::Direction.allows(Permission::CheckOut));
        assert!(Role::Direction.allows(Permission::ReadAudit));
        assert!(!Role::Reception.allows(Permission::ReadAudit));
    }
}
