//! The questionnaire: section navigation with progress, and one section's
//! questions, shown and hidden as the engine decides.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::app::Shared;
use super::browser;
use super::i18n::{t, Lang, Msg};
use super::markup::{action_of, attr, Markup};
use super::party::{screening_panel, Engine};
use super::state::Action;
use crate::core::evaluate::Assessment;
use crate::core::ruleset::{CountryScope, Question, QuestionKind};
use crate::core::session::Draft;
use crate::core::text::fill;
use crate::core::AnswerValue;

/// What every view of the current assessment receives.
#[derive(Properties, PartialEq, Clone)]
pub struct DraftProps {
    pub shared: Shared,
    pub lang: Lang,
    pub draft: Draft,
    pub assessment: Rc<Assessment>,
    pub dispatch: Callback<Action>,
    pub engine: Engine,
}

/// Questions of `section` currently shown, with their index in the rule set.
fn shown<'a>(p: &'a DraftProps, section: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
    p.shared
        .rules
        .questions
        .iter()
        .enumerate()
        .filter(move |(i, q)| q.section == section && p.assessment.visible[*i])
        .map(|(_, q)| q)
}

/// Sections that have at least one question shown, in order.
pub fn active_sections(p: &DraftProps) -> Vec<String> {
    p.shared
        .rules
        .sections
        .iter()
        .filter(|s| shown(p, &s.id).next().is_some())
        .map(|s| s.id.clone())
        .collect()
}

/// The section list with progress, as markup with one delegated listener
/// (see `markup.rs`); after a click the focus returns to the same entry.
pub fn section_nav(p: &DraftProps) -> Html {
    let lang = p.lang;
    let active = active_sections(p);
    let mut m = Markup::new();
    m.raw("<nav class=\"ea-sections\" aria-labelledby=\"sections-title\" data-testid=\"section-nav\"><h2 id=\"sections-title\" class=\"ea-h2\">").text(t(lang, Msg::SectionsHeading)).raw("</h2><ol>");
    for s in p
        .shared
        .rules
        .sections
        .iter()
        .filter(|s| active.contains(&s.id))
    {
        let questions: Vec<&Question> = shown(p, &s.id).filter(|q| q.required).collect();
        let done = questions
            .iter()
            .filter(|q| !p.assessment.missing.contains(&q.id))
            .count();
        let current = p.draft.section == s.id;
        let complete = done == questions.len();
        let id = attr(&s.id);
        m.raw("<li><button type=\"button\" class=\"ea-section-link")
            .raw(if current { " ea-current" } else { "" })
            .raw(if complete { " ea-complete" } else { "" });
        m.raw(if current {
            "\" aria-current=\"step"
        } else {
            ""
        })
        .raw("\" data-action=\"go\" data-id=\"")
        .raw(&id)
        .raw("\" data-testid=\"nav-")
        .raw(&id)
        .raw("\">");
        m.raw("<span class=\"ea-section-mark\" aria-hidden=\"true\">")
            .raw(if complete { "✓" } else { "○" })
            .raw("</span>")
            .el("span", "class=\"ea-section-title\"", s.title.get(lang));
        m.el(
            "span",
            "class=\"ea-section-progress\"",
            &fill(
                t(lang, Msg::SectionProgress),
                &[
                    ("done", &done.to_string()),
                    ("total", &questions.len().to_string()),
                ],
            ),
        )
        .raw("</button></li>");
    }
    m.raw("</ol></nav>");
    let onclick = {
        let d = p.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((action, id)) = action_of(&e) {
                if action == "go" {
                    d.emit(Action::GoSection(id.clone()));
                    d.emit(Action::Focus(format!("[data-testid=\"nav-{id}\"]")));
                }
            }
        })
    };
    html! { <div class="ea-nav-wrap" {onclick}>{ m.into_html() }</div> }
}

#[component]
pub fn SectionView(p: &DraftProps) -> Html {
    let lang = p.lang;
    let active = active_sections(p);
    let section_id = if active.contains(&p.draft.section) {
        p.draft.section.clone()
    } else {
        active.first().cloned().unwrap_or_default()
    };
    let Some(section) = p.shared.rules.section(&section_id) else {
        return html! {};
    };
    let pos = active.iter().position(|s| *s == section_id).unwrap_or(0);
    let go = |target: Option<&String>| {
        let d = p.dispatch.clone();
        target
            .cloned()
            .map(|id| Callback::from(move |_| d.emit(Action::GoSection(id.clone()))))
    };
    let back = go(pos.checked_sub(1).and_then(|i| active.get(i)));
    let next = go(active.get(pos + 1));

    html! {
        <section class="ea-section" aria-labelledby="section-title" data-testid="section">
            <h2 id="section-title" class="ea-h2">{ section.title.get(lang) }</h2>
            // The screening of the parties stands before the question it answers.
            if p.shared.rules.party_screening.as_ref().and_then(|s| p.shared.rules.question(&s.question)).is_some_and(|q| q.section == section_id) {
                { screening_panel(p) }
            }
            { for shown(p, &section_id).map(|q| html! { <QuestionField shared={p.shared.clone()} {lang} question={q.id.clone()} value={p.draft.answers.get(&q.id).cloned()} dispatch={p.dispatch.clone()} /> }) }
            <div class="ea-pager">
                if let Some(back) = back { <button type="button" onclick={back} data-testid="back">{ t(lang, Msg::Back) }</button> }
                if let Some(next) = next {
                    <button type="button" class="ea-primary" onclick={next} data-testid="next">{ t(lang, Msg::Next) }</button>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct QuestionProps {
    pub shared: Shared,
    pub lang: Lang,
    pub question: String,
    pub value: Option<AnswerValue>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn QuestionField(p: &QuestionProps) -> Html {
    let lang = p.lang;
    let Some(q) = p.shared.rules.question(&p.question) else {
        return html! {};
    };
    let id = q.id.clone();
    let set = {
        let d = p.dispatch.clone();
        let id = id.clone();
        let under = crate::core::session::MadeUnder::of(&p.shared.rules, &p.shared.dest);
        Callback::from(move |value: Option<AnswerValue>| {
            d.emit(Action::Answer {
                question: id.clone(),
                value,
                now: browser::now(),
                under: under.clone(),
            })
        })
    };
    let one = p
        .value
        .as_ref()
        .and_then(|v| v.as_one())
        .unwrap_or("")
        .to_string();
    let marker = html! { <span class="ea-req">{ if q.required { t(lang, Msg::Required) } else { t(lang, Msg::Optional) } }</span> };
    let help = html! {
        <details class="ea-help">
            <summary>{ t(lang, Msg::WhyAsked) }</summary>
            <p>{ q.help.get(lang) }</p>
            <p class="ea-cite"><span>{ t(lang, Msg::Citation) }{ ": " }</span>{ q.citation.get(lang) }{ " " }
                <span class={classes!("ea-source", format!("ea-source-{}", q.provenance.name()))} data-source={q.provenance.name()}>
                    { "[" }{ t(lang, Msg::SourceLabel) }{ ": " }{ q.provenance.label(lang) }{ "]" }
                </span>
            </p>
            if let Some(u) = &q.unconfirmed {
                <p class="ea-unconfirmed"><strong>{ t(lang, Msg::Unconfirmed) }</strong>{ " " }{ u.get(lang) }</p>
            }
        </details>
    };
    let choices: Vec<(String, String)> = match &q.kind {
        QuestionKind::YesNo => vec![
            ("yes".into(), t(lang, Msg::Yes).into()),
            ("no".into(), t(lang, Msg::No).into()),
        ],
        QuestionKind::YesNoUnknown => vec![
            ("yes".into(), t(lang, Msg::Yes).into()),
            ("no".into(), t(lang, Msg::No).into()),
            ("unknown".into(), t(lang, Msg::DontKnow).into()),
        ],
        QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => options
            .iter()
            .map(|o| (o.id.clone(), o.label.get(lang).to_string()))
            .collect(),
        _ => vec![],
    };
    match &q.kind {
        QuestionKind::YesNo | QuestionKind::YesNoUnknown | QuestionKind::Single { .. } => html! {
            <fieldset class="ea-q" id={format!("q-{id}")} data-testid={format!("q-{id}")}>
                <legend>{ q.text.get(lang) }{ " " }{ marker }</legend>
                <div class="ea-choices">
                { for choices.into_iter().map(|(v, label)| {
                    let set = set.clone();
                    let value = v.clone();
                    let onchange = Callback::from(move |_| set.emit(Some(AnswerValue::One(value.clone()))));
                    html! { <label class="ea-choice"><input type="radio" name={format!("q-{id}")} value={v.clone()} checked={one == v} {onchange} />{ label }</label> }
                }) }
                </div>
                { help }
            </fieldset>
        },
        QuestionKind::Multi { exclusive, .. } => {
            let selected: Vec<String> = match &p.value {
                Some(AnswerValue::Many(v)) => v.clone(),
                _ => vec![],
            };
            html! {
                <fieldset class="ea-q" id={format!("q-{id}")} data-testid={format!("q-{id}")}>
                    <legend>{ q.text.get(lang) }{ " " }{ marker }</legend>
                    <div class="ea-choices">
                    { for choices.into_iter().map(|(v, label)| {
                        let set = set.clone();
                        let selected = selected.clone();
                        let exclusive = exclusive.clone();
                        let value = v.clone();
                        let checked = selected.contains(&v);
                        // An exclusive option ("none of these") stands alone.
                        let onchange = Callback::from(move |e: Event| {
                            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                            let mut next: Vec<String> = if !on {
                                selected.iter().filter(|s| **s != value).cloned().collect()
                            } else if exclusive.contains(&value) {
                                vec![value.clone()]
                            } else {
                                selected.iter().filter(|s| !exclusive.contains(s)).cloned().chain(std::iter::once(value.clone())).collect()
                            };
                            next.dedup();
                            set.emit(if next.is_empty() { None } else { Some(AnswerValue::Many(next)) });
                        });
                        html! { <label class="ea-choice"><input type="checkbox" value={v.clone()} {checked} {onchange} />{ label }</label> }
                    }) }
                    </div>
                    { help }
                </fieldset>
            }
        }
        QuestionKind::Country { scope } => {
            let mut countries: Vec<(&str, &str)> = p
                .shared
                .dest
                .countries
                .iter()
                .filter(|c| *scope == CountryScope::All || c.eu_member)
                .map(|c| (c.code.as_str(), c.name(lang)))
                .collect();
            countries.sort_by(|a, b| a.1.cmp(b.1));
            let onchange = {
                let set = set.clone();
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    set.emit(if v.is_empty() {
                        None
                    } else {
                        Some(AnswerValue::One(v))
                    });
                })
            };
            html! {
                <div class="ea-q" id={format!("q-{id}")} data-testid={format!("q-{id}")}>
                    <label for={format!("in-{id}")} class="ea-label">{ q.text.get(lang) }{ " " }{ marker }</label>
                    <select id={format!("in-{id}")} {onchange}>
                        <option value="" selected={one.is_empty()}>{ t(lang, Msg::ChooseCountry) }</option>
                        { for countries.into_iter().map(|(code, name)| html! { <option value={code.to_string()} selected={one == code}>{ format!("{name} ({code})") }</option> }) }
                    </select>
                    { help }
                </div>
            }
        }
        QuestionKind::Text { max_len, multiline } => {
            let to_answer = |v: String| {
                if v.trim().is_empty() {
                    None
                } else {
                    Some(AnswerValue::One(v))
                }
            };
            let max = max_len.to_string();
            let field = if *multiline {
                let oninput = {
                    let set = set.clone();
                    Callback::from(move |e: InputEvent| {
                        set.emit(to_answer(
                            e.target_unchecked_into::<HtmlTextAreaElement>().value(),
                        ))
                    })
                };
                html! { <textarea id={format!("in-{id}")} rows="3" maxlength={max} value={one.clone()} {oninput} /> }
            } else {
                let oninput = {
                    let set = set.clone();
                    Callback::from(move |e: InputEvent| {
                        set.emit(to_answer(
                            e.target_unchecked_into::<HtmlInputElement>().value(),
                        ))
                    })
                };
                html! { <input type="text" id={format!("in-{id}")} maxlength={max} value={one.clone()} {oninput} /> }
            };
            html! {
                <div class="ea-q" id={format!("q-{id}")} data-testid={format!("q-{id}")}>
                    <label for={format!("in-{id}")} class="ea-label">{ q.text.get(lang) }{ " " }{ marker }</label>
                    { field }
                    { help }
                </div>
            }
        }
    }
}
