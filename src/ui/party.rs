//! The screening of the assessment's parties: the lists screened against,
//! each named party with its hits, and (in the section view) the controls
//! to decide each hit; read-only in the printout. What the hits mean is
//! decided in `core::screening::decisions`; this only shows it.

use std::rc::Rc;

use yew::prelude::*;

use super::context::HitDecision;
use super::context::{DraftProps, Engine, Shared};
use super::i18n::{t, Lang, Msg};
use super::words::{answer_text, minute};
use crate::core::screening::decisions::{derive, status, HitStatus};
use crate::core::screening::record::{score_text, Hit, ListStamp, Party, Thousandths, Verdict};
use crate::core::session::Draft;
use crate::core::AnswerValue;

#[derive(Properties, PartialEq)]
pub struct ScreeningPanelProps {
    pub d: DraftProps,
    /// With the controls to decide each hit (the section view); otherwise
    /// read-only (the printout).
    pub interactive: bool,
    pub on_decide: Callback<HitDecision>,
}

#[component]
pub fn ScreeningPanel(p: &ScreeningPanelProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let Some(spec) = shared.rules.party_screening.as_ref() else {
        return html! {};
    };
    let (d, lang) = (&p.d, p.d.lang);
    let record = &d.draft.screening;
    if !p.interactive && !record.has_lists() {
        return html! {};
    }
    let parties = spec.named(&d.draft.answers).map(|(q, name)| {
        let title = shared.rules.question(q).map_or(q.as_str(), |x| x.text.get(lang));
        html! {
            <PartyBlock key={q.clone()} {lang} question={q.clone()} title={title.to_string()} name={name.to_string()}
                draft={d.draft.clone()} interactive={p.interactive} on_decide={p.on_decide.clone()} />
        }
    });
    let derived = derive(&shared.rules, &shared.dest, &d.draft.answers, record)
        .and_then(|x| x.answer)
        .map(|a| {
            answer_text(
                &shared,
                lang,
                &spec.question,
                &AnswerValue::One(spec.answers.id(a).to_string()),
            )
        });
    let body = if record.has_lists() {
        html! { <>
            <ListStamps {lang} lists={record.lists.clone()} threshold={record.threshold} screened_at={record.screened_at.clone()} />
            <div class="ea-parties">{ for parties }</div>
            if let Some(label) = derived {
                <p data-testid="derived-answer">{ t(lang, Msg::DerivedAnswer) }{ ": " }<strong>{ label }</strong></p>
            }
        </> }
    } else if d.engine == Engine::Absent {
        html! { <p class="ea-notice" data-testid="screening-unavailable">{ t(lang, Msg::ScreeningUnavailable) }</p> }
    } else {
        html! {
            <p class="ea-notice" data-testid="screening-no-lists">
                { t(lang, Msg::ScreeningNoLists) }{ " " }<a href="#screening">{ t(lang, Msg::TabScreening) }</a>
            </p>
        }
    };
    html! {
        <section class="ea-screening" data-testid={p.interactive.then_some("screening-panel")}>
            <h3 class="ea-h3">{ t(lang, Msg::ScreeningHeading) }</h3>
            if p.interactive {
                <p class="ea-small ea-muted">{ t(lang, Msg::ScreeningIntro) }</p>
                if let Engine::Failed(e) = &d.engine {
                    <p class="ea-notice" role="alert">{ t(lang, Msg::ScreeningError) }{ ": " }{ e }</p>
                }
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ListStampsProps {
    lang: Lang,
    lists: Vec<ListStamp>,
    threshold: Thousandths,
    screened_at: String,
}

/// The lists a record was screened against, with date and checksum.
#[component]
fn ListStamps(p: &ListStampsProps) -> Html {
    let lang = p.lang;
    let items = p.lists.iter().map(|l| html! {
        <li key={l.key.clone()}>
            <strong>{ &l.label }</strong>{ format!(" ({}) · ", l.format) }
            { l.generated.as_ref().map_or(t(lang, Msg::ListNoDate).to_string(), |g| format!("{} {g}", t(lang, Msg::ListGenerated))) }
            { format!(" · {} {} · ", l.entries, t(lang, Msg::ListEntries)) }
            <code class="ea-hash">{ &l.sha256 }</code>
            if let Some(w) = &l.warning { <br /><strong class="ea-notice" data-testid="list-warning">{ "⚠ " }{ w }</strong> }
        </li>
    });
    html! { <>
        <p class="ea-small">
            { format!("{} ({} {}, {}):", t(lang, Msg::ScreeningAgainst), t(lang, Msg::ScreeningThreshold), score_text(p.threshold), minute(&p.screened_at)) }
        </p>
        <ul class="ea-lists" data-testid="screening-lists">{ for items }</ul>
    </> }
}

#[derive(Properties, PartialEq)]
struct PartyBlockProps {
    lang: Lang,
    question: String,
    title: String,
    name: String,
    /// The draft whose record holds the hits (shared, not copied per hit).
    draft: Rc<Draft>,
    interactive: bool,
    on_decide: Callback<HitDecision>,
}

#[component]
fn PartyBlock(p: &PartyBlockProps) -> Html {
    let lang = p.lang;
    let party = p.draft.screening.result_for(&p.question, &p.name);
    let hits = party.map(|party| {
        party.hits.iter().map(|hit| {
            let key = format!("{}/{}", hit.list_key, hit.entry_id);
            html! { <HitItem {key} {lang} party={party.clone()} hit={hit.clone()} draft={p.draft.clone()}
                interactive={p.interactive} on_decide={p.on_decide.clone()} /> }
        }).collect::<Html>()
    });
    html! {
        <div class="ea-party" data-testid={format!("party-{}", p.question)}>
            <h4 class="ea-h4">{ &p.title }{ ": " }<q>{ &p.name }</q></h4>
            { match (party, hits) {
                (Some(party), Some(hits)) if !party.hits.is_empty() => hits,
                (Some(_), _) => html! { <p data-testid="no-hit">{ t(lang, Msg::ScreeningNoHit) }</p> },
                (None, _) => html! { <p class="ea-muted">{ t(lang, Msg::ScreeningNotYet) }</p> },
            } }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HitItemProps {
    lang: Lang,
    party: Party,
    hit: Hit,
    /// The draft whose record holds the hits (shared, not copied per hit).
    draft: Rc<Draft>,
    interactive: bool,
    on_decide: Callback<HitDecision>,
}

#[component]
fn HitItem(p: &HitItemProps) -> Html {
    let (lang, hit) = (p.lang, &p.hit);
    let st = status(&p.draft.screening, &p.party, hit);
    let (label, icon) = match st {
        HitStatus::Open => (t(lang, Msg::HitOpen), "⚠"),
        HitStatus::Reopened(_) => (t(lang, Msg::HitReopened), "⚠"),
        HitStatus::Dismissed(_) => (t(lang, Msg::HitDismissed), "✓"),
        HitStatus::Confirmed(_) => (t(lang, Msg::HitConfirmed), "⛔"),
        HitStatus::Registered(_) => (t(lang, Msg::HitRegister), "✓"),
    };
    let list = p
        .draft
        .screening
        .list(&hit.list_key)
        .map_or(hit.list_key.as_str(), |l| l.label.as_str());
    let decide = |verdict: Option<Verdict>| {
        let (on_decide, party, hit) = (p.on_decide.clone(), p.party.key(), hit.key());
        Callback::from(move |reason: String| {
            on_decide.emit(HitDecision {
                party: party.clone(),
                hit: hit.clone(),
                verdict,
                reason,
            })
        })
    };
    let decided = match st {
        HitStatus::Dismissed(d) | HitStatus::Confirmed(d) | HitStatus::Reopened(d) => Some(d),
        _ => None,
    };
    html! {
        <div class={classes!("ea-hit", format!("ea-hit-{}", st.name()))} data-testid="hit" data-status={st.name()} data-entry={hit.entry_id.clone()}>
            <p><span aria-hidden="true">{ icon }</span>{ " " }<strong class="ea-hit-status">{ label }</strong></p>
            <p>
                <strong>{ &hit.matched_name }</strong>
                { format!(" · {list} · {} {} · {} {}", t(lang, Msg::HitEntry), hit.entry_id, t(lang, Msg::HitScore), score_text(hit.score)) }
            </p>
            <p class="ea-small ea-muted">{ &hit.explanation }</p>
            if let Some(n) = &hit.register_note { <p class="ea-small" data-testid="register-note">{ n }</p> }
            if let Some(d) = decided {
                <p class="ea-small">
                    { t(lang, Msg::DecidedOn) }{ " " }{ minute(&d.decided_at) }
                    if !d.reason.is_empty() { { ": " }<q>{ &d.reason }</q> }
                    if p.interactive && !st.is_open() {
                        { " " }<button type="button" onclick={decide(None).reform(|_: MouseEvent| String::new())}>{ t(lang, Msg::Withdraw) }</button>
                    }
                </p>
            }
            if p.interactive && st.is_open() {
                <DecideForm {lang} on_dismiss={decide(Some(Verdict::NotAMatch))} on_confirm={decide(Some(Verdict::Confirmed))} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DecideFormProps {
    lang: Lang,
    /// With the reason given.
    on_dismiss: Callback<String>,
    on_confirm: Callback<String>,
}

/// A reason and the two decisions; "not a match" needs the reason (the
/// browser points at the empty field).
#[component]
fn DecideForm(p: &DecideFormProps) -> Html {
    let input = use_node_ref();
    let reason = |input: &NodeRef| {
        input
            .cast::<web_sys::HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let on_dismiss = {
        let (input, cb) = (input.clone(), p.on_dismiss.clone());
        Callback::from(move |_: MouseEvent| {
            let r = reason(&input);
            if !r.trim().is_empty() {
                return cb.emit(r);
            }
            if let Some(i) = input.cast::<web_sys::HtmlInputElement>() {
                i.set_value("");
                i.report_validity();
            }
        })
    };
    let on_confirm = {
        let (input, cb) = (input.clone(), p.on_confirm.clone());
        Callback::from(move |_: MouseEvent| cb.emit(reason(&input)))
    };
    html! {
        <p class="ea-decide">
            <label class="ea-decide-reason">{ t(p.lang, Msg::ReasonLabel) }
                <input ref={input} type="text" maxlength="500" required=true data-testid="hit-reason" />
            </label>{ " " }
            <button type="button" onclick={on_dismiss} data-testid="not-a-match">{ t(p.lang, Msg::NotAMatch) }</button>{ " " }
            <button type="button" onclick={on_confirm} data-testid="confirm-match">{ t(p.lang, Msg::ConfirmMatch) }</button>
        </p>
    }
}
