//! The app state and its reducer. Every change of assessments goes through
//! `core::session::Archive`; ids and timestamps arrive in the actions, so
//! the reducer itself reads no clock.

use std::rc::Rc;

use yew::Reducible;

use crate::core::session::{Archive, Draft};
use crate::core::{AnswerValue, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    Ok,
    Unavailable,
    Failed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub archive: Archive,
    pub current: Option<String>,
    pub storage: StorageStatus,
    /// A question to move the keyboard focus to after the next render.
    pub focus: Option<String>,
}

pub enum Action {
    SetLang(Lang),
    New { id: String, now: String, first_section: String },
    Open(String),
    Answer { question: String, value: Option<AnswerValue>, now: String },
    GoSection(String),
    JumpTo { section: String, question: String },
    FocusDone,
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
            Action::New { id, now, first_section } => {
                s.archive.add(Draft::new(&id, &now, &first_section));
                s.current = Some(id);
            }
            Action::Open(id) => {
                if s.archive.get(&id).is_some() {
                    s.current = Some(id);
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
            }
            Action::JumpTo { section, question } => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_section(&id, &section);
                }
                s.focus = Some(question);
            }
            Action::FocusDone => s.focus = None,
            Action::Storage(status) => s.storage = status,
        }
        Rc::new(s)
    }
}
