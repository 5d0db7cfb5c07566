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
