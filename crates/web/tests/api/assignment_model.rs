//! A property test: random sequences of check-out, check-in, lost, retire and restock on a few
//! assets, run against the real store and against a model small enough to be obviously right.
//! After every step the database must agree with the model and keep its invariants.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use radgestmat_domain::{
    Actor, AssetFields, AssetStatus, AssignmentFilter, CheckIn, CheckOut, Condition, DomainError, List, MarkLost,
};
use radgestmat_store::{AssetRef, Error};
use serde_json::json;

use crate::assignments::Floor;
use crate::support::TestApp;

const ASSETS: usize = 3;

#[derive(Debug, Clone, Copy)]
enum Op {
    CheckOut { asset: usize, employee: usize },
    CheckIn { asset: usize, condition: Condition },
    Lost { asset: usize },
    Retire { asset: usize },
    Restock { asset: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let asset = 0..ASSETS;
    let condition = prop_oneof![Just(Condition::Ok), Just(Condition::Damaged), Just(Condition::Broken)];
    prop_oneof![
        3 => (asset.clone(), 0..2usize).prop_map(|(asset, employee)| Op::CheckOut { asset, employee }),
        3 => (asset.clone(), condition).prop_map(|(asset, condition)| Op::CheckIn { asset, condition }),
        1 => asset.clone().prop_map(|asset| Op::Lost { asset }),
        1 => asset.clone().prop_map(|asset| Op::Retire { asset }),
        1 => asset.prop_map(|asset| Op::Restock { asset }),
    ]
}

/// What the model says of one asset.
#[derive(Debug, Clone, Copy)]
struct Model {
    status: AssetStatus,
    holder: Option<i64>,
    assignments: u64,
}

impl Model {
    /// Applies `op` if the rules allow it; returns whether they do.
    fn apply(&mut self, op: Op, employees: [i64; 2]) -> bool {
        let assigned = self.status == AssetStatus::Assigned;
        let allowed = match op {
            Op::CheckOut { .. } => self.status == AssetStatus::InStock,
            Op::CheckIn { .. } | Op::Lost { .. } => assigned,
            Op::Retire { .. } | Op::Restock { .. } => !assigned,
        };
        if allowed {
            (self.status, self.holder) = match op {
                Op::CheckOut { employee, .. } => {
                    self.assignments += 1;
                    (AssetStatus::Assigned, Some(employees[employee]))
                }
                Op::CheckIn { condition, .. } => (condition.status_after(), None),
                Op::Lost { .. } => (AssetStatus::Lost, None),
                Op::Retire { .. } => (AssetStatus::Retired, None),
                Op::Restock { .. } => (AssetStatus::InStock, None),
            };
        }
        allowed
    }
}

async fn run(app: &TestApp, f: &Floor, ops: &[Op]) -> Result<(), TestCaseError> {
    let store = &app.store;
    let actor = Actor::system("model");
    let employees = [f.amira, f.karim];
    let mut ids = Vec::new();
    for n in 0..ASSETS {
        let fields: AssetFields = serde_json::from_value(json!({"name": format!("Modèle {n}"), "model_id": f.c.model}))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        ids.push(store.create_asset(&actor, fields).await.map_err(|e| TestCaseError::fail(e.to_string()))?.id);
    }
    let mut models = [Model { status: AssetStatus::InStock, holder: None, assignments: 0 }; ASSETS];
    for (step, &op) in ops.iter().enumerate() {
        let (Op::CheckOut { asset, .. }
        | Op::CheckIn { asset, .. }
        | Op::Lost { asset }
        | Op::Retire { asset }
        | Op::Restock { asset }) = op;
        let id = ids[asset];
        let result = match op {
            Op::CheckOut { employee, .. } => {
                let request = CheckOut { employee_id: Some(employees[employee]), ..Default::default() };
                store.check_out(&actor, AssetRef::Id(id), request).await.map(drop)
            }
            Op::CheckIn { condition, .. } => {
                store.check_in(&actor, AssetRef::Id(id), CheckIn { condition, ..Default::default() }).await.map(drop)
            }
            Op::Lost { .. } => store.mark_lost(&actor, AssetRef::Id(id), MarkLost::default()).await.map(drop),
            Op::Retire { .. } => store.update_asset(&actor, id, None, json!({"status": "retired"})).await.map(drop),
            Op::Restock { .. } => store.update_asset(&actor, id, None, json!({"status": "in_stock"})).await.map(drop),
        };
        let allowed = models[asset].apply(op, employees);
        match (&result, allowed) {
            (Ok(()), true) | (Err(Error::Domain(DomainError::Conflict { .. })), false) => {}
            _ => {
                return Err(TestCaseError::fail(format!(
                    "step {step} {op:?}: got {result:?}, model allows: {allowed}"
                )));
            }
        }
        for (model, &id) in models.iter().zip(&ids) {
            let asset = store.get_asset(id).await.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(asset.fields.status, model.status, "step {} {:?}: asset {}", step, op, id);
            prop_assert_eq!(asset.current_assignment.as_ref().and_then(|a| a.employee_id), model.holder);
            let history = |open: bool| {
                let filter = AssignmentFilter { asset_id: Some(id), open: open.then_some(true), ..Default::default() };
                List { count: true, ..List::of(filter) }
            };
            let count = |page: radgestmat_domain::Page<_>| page.total.unwrap_or(u64::MAX);
            let open =
                count(store.list_assignments(&history(true)).await.map_err(|e| TestCaseError::fail(e.to_string()))?);
            let all =
                count(store.list_assignments(&history(false)).await.map_err(|e| TestCaseError::fail(e.to_string()))?);
            prop_assert_eq!(open, u64::from(model.status == AssetStatus::Assigned), "one open assignment iff assigned");
            prop_assert_eq!(all, model.assignments, "one assignment per successful check-out");
        }
    }
    Ok(())
}

#[test]
fn random_sequences_agree_with_the_model() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let (app, floor) = runtime.block_on(async {
        let app = TestApp::spawn().await;
        let floor = Floor::new(&app).await;
        (app, floor)
    });
    let config = ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(ops in prop::collection::vec(op(), 1..30))| {
        runtime.block_on(run(&app, &floor, &ops))?;
    });
}
