//! The screening page's state and its reducer: what the engine reports,
//! what the user asked for, and how the result table is viewed. Pure: the
//! components run the requests and dispatch what comes back.

use std::rc::Rc;

use yew::Reducible;

use crate::core::screening::batch::HitRow;
use crate::core::screening::table::{Column, TableView};
use crate::core::text::Lang;
use crate::web::{AddedDto, CheckHitDto, LeadsDto, ListDto, StateDto};

/// The file errors and loaded lists of the last "add".
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AddResult {
    pub added: Vec<AddedDto>,
    /// (file, what went wrong)
    pub errors: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Batch {
    Idle,
    /// The file is being read by the worker.
    Reading(String),
    Running {
        leads: LeadsDto,
        done: usize,
        total: usize,
    },
    /// `lists`: the lists as they were when the file was screened.
    Done {
        leads: LeadsDto,
        rows: Rc<Vec<HitRow>>,
        done: usize,
        total: usize,
        cancelled: bool,
        lists: Vec<ListDto>,
    },
    Failed(String),
}

impl Batch {
    pub fn busy(&self) -> bool {
        matches!(self, Batch::Reading(_) | Batch::Running { .. })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    Idle,
    Busy,
    Done(Vec<CheckHitDto>),
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    pub lang: Lang,
    pub engine: StateDto,
    /// The list format the user chose ("" recognises it from the content).
    pub format: String,
    pub adding: bool,
    pub add_result: Option<AddResult>,
    /// An error of a request that is not about a file (remove, threshold).
    pub error: Option<String>,
    pub check: Check,
    pub batch: Batch,
    pub table: TableView,
}

impl PageState {
    pub fn new(lang: Lang) -> PageState {
        PageState {
            lang,
            engine: StateDto {
                status: "starting".into(),
                threshold: crate::core::screening::index::DEFAULT_THRESHOLD,
                storage: "ok".into(),
                ..Default::default()
            },
            format: String::new(),
            adding: false,
            add_result: None,
            error: None,
            check: Check::Idle,
            batch: Batch::Idle,
            table: TableView::default(),
        }
    }
}

pub enum Action {
    Lang(Lang),
    Engine(StateDto),
    Format(String),
    Adding,
    Added(AddResult),
    Error(Option<String>),
    Check(Check),
    Batch(Batch),
    Progress {
        done: usize,
        total: usize,
    },
    Sort(Column),
    Filter(String),
    Page(usize),
    /// A lead's hit decided "not a match" into the company register: every
    /// row of that name and entry is suppressed.
    Decided {
        query: String,
        list_key: String,
        entry_id: String,
    },
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Lang(l) => s.lang = l,
            Action::Engine(e) => s.engine = e,
            Action::Format(f) => s.format = f,
            Action::Adding => {
                s.adding = true;
                s.add_result = None;
            }
            Action::Added(r) => {
                s.adding = false;
                s.add_result = Some(r);
            }
            Action::Error(e) => s.error = e,
            Action::Check(c) => s.check = c,
            Action::Batch(b) => {
                if matches!(b, Batch::Done { .. }) {
                    s.table.page = 0;
                }
                s.batch = b;
            }
            Action::Progress { done, total } => {
                if let Batch::Running {
                    done: d, total: t, ..
                } = &mut s.batch
                {
                    *d = done;
                    *t = total;
                }
            }
            Action::Sort(c) => s.table.sort_by(c),
            Action::Filter(f) => {
                s.table.filter = f;
                s.table.page = 0;
            }
            Action::Page(p) => s.table.page = p,
            Action::Decided {
                query,
                list_key,
                entry_id,
            } => {
                if let Batch::Done { rows, .. } = &mut s.batch {
                    let mut changed = (**rows).clone();
                    for r in changed.iter_mut().filter(|r| {
                        r.query == query && r.list_key == list_key && r.entry_id == entry_id
                    }) {
                        r.status = "suppressed_by_register".into();
                    }
                    *rows = Rc::new(changed);
                }
            }
        }
        Rc::new(s)
    }
}
