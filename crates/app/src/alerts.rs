//! Alerts: the inbox, handling one, the rules' settings, a scan on request.

use radgestmat_domain::{
    Actor, AlertFilter, AlertKind, AlertRule, AlertRuleView, AlertSort, AlertState, AlertView, AssetView, AuditAsset,
    DomainError, List, Page, Permission, Reason, ResolveAlert, Validate,
};

use crate::{App, Error, Result};

/// Most alerts one bulk action handles.
pub const BULK_MAX: usize = 10_000;

/// Which alerts a bulk action is about.
#[derive(Debug, Clone)]
pub enum Selection {
    Ids(Vec<i64>),
    /// Every live alert matching the filter (its states aside), up to [`BULK_MAX`].
    Matching(AlertFilter),
}

/// What a bulk action does to each alert.
#[derive(Debug, Clone)]
pub enum Handling {
    Acknowledge,
    Resolve(ResolveAlert),
}

/// What a bulk action did: each alert on its own, one refused (already handled, not the
/// desk's) does not stop the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Handled {
    pub done: u64,
    pub refused: u64,
}

impl App {
    pub async fn list_alerts(&self, actor: &Actor, query: &List<AlertFilter>) -> Result<Page<AlertView>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.list_alerts(query).await?)
    }

    pub async fn get_alert(&self, actor: &Actor, id: i64) -> Result<AlertView> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.get_alert(id).await?)
    }

    /// Someone has seen the alert and is on it (the reception desk: loan alerts only).
    pub async fn acknowledge_alert(&self, actor: &Actor, id: i64) -> Result<AlertView> {
        self.may_handle(actor, id).await?;
        Ok(self.store.acknowledge_alert(actor, id).await?)
    }

    /// Closes the alert by hand, with the reason.
    pub async fn resolve_alert(&self, actor: &Actor, id: i64, request: ResolveAlert) -> Result<AlertView> {
        self.may_handle(actor, id).await?;
        Ok(self.store.resolve_alert(actor, id, request).await?)
    }

    /// An audit reminder answered from the alert: its asset was seen where the register has it
    /// (the re-check that follows closes the alert). Only a live `audit_due` alert.
    pub async fn answer_audit_reminder(&self, actor: &Actor, id: i64) -> Result<AssetView> {
        let alert = self.get_alert(actor, id).await?;
        if alert.kind != AlertKind::AuditDue || alert.state == AlertState::Resolved {
            return Err(DomainError::conflict(Reason::NotAuditReminder { id }).into());
        }
        self.audit_asset(actor, alert.asset_id, AuditAsset::default()).await
    }

    /// Acknowledges or resolves many alerts, each on its own.
    pub async fn handle_alerts(&self, actor: &Actor, selection: Selection, handling: Handling) -> Result<Handled> {
        self.authorize(actor, Permission::HandleAlerts).await?;
        if let Handling::Resolve(request) = &handling {
            request.validate()?;
        }
        let ids = match selection {
            Selection::Ids(ids) => ids.into_iter().take(BULK_MAX).collect(),
            Selection::Matching(filter) => self.live_matching(filter).await?,
        };
        let mut handled = Handled::default();
        for id in ids {
            let result = match &handling {
                Handling::Acknowledge => self.acknowledge_alert(actor, id).await,
                Handling::Resolve(request) => self.resolve_alert(actor, id, request.clone()).await,
            };
            match result {
                Ok(_) => handled.done += 1,
                Err(Error::Domain(_) | Error::Denied { .. }) => handled.refused += 1,
                Err(err) => return Err(err),
            }
        }
        Ok(handled)
    }

    /// The ids of the live alerts matching `filter` (its states that are live; all live ones
    /// when it names none), oldest first.
    async fn live_matching(&self, mut filter: AlertFilter) -> Result<Vec<i64>> {
        if filter.state.is_empty() {
            filter.state = AlertState::LIVE.to_vec();
        }
        filter.state.retain(|s| AlertState::LIVE.contains(s));
        if filter.state.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = List { sort: Some(AlertSort::Id), limit: 500, ..List::of(filter) };
        let mut ids = Vec::new();
        loop {
            let page = self.store.list_alerts(&query).await?;
            ids.extend(page.items.iter().map(|a| a.id));
            match page.next_cursor {
                Some(cursor) if ids.len() < BULK_MAX => query.cursor = Some(cursor),
                _ => break,
            }
        }
        ids.truncate(BULK_MAX);
        Ok(ids)
    }

    /// Whether the actor handles alerts, and this one's kind (an alert keeps its kind for ever).
    async fn may_handle(&self, actor: &Actor, id: i64) -> Result<()> {
        self.authorize(actor, Permission::HandleAlerts).await?;
        match self.store.get_alert(id).await?.kind.handler_need() {
            Some(need) => self.require(actor, need).await,
            None => Ok(()),
        }
    }

    /// Enqueues a scan now; returns its job's id.
    pub async fn request_scan(&self, actor: &Actor) -> Result<i64> {
        self.authorize(actor, Permission::RunScan).await?;
        Ok(self.store.request_scan(actor).await?)
    }

    pub async fn alert_rules(&self, actor: &Actor) -> Result<Vec<AlertRuleView>> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.alert_rules().await?)
    }

    /// Changes a rule; the scan enqueued with it applies it.
    pub async fn update_alert_rule(&self, actor: &Actor, kind: AlertKind, rule: AlertRule) -> Result<AlertRuleView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.update_alert_rule(actor, kind, rule).await?)
    }
}
