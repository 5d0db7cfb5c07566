//! Party screening against sanctions lists, entirely local: loaders,
//! normalisation, an index for candidate generation, scoring that explains
//! every hit, and the record an assessment keeps of it.

pub mod batch;
pub mod csv;
pub mod decisions;
pub mod freshness;
pub mod index;
pub mod leads;
pub mod lists;
pub mod normalize;
pub mod parties;
pub mod record;
pub mod register;
pub mod table;
