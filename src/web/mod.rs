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
