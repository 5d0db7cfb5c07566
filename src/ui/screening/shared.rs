//! What every component of the page reads and never changes: the language,
//! the destination data and the host's client, given once through a Yew
//! context; and small helpers the components share.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::Client;
use crate::core::destinations::Destinations;
use crate::core::screening::batch::HitRow;
use crate::core::text::Lang;

/// The destination data (for the country list), shared by pointer.
#[derive(Clone)]
pub struct Dest(pub Rc<Destinations>);

impl PartialEq for Dest {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The page's context: it changes only when the language does.
#[derive(Clone, PartialEq)]
pub struct Shared {
    pub lang: Lang,
    pub dest: Dest,
    pub client: Client,
}

/// The page's context; `ScreeningPage` provides it to all its components.
#[hook]
// The one `expect` outside tests (RELIABILITY.md, "No panic from input"):
// every component that calls this is rendered inside `ScreeningPage`, which
// provides the context; no input decides whether it is there.
#[allow(clippy::expect_used)]
pub fn use_shared() -> Shared {
    use_context::<Shared>().expect("the screening page's components are rendered by ScreeningPage")
}

/// The hits of a screened lead file, compared by pointer (one batch, one
/// vector), so that props and memo dependencies never compare rows.
#[derive(Clone)]
pub struct Rows(pub Rc<Vec<HitRow>>);

impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

pub fn score(x: f64) -> String {
    format!("{x:.2}")
}

/// Keys for the items of a list, from what identifies each item; a repeat
/// (two lines of a lead file with the same id) gets a count appended, so
/// the keys stay unique whatever the data holds.
pub fn unique_keys(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    ids.into_iter()
        .map(|id| {
            let n = seen.entry(id.clone()).or_insert(0);
            *n = n.saturating_add(1);
            if *n == 1 {
                id
            } else {
                format!("{id}\u{1f}{n}")
            }
        })
        .collect()
}
