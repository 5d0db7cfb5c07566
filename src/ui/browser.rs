//! The few browser services the app needs, each failing softly: clock and
//! ids, local storage, downloads, focus. Nothing here panics.

use wasm_bindgen::JsCast;

use crate::core::json::{self, obj, Fields, Json};
use crate::core::session::Archive;
use crate::core::Lang;

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

pub struct Saved {
    pub lang: Lang,
    pub current: Option<String>,
    pub archive: Archive,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Storage is usable when a probe value can be written and removed.
pub fn storage_available() -> bool {
    let Some(s) = storage() else { return false };
    let probe = "export-assessor:probe";
    s.set_item(probe, "1").is_ok() && s.remove_item(probe).is_ok()
}

/// The saved work, or None when there is none or it cannot be read (then
/// the app starts empty rather than failing).
pub fn load() -> Option<Saved> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    let v = json::parse("saved work", text.as_bytes(), usize::MAX).ok()?;
    let f = Fields::of("saved work", "", &v).ok()?;
    Some(Saved {
        lang: f
            .opt_string("lang")
            .ok()
            .flatten()
            .and_then(|l| Lang::from_code(&l))
            .unwrap_or_default(),
        current: f.opt_string("current").ok().flatten(),
        archive: Archive::from_json("saved work", "archive", f.req("archive").ok()?).ok()?,
    })
}

/// Saves everything; false when storage refused (full, blocked, absent).
pub fn save(saved: &Saved) -> bool {
    let Some(s) = storage() else { return false };
    let v = obj(vec![
        ("lang", Json::str(saved.lang.code())),
        (
            "current",
            saved.current.as_ref().map_or(Json::Null, Json::str),
        ),
        ("archive", saved.archive.to_json()),
    ]);
    s.set_item(KEY, &v.canonical(None)).is_ok()
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

/// Moves focus to the first element `selector` matches and scrolls to it.
pub fn focus(selector: &str) {
    let run = || -> Option<()> {
        let doc = web_sys::window()?.document()?;
        let el = doc.query_selector(selector).ok()??;
        let el: web_sys::HtmlElement = el.dyn_into().ok()?;
        el.focus().ok()?;
        el.scroll_into_view();
        Some(())
    };
    let _ = run();
}
