//! The app state and its reducer. Every change of assessments goes through
//! `core::session::Archive`; ids and timestamps arrive in the actions, so
//! the reducer itself reads no clock.

use std::rc::Rc;

use yew::Reducible;

use crate::core::session::{Archive, Draft, ImportPlan};
use crate::core::{AnswerValue, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Assess,
    Archive,
    Report,
    Notification,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    Ok,
    Unavailable,
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportState {
    Idle,
    Planned(ImportPlan),
    Failed(String),
    Done(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub screen: Screen,
    pub archive: Archive,
    pub current: Option<String>,
    pub storage: StorageStatus,
    pub import: ImportState,
    pub pending_delete: Option<String>,
    /// A question to move the keyboard focus to after the next render.
    pub focus: Option<String>,
}

pub enum Action {
    SetLang(Lang),
    Show(Screen),
    New { id: String, now: String, first_section: String },
    Open(String),
    Duplicate { id: String, new_id: String, now: String },
    AskDelete(String),
    CancelDelete,
    ConfirmDelete(String),
    Answer { question: String, value: Option<AnswerValue>, now: String },
    GoSection(String),
    JumpTo { section: String, question: String },
    FocusDone,
    ImportPlanned(Result<ImportPlan, String>),
    /// `copy_ids`: fresh ids for drafts that clash with existing ones.
    ConfirmImport { copy_ids: Vec<String> },
    CancelImport,
    Storage(StorageStatus),
}

impl State {
    pub fn draft(&self) -> Option<&Draft> {
        self.current.as_deref().and_then(|id| self.archive.get(id))
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(l) => s.lang = l,
            Action::Show(screen) => {
                s.screen = screen;
                s.pending_delete = None;
            }
            Action::New { id, now, first_section } => {
                s.archive.add(Draft::new(&id, &now, &first_section));
                s.current = Some(id);
                s.screen = Screen::Assess;
            }
            Action::Open(id) => {
                if s.archive.get(&id).is_some() {
                    s.current = Some(id);
                    s.screen = Screen::Assess;
                }
            }
            Action::Duplicate { id, new_id, now } => {
                s.archive.duplicate(&id, &new_id, &now);
            }
            Action::AskDelete(id) => s.pending_delete = Some(id),
            Action::CancelDelete => s.pending_delete = None,
            Action::ConfirmDelete(id) => {
                s.archive.delete(&id);
                s.pending_delete = None;
                if s.current.as_deref() == Some(id.as_str()) {
                    s.current = None;
                }
            }
            Action::Answer { question, value, now } => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_answer(&id, &question, value, &now);
                }
            }
            Action::GoSection(section) => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_section(&id, &section);
                }
                s.screen = Screen::Assess;
            }
            Action::JumpTo { section, question } => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_section(&id, &section);
                }
                s.screen = Screen::Assess;
                s.focus = Some(question);
            }
            Action::FocusDone => s.focus = None,
            Action::ImportPlanned(Ok(plan)) => s.import = ImportState::Planned(plan),
            Action::ImportPlanned(Err(e)) => s.import = ImportState::Failed(e),
            Action::ConfirmImport { copy_ids } => {
                if let ImportState::Planned(plan) = &s.import {
                    let plan = plan.clone();
                    let mut fresh = copy_ids.into_iter();
                    let mut n = 0;
                    let added = s.archive.apply(&plan, &mut |orig| {
                        n += 1;
                        fresh.next().unwrap_or_else(|| format!("{orig}-copy-{n}"))
                    });
                    s.import = ImportState::Done(added.len());
                }
            }
            Action::CancelImport => s.import = ImportState::Idle,
            Action::Storage(status) => s.storage = status,
        }
        Rc::new(s)
    }
}
