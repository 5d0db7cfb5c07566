//! Party screening against sanctions lists, entirely local: loaders,
//! normalisation, an index for candidate generation, and scoring that
//! explains every hit.

pub mod csv;
pub mod decisions;
pub mod index;
pub mod leads;
pub mod lists;
pub mod normalize;
