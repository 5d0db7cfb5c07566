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

/// After the saved work has moved to IndexedDB: kept under another key (a
/// copy, in case it is ever needed), so that it does not move again.
pub fn retire_local() {
    let Some(s) = storage() else { return };
    if let Ok(Some(text)) = s.get_item(KEY) {
        if s.set_item(MIGRATED_KEY, &text).is_ok() {
            let _ = s.remove_item(KEY);
        }
    }
}

pub const MIGRATED_KEY: &str = "export-assessor:v1:migrated";

/// Saves everything; false when storage refused (full, blocked, absent).
pub fn save(saved: &SavedWork) -> bool {
    let Some(s) = storage() else { return false };
    s.set_item(KEY, &saved.to_json()).is_ok()
}

/// Offers `text` as a file download (a local blob; nothing is sent).
pub fn download(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    offer(filename, mime, &parts);
}

/// Offers `bytes` as a file download (a local blob; nothing is sent).
#[cfg_attr(not(feature = "screening-app"), allow(dead_code))]
pub fn download_bytes(filename: &str, mime: &str, bytes: &js_sys::Uint8Array) {
    offer(filename, mime, &js_sys::Array::of1(bytes));
}

fn offer(filename: &str, mime: &str, parts: &js_sys::Array) {
    let run = || -> Option<()> {
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(parts, &opts).ok()?;
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

/// Prints once the page has rendered what was just asked for.
pub fn print_soon() {
    let run = || -> Option<()> {
        let w = web_sys::window()?;
        let f = wasm_bindgen::closure::Closure::once_into_js(print);
        w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 100)
            .ok()?;
        Some(())
    };
    let _ = run();
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Moves focus to the first input of question `id` and scrolls to it.
/// Looked up under the app's root, not the document: an embedded app
/// lives in a shadow root, and two of them may share a page.
pub fn focus_question(root: &web_sys::Element, id: &str) {
    let run = || -> Option<()> {
        let q = root.query_selector(&format!("[id=\"q-{id}\"]")).ok()??;
        let el = q.query_selector("input, select, textarea").ok()??;
        let el: web_sys::HtmlElement = el.dyn_into().ok()?;
        el.focus().ok()?;
        el.scroll_into_view();
        Some(())
    };
    let _ = run();
}

/// The largest file the app reads (reports and archives are far smaller).
pub const MAX_FILE_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// The bytes of a file the user chose; an error in words when it is too
/// large or cannot be read.
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(format!(
            "{} is {} MB; files up to {} MB are read",
            file.name(),
            (file.size() / 1_048_576.0).ceil(),
            MAX_FILE_BYTES / 1_048_576.0
        ));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Names the page in the address, so a reload and the host show it.
pub fn set_hash(name: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(name);
    }
}

/// Names `name` in the address without a new history entry (and without
/// the host reacting: no hashchange event fires).
pub fn replace_hash(name: &str) {
    let run = || -> Option<()> {
        let w = web_sys::window()?;
        let url = format!("#{name}");
        w.history()
            .ok()?
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            .ok()
    };
    let _ = run();
}

/// The page the address names when the app starts.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Calls `f` with the address fragment whenever it changes, until the
/// returned guard is dropped.
pub fn watch_hash(f: impl Fn(String) + 'static) -> Option<HashWatch> {
    let window = web_sys::window()?;
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || f(hash()));
    window
        .add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(HashWatch { window, closure })
}

pub struct HashWatch {
    window: web_sys::Window,
    closure: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl Drop for HashWatch {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback(
            "hashchange",
            self.closure.as_ref().unchecked_ref(),
        );
    }
}
