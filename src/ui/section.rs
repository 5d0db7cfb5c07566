//! One section's questions, shown and hidden as the engine decides, with
//! the screening of the parties before the question it answers. The
//! questions are keyed by id, so an open "Why am I asked this?" stays with
//! its question when others appear.

use yew::prelude::*;

use super::context::{DraftProps, Shared};
use super::i18n::{t, Msg};
use super::nav::{active_sections, shown};
use super::party::ScreeningPanel;
use super::question::QuestionField;
use super::workspace::HitDecision;
use crate::core::screening::decisions::open_hits;
use crate::core::AnswerValue;

/// Undecided screening hits of the name answered to `question`.
pub fn undecided(d: &DraftProps, question: &str) -> usize {
    d.draft
        .answers
        .get(question)
        .and_then(AnswerValue::as_one)
        .map_or(0, |name| open_hits(&d.draft.screening, question, name))
}

#[derive(Properties, PartialEq)]
pub struct SectionViewProps {
    pub d: DraftProps,
    pub on_go: Callback<String>,
    pub on_answer: Callback<(String, Option<AnswerValue>)>,
    pub on_decide: Callback<HitDecision>,
}

#[component]
pub fn SectionView(p: &SectionViewProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (d, lang) = (&p.d, p.d.lang);
    let active = active_sections(&shared, d);
    let section_id = if active.contains(&d.draft.section) {
        d.draft.section.clone()
    } else {
        active.first().cloned().unwrap_or_default()
    };
    let Some(section) = shared.rules.section(&section_id) else {
        return html! {};
    };
    let pos = active.iter().position(|s| *s == section_id).unwrap_or(0);
    let go = |target: Option<&String>| {
        target.cloned().map(|id| {
            let on_go = p.on_go.clone();
            Callback::from(move |_: MouseEvent| on_go.emit(id.clone()))
        })
    };
    let back = go(pos.checked_sub(1).and_then(|i| active.get(i)));
    let next = go(active.get(pos.saturating_add(1)));
    let screening_here = shared
        .rules
        .party_screening
        .as_ref()
        .and_then(|s| shared.rules.question(&s.question))
        .is_some_and(|q| q.section == section_id);

    html! {
        <section class="ea-section" aria-labelledby="section-title" data-testid="section">
            <h2 id="section-title" class="ea-h2">{ section.title.get(lang) }</h2>
            if screening_here {
                <ScreeningPanel d={d.clone()} interactive=true on_decide={p.on_decide.clone()} />
            }
            // Its own element: `{ for }` beside other children would flatten
            // into one list that Yew could not reconcile by key.
            <div class="ea-questions">
            { for shown(&shared, d, &section_id).map(|q| html! {
                <QuestionField key={q.id.clone()} {lang} question={q.id.clone()} open_hits={undecided(d, &q.id)}
                    value={d.draft.answers.get(&q.id).cloned()} on_answer={p.on_answer.clone()} />
            }) }
            </div>
            <div class="ea-pager">
                if let Some(back) = back {
                    <button type="button" onclick={back} data-testid="back">{ t(lang, Msg::Back) }</button>
                }
                if let Some(next) = next {
                    <button type="button" class="ea-primary" onclick={next} data-testid="next">{ t(lang, Msg::Next) }</button>
                }
            </div>
        </section>
    }
}
