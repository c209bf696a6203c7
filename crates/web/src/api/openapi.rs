//! The OpenAPI document: what the handlers declare, completed so that a client generated from it
//! works against the answers (the suite's schemathesis run checks every answer against it).

use serde_json::{Map, Value, json};
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::error::Problem;

#[derive(OpenApi)]
#[openapi(
    info(title = "RadGestMat API", description = "Equipment management: assets, check-out and check-in, people, catalogue, users. \
        Errors are RFC 9457 problem documents. Authenticate with the session cookie from \
        `POST /api/v1/auth/login` or `Authorization: Bearer <token>` from `POST /api/v1/me/tokens`."),
    components(schemas(Problem)),
    security(("bearer" = []), ("cookie" = [])),
    tags(
        (name = "assets", description = "The asset register"),
        (name = "assignments", description = "Check-out and check-in, loans, what people hold"),
        (name = "sites", description = "Sites and locations"),
        (name = "people", description = "Departments and employees"),
        (name = "catalogue", description = "Categories, manufacturers, models, suppliers"),
        (name = "users", description = "User accounts and roles"),
        (name = "session", description = "Login, logout, own account, API tokens"),
        (name = "alerts", description = "Alerts the background scan raises, their lifecycle, the rules' settings"),
        (name = "settings", description = "Notification channels set in the application, secrets encrypted"),
        (name = "imports", description = "Bringing an existing inventory in: upload, dry run, commit"),
        (name = "audit", description = "The append-only, hash-chained audit log"),
        (name = "operations", description = "Health probes, background jobs"),
    )
)]
pub(crate) struct ApiDoc;

/// The problem answers any operation can give.
const PROBLEMS: [(&str, &str); 11] = [
    ("400", "Malformed request (JSON, query string, path)"),
    ("401", "Authentication required"),
    ("403", "The role lacks the permission"),
    ("404", "Not found"),
    ("409", "Conflict with the current state (duplicate, still in use)"),
    ("413", "Body too large"),
    ("415", "Body is not JSON"),
    ("422", "Invalid values, one entry per field"),
    ("429", "Too many attempts; `Retry-After` says when to try again"),
    ("500", "Internal error (logged with the request id)"),
    ("503", "The database is unavailable for a moment; `Retry-After` says when to try again"),
];

/// The document as served, once every route is in it: the security schemes, the problem
/// answers of every operation, and the shapes utoipa cannot say by itself.
pub fn complete(mut openapi: utoipa::openapi::OpenApi) -> Value {
    let components = openapi.components.get_or_insert_default();
    components
        .add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    components.add_security_scheme("cookie", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("rgm_session"))));
    let mut doc = serde_json::to_value(&openapi).expect("the OpenAPI document is JSON");
    let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    inline_all_of(&mut doc["components"], &schemas);
    inline_all_of(&mut doc["paths"], &schemas);
    for item in doc["paths"].as_object_mut().into_iter().flat_map(|paths| paths.values_mut()) {
        for (_, operation) in item.as_object_mut().into_iter().flatten() {
            complete_operation(operation);
        }
    }
    doc
}

/// One operation: every problem answer documented as `application/problem+json`, and record
/// ids in the path from 1.
fn complete_operation(operation: &mut Value) {
    let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else { return };
    for (code, description) in PROBLEMS {
        responses.entry(code).or_insert_with(|| json!({"description": description}));
    }
    for (_, response) in responses.iter_mut().filter(|(code, _)| code.as_str() >= "400") {
        let as_json = &response["content"]["application/json"]["schema"]["$ref"];
        if response.get("content").is_none() || as_json == "#/components/schemas/Problem" {
            response["content"] =
                json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}});
        }
    }
    for parameter in operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
        if parameter["in"] == "path" && parameter["schema"]["type"] == "integer" {
            parameter["schema"]["minimum"] = json!(1);
        }
    }
}

/// Replaces each `allOf` of objects by the one object it means. utoipa writes a struct with a
/// flattened field as `allOf: [fields, {id, created_at, …}]`; with the fields' own
/// `additionalProperties: false` (unknown fields are refused on input), no answer could match
/// both halves. The request schemas keep their strictness; the views become one object.
fn inline_all_of(node: &mut Value, schemas: &Map<String, Value>) {
    match node {
        Value::Object(object) => {
            if let Some(merged) = object.get("allOf").and_then(|parts| merged_object(parts, schemas)) {
                object.remove("allOf");
                for (key, value) in merged {
                    object.entry(key).or_insert(value);
                }
            }
            object.values_mut().for_each(|child| inline_all_of(child, schemas));
        }
        Value::Array(items) => items.iter_mut().for_each(|child| inline_all_of(child, schemas)),
        _ => {}
    }
}

/// The object an `allOf` of objects (or references to them) describes, if it is one.
fn merged_object(parts: &Value, schemas: &Map<String, Value>) -> Option<Map<String, Value>> {
    let (mut properties, mut required) = (Map::new(), Vec::new());
    for part in parts.as_array()? {
        let part = match part["$ref"].as_str() {
            Some(reference) => schemas.get(reference.strip_prefix("#/components/schemas/")?)?,
            None => part,
        };
        let nested = part.get("allOf").and_then(|inner| merged_object(inner, schemas));
        let part = nested.map(Value::Object).unwrap_or_else(|| part.clone());
        properties.extend(part.get("properties")?.as_object()?.clone());
        required.extend(part["required"].as_array().cloned().unwrap_or_default());
    }
    let mut object = Map::new();
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    object.insert("required".into(), Value::Array(required));
    Some(object)
}
