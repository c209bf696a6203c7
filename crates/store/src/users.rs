//! User accounts: create, list, edit, and the first administrator.

use radgestmat_domain::{
    Actor, AuditAction, Credential, DomainError, Language, List, Page, Password, Reason, Role, UserFields, UserFilter,
    UserPatch, UserSort, UserView, Username, Validate,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, IntoSimpleExpr, PaginatorTrait,
    QueryFilter, QuerySelect,
};
use serde_json::json;
use tracing::instrument;

use crate::audit::{Change, record};
use crate::auth::{digest, hash_password, random_token};
use crate::entities::{api_tokens, employees, sessions, users};
use crate::keyset::{KeyKind, Sort, page};
use crate::reference_data::Employees;
use crate::resources::{Ref, check_references};
use crate::vocabulary::Name;
use crate::{Result, Store, now};

pub(crate) fn user_view(m: users::Model) -> UserView {
    UserView {
        id: m.id,
        fields: UserFields {
            username: m.username,
            display_name: m.display_name,
            email: m.email,
            role: m.role.0,
            employee_id: m.employee_id,
            disabled: m.disabled,
        },
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// The employee an account is linked to, as a reference that must exist.
fn employee_ref(fields: &UserFields) -> Vec<Ref> {
    fields.employee_id.map(|id| Ref::to::<Employees>("employee_id", id)).into_iter().collect()
}

/// Ends the account's sessions and revokes its API tokens, but for `keep` (the credential of the
/// request, when its owner acts): how many sessions ended and how many tokens were revoked.
pub(crate) async fn end_credentials(
    txn: &DatabaseTransaction,
    user_id: i64,
    keep: Option<Credential<'_>>,
) -> Result<(u64, u64)> {
    let mut sessions = sessions::Entity::delete_many().filter(sessions::Column::UserId.eq(user_id));
    let mut tokens = api_tokens::Entity::update_many()
        .col_expr(api_tokens::Column::RevokedAt, Expr::value(now()))
        .filter(api_tokens::Column::UserId.eq(user_id))
        .filter(api_tokens::Column::RevokedAt.is_null());
    match keep {
        Some(Credential::Session(secret)) => sessions = sessions.filter(sessions::Column::TokenHash.ne(digest(secret))),
        Some(Credential::Token(token)) => tokens = tokens.filter(api_tokens::Column::Id.ne(token)),
        None => {}
    }
    let ended = sessions.exec(txn).await?.rows_affected;
    Ok((ended, tokens.exec(txn).await?.rows_affected))
}

/// Creates an account in the caller's transaction, audited; `hash`: its password's.
pub(crate) async fn insert_user(
    txn: &DatabaseTransaction,
    actor: &Actor,
    mut fields: UserFields,
    hash: String,
) -> Result<UserView> {
    fields.validate()?;
    fields.username = Username::parse(&fields.username)?.as_str().to_owned();
    check_references(txn, employee_ref(&fields)).await?;
    if users::Entity::find().filter(users::Column::Username.eq(&fields.username)).count(txn).await? > 0 {
        return Err(DomainError::conflict_on("username", Reason::UsernameTaken).into());
    }
    let at = now();
    let model = users::ActiveModel {
        username: Set(fields.username),
        display_name: Set(fields.display_name.trim().to_owned()),
        email: Set(fields.email),
        role: Set(fields.role.into()),
        employee_id: Set(fields.employee_id),
        disabled: Set(fields.disabled),
        password_hash: Set(hash),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let user = user_view(model);
    record(txn, actor, Change::created(AuditAction::UserCreate, user.id, &user.fields)).await?;
    Ok(user)
}

/// Changes an account in the caller's transaction, audited. The last enabled administrator
/// cannot be demoted or disabled; a disabled account or a new password (`hash`) ends the
/// account's sessions and revokes its tokens.
pub(crate) async fn update_user_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    current: users::Model,
    mut fields: UserFields,
    hash: Option<String>,
) -> Result<UserView> {
    let id = current.id;
    let before = user_view(current.clone()).fields;
    fields.validate()?;
    fields.username = Username::parse(&fields.username)?.as_str().to_owned();
    check_references(txn, employee_ref(&fields)).await?;
    let was_admin = before.role == Role::Admin && !before.disabled;
    let stays_admin = fields.role == Role::Admin && !fields.disabled;
    if was_admin && !stays_admin {
        let admins = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Admin.as_str()))
            .filter(users::Column::Disabled.eq(false))
            .count(txn)
            .await?;
        if admins <= 1 {
            return Err(DomainError::conflict(Reason::LastAdmin).into());
        }
    }
    let mut active: users::ActiveModel = current.into();
    active.username = Set(fields.username.clone());
    active.display_name = Set(fields.display_name.trim().to_owned());
    active.email = Set(fields.email.clone());
    active.role = Set(fields.role.into());
    active.employee_id = Set(fields.employee_id);
    active.disabled = Set(fields.disabled);
    if let Some(hash) = &hash {
        active.password_hash = Set(hash.clone());
    }
    active.updated_at = Set(now());
    let model = active.update(txn).await?;
    // A disabled account or a new password ends every way in: sessions and API tokens (a
    // token revoked stays revoked when the account is enabled again).
    let revoked = match fields.disabled || hash.is_some() {
        true => end_credentials(txn, id, None).await?.1,
        false => 0,
    };
    let user = user_view(model);
    let mut change = Change::updated(AuditAction::UserUpdate, id, &before, &user.fields);
    if hash.is_some() {
        // That it changed, never what it is.
        change.after.get_or_insert_default()["password"] = "changed".into();
    }
    if revoked > 0 {
        change.after.get_or_insert_default()["tokens_revoked"] = revoked.into();
    }
    record(txn, actor, change).await?;
    Ok(user)
}

impl Store {
    #[instrument(skip_all, fields(user.name = %fields.username))]
    pub async fn create_user(&self, actor: &Actor, fields: UserFields, password: Password) -> Result<UserView> {
        fields.validate()?;
        password.check_new("password", &fields.names())?;
        let hash = hash_password(password).await?;
        let txn = self.write().await?;
        let user = insert_user(&txn, actor, fields, hash).await?;
        self.commit(txn).await?;
        Ok(user)
    }

    #[instrument(skip_all)]
    pub async fn list_users(&self, query: &List<UserFilter>) -> Result<Page<UserView>> {
        let by_name = query.sort != Some(UserSort::Id);
        let sort = Sort {
            key: by_name.then(|| (users::Column::Username.into_simple_expr(), KeyKind::Text)),
            id: users::Column::Id.into_simple_expr(),
            descending: query.descending,
        };
        let mut select = users::Entity::find();
        if let Some(role) = query.filter.role {
            select = select.filter(users::Column::Role.eq(role.as_str()));
        }
        if let Some(q) = &query.q {
            select = select.filter(crate::keyset::contains(users::Column::Username.into_simple_expr(), q));
        }
        let total = if query.count { Some(select.clone().count(&self.db).await?) } else { None };
        let rows = sort.apply(select, query)?.all(&self.db).await?;
        Ok(page(rows.into_iter().map(user_view).collect(), query.limit, total, |u| {
            Sort::cursor(by_name.then(|| u.fields.username.clone()), u.id)
        }))
    }

    pub async fn get_user(&self, id: i64) -> Result<UserView> {
        let user = users::Entity::find_by_id(id).one(&self.db).await?;
        Ok(user_view(user.ok_or_else(|| DomainError::not_found("user", id))?))
    }

    /// Edits an account. The last enabled administrator cannot be demoted or disabled; a
    /// disabled account or a new password ends the account's sessions and revokes its tokens.
    #[instrument(skip_all, fields(user.id = id))]
    pub async fn update_user(&self, actor: &Actor, id: i64, patch: UserPatch) -> Result<UserView> {
        let hash = match &patch.password {
            Some(password) => Some(self.new_password_hash(id, &patch, password).await?),
            None => None,
        };
        let txn = self.write().await?;
        let current =
            users::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| DomainError::not_found("user", id))?;
        let mut fields = user_view(current.clone()).fields;
        fields.username = patch.username.unwrap_or(fields.username);
        fields.display_name = patch.display_name.unwrap_or(fields.display_name);
        fields.email = patch.email.unwrap_or(fields.email);
        fields.role = patch.role.unwrap_or(fields.role);
        fields.employee_id = patch.employee_id.unwrap_or(fields.employee_id);
        fields.disabled = patch.disabled.unwrap_or(fields.disabled);
        let user = update_user_in(&txn, actor, current, fields, hash).await?;
        self.commit(txn).await?;
        Ok(user)
    }

    /// A new password of an account, checked against its names (as they are and as the patch
    /// makes them), hashed before the write transaction opens: hashing takes a while.
    async fn new_password_hash(&self, id: i64, patch: &UserPatch, password: &Password) -> Result<String> {
        let account = self.get_user(id).await?.fields;
        let mut context = account.names().to_vec();
        let email = patch.email.as_ref().and_then(Option::as_ref);
        context.extend(
            [patch.username.as_ref(), patch.display_name.as_ref(), email].into_iter().flatten().map(String::as_str),
        );
        password.check_new("password", &context)?;
        hash_password(password.clone()).await
    }

    /// Sets the language the user's web interface speaks (`None`: the browser's).
    #[instrument(skip_all, fields(user.id = user_id))]
    pub async fn set_language(&self, actor: &Actor, user_id: i64, language: Option<Language>) -> Result<()> {
        let txn = self.write().await?;
        let current = users::Entity::find_by_id(user_id)
            .one(&txn)
            .await?
            .ok_or_else(|| DomainError::not_found("user", user_id))?;
        let after = language.map(Name);
        if current.language == after {
            return Ok(());
        }
        let change = Change::updated(
            AuditAction::UserUpdate,
            user_id,
            &json!({"language": current.language}),
            &json!({"language": after}),
        );
        let mut active: users::ActiveModel = current.into();
        active.language = Set(after);
        active.update(&txn).await?;
        record(&txn, actor, change).await?;
        self.commit(txn).await
    }

    /// The employee an account with this e-mail belongs to: the one active employee with that
    /// address (letter case aside) who has no account yet; none when there is none or several.
    pub async fn employee_to_link(&self, email: &str) -> Result<Option<i64>> {
        let linked = sea_orm::sea_query::Query::select()
            .column(users::Column::EmployeeId)
            .from(users::Entity)
            .and_where(users::Column::EmployeeId.is_not_null())
            .to_owned();
        let candidates: Vec<i64> = employees::Entity::find()
            .select_only()
            .column(employees::Column::Id)
            .filter(Expr::expr(Func::lower(Expr::col(employees::Column::Email))).eq(email.trim().to_lowercase()))
            .filter(employees::Column::Active.eq(true))
            .filter(employees::Column::Id.not_in_subquery(linked))
            .limit(2)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(match candidates[..] {
            [one] => Some(one),
            _ => None,
        })
    }

    /// The employee with this matricule, if any.
    pub async fn employee_with_matricule(&self, matricule: &str) -> Result<Option<i64>> {
        Ok(employees::Entity::find()
            .select_only()
            .column(employees::Column::Id)
            .filter(employees::Column::Matricule.eq(matricule.trim()))
            .into_tuple()
            .one(&self.db)
            .await?)
    }

    /// On a database without accounts, creates `admin` with a random password and returns it.
    pub async fn ensure_first_admin(&self) -> Result<Option<String>> {
        if users::Entity::find().count(&self.db).await? > 0 {
            return Ok(None);
        }
        let password = random_token("")[..20].to_owned();
        let fields = UserFields {
            username: "admin".into(),
            display_name: "Administrateur".into(),
            email: None,
            role: Role::Admin,
            employee_id: None,
            disabled: false,
        };
        self.create_user(&Actor::system("first-run"), fields, Password::new(password.clone())).await?;
        Ok(Some(password))
    }
}
