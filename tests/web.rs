//! Component tests in headless Chromium (wasm-bindgen-test). Run by
//! `scripts/test.sh` as `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The bundle `scripts/build.sh` wrote (scripts/test.sh builds before this).
fn data() -> Vec<u8> {
    include_bytes!("../www/pkg/assessor-data.bin").to_vec()
}

fn fresh_root() -> web_sys::Element {
    let window = web_sys::window().unwrap();
    if let Ok(Some(s)) = window.local_storage() {
        let _ = s.clear();
    }
    let doc = window.document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn lang_options(lang: &str) -> wasm_bindgen::JsValue {
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"lang".into(), &lang.into()).unwrap();
    obj.into()
}

/// The text of the first element `selector` matches ("" when none does).
fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn shell_renders_in_the_requested_language_and_switches() {
    let root = fresh_root();
    let mut handle =
        export_assessor::web::mount(root.clone(), lang_options("de"), &data()).unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("Nichts wird an einen Server gesendet"),
        "German footer missing: {text}"
    );

    let select: web_sys::HtmlSelectElement = root
        .query_selector("[data-testid=lang-switch]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value("en");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("Nothing is sent to any server"),
        "English footer missing: {text}"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_new_assessment_shows_questions_and_an_incomplete_result() {
    let root = fresh_root();
    let mut handle =
        export_assessor::web::mount(root.clone(), lang_options("en"), &data()).unwrap();
    yew::scheduler::flush().await;
    click(&root, "[data-testid=new-assessment]");
    yew::scheduler::flush().await;
    assert!(
        root.query_selector("[data-testid=q-exporter_member_state]")
            .unwrap()
            .is_some(),
        "the first question is shown"
    );
    let outcome = root
        .query_selector("[data-testid=outcome]")
        .unwrap()
        .unwrap();
    assert_eq!(
        outcome.get_attribute("data-outcome").as_deref(),
        Some("incomplete")
    );
    assert!(
        outcome.text_content().unwrap().contains("Incomplete"),
        "the outcome is in words, not only colour"
    );
    assert_eq!(handle.outcome().as_string().as_deref(), Some("incomplete"));
    handle.destroy();
}

#[wasm_bindgen_test]
fn a_stale_bundle_is_refused_with_a_message_to_rebuild() {
    // A bundle whose message list differs from this build's (one key gone).
    let mut contents = export_assessor::core::bundle::decode(&data()).unwrap();
    contents.app_messages.keys.pop();
    contents.app_messages.texts.pop();
    let stale = export_assessor::core::bundle::encode(
        &contents.rules,
        &contents.destinations,
        &contents.app_messages,
        &contents.screening_messages,
    );
    let err = export_assessor::web::mount(fresh_root(), lang_options("en"), &stale)
        .err()
        .map(|e| {
            String::from(
                wasm_bindgen::JsValue::from(e)
                    .unchecked_into::<js_sys::Error>()
                    .message(),
            )
        })
        .unwrap_or_default();
    assert!(err.contains("rebuild"), "{err}");
    assert!(err.contains("questionnaire messages"), "{err}");
}

#[wasm_bindgen_test]
fn mount_rejects_bad_input_without_panicking() {
    let root = fresh_root();
    let err = export_assessor::web::mount(root.clone(), lang_options("xx"), &data())
        .err()
        .expect("must fail");
    let msg = String::from(
        wasm_bindgen::JsValue::from(err)
            .unchecked_into::<js_sys::Error>()
            .message(),
    );
    assert!(msg.contains("lang \"xx\" is not supported"), "{msg}");
    let err = export_assessor::web::mount(root, wasm_bindgen::JsValue::UNDEFINED, b"not a bundle")
        .err()
        .expect("must fail");
    let msg = String::from(
        wasm_bindgen::JsValue::from(err)
            .unchecked_into::<js_sys::Error>()
            .message(),
    );
    assert!(msg.contains("rebuild"), "{msg}");
}

/// Sets an input's value as typing does.
fn type_into(root: &web_sys::Element, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_host_screens_the_end_user_and_the_hit_becomes_a_finding() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let root = fresh_root();
    // The host: records the requests the app sends.
    let requests: Rc<RefCell<Vec<String>>> = Rc::default();
    let on_screen = {
        let requests = requests.clone();
        // The request arrives as a plain object; kept as its JSON text.
        Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |r: wasm_bindgen::JsValue| {
            let text = js_sys::JSON::stringify(&r)
                .map(String::from)
                .unwrap_or_default();
            requests.borrow_mut().push(text)
        })
    };
    let options = lang_options("en");
    js_sys::Reflect::set(&options, &"onScreen".into(), on_screen.as_ref()).unwrap();
    let mut handle = export_assessor::web::mount(root.clone(), options, &data()).unwrap();
    yew::scheduler::flush().await;
    click(&root, "[data-testid=new-assessment]");
    yew::scheduler::flush().await;
    type_into(&root, "#in-end_user_name", "Acme Surveillance Ltd");
    yew::scheduler::flush().await;
    let last = requests.borrow().last().cloned().unwrap_or_default();
    assert!(
        last.contains("\"name\":\"Acme Surveillance Ltd\"")
            && last.contains("\"question\":\"end_user_name\""),
        "{last}"
    );
    let reference = last
        .split("\"ref\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();

    // The engine answers: one hit on the end-user.
    let response = format!(
        r#"{{"ref":"{reference}","threshold":850,"lists":[{{"key":"un","label":"un.xml","format":"un","generated":"2026-02-27","sha256":"sha256:ab","entries":3}}],"parties":[{{"question":"end_user_name","name":"Acme Surveillance Ltd","countries":[],"hits":[{{"list_key":"un","entry_id":"QDe.1","entry_fingerprint":"sha256:f1","matched_name":"ACME SURVEILLANCE LIMITED","score":960,"explanation":"alias \"ACME SURVEILLANCE LIMITED\""}}]}}]}}"#
    );
    handle.deliver_screening(js_sys::JSON::parse(&response).unwrap());
    yew::scheduler::flush().await;
    let findings = text_of(&root, "[data-testid=findings]");
    assert!(
        findings.contains("Unresolved potential sanctions-list match"),
        "{findings}"
    );
    // A failure is shown as the screening's failure, and changes nothing;
    // so is an answer that is not a response (an unknown verdict, say).
    handle.screening_failed("The screening engine could not start: test".into());
    yew::scheduler::flush().await;
    click(&root, "[data-testid=nav-screening]");
    yew::scheduler::flush().await;
    let alert = text_of(&root, "[data-testid=screening-panel] [role=alert]");
    assert!(alert.contains("could not start: test"), "{alert}");
    handle.deliver_screening(js_sys::JSON::parse(r#"{"ref":"x","threshold":"high"}"#).unwrap());
    yew::scheduler::flush().await;
    let findings = text_of(&root, "[data-testid=findings]");
    assert!(
        findings.contains("Unresolved potential sanctions-list match"),
        "{findings}"
    );
    handle.destroy();
}
