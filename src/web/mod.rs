//! The one `#[wasm_bindgen]` boundary, for the two wasm builds of this
//! crate: the questionnaire (`assessor`, the default) and, with the feature
//! `screening-app`, the screening engine for the Web Worker and the
//! screening page (`screening`). DTOs for JS live here, not in the core.

#[cfg(not(feature = "screening-app"))]
mod assessor;
#[cfg(not(feature = "screening-app"))]
pub use assessor::*;

#[cfg(feature = "screening-app")]
mod screening;
#[cfg(feature = "screening-app")]
pub use screening::*;
