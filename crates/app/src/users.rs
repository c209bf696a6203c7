//! User accounts, for administrators; each user reads their own.

use radgestmat_domain::{Actor, List, Page, Password, Permission, UserFields, UserFilter, UserPatch, UserView};

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

    pub async fn create_user(&self, actor: &Actor, fields: UserFields, password: Password) -> Result<UserView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.create_user(actor, fields, password).await?)
    }

    /// Changes an account; its credentials are checked again everywhere on this node.
    pub async fn update_user(&self, actor: &Actor, id: i64, patch: UserPatch) -> Result<UserView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        let user = self.store.update_user(actor, id, patch).await?;
        self.forget_credentials();
        Ok(user)
    }

    /// The account named `username` (the command line's look-up).
    pub async fn find_user(&self, actor: &Actor, username: &str) -> Result<Option<UserView>> {
        let query = List { q: Some(username.to_lowercase()), limit: 500, ..List::default() };
        let users = self.list_users(actor, &query).await?.items;
        Ok(users.into_iter().find(|u| u.fields.username == username))
    }
}
