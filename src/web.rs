//! The one `#[wasm_bindgen]` boundary. JS calls `mount(element, options)`;
//! nothing mounts itself. DTOs for JS live here, not in `core`.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::ui::{App, AppProps, Lang};

/// Options a host page may pass to `mount`. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct MountOptions {
    /// "en" or "de"; absent means the browser's language.
    lang: Option<String>,
}

/// A mounted app. Call `destroy()` before removing its element.
#[wasm_bindgen]
pub struct AssessorHandle {
    inner: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl AssessorHandle {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.inner.take() {
            handle.destroy();
        }
    }
}

/// Mounts the assessor inside `element`. Bad options are reported as a JS
/// error naming the field, never as a panic.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<AssessorHandle, JsError> {
    let opts: MountOptions = if options.is_undefined() || options.is_null() {
        MountOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("export-assessor mount options: {e}")))?
    };
    let lang = match opts.lang.as_deref() {
        None => browser_lang(),
        Some(code) => Lang::from_code(code).ok_or_else(|| {
            JsError::new(&format!(
                "export-assessor mount options: lang \"{code}\" is not supported; use \"en\" or \"de\""
            ))
        })?,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(element, AppProps { lang }).render();
    Ok(AssessorHandle { inner: Some(handle) })
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::En)
}
