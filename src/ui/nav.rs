//! The section list with progress. Sections without a question shown are
//! left out; a click moves to the section (the button keeps the focus, as
//! the list is keyed).

use yew::prelude::*;

use super::context::{DraftProps, Shared};
use super::i18n::{t, Msg};
use crate::core::ruleset::Question;
use crate::core::text::fill;

/// Questions of `section` currently shown.
pub fn shown<'a>(
    shared: &'a Shared,
    d: &'a DraftProps,
    section: &'a str,
) -> impl Iterator<Item = &'a Question> + 'a {
    shared
        .rules
        .questions
        .iter()
        .zip(&d.view.assessment.visible)
        .filter(move |(q, visible)| q.section == section && **visible)
        .map(|(q, _)| q)
}

/// Sections that have at least one question shown, in order.
pub fn active_sections(shared: &Shared, d: &DraftProps) -> Vec<String> {
    shared
        .rules
        .sections
        .iter()
        .filter(|s| shown(shared, d, &s.id).next().is_some())
        .map(|s| s.id.clone())
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct SectionNavProps {
    pub d: DraftProps,
    pub on_go: Callback<String>,
}

#[component]
pub fn SectionNav(p: &SectionNavProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.d.lang;
    let links = active_sections(&shared, &p.d).into_iter().filter_map(|id| {
        let s = shared.rules.section(&id)?;
        let required: Vec<&Question> = shown(&shared, &p.d, &id).filter(|q| q.required).collect();
        let missing = &p.d.view.assessment.missing;
        // A name with an undecided screening hit is not answered yet.
        let done = required
            .iter()
            .filter(|q| !missing.contains(&q.id) && super::section::undecided(&p.d, &q.id) == 0)
            .count();
        let progress = fill(
            t(lang, Msg::SectionProgress),
            &[
                ("done", &done.to_string()),
                ("total", &required.len().to_string()),
            ],
        );
        let link = SectionLinkProps {
            id: id.clone(),
            title: s.title.get(lang).to_string(),
            progress,
            current: p.d.draft.section == id,
            complete: done == required.len(),
            on_go: p.on_go.clone(),
        };
        Some(html! { <SectionLink key={id} ..link /> })
    });
    html! {
        <nav class="ea-sections" aria-labelledby="sections-title" data-testid="section-nav">
            <h2 id="sections-title" class="ea-h2">{ t(lang, Msg::SectionsHeading) }</h2>
            <ol>{ for links }</ol>
        </nav>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SectionLinkProps {
    pub id: String,
    pub title: String,
    pub progress: String,
    pub current: bool,
    pub complete: bool,
    pub on_go: Callback<String>,
}

#[component]
fn SectionLink(p: &SectionLinkProps) -> Html {
    let onclick = {
        let (on_go, id) = (p.on_go.clone(), p.id.clone());
        Callback::from(move |_: MouseEvent| on_go.emit(id.clone()))
    };
    html! {
        <li>
            <button type="button" {onclick}
                class={classes!("ea-section-link", p.current.then_some("ea-current"), p.complete.then_some("ea-complete"))}
                aria-current={p.current.then_some("step")} data-testid={format!("nav-{}", p.id)}>
                <span class="ea-section-mark" aria-hidden="true">{ if p.complete { "✓" } else { "○" } }</span>
                <span class="ea-section-title">{ &p.title }</span>
                <span class="ea-section-progress">{ &p.progress }</span>
            </button>
        </li>
    }
}
