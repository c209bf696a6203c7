//! Custom fields: a phone's IMEI, a switch's MAC address: defined per category, checked and
//! written one way, searched, unique when asked (by the database, under concurrency too),
//! imported and shown.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;

/// A phone model whose category has an IMEI (required, unique) and a network list.
async fn phones(app: &TestApp) -> (i64, i64) {
    let category = app.create("/api/v1/categories", json!({"name": "Téléphones"})).await;
    let maker = app.create("/api/v1/manufacturers", json!({"name": "Samsung"})).await;
    let model = app
        .create("/api/v1/models", json!({"name": "Galaxy A54", "category_id": category, "manufacturer_id": maker}))
        .await;
    let imei = json!({"category_id": category, "key": "imei", "name": "IMEI", "kind": "text", "format": "imei",
        "required": true, "unique": true});
    app.create("/api/v1/custom-fields", imei).await;
    let network =
        json!({"category_id": category, "key": "reseau", "name": "Réseau", "kind": "list", "options": ["4G", "5G"]});
    app.create("/api/v1/custom-fields", network).await;
    (category, model)
}

fn field_of(body: &Value) -> &str {
    body["errors"][0]["field"].as_str().or(body["field"].as_str()).unwrap_or("")
}

#[tokio::test]
async fn an_asset_carries_its_categorys_fields_checked_searched_and_unique() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let (_, phone) = phones(&app).await;

    let missing = app.post("/api/v1/assets", json!({"name": "Téléphone", "model_id": phone})).await;
    assert_eq!(
        (missing.status, field_of(&missing.body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "custom.imei"),
        "{}",
        missing.body
    );
    let wrong = app
        .post("/api/v1/assets", json!({"name": "T", "model_id": phone, "custom": {"imei": "356938035643808"}}))
        .await;
    assert_eq!(wrong.body["errors"][0]["code"], "not-an-imei", "{}", wrong.body);
    let body = json!({"asset_tag": "TEL-1", "name": "Téléphone", "model_id": phone,
        "custom": {"imei": "35 693803 564380 9", "reseau": "5g"}});
    let created = app.post("/api/v1/assets", body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["custom"], json!({"imei": "356938035643809", "reseau": "5G"}), "written one way");
    let id = created.body["id"].as_i64().unwrap();
    let found = app.get("/api/v1/assets?q=356938035643809").await.body;
    assert_eq!(found["items"][0]["id"], id, "q= finds an IMEI");

    let twice = app
        .post("/api/v1/assets", json!({"name": "T", "model_id": phone, "custom": {"imei": "356938035643809"}}))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert_eq!(twice.body["code"], "custom-value-used");
    assert!(twice.body["detail"].as_str().unwrap().contains("TEL-1"), "{}", twice.body);

    let other = app
        .post("/api/v1/assets", json!({"name": "Écran", "model_id": c.model, "custom": {"imei": "490154203237518"}}))
        .await;
    assert_eq!(
        (other.status, field_of(&other.body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "custom.imei"),
        "not a screen's field"
    );
    let colour = app.patch(&format!("/api/v1/assets/{id}"), json!({"custom": {"couleur": "noir"}})).await;
    assert_eq!(field_of(&colour.body), "custom.couleur", "{}", colour.body);
    let cleared = app.patch(&format!("/api/v1/assets/{id}"), json!({"custom": {"imei": null}})).await;
    assert_eq!(field_of(&cleared.body), "custom.imei", "a required field cannot be emptied: {}", cleared.body);
    let net = app.patch(&format!("/api/v1/assets/{id}"), json!({"custom": {"reseau": "4G"}})).await;
    assert_eq!(
        net.body["custom"],
        json!({"imei": "356938035643809", "reseau": "4G"}),
        "a merge patch of the values: {}",
        net.body
    );
    let bad = app
        .post(
            "/api/v1/custom-fields",
            json!({"category_id": c.category, "key": "Ports", "name": "P", "kind": "number", "format": "imei"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
}

#[tokio::test]
async fn two_assets_with_one_imei_at_once_make_one() {
    let app = TestApp::spawn().await;
    let (_, phone) = phones(&app).await;
    let body = |n: u32| json!({"asset_tag": format!("TEL-{n}"), "name": "T", "model_id": phone, "custom": {"imei": "490154203237518"}});
    let (a, b) = tokio::join!(app.post("/api/v1/assets", body(1)), app.post("/api/v1/assets", body(2)));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    assert_eq!(app.total("/api/v1/assets?q=490154203237518").await, 1);
}

#[tokio::test]
async fn a_file_fills_custom_fields_by_their_name() {
    let app = TestApp::spawn().await;
    let (_, _) = phones(&app).await;
    app.create("/api/v1/assets", json!({"asset_tag": "TEL-0", "name": "T", "model_id": app.get("/api/v1/models").await.body["items"][0]["id"], "custom": {"imei": "490154203237518"}})).await;
    let file = "Asset Tag,Model,IMEI,Réseau\nTEL-1,Galaxy A54,356938035643809,5G\nTEL-2,Galaxy A54,12345,4G\nTEL-3,Galaxy A54,,4G\n";
    let reply = app.upload("/api/v1/imports", &app.admin, &[("kind", "assets")], ("tel.csv", file.as_bytes())).await;
    app.settle().await;
    let import = app.get(&format!("/api/v1/imports/{}", reply.body["id"])).await.body;
    let imei = import["mapping"].as_array().unwrap().iter().find(|c| c["header"] == "IMEI").unwrap().clone();
    assert_eq!(imei["field"], "custom.imei", "{import}");
    assert_eq!(import["counts"], json!({"create": 1, "update": 0, "unchanged": 0, "error": 2}), "{import}");
    let rows = app.get(&format!("/api/v1/imports/{}/rows?status=error", import["id"])).await.body;
    let errors: Vec<(Value, Value)> = rows["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["errors"][0]["column"].clone(), r["errors"][0]["code"].clone()))
        .collect();
    assert_eq!(errors, [(json!("IMEI"), json!("not-an-imei")), (json!("IMEI"), json!("must-not-be-empty"))]);
    let done = app.post(&format!("/api/v1/imports/{}/commit", import["id"]), json!({"skip_errors": true})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let tel = app.get("/api/v1/assets/by-tag/TEL-1").await.body;
    assert_eq!(tel["custom"], json!({"imei": "356938035643809", "reseau": "5G"}));

    // An IMEI another asset has, or twice in the file, is an error of the dry run.
    let again = "Asset Tag,Model,IMEI\nTEL-8,Galaxy A54,490154203237518\nTEL-9,Galaxy A54,353918056000009\nTEL-10,Galaxy A54,353918056000009\n";
    let reply = app.upload("/api/v1/imports", &app.admin, &[("kind", "assets")], ("tel.csv", again.as_bytes())).await;
    app.settle().await;
    let rows = app.get(&format!("/api/v1/imports/{}/rows?status=error", reply.body["id"])).await.body;
    let codes: Vec<(Value, Value)> =
        rows["items"].as_array().unwrap().iter().map(|r| (r["line"].clone(), r["errors"][0]["code"].clone())).collect();
    assert_eq!(codes, [(json!(2), json!("custom-value-used")), (json!(4), json!("value-twice-in-file"))], "{rows}");
}

#[tokio::test]
async fn the_form_shows_and_saves_the_fields_of_the_models_category() {
    use crate::ui::Browser;
    let app = TestApp::spawn().await;
    let (category, phone) = phones(&app).await;
    let it = Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let form = it.get("/assets/new").await;
    assert!(
        form.body.contains(&format!("data-category=\"{category}\"")) && form.body.contains("name=\"custom.imei\""),
        "{}",
        form.body
    );
    let phone_text = phone.to_string();
    let sent = [
        ("name", "Téléphone de la caisse"),
        ("model_id", phone_text.as_str()),
        ("status", "in_stock"),
        ("custom.imei", "1234"),
        ("custom.reseau", ""),
    ];
    let refused = it.post("/assets/new", &sent).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("doit être un IMEI"), "the message beside its field: {}", refused.body);
    let mut fixed = sent.to_vec();
    fixed[3] = ("custom.imei", "356938035643809");
    let saved = it.post("/assets/new", &fixed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = it.get(saved.location().split('?').next().unwrap()).await;
    assert!(page.body.contains("<dt>IMEI</dt><dd>356938035643809</dd>"), "{}", page.body);
    let admin = it.get("/admin/custom-fields").await;
    assert!(admin.body.contains("Réseau"), "the administration lists them");
    let csv = String::from_utf8(it.bytes("/assets.csv").await.1).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(";IMEI;Réseau"), "a column per custom field: {header}");
    assert!(csv.lines().nth(1).unwrap().ends_with(";356938035643809;"), "{csv}");
}

#[tokio::test]
async fn a_model_of_another_category_lets_the_old_values_go() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let (_, phone) = phones(&app).await;
    let body = json!({"name": "T", "model_id": phone, "custom": {"imei": "490154203237518"}});
    let id = app.create("/api/v1/assets", body).await;
    let screen = app.patch(&format!("/api/v1/assets/{id}"), json!({"model_id": c.model})).await;
    assert_eq!(screen.status, StatusCode::OK, "the IMEI does not block the change: {}", screen.body);
    assert_eq!(screen.body.get("custom"), None, "a screen has no IMEI");
    let typo = app.patch(&format!("/api/v1/assets/{id}"), json!({"custom": {"imei": "490154203237518"}})).await;
    assert_eq!(field_of(&typo.body), "custom.imei", "a value the patch gives is still checked: {}", typo.body);
}

#[tokio::test]
async fn a_bulk_change_sets_a_custom_field_checked_for_each_asset() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let (_, phone) = phones(&app).await;
    let mut ids = Vec::new();
    for imei in ["490154203237518", "356938035643809"] {
        ids.push(app.create("/api/v1/assets", json!({"name": "T", "model_id": phone, "custom": {"imei": imei}})).await);
    }
    let done = app.patch("/api/v1/assets", json!({"ids": ids, "set": {"custom": {"reseau": "5g"}}})).await;
    assert_eq!((done.status, done.body["changed"].as_u64()), (StatusCode::OK, Some(2)), "{}", done.body);
    let asset = app.get(&format!("/api/v1/assets/{}", ids[0])).await.body;
    assert_eq!(asset["custom"], json!({"imei": "490154203237518", "reseau": "5G"}));
    let screen = app.create("/api/v1/assets", json!({"name": "Écran", "model_id": c.model})).await;
    let refused =
        app.patch("/api/v1/assets", json!({"ids": [ids[1], screen], "set": {"custom": {"reseau": "4G"}}})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "a screen has no network field: {}", refused.body);
    assert_eq!(app.get(&format!("/api/v1/assets/{}", ids[1])).await.body["custom"]["reseau"], "5G", "nothing changed");
    let form = [
        ("ids", ids[0].to_string()),
        ("set_custom_key", "reseau".into()),
        ("set_custom_value", "4G".into()),
        ("confirm", "yes".into()),
    ];
    let it = crate::ui::Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = it.post("/assets/bulk", &form).await;
    assert!(page.body.contains("1 matériel modifié."), "{}", page.body);
    assert_eq!(app.get(&format!("/api/v1/assets/{}", ids[0])).await.body["custom"]["reseau"], "4G");
}

#[tokio::test]
async fn the_list_filters_by_a_custom_value_and_shows_its_column_on_demand() {
    let app = TestApp::spawn().await;
    let (category, phone) = phones(&app).await;
    let ports = json!({"category_id": category, "key": "ports", "name": "Ports", "kind": "number"});
    app.create("/api/v1/custom-fields", ports).await;
    for (tag, imei, network, ports) in [
        ("TEL-1", "490154203237518", "4G", 8),
        ("TEL-2", "356938035643809", "5G", 24),
        ("TEL-3", "352099001761481", "5G", 80),
    ] {
        let body = json!({"asset_tag": tag, "name": "T", "model_id": phone,
            "custom": {"imei": imei, "reseau": network, "ports": ports}});
        app.create("/api/v1/assets", body).await;
    }
    let tags = |body: &Value| -> Vec<String> {
        body["items"].as_array().unwrap().iter().map(|a| a["asset_tag"].as_str().unwrap().to_owned()).collect()
    };
    let five = app.get("/api/v1/assets?custom.reseau=5G&sort=asset_tag").await;
    assert_eq!(tags(&five.body), ["TEL-2", "TEL-3"], "{}", five.body);
    let eight = app.get("/api/v1/assets?custom.ports=8").await.body;
    assert_eq!(tags(&eight), ["TEL-1"], "8 is not the start of 80");
    let written = app.get("/api/v1/assets?custom.ports=24,0&custom.reseau=5G").await.body;
    assert_eq!(tags(&written), ["TEL-2"], "a number as a French file writes it, with another filter");
    let imei = app.get("/api/v1/assets?custom.imei=35 693803 564380 9").await.body;
    assert_eq!(tags(&imei), ["TEL-2"], "an IMEI as it is printed");
    let unknown = app.get("/api/v1/assets?custom.colour=red").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    assert_eq!(field_of(&unknown.body), "custom.colour", "{}", unknown.body);
    let quote = app.get("/api/v1/assets?custom.imei=356938035643809%22%2C%22ports%22%3A24").await.body;
    assert_eq!(tags(&quote), Vec::<String>::new(), "a quote in the value is a quote, not JSON");
    for wildcard in ["_G", "%25", "5%25"] {
        let found = app.get(&format!("/api/v1/assets?custom.reseau={wildcard}")).await.body;
        assert_eq!(tags(&found), Vec::<String>::new(), "{wildcard} is itself, not a pattern");
    }
    let lower = app.get("/api/v1/assets?custom.reseau=5g&sort=asset_tag").await.body;
    assert_eq!(tags(&lower), ["TEL-2", "TEL-3"], "letter case aside, on both databases: {lower}");

    let it = crate::ui::Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let page = it.get(&format!("/assets?category_id={category}&custom.reseau=5G&show=ports")).await;
    assert!(
        page.body.contains(r#"name="custom.reseau" value="5G""#),
        "the category's fields are filters: {}",
        page.body
    );
    assert!(page.body.contains(r#"<th scope="col">Ports</th>"#), "the column asked for: {}", page.body);
    assert!(page.body.contains(r#"<td data-label="Ports">80</td>"#), "{}", page.body);
    assert!(!page.body.contains("TEL-1"), "filtered");
    assert!(!page.body.contains(r#"<th scope="col">IMEI</th>"#), "a column not asked for");
}

#[tokio::test]
async fn a_field_made_unique_later_refuses_the_values_two_assets_share() {
    let app = TestApp::spawn().await;
    let (category, phone) = phones(&app).await;
    let line = json!({"category_id": category, "key": "ligne", "name": "N° de ligne", "kind": "text"});
    let field = app.create("/api/v1/custom-fields", line).await;
    let mut ids = Vec::new();
    for (imei, number) in [("490154203237518", "98 000 001"), ("356938035643809", "98 000 001")] {
        let body = json!({"name": "T", "model_id": phone, "custom": {"imei": imei, "ligne": number}});
        ids.push(app.create("/api/v1/assets", body).await);
    }
    let refused = app.patch(&format!("/api/v1/custom-fields/{field}"), json!({"unique": true})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.body["code"], "custom-value-shared", "{}", refused.body);
    assert_eq!(app.get(&format!("/api/v1/custom-fields/{field}")).await.body["unique"], false, "nothing changed");

    let fixed = app.patch(&format!("/api/v1/assets/{}", ids[1]), json!({"custom": {"ligne": "98 000 002"}})).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let unique = app.patch(&format!("/api/v1/custom-fields/{field}"), json!({"unique": true})).await;
    assert_eq!(unique.status, StatusCode::OK, "{}", unique.body);
    let body = json!({"name": "T", "model_id": phone, "custom": {"imei": "352099001761481", "ligne": "98 000 001"}});
    let again = app.post("/api/v1/assets", body).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the values already given are kept unique: {}", again.body);
    assert_eq!(again.body["code"], "custom-value-used");
}
