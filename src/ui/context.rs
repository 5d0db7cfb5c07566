//! What the questionnaire's components share: the read-only data (through a
//! Yew context), the evaluated view of the open draft, and the state of the
//! host's screening engine. No legal logic: the evaluation is the core's.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::evaluate::{evaluate, Assessment};
use crate::core::screening::record::{HitKey, PartyKey, Verdict};
use crate::core::session::{Draft, MadeUnder};
use crate::core::{Answers, Destinations, Lang, RuleSet};

/// The rule set and destination data, read-only, provided once by the
/// root through `ContextProvider<Shared>`.
#[derive(Clone)]
pub struct Shared {
    pub rules: Rc<RuleSet>,
    pub dest: Rc<Destinations>,
    /// The versions answers are given under (recorded with each draft).
    pub under: Rc<MadeUnder>,
    /// The host's read-only mode: answers are shown, never changed.
    pub read_only: bool,
    /// The host's exporter Member State, answered in every new assessment.
    pub member_state: Option<Rc<str>>,
}

impl Shared {
    pub fn new(rules: RuleSet, dest: Destinations) -> Shared {
        let under = MadeUnder::of(&rules, &dest);
        Shared {
            rules: Rc::new(rules),
            dest: Rc::new(dest),
            under: Rc::new(under),
            read_only: false,
            member_state: None,
        }
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rules, &other.rules) && Rc::ptr_eq(&self.dest, &other.dest)
    }
}

/// The shared data; a component outside the provider renders nothing.
#[hook]
pub fn use_shared() -> Option<Shared> {
    use_context::<Shared>()
}

/// The open draft as the core evaluates it: the effective answers (the
/// user's, with the screening's answer) and the assessment. Computed once
/// per change of the draft (`use_memo` in the root) and compared by
/// pointer.
pub struct Evaluated {
    pub effective: Answers,
    pub assessment: Assessment,
}

impl Evaluated {
    pub fn of(shared: &Shared, draft: &Draft) -> Evaluated {
        let effective = draft
            .effective_answers(&shared.rules, &shared.dest)
            .into_owned();
        let assessment = evaluate(&shared.rules, &shared.dest, &effective);
        Evaluated {
            effective,
            assessment,
        }
    }
}

#[derive(Clone)]
pub struct View(pub Rc<Evaluated>);

impl PartialEq for View {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for View {
    type Target = Evaluated;
    fn deref(&self) -> &Evaluated {
        &self.0
    }
}

/// Whether the host page runs the screening engine (and which message to
/// show when it fails).
#[derive(Clone, Debug, PartialEq)]
pub enum Engine {
    Absent,
    Ready,
    Failed(String),
}

/// What every view of the open assessment receives.
#[derive(Properties, PartialEq, Clone)]
pub struct DraftProps {
    pub lang: Lang,
    pub draft: Rc<Draft>,
    pub view: View,
    pub engine: Engine,
}

/// The user's decision about one screening hit (`verdict` None withdraws
/// an earlier one).
#[derive(Clone, Debug, PartialEq)]
pub struct HitDecision {
    pub party: PartyKey,
    pub hit: HitKey,
    pub verdict: Option<Verdict>,
    pub reason: String,
}
