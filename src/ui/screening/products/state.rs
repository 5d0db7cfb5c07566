//! The products page's state and its reducer: the catalogue as the worker
//! last confirmed it, the product being edited, a delete waiting for its
//! confirmation, an import's preview with the user's choices, and what the
//! last change did, in words. Pure: the page runs the requests and
//! dispatches what comes back. The next catalogue of each change is built
//! here too (`saved`, `duplicated`, `deleted`); the core validates it.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::answers::{AnswerValue, Answers};
use crate::core::ruleset::RuleSet;
use crate::core::triage::catalogue::{Catalogue, ConflictChoice, ImportPlan, Product, FORMAT};

#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Ready,
    Failed(String),
}

/// The form of one product: `original` is the id it had (None: a new one).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Editing {
    pub original: Option<String>,
    pub id: String,
    pub name: String,
    pub answers: Answers,
}

/// A file read and planned, waiting for the user: conflicts default to
/// keeping ours (nothing is overwritten unless chosen).
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub file: String,
    pub plan: ImportPlan,
    pub choices: BTreeMap<String, ConflictChoice>,
}

/// What the last change did, shown in words (`role=status`).
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    Saved(String),
    Deleted(String),
    Duplicated(String),
    Imported(usize),
    NothingNew(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProductsState {
    pub load: Load,
    pub catalogue: Rc<Catalogue>,
    /// False: the worker could not store the last change (session only).
    pub stored: bool,
    pub editing: Option<Editing>,
    pub confirm_delete: Option<String>,
    pub import: Option<Import>,
    /// Why the last change or import was refused (the core's located error).
    pub error: Option<(ErrorKind, String)>,
    pub done: Option<Done>,
    pub busy: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Save,
    Import,
    /// Another tab's change came first (the message is the page's).
    Conflict,
}

impl Default for ProductsState {
    fn default() -> Self {
        ProductsState {
            load: Load::Loading,
            catalogue: Rc::new(empty()),
            stored: true,
            editing: None,
            confirm_delete: None,
            import: None,
            error: None,
            done: None,
            busy: false,
        }
    }
}

pub fn empty() -> Catalogue {
    Catalogue {
        format: FORMAT,
        products: vec![],
    }
}

pub enum Action {
    Loaded(Result<Catalogue, String>),
    /// A change sent to the worker.
    Saving,
    /// The worker's answer: the catalogue it holds now (and whether it is
    /// stored), or why it refused; `Done` says what the change was.
    Stored(Result<(Catalogue, bool), String>, Option<Done>),
    /// Another tab stored its catalogue first: it is shown, the change is
    /// not made (the form stays open to make it again).
    Conflict(Catalogue),
    Edit(Option<Editing>),
    Name(String),
    Id(String),
    Answer(String, Option<AnswerValue>),
    AskDelete(Option<String>),
    Preview(Result<Import, String>),
    Choose(String, ConflictChoice),
    CancelImport,
    Nothing(String),
}

impl Reducible for ProductsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Loaded(Ok(c)) => {
                s.catalogue = Rc::new(c);
                s.load = Load::Ready;
            }
            Action::Loaded(Err(e)) => s.load = Load::Failed(e),
            Action::Saving => {
                s.busy = true;
                s.error = None;
                s.done = None;
            }
            Action::Stored(Ok((c, stored)), done) => {
                s.catalogue = Rc::new(c);
                s.stored = stored;
                s.busy = false;
                s.done = done;
                s.editing = None;
                s.confirm_delete = None;
                s.import = None;
            }
            Action::Conflict(c) => {
                s.catalogue = Rc::new(c);
                s.busy = false;
                s.confirm_delete = None;
                s.import = None;
                s.error = Some((ErrorKind::Conflict, String::new()));
            }
            Action::Stored(Err(e), _) => {
                s.busy = false;
                s.error = Some((ErrorKind::Save, e));
            }
            Action::Edit(e) => {
                s.editing = e;
                s.error = None;
                s.done = None;
                s.confirm_delete = None;
            }
            Action::Name(n) => {
                if let Some(e) = &mut s.editing {
                    e.name = n;
                }
            }
            Action::Id(i) => {
                if let Some(e) = &mut s.editing {
                    e.id = i;
                }
            }
            Action::Answer(q, v) => {
                if let Some(e) = &mut s.editing {
                    match v {
                        Some(v) => e.answers.insert(q, v),
                        None => e.answers.remove(&q),
                    };
                }
            }
            Action::AskDelete(id) => {
                s.confirm_delete = id;
                s.done = None;
            }
            Action::Preview(Ok(i)) => {
                s.import = Some(i);
                s.error = None;
                s.done = None;
            }
            Action::Preview(Err(e)) => {
                s.import = None;
                s.done = None;
                s.error = Some((ErrorKind::Import, e));
            }
            Action::Choose(id, c) => {
                if let Some(i) = &mut s.import {
                    i.choices.insert(id, c);
                }
            }
            Action::CancelImport => s.import = None,
            Action::Nothing(file) => {
                s.import = None;
                s.error = None;
                s.done = Some(Done::NothingNew(file));
            }
        }
        Rc::new(s)
    }
}

/// The form for an existing product.
pub fn editing(p: &Product) -> Editing {
    Editing {
        original: Some(p.id.clone()),
        id: p.id.clone(),
        name: p.name.clone(),
        answers: p.answers.clone(),
    }
}

/// The catalogue with the form saved: classified now, under `rules`, with
/// the answers to the questions `shown` (an answer to a question that no
/// longer shows is dropped). Replaces the product it was opened from.
pub fn saved(
    c: &Catalogue,
    e: &Editing,
    rules: &RuleSet,
    shown: &[String],
    today: &str,
) -> Catalogue {
    let product = Product {
        id: e.id.trim().to_string(),
        name: e.name.trim().to_string(),
        rule_set: rules.id.clone(),
        rule_set_version: rules.version.clone(),
        classified_on: today.to_string(),
        answers: e
            .answers
            .iter()
            .filter(|(q, _)| shown.contains(q))
            .map(|(q, v)| (q.clone(), v.clone()))
            .collect(),
    };
    let mut next = c.clone();
    match e
        .original
        .as_ref()
        .and_then(|o| next.products.iter().position(|p| &p.id == o))
    {
        Some(i) => {
            if let Some(slot) = next.products.get_mut(i) {
                *slot = product;
            }
        }
        None => next.products.push(product),
    }
    next
}

/// The catalogue with a copy of product `id` after it, under a free id
/// and the name `name`; None when there is no such product.
pub fn duplicated(
    c: &Catalogue,
    id: &str,
    name: impl Fn(&str) -> String,
) -> Option<(Catalogue, String)> {
    let i = c.products.iter().position(|p| p.id == id)?;
    let mut copy = c.products.get(i)?.clone();
    copy.id = c.free_id(id);
    copy.name = name(&copy.name);
    let new_id = copy.id.clone();
    let mut next = c.clone();
    // `i` is a product's index, so the copy goes at most at the end.
    next.products
        .insert(i.saturating_add(1).min(next.products.len()), copy);
    Some((next, new_id))
}

pub fn deleted(c: &Catalogue, id: &str) -> Catalogue {
    let mut next = c.clone();
    next.products.retain(|p| p.id != id);
    next
}
