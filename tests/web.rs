//! Component tests in headless Chromium (wasm-bindgen-test). Run by
//! `scripts/test.sh` as `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn lang_options(lang: &str) -> wasm_bindgen::JsValue {
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"lang".into(), &lang.into()).unwrap();
    obj.into()
}

#[wasm_bindgen_test]
async fn shell_renders_in_the_requested_language_and_switches() {
    let root = fresh_root();
    let mut handle = export_assessor::web::mount(root.clone(), lang_options("de")).unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Nichts wird an einen Server gesendet"), "German footer missing: {text}");

    let select: web_sys::HtmlSelectElement =
        root.query_selector("[data-testid=lang-switch]").unwrap().unwrap().dyn_into().unwrap();
    select.set_value("en");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Nothing is sent to any server"), "English footer missing: {text}");
    handle.destroy();
}

#[wasm_bindgen_test]
fn mount_rejects_an_unknown_language_without_panicking() {
    let root = fresh_root();
    let err = export_assessor::web::mount(root, lang_options("xx")).err().expect("must fail");
    let msg: js_sys::Error = wasm_bindgen::JsValue::from(err).unchecked_into();
    let msg = String::from(msg.message());
    assert!(msg.contains("lang \"xx\" is not supported"), "{msg}");
}
