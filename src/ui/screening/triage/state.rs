//! The triage page's state and its reducer: the lead file read and its
//! mapping, the run's progress, the rows, how the table is viewed, and the
//! assessments opened from leads. Pure: the requests (`requests.rs`) run
//! in the components' callbacks and dispatch what comes back.

use std::collections::HashMap;
use std::rc::Rc;

use yew::Reducible;

use super::view::{TriageColumn, TriageView};
use crate::core::text::Lang;
use crate::core::triage::engine::TriageRow;
use crate::core::triage::mapping::{BadRow, ColumnMapping};
use crate::core::triage::TriageClass;
use crate::web::{ListDto, TriagePreviewDto};

/// The rows of a run, compared by pointer (one run, one vector).
#[derive(Clone, Debug)]
pub struct Rows(pub Rc<Vec<TriageRow>>);

impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// No file yet.
    Idle,
    Reading(String),
    /// The file read; the user maps its columns.
    Mapping,
    Running {
        done: usize,
        total: usize,
    },
    Done {
        done: usize,
        total: usize,
        cancelled: bool,
        lists: Vec<ListDto>,
    },
    Failed(String),
}

/// An assessment opened from a lead and product (`lead_key|product`).
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Linked {
    pub id: String,
    /// The outcome's name once the assessment is complete.
    pub outcome: Option<String>,
    #[serde(default)]
    pub exists: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TriageState {
    pub lang: Lang,
    pub step: Step,
    pub preview: Option<Rc<TriagePreviewDto>>,
    pub mapping: ColumnMapping,
    /// What the core says is missing from the mapping.
    pub problem: Option<String>,
    pub member_state: String,
    /// (code, English name, German name)
    pub member_states: Vec<(String, String, String)>,
    pub bad: Rc<Vec<BadRow>>,
    pub rows: Rows,
    /// The day of the run (YYYY-MM-DD), as the worker gave it.
    pub today: String,
    pub view: TriageView,
    pub links: Rc<HashMap<String, Linked>>,
    /// An error of a request that is not the run (export, open).
    pub error: Option<String>,
}

impl TriageState {
    pub fn new(lang: Lang) -> TriageState {
        TriageState {
            lang,
            step: Step::Idle,
            preview: None,
            mapping: ColumnMapping::default(),
            problem: None,
            member_state: String::new(),
            member_states: vec![],
            bad: Rc::new(vec![]),
            rows: Rows(Rc::new(vec![])),
            today: String::new(),
            view: TriageView::default(),
            links: Rc::new(HashMap::new()),
            error: None,
        }
    }
    pub fn busy(&self) -> bool {
        matches!(self.step, Step::Reading(_) | Step::Running { .. })
    }
}

pub enum Action {
    Lang(Lang),
    Settings {
        member_state: String,
        member_states: Vec<(String, String, String)>,
    },
    Step(Step),
    Read(TriagePreviewDto),
    Mapping(ColumnMapping, Option<String>),
    MemberState(String),
    Started {
        bad: Vec<BadRow>,
        today: String,
    },
    Progress {
        done: usize,
        total: usize,
    },
    Rows(Vec<TriageRow>),
    Sort(TriageColumn),
    ClassFilter(Option<TriageClass>),
    Search(String),
    Page(usize),
    Expand(usize),
    Links(HashMap<String, Linked>),
    Error(Option<String>),
}

impl Reducible for TriageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Lang(l) => s.lang = l,
            Action::Settings {
                member_state,
                member_states,
            } => {
                if s.member_state.is_empty() {
                    s.member_state = member_state;
                }
                s.member_states = member_states;
            }
            Action::Step(step) => s.step = step,
            Action::Read(p) => {
                s.mapping = p.guess.clone();
                s.problem = p.problem.clone();
                s.preview = Some(Rc::new(p));
                s.step = Step::Mapping;
                s.bad = Rc::new(vec![]);
                s.rows = Rows(Rc::new(vec![]));
            }
            Action::Mapping(m, problem) => {
                s.mapping = m;
                s.problem = problem;
            }
            Action::MemberState(m) => s.member_state = m,
            Action::Started { bad, today } => {
                s.bad = Rc::new(bad);
                s.today = today;
                s.rows = Rows(Rc::new(vec![]));
                s.view = TriageView::default();
            }
            Action::Progress { done, total } => {
                if let Step::Running { done: d, total: t } = &mut s.step {
                    *d = done;
                    *t = total;
                }
            }
            Action::Rows(rows) => s.rows = Rows(Rc::new(rows)),
            Action::Sort(c) => s.view.sort_by(c),
            Action::ClassFilter(c) => {
                s.view.class = c;
                s.view.page = 0;
            }
            Action::Search(q) => {
                s.view.search = q;
                s.view.page = 0;
            }
            Action::Page(p) => s.view.page = p,
            Action::Expand(i) => {
                s.view.expanded = if s.view.expanded == Some(i) {
                    None
                } else {
                    Some(i)
                }
            }
            Action::Links(l) => s.links = Rc::new(l),
            Action::Error(e) => s.error = e,
        }
        Rc::new(s)
    }
}
