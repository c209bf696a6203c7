//! User accounts, for administrators; each user reads their own.

use radgestmat_domain::{
    Actor, Credential, DomainError, List, NewUser, Page, PasswordChange, Permission, Reason, UserFilter, UserPatch,
    UserView,
};

use crate::{App, Result};

impl App {
    pub async fn list_users(&self, actor: &Actor, query: &List<UserFilter>) -> Result<Page<UserView>> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.list_users(query).await?)
    }

    /// An account: one's own, or any for an administrator.
    pub async fn get_user(&self, actor: &Actor, id: i64) -> Result<UserView> {
        if actor.user_id != Some(id) {
            self.authorize(actor, Permission::ManageUsers).await?;
        }
        Ok(self.store.get_user(id).await?)
    }

    /// Creates an account, linked to its employee as given or, when asked, by e-mail.
    pub async fn create_user(&self, actor: &Actor, new: NewUser) -> Result<UserView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        let by_email = new.link_by_email;
        let (mut fields, password) = new.split();
        if by_email
            && fields.employee_id.is_none()
            && let Some(email) = &fields.email
        {
            fields.employee_id = self.store.employee_to_link(email).await?;
        }
        Ok(self.store.create_user(actor, fields, password).await?)
    }

    /// The employee with this matricule, as the page and the command line name one; an unknown
    /// matricule is refused on `field`.
    pub async fn employee_by_matricule(&self, actor: &Actor, field: &str, matricule: &str) -> Result<i64> {
        self.authorize(actor, Permission::ManageUsers).await?;
        let found = self.store.employee_with_matricule(matricule).await?;
        let unknown = || DomainError::invalid(field, Reason::NoMatricule { matricule: matricule.trim().to_owned() });
        Ok(found.ok_or_else(unknown)?)
    }

    /// Changes an account; its credentials are checked again everywhere on this node.
    pub async fn update_user(&self, actor: &Actor, id: i64, patch: UserPatch) -> Result<UserView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        let user = self.store.update_user(actor, id, patch).await?;
        self.forget_credentials();
        Ok(user)
    }

    /// The caller's own new password; their other sessions and tokens end.
    pub async fn change_my_password(&self, actor: &Actor, keep: Credential<'_>, change: PasswordChange) -> Result<()> {
        self.store.change_own_password(actor, keep, change).await?;
        self.forget_credentials();
        Ok(())
    }

    /// The account named `username` (the command line's look-up).
    pub async fn find_user(&self, actor: &Actor, username: &str) -> Result<Option<UserView>> {
        let query = List { q: Some(username.to_lowercase()), limit: 500, ..List::default() };
        let users = self.list_users(actor, &query).await?.items;
        Ok(users.into_iter().find(|u| u.fields.username == username))
    }
}
