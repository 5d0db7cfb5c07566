//! The screening of the assessment's parties: a line under each party name,
//! the panel in the screening section where each hit is decided, and the
//! same record, read-only, in the printed result. What the hits mean is
//! decided in `core::screening::decisions`; this only shows it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::app::Shared;
use super::browser;
use super::i18n::{t, Lang, Msg};
use super::markup::{action_of, attr, Markup};
use super::questions::DraftProps;
use super::state::Action;
use crate::core::screening::decisions::{derive, status, HitStatus};
use crate::core::screening::record::{score_text, ScreeningRecord, Verdict};
use crate::core::session::Draft;

/// Whether the host page runs the screening engine (and which message to
/// show when it fails).
#[derive(Clone, Debug, PartialEq)]
pub enum Engine {
    Absent,
    Ready,
    Failed(String),
}

fn question_text<'a>(shared: &'a Shared, lang: Lang, id: &'a str) -> &'a str {
    shared
        .rules
        .question(id)
        .map(|q| q.text.get(lang))
        .unwrap_or(id)
}

/// A timestamp to the minute, as people read it.
fn minute(ts: &str) -> String {
    ts.get(..16).unwrap_or(ts).replace('T', " ")
}

/// The lists a record was screened against, with date and checksum.
fn lists_m(m: &mut Markup, lang: Lang, record: &ScreeningRecord) {
    m.raw("<p class=\"ea-small\">")
        .text(t(lang, Msg::ScreeningAgainst))
        .raw(" (")
        .text(t(lang, Msg::ScreeningThreshold))
        .raw(" ");
    m.text(&score_text(record.threshold()))
        .raw(", ")
        .text(&minute(record.screened_at()));
    m.raw("):</p><ul class=\"ea-lists\" data-testid=\"screening-lists\">");
    for l in record.lists() {
        m.raw("<li>")
            .el("strong", "", l.label())
            .raw(" (")
            .text(l.format())
            .raw(") · ");
        match l.generated() {
            Some(g) => m.text(t(lang, Msg::ListGenerated)).raw(" ").text(g),
            None => m.text(t(lang, Msg::ListNoDate)),
        };
        m.raw(" · ")
            .text(&l.entries().to_string())
            .raw(" ")
            .text(t(lang, Msg::ListEntries));
        m.raw(" · ")
            .el("code", "class=\"ea-hash\"", l.sha256())
            .raw("</li>");
    }
    m.raw("</ul>");
}

/// The screening of the draft's parties. `interactive`: with the controls
/// to decide each hit (the section view); otherwise read-only (print).
pub fn panel_m(
    m: &mut Markup,
    shared: &Shared,
    lang: Lang,
    draft: &Draft,
    engine: &Engine,
    interactive: bool,
) {
    let Some(spec) = shared.rules.party_screening.as_ref() else {
        return;
    };
    let record = &draft.screening;
    if interactive {
        m.el("h3", "class=\"ea-h3\"", t(lang, Msg::ScreeningHeading))
            .el(
                "p",
                "class=\"ea-small ea-muted\"",
                t(lang, Msg::ScreeningIntro),
            );
        if let Engine::Failed(e) = engine {
            m.raw("<p class=\"ea-notice\" role=\"alert\">")
                .text(t(lang, Msg::ScreeningError))
                .raw(": ")
                .text(e)
                .raw("</p>");
        }
    } else if !record.has_lists() {
        return;
    } else {
        m.el("h3", "class=\"ea-h3\"", t(lang, Msg::ScreeningHeading));
    }
    if !record.has_lists() {
        if *engine == Engine::Absent {
            m.el(
                "p",
                "class=\"ea-notice\" data-testid=\"screening-unavailable\"",
                t(lang, Msg::ScreeningUnavailable),
            );
        } else {
            m.raw("<p class=\"ea-notice\" data-testid=\"screening-no-lists\">")
                .text(t(lang, Msg::ScreeningNoLists));
            m.raw(" <a href=\"#screening\">")
                .text(t(lang, Msg::TabScreening))
                .raw("</a></p>");
        }
        return;
    }
    lists_m(m, lang, record);
    for (pi, q) in spec.parties.iter().enumerate() {
        let Some(name) = draft
            .answers
            .get(q)
            .and_then(|v| v.as_one())
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        m.raw("<div class=\"ea-party\" data-testid=\"party-")
            .text(q)
            .raw("\"><h4 class=\"ea-h4\">")
            .text(question_text(shared, lang, q))
            .raw(": ")
            .el("q", "", name)
            .raw("</h4>");
        let Some(party) = record.result_for(q, name) else {
            m.el("p", "class=\"ea-muted\"", t(lang, Msg::ScreeningNotYet))
                .raw("</div>");
            continue;
        };
        if party.hits().next().is_none() {
            m.el("p", "data-testid=\"no-hit\"", t(lang, Msg::ScreeningNoHit));
        }
        for (hi, hit) in party.hits().enumerate() {
            let st = status(record, party, hit);
            let id = attr(&format!("{pi}-{hi}"));
            let (label, icon) = match st {
                HitStatus::Open => (t(lang, Msg::HitOpen), "⚠"),
                HitStatus::Reopened(_) => (t(lang, Msg::HitReopened), "⚠"),
                HitStatus::Dismissed(_) => (t(lang, Msg::HitDismissed), "✓"),
                HitStatus::Confirmed(_) => (t(lang, Msg::HitConfirmed), "⛔"),
            };
            let list = record
                .list(hit.list_key())
                .map_or(hit.list_key(), |l| l.label());
            m.raw("<div class=\"ea-hit ea-hit-")
                .raw(st.name())
                .raw("\" data-testid=\"hit\" data-status=\"")
                .raw(st.name())
                .raw("\" data-entry=\"")
                .text(hit.entry_id())
                .raw("\">");
            m.raw("<p><span aria-hidden=\"true\">")
                .text(icon)
                .raw("</span> ")
                .el("strong", "class=\"ea-hit-status\"", label)
                .raw("</p><p>")
                .el("strong", "", hit.matched_name());
            m.raw(" · ")
                .text(list)
                .raw(" · ")
                .text(t(lang, Msg::HitEntry))
                .raw(" ")
                .text(hit.entry_id())
                .raw(" · ")
                .text(t(lang, Msg::HitScore))
                .raw(" ")
                .text(&score_text(hit.score()))
                .raw("</p>");
            m.el("p", "class=\"ea-small ea-muted\"", hit.explanation());
            if let HitStatus::Dismissed(d) | HitStatus::Confirmed(d) | HitStatus::Reopened(d) = st {
                m.raw("<p class=\"ea-small\">")
                    .text(t(lang, Msg::DecidedOn))
                    .raw(" ")
                    .text(&minute(d.decided_at()));
                if !d.reason().is_empty() {
                    m.raw(": ").el("q", "", d.reason());
                }
                if interactive && !st.is_open() {
                    m.raw(" <button type=\"button\" data-action=\"undo\" data-id=\"")
                        .raw(&id)
                        .raw("\">")
                        .text(t(lang, Msg::Withdraw))
                        .raw("</button>");
                }
                m.raw("</p>");
            }
            if interactive && st.is_open() {
                m.raw("<p class=\"ea-decide\"><label for=\"reason-")
                    .raw(&id)
                    .raw("\">")
                    .text(t(lang, Msg::ReasonLabel));
                m.raw("</label><input type=\"text\" id=\"reason-").raw(&id).raw("\" maxlength=\"500\" required data-testid=\"hit-reason\"> <button type=\"button\" data-action=\"dismiss\" data-id=\"").raw(&id);
                m.raw("\" data-testid=\"not-a-match\">")
                    .text(t(lang, Msg::NotAMatch))
                    .raw("</button> <button type=\"button\" data-action=\"confirm\" data-id=\"")
                    .raw(&id);
                m.raw("\" data-testid=\"confirm-match\">")
                    .text(t(lang, Msg::ConfirmMatch))
                    .raw("</button></p>");
            }
            m.raw("</div>");
        }
        m.raw("</div>");
    }
    if let Some(answer) =
        derive(&shared.rules, &shared.dest, &draft.answers, record).and_then(|d| d.answer)
    {
        let label = super::result::answer_text(
            shared,
            lang,
            &spec.question,
            &crate::core::AnswerValue::One(answer.to_string()),
        );
        m.raw("<p data-testid=\"derived-answer\">")
            .text(t(lang, Msg::DerivedAnswer))
            .raw(": ")
            .el("strong", "", &label)
            .raw("</p>");
    }
}

/// The interactive panel: decisions go through the reducer into the record.
pub fn screening_panel(d: &DraftProps) -> Html {
    let mut m = Markup::new();
    panel_m(&mut m, &d.shared, d.lang, &d.draft, &d.engine, true);
    let onclick = {
        let dispatch = d.dispatch.clone();
        let draft = d.draft.clone();
        let rules = d.shared.rules.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((action, id)) = action_of(&e) else {
                return;
            };
            // `id` is "<party index>-<hit index>" as written by `panel_m`.
            let Some(spec) = rules.party_screening.as_ref() else {
                return;
            };
            let (pi, hi) = id.split_once('-').unwrap_or_default();
            let Some(question) = pi.parse::<usize>().ok().and_then(|i| spec.parties.get(i)) else {
                return;
            };
            let name = draft
                .answers
                .get(question)
                .and_then(|v| v.as_one())
                .unwrap_or("");
            let Some(party) = draft.screening.result_for(question, name) else {
                return;
            };
            let Some(hit) = party.hits().nth(hi.parse().unwrap_or(usize::MAX)) else {
                return;
            };
            let verdict = match action.as_str() {
                "dismiss" => Some(Verdict::NotAMatch),
                "confirm" => Some(Verdict::Confirmed),
                "undo" => None,
                _ => return,
            };
            let input = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|doc| doc.get_element_by_id(&format!("reason-{id}")))
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
            let reason = input.as_ref().map(|i| i.value()).unwrap_or_default();
            if verdict == Some(Verdict::NotAMatch) && reason.trim().is_empty() {
                // The reason is required (the input says so): the browser
                // points at it.
                if let Some(i) = input {
                    i.set_value("");
                    i.report_validity();
                }
                return;
            }
            dispatch.emit(Action::Decide {
                party: party.key(),
                hit: hit.key(),
                verdict,
                reason,
                now: browser::now(),
            });
        })
    };
    html! { <section class="ea-screening" data-testid="screening-panel" {onclick}>{ m.into_html() }</section> }
}
