//! The outcome rules that decided, and the grounds of confirmed
//! sanctions-list matches (the act behind each entry).

use yew::prelude::*;

use super::explain::{BecauseList, Cite, SourceTag};
use crate::core::screening::decisions;
use crate::core::vars::TextVars;
use crate::ui::context::{DraftProps, Shared};
use crate::ui::i18n::{t, Msg};

#[derive(Properties, PartialEq)]
pub struct DraftOnly {
    pub d: DraftProps,
}

/// The outcome's reason in one line: the first deciding rule's explanation.
#[component]
pub fn Reason(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (a, lang) = (&p.d.view.assessment, p.d.lang);
    let Some(rule) = a
        .decided_by
        .first()
        .and_then(|r| shared.rules.outcome_rule(&r.id))
    else {
        return html! {};
    };
    let vars = TextVars::new(&shared.rules, &shared.dest, &p.d.view.effective, lang);
    html! { <p class="ea-reason" data-testid="reason">{ vars.text(&rule.explanation) }</p> }
}

#[component]
pub fn DecidedBy(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (a, lang) = (&p.d.view.assessment, p.d.lang);
    if a.decided_by.is_empty() {
        return html! {};
    }
    let vars = TextVars::new(&shared.rules, &shared.dest, &p.d.view.effective, lang);
    let items = a.decided_by.iter().filter_map(|r| {
        let rule = shared.rules.outcome_rule(&r.id)?;
        Some(html! {
            <li key={r.id.clone()} data-rule={r.id.clone()}>
                <p>{ vars.text(&rule.explanation) }</p>
                <Cite {lang} citation={vars.text(&rule.citation)} provenance={rule.provenance}
                    unconfirmed={rule.unconfirmed.as_ref().map(|u| vars.text(u))} />
                <BecauseList {lang} because={r.because.clone()} basis={a.destination_basis.clone()} />
            </li>
        })
    });
    html! { <>
        <h3 class="ea-h3">{ t(lang, Msg::DecidedBy) }</h3>
        <ul class="ea-rules" data-testid="decided-by">{ for items }</ul>
    </> }
}

#[component]
pub fn Grounds(p: &DraftOnly) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.d.lang;
    let grounds = decisions::grounds(
        &shared.rules,
        &shared.dest,
        &p.d.draft.answers,
        &p.d.draft.screening,
    );
    if grounds.is_empty() {
        return html! {};
    }
    // Keyed by position and entry: the same entry can ground two parties.
    let items = grounds.iter().enumerate().map(|(i, g)| {
        html! {
            <li key={format!("{i}/{}/{}", g.list_label, g.entry_id)}>
                { g.describe(lang) }{ " " }<SourceTag {lang} class={g.ground.status} />
                if !g.ground.eu_law {
                    { " " }<strong>{ t(lang, Msg::GroundNoEuLaw) }</strong>
                }
                if let Some(n) = &g.ground.note {
                    { " " }<span class="ea-note">{ n.get(lang) }</span>
                }
            </li>
        }
    });
    html! { <>
        <h3 class="ea-h3">{ t(lang, Msg::GroundsHeading) }</h3>
        <ul class="ea-grounds" data-testid="grounds">{ for items }</ul>
    </> }
}
