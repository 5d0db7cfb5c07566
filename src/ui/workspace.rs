//! The open assessment: on narrow screens a compact outcome bar at the
//! top, then the section list, the current section's questions and the
//! live result.

use yew::prelude::*;

use super::context::DraftProps;
use super::draft_head::DraftHead;
use super::i18n::{outcome, t, Msg};
use super::nav::SectionNav;
use super::result::ResultPanel;
use super::section::SectionView;
use super::words::outcome_icon;
use crate::core::{AnswerValue, Lang, Outcome};

pub use super::context::HitDecision;

#[derive(Properties, PartialEq, Clone)]
pub struct WorkspaceProps {
    pub lang: Lang,
    pub draft: std::rc::Rc<crate::core::session::Draft>,
    pub view: super::context::View,
    pub engine: super::context::Engine,
    pub on_go: Callback<String>,
    pub on_jump: Callback<String>,
    pub on_answer: Callback<(String, Option<AnswerValue>)>,
    pub on_decide: Callback<HitDecision>,
    pub on_title: Callback<String>,
    pub on_reassess: Callback<()>,
}

#[component]
pub fn Workspace(p: &WorkspaceProps) -> Html {
    let d = DraftProps {
        lang: p.lang,
        draft: p.draft.clone(),
        view: p.view.clone(),
        engine: p.engine.clone(),
    };
    let missing = d.view.assessment.missing.len();
    let editable = match use_context::<super::context::Shared>() {
        Some(shared) => !shared.read_only && p.draft.editable(&shared.under),
        None => true,
    };
    html! {
        <div class="ea-workspace">
            <DraftHead d={d.clone()} on_title={p.on_title.clone()} on_reassess={p.on_reassess.clone()} />
            <OutcomeBar lang={p.lang} outcome={d.view.assessment.outcome} {missing} />
            <SectionNav d={d.clone()} on_go={p.on_go.clone()} />
            // Made under other rules: read only until re-assessed.
            <fieldset class="ea-fieldset" disabled={!editable}>
                <SectionView d={d.clone()} on_go={p.on_go.clone()} on_answer={p.on_answer.clone()} on_decide={p.on_decide.clone()} />
            </fieldset>
            <ResultPanel {d} on_jump={p.on_jump.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OutcomeBarProps {
    pub lang: Lang,
    pub outcome: Outcome,
    pub missing: usize,
}

/// The outcome in one line, for screens too narrow to show the result
/// beside the questions (the stylesheet hides it on wide ones). Not a live
/// region: the result panel announces changes once.
#[component]
fn OutcomeBar(p: &OutcomeBarProps) -> Html {
    let (name, _) = outcome(p.lang, p.outcome);
    html! {
        <div class={classes!("ea-outcome-bar", format!("ea-outcome-{}", p.outcome.name()))} data-testid="outcome-bar" data-outcome={p.outcome.name()}>
            <span aria-hidden="true">{ outcome_icon(p.outcome) }</span>
            <strong>{ format!("{}: {name}", t(p.lang, Msg::ResultHeading)) }</strong>
            if p.missing > 0 {
                <span class="ea-small">{ format!(" · {} ({})", t(p.lang, Msg::MissingHeading), p.missing) }</span>
            }
            <a href="#result-title" class="ea-small">{ t(p.lang, Msg::SeeResult) }</a>
        </div>
    }
}
