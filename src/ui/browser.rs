//! The few browser services the app needs, each failing softly: clock and
//! ids, local storage, downloads, focus. Nothing here panics.

use wasm_bindgen::JsCast;

use crate::core::session::SavedWork;

pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A practically unique id: time plus randomness (ids are local only).
pub fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("a{t:x}{r:x}")
}

const KEY: &str = "export-assessor:v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Storage is usable when a probe value can be written and removed.
pub fn storage_available() -> bool {
    let Some(s) = storage() else { return false };
    let probe = "export-assessor:probe";
    s.set_item(probe, "1").is_ok() && s.remove_item(probe).is_ok()
}

/// Where saved work that cannot be read is kept, so that nothing is lost
/// when the app starts empty and saves over it.
pub const DAMAGED_KEY: &str = "export-assessor:v1:damaged";

/// The saved work: None when there is none; an error saying why when it
/// cannot be read, after copying it to `DAMAGED_KEY` (an earlier copy
/// there is kept, not overwritten).
pub fn load() -> Option<Result<SavedWork, String>> {
    let s = storage()?;
    let text = s.get_item(KEY).ok().flatten()?;
    Some(SavedWork::parse(&text).map_err(|e| {
        if s.get_item(DAMAGED_KEY).ok().flatten().is_none() {
            let _ = s.set_item(DAMAGED_KEY, &text);
        }
        e.to_string()
    }))
}

/// Saves everything; false when storage refused (full, blocked, absent).
pub fn save(saved: &SavedWork) -> bool {
    let Some(s) = storage() else { return false };
    s.set_item(KEY, &saved.to_json()).is_ok()
}

/// Offers `text` as a file download (a local blob; nothing is sent).
pub fn download(filename: &str, mime: &str, text: &str) {
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let doc = web_sys::window()?.document()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(filename);
        a.set_hidden(true);
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        web_sys::Url::revoke_object_url(&url).ok()?;
        Some(())
    };
    let _ = run();
}

/// Leaves the screening page for the assessment (the host shows the view
/// the address names).
pub fn show_assessment() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("assessment");
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Moves focus to the first input of question `id` and scrolls to it.
pub fn focus_question(id: &str) {
    let run = || -> Option<()> {
        let doc = web_sys::window()?.document()?;
        let q = doc.get_element_by_id(&format!("q-{id}"))?;
        let el = q.query_selector("input, select, textarea").ok()??;
        let el: web_sys::HtmlElement = el.dyn_into().ok()?;
        el.focus().ok()?;
        el.scroll_into_view();
        Some(())
    };
    let _ = run();
}
