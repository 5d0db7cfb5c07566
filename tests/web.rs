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

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).dyn_into().unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn shell_renders_in_the_requested_language_and_switches() {
    let root = fresh_root();
    let mut handle = export_assessor::web::mount(root.clone(), lang_options("de"), &data()).unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Nichts wird an einen Server gesendet"), "German footer missing: {text}");

    let select: web_sys::HtmlSelectElement = root.query_selector("[data-testid=lang-switch]").unwrap().unwrap().dyn_into().unwrap();
    select.set_value("en");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Nothing is sent to any server"), "English footer missing: {text}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_new_assessment_shows_questions_and_an_incomplete_result() {
    let root = fresh_root();
    let mut handle = export_assessor::web::mount(root.clone(), lang_options("en"), &data()).unwrap();
    yew::scheduler::flush().await;
    click(&root, "[data-testid=new-assessment]");
    yew::scheduler::flush().await;
    assert!(root.query_selector("[data-testid=q-exporter_member_state]").unwrap().is_some(), "the first question is shown");
    let outcome = root.query_selector("[data-testid=outcome]").unwrap().unwrap();
    assert_eq!(outcome.get_attribute("data-outcome").as_deref(), Some("incomplete"));
    assert!(outcome.text_content().unwrap().contains("Incomplete"), "the outcome is in words, not only colour");
    assert_eq!(handle.outcome().unwrap().as_string().as_deref(), Some("incomplete"));
    handle.destroy();
}

#[wasm_bindgen_test]
fn mount_rejects_bad_input_without_panicking() {
    let root = fresh_root();
    let err = export_assessor::web::mount(root.clone(), lang_options("xx"), &data()).err().expect("must fail");
    let msg = String::from(wasm_bindgen::JsValue::from(err).unchecked_into::<js_sys::Error>().message());
    assert!(msg.contains("lang \"xx\" is not supported"), "{msg}");
    let err = export_assessor::web::mount(root, wasm_bindgen::JsValue::UNDEFINED, b"not a bundle").err().expect("must fail");
    let msg = String::from(wasm_bindgen::JsValue::from(err).unchecked_into::<js_sys::Error>().message());
    assert!(msg.contains("rebuild"), "{msg}");
}
