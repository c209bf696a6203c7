//! Alerts: the inbox, handling one, the rules' settings, a scan on request.

use radgestmat_domain::{
    Actor, AlertFilter, AlertKind, AlertRule, AlertRuleView, AlertView, List, Page, Permission, ResolveAlert,
};

use crate::{App, Result};

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
