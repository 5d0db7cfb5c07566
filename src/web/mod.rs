//! The one `#[wasm_bindgen]` boundary, for the three wasm builds of this
//! crate: the questionnaire (`assessor`, the default); with the feature
//! `screening-app`, the screening engine for the Web Worker and the
//! screening page (`screening`); with `record-app`, the records app
//! (`records`). DTOs for JS live here, not in the core.

#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod assessor;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
pub use assessor::*;

#[cfg(feature = "screening-app")]
mod screening;
#[cfg(feature = "screening-app")]
pub use screening::*;

#[cfg(feature = "record-app")]
mod records;
#[cfg(feature = "record-app")]
pub use records::*;

/// The data bundle as the questionnaire and the records app use it: the
/// rule set and destination data, with the UI texts installed.
#[cfg(not(feature = "screening-app"))]
fn shared_from(data: &[u8]) -> Result<crate::ui::Shared, wasm_bindgen::JsError> {
    let fail =
        |e: crate::core::LoadError| wasm_bindgen::JsError::new(&format!("export-assessor: {e}"));
    let crate::core::bundle::Contents {
        rules,
        destinations,
        app_messages,
        ..
    } = crate::core::bundle::decode(data).map_err(fail)?;
    crate::ui::install_messages(app_messages).map_err(fail)?;
    Ok(crate::ui::Shared::new(rules, destinations))
}

/// Installed when the wasm starts (each of the three builds, the worker's
/// too): a panic calls the host's `globalThis.exportAssessorPanic(message)`
/// if it set one. The wasm is built with `panic = "abort"`, so the instance
/// traps right after and is dead; the host shows its error screen
/// (www/store.js `showPanicScreen`; the worker posts the message to its
/// client). The work is already in IndexedDB: every change is saved at once.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    use wasm_bindgen::JsCast;
    // Through Yew, which otherwise installs its own hook (console only) when
    // an app is rendered.
    yew::set_custom_panic_hook(Box::new(|info| {
        let hook = js_sys::Reflect::get(&js_sys::global(), &"exportAssessorPanic".into());
        if let Some(f) = hook
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &info.to_string().into());
        }
    }));
}

/// The end-to-end tests' hook (tests/e2e/panic.test.mjs): panics, so that
/// the panic hook and the host's error screen can be tested. Harmless: it
/// can only crash the page (or worker) that calls it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = __panicForTest)]
#[allow(clippy::panic)]
pub fn panic_for_test() {
    panic!("export-assessor: panic forced by __panicForTest (the e2e tests' hook)");
}
