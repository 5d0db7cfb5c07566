//! The live result: outcome in words (and colour), the rules that fired
//! with their reasons and citations, missing answers, findings, the risk
//! score as an SVG chart, and the next steps. The read-only parts are
//! rendered as markup (see `markup.rs`).

use yew::prelude::*;

use super::app::Shared;
use super::i18n::{outcome, t, Lang, Msg};
use super::markup::{action_of, attr, Markup};
use super::questions::DraftProps;
use super::state::Action;
use crate::core::destinations::{DestFact, FactRef, Status};
use crate::core::evaluate::{authority_for, next_steps, Because, Score};
use crate::core::ruleset::{FindingKind, QuestionKind};
use crate::core::screening::decisions;
use crate::core::vars::TextVars;
use crate::core::{AnswerValue, Outcome, SourceClass};

/// An answer in words, in the user's language.
pub fn answer_text(shared: &Shared, lang: Lang, question: &str, value: &AnswerValue) -> String {
    let Some(q) = shared.rules.question(question) else {
        return value.values().join(", ");
    };
    let word = |v: &str| -> String {
        match (&q.kind, v) {
            (QuestionKind::YesNo | QuestionKind::YesNoUnknown, "yes") => t(lang, Msg::Yes).into(),
            (QuestionKind::YesNo | QuestionKind::YesNoUnknown, "no") => t(lang, Msg::No).into(),
            (QuestionKind::YesNoUnknown, "unknown") => t(lang, Msg::DontKnow).into(),
            (QuestionKind::Single { options } | QuestionKind::Multi { options, .. }, v) => options
                .iter()
                .find(|o| o.id == v)
                .map(|o| o.label.get(lang).to_string())
                .unwrap_or_else(|| v.to_string()),
            (QuestionKind::Country { .. }, code) => shared
                .dest
                .country(code)
                .map(|c| c.name(lang).to_string())
                .unwrap_or_else(|| code.to_string()),
            (_, v) => v.to_string(),
        }
    };
    value
        .values()
        .into_iter()
        .map(word)
        .collect::<Vec<_>>()
        .join("; ")
}

fn fact_name(lang: Lang, fact: DestFact) -> &'static str {
    use DestFact::*;
    t(
        lang,
        match fact {
            EuMember => Msg::FactEuMember,
            ThirdCountry => Msg::FactThirdCountry,
            ArmsEmbargo => Msg::FactArmsEmbargo,
            ArmsEmbargoOther => Msg::FactArmsEmbargoOther,
            MonitoringRegime | MonitoringAuthorisation | MonitoringUnclear => Msg::FactMonitoring,
            MonitoringCatchAll => Msg::FactMonitoringCatchAll,
            DualUseBan | BanCyberSecurityException => Msg::FactDualUseBan,
            DualUseBanConditional => Msg::FactDualUseBanConditional,
            EnhancementGoodsBan => Msg::FactEnhancementGoods,
        },
    )
}

/// "Source: binding text (confirmed)", as a tag every rule, finding and
/// fact carries (a word, never only a colour).
pub fn source_m(m: &mut Markup, lang: Lang, class: SourceClass) {
    m.raw("<span class=\"ea-source ea-source-")
        .raw(class.name())
        .raw("\" data-source=\"")
        .raw(class.name())
        .raw("\">[")
        .text(t(lang, Msg::SourceLabel))
        .raw(": ")
        .text(class.label(lang))
        .raw("]</span>");
}

/// The answers, findings and destination facts behind a rule; each fact
/// with the act and article it rests on and how sure that is.
pub fn because_m(
    m: &mut Markup,
    shared: &Shared,
    lang: Lang,
    because: &Because,
    basis: &[FactRef],
) {
    if because.answers.is_empty()
        && because.destination_facts.is_empty()
        && because.findings.is_empty()
    {
        return;
    }
    m.raw("<div class=\"ea-because\"><span class=\"ea-because-label\">")
        .text(t(lang, Msg::Because))
        .raw(": </span><ul>");
    for a in &because.answers {
        let q = shared
            .rules
            .question(&a.question)
            .map(|q| q.text.get(lang))
            .unwrap_or(&a.question);
        m.raw("<li>")
            .text(q)
            .raw(" → ")
            .el(
                "strong",
                "",
                &answer_text(shared, lang, &a.question, &a.value),
            )
            .raw("</li>");
    }
    for f in because
        .findings
        .iter()
        .filter_map(|f| shared.rules.finding(f))
    {
        m.el("li", "", f.title.get(lang));
    }
    for fact in &because.destination_facts {
        m.raw("<li data-fact=\"")
            .raw(fact.name())
            .raw("\">")
            .text(t(lang, Msg::DestinationFacts))
            .raw(": ")
            .text(fact_name(lang, *fact));
        if let Some(r) = basis.iter().find(|r| r.fact == *fact) {
            m.raw(" — ").text(&r.citation).raw(" ");
            source_m(m, lang, r.status);
            if r.status != Status::Confirmed {
                if let Some(note) = fact_note(shared, r, lang) {
                    m.raw(" ").el("span", "class=\"ea-note\"", &note);
                }
            }
        }
        m.raw("</li>");
    }
    m.raw("</ul></div>");
}

/// The destination row's note on the regime behind a fact.
fn fact_note(shared: &Shared, r: &FactRef, lang: Lang) -> Option<String> {
    use DestFact::*;
    let c = shared.dest.country(&r.country)?;
    match r.fact {
        MonitoringRegime | MonitoringAuthorisation | MonitoringUnclear | MonitoringCatchAll => c
            .monitoring_regime
            .as_ref()
            .and_then(|m| m.note.as_ref())
            .map(|n| n.get(lang).to_string()),
        DualUseBan | DualUseBanConditional | EnhancementGoodsBan | BanCyberSecurityException => c
            .dual_use_ban
            .as_ref()
            .and_then(|b| b.note.as_ref())
            .map(|n| n.get(lang).to_string()),
        ArmsEmbargo | ArmsEmbargoOther => c.arms_embargo.as_ref().and_then(|e| e.note.clone()),
        EuMember | ThirdCountry => None,
    }
}

pub fn kind_label(lang: Lang, kind: FindingKind) -> &'static str {
    t(
        lang,
        match kind {
            FindingKind::RedFlag => Msg::KindRedFlag,
            FindingKind::Gap => Msg::KindGap,
            FindingKind::Trigger => Msg::KindTrigger,
            FindingKind::RiskFactor => Msg::KindRiskFactor,
            FindingKind::Mitigation => Msg::KindMitigation,
            FindingKind::Classification => Msg::KindClassification,
            FindingKind::Note => Msg::KindNote,
        },
    )
}

pub fn outcome_icon(o: Outcome) -> &'static str {
    match o {
        Outcome::Prohibited => "⛔",
        Outcome::AuthorisationRequired => "🔒",
        Outcome::NotifyAuthority => "✉",
        Outcome::Incomplete => "…",
        Outcome::Escalate => "⚠",
        Outcome::ProceedDocumented => "✔",
        Outcome::NotInScope => "○",
    }
}

/// One finding as shown in the panel and the report.
pub struct FindingView<'a> {
    pub id: &'a str,
    pub kind: FindingKind,
    pub weight: i32,
    pub title: String,
    pub explanation: String,
    pub citation: String,
    pub provenance: SourceClass,
    pub unconfirmed: Option<String>,
    pub because: &'a Because,
}

pub fn findings_m<'a>(
    m: &mut Markup,
    shared: &Shared,
    lang: Lang,
    findings: impl Iterator<Item = FindingView<'a>>,
    basis: &[FactRef],
) {
    m.raw("<ul class=\"ea-findings\" data-testid=\"findings\">");
    for f in findings {
        m.raw("<li class=\"ea-finding ea-kind-")
            .raw(f.kind.name())
            .raw("\" data-finding=\"")
            .raw(&attr(f.id))
            .raw("\"><p>");
        m.el("span", "class=\"ea-kind\"", kind_label(lang, f.kind))
            .raw(" ")
            .el("strong", "", &f.title);
        if f.kind.scored() {
            m.el("span", "class=\"ea-points\"", &format!(" ({:+})", f.weight));
        }
        m.raw("</p>").el("p", "", &f.explanation);
        cite_m(m, lang, &f.citation, f.provenance, f.unconfirmed.as_deref());
        because_m(m, shared, lang, f.because, basis);
        m.raw("</li>");
    }
    m.raw("</ul>");
}

/// The citation with its source class, and what is unconfirmed about it.
pub fn cite_m(
    m: &mut Markup,
    lang: Lang,
    citation: &str,
    provenance: SourceClass,
    unconfirmed: Option<&str>,
) {
    m.raw("<p class=\"ea-cite\">")
        .text(t(lang, Msg::Citation))
        .raw(": ")
        .text(citation)
        .raw(" ");
    source_m(m, lang, provenance);
    m.raw("</p>");
    if let Some(u) = unconfirmed {
        m.raw("<p class=\"ea-unconfirmed\">")
            .el("strong", "", t(lang, Msg::Unconfirmed))
            .raw(" ")
            .text(u)
            .raw("</p>");
    }
}

/// Bars per category with the value as text, a table of weights and the formula.
pub fn score_m(m: &mut Markup, shared: &Shared, lang: Lang, score: &Score) {
    let label = |id: &str| {
        shared
            .rules
            .category(id)
            .map(|x| x.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let height = 26 * score.categories.len() + 4;
    m.raw(&format!("<svg class=\"ea-score-chart\" viewBox=\"0 0 330 {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"score-chart-title\"><title id=\"score-chart-title\">"));
    m.text(t(lang, Msg::ScoreHeading))
        .raw(&format!(": {}/100</title>", score.total));
    for (i, c) in score.categories.iter().enumerate() {
        let y = i * 26 + 2;
        m.raw(&format!(
            "<text x=\"0\" y=\"{}\" class=\"ea-chart-label\">",
            y + 16
        ))
        .text(&format!(
            "{} ({} {})",
            label(&c.id),
            t(lang, Msg::ScoreWeight),
            c.weight
        ))
        .raw("</text>");
        m.raw(&format!(
            "<rect x=\"150\" y=\"{0}\" width=\"120\" height=\"16\" class=\"ea-chart-track\"/><rect x=\"150\" y=\"{0}\" width=\"{1}\" height=\"16\" class=\"ea-chart-bar\"/><text x=\"276\" y=\"{2}\" class=\"ea-chart-value\">{3}</text>",
            y + 4,
            c.value * 120 / 100,
            y + 16,
            c.value
        ));
    }
    m.raw("</svg>").el(
        "p",
        "class=\"ea-small ea-muted\"",
        t(lang, Msg::ScoreExplain),
    );
    m.el(
        "p",
        "class=\"ea-small\" data-testid=\"score-note\"",
        shared.rules.score.note.get(lang),
    );
}

pub fn steps_m(m: &mut Markup, steps: &[String]) {
    m.raw("<ol class=\"ea-steps\" data-testid=\"next-steps\">");
    for s in steps {
        m.el("li", "", s);
    }
    m.raw("</ol>");
}

/// The outcome box: a live region, so changes are announced.
pub fn outcome_box(lang: Lang, o: Outcome, testid: &'static str) -> Html {
    let (name, meaning) = outcome(lang, o);
    html! {
        <div class={classes!("ea-outcome", format!("ea-outcome-{}", o.name()))} role="status" aria-live="polite" aria-atomic="true"
            data-testid={testid} data-outcome={o.name()}>
            <span class="ea-outcome-icon" aria-hidden="true">{ outcome_icon(o) }</span>
            <div>
                <p class="ea-outcome-name">{ name }</p>
                <p class="ea-outcome-meaning">{ meaning }</p>
            </div>
        </div>
    }
}

#[component]
pub fn ResultPanel(p: &DraftProps) -> Html {
    let lang = p.lang;
    let a = &p.assessment;
    let shared = &p.shared;
    let basis = &a.destination_basis;
    let effective = p.draft.effective_answers(&shared.rules, &shared.dest);
    let vars = TextVars::new(&shared.rules, &shared.dest, &effective, lang);
    let mut m = Markup::new();
    if a.undecided {
        m.el("p", "class=\"ea-notice\"", t(lang, Msg::NoRuleDecided));
    }
    if !a.decided_by.is_empty() {
        m.el("h3", "class=\"ea-h3\"", t(lang, Msg::DecidedBy))
            .raw("<ul class=\"ea-rules\" data-testid=\"decided-by\">");
        for (r, rule) in a
            .decided_by
            .iter()
            .filter_map(|r| shared.rules.outcome_rule(&r.id).map(|rule| (r, rule)))
        {
            m.raw("<li data-rule=\"").raw(&attr(&r.id)).raw("\">").el(
                "p",
                "",
                &vars.text(&rule.explanation),
            );
            let unconfirmed = rule.unconfirmed.as_ref().map(|u| vars.text(u));
            cite_m(
                &mut m,
                lang,
                &vars.text(&rule.citation),
                rule.provenance,
                unconfirmed.as_deref(),
            );
            because_m(&mut m, shared, lang, &r.because, basis);
            m.raw("</li>");
        }
        m.raw("</ul>");
    }
    // The grounds of confirmed sanctions-list matches: the act behind each entry.
    let grounds = decisions::grounds(
        &shared.rules,
        &shared.dest,
        &p.draft.answers,
        &p.draft.screening,
    );
    if !grounds.is_empty() {
        m.el("h3", "class=\"ea-h3\"", t(lang, Msg::GroundsHeading))
            .raw("<ul class=\"ea-grounds\" data-testid=\"grounds\">");
        for g in &grounds {
            m.raw("<li>").text(&g.describe(lang)).raw(" ");
            source_m(&mut m, lang, g.ground.status);
            if !g.ground.eu_law {
                m.raw(" ").el("strong", "", t(lang, Msg::GroundNoEuLaw));
            }
            if let Some(n) = &g.ground.note {
                m.raw(" ").el("span", "class=\"ea-note\"", n.get(lang));
            }
            m.raw("</li>");
        }
        m.raw("</ul>");
    }
    m.el(
        "h3",
        "class=\"ea-h3\"",
        &format!("{} ({})", t(lang, Msg::MissingHeading), a.missing.len()),
    );
    if a.missing.is_empty() {
        m.el("p", "class=\"ea-muted\"", t(lang, Msg::MissingNone));
    } else {
        m.raw("<ul class=\"ea-missing\" data-testid=\"missing\">");
        for q in a.missing.iter().filter_map(|id| shared.rules.question(id)) {
            let id = attr(&q.id);
            m.raw(&format!(
                "<li><a href=\"#q-{id}\" data-action=\"jump\" data-id=\"{id}\">"
            ))
            .text(q.text.get(lang))
            .raw("</a></li>");
        }
        m.raw("</ul>");
    }
    m.el("h3", "class=\"ea-h3\"", t(lang, Msg::FindingsHeading));
    let shown: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::Classification)
        .collect();
    if shown.is_empty() {
        m.el("p", "class=\"ea-muted\"", t(lang, Msg::NoFindings));
    }
    findings_m(
        &mut m,
        shared,
        lang,
        shown.iter().filter_map(|f| {
            let r = shared.rules.finding(&f.id)?;
            Some(FindingView {
                id: &f.id,
                kind: f.kind,
                weight: f.weight,
                title: vars.text(&r.title),
                explanation: vars.text(&r.explanation),
                citation: vars.text(&r.citation),
                provenance: r.provenance,
                unconfirmed: r.unconfirmed.as_ref().map(|u| vars.text(u)),
                because: &f.because,
            })
        }),
        basis,
    );
    m.el(
        "h3",
        "class=\"ea-h3\"",
        &format!("{}: {}/100", t(lang, Msg::ScoreHeading), a.score.total),
    );
    score_m(&mut m, shared, lang, &a.score);
    m.el("h3", "class=\"ea-h3\"", t(lang, Msg::NextStepsHeading));
    steps_m(
        &mut m,
        &next_steps(&shared.rules, &shared.dest, &effective, a, lang),
    );
    let (authority, _) = authority_for(&shared.rules, &shared.dest, &effective, lang);
    let ms = p
        .draft
        .answers
        .get(&shared.rules.member_state_question)
        .and_then(|v| v.as_one())
        .and_then(|c| shared.dest.country(c));
    m.raw("<p class=\"ea-small\">")
        .text(t(lang, Msg::AuthorityLabel))
        .raw(": ")
        .text(&authority);
    if ms
        .and_then(|c| c.competent_authority.as_ref())
        .is_some_and(|a| a.status == Status::Unconfirmed)
    {
        m.raw(" <span class=\"ea-unconfirmed-tag\">[")
            .text(t(lang, Msg::UnconfirmedShort))
            .raw("]</span> ")
            .text(t(lang, Msg::AuthorityUnconfirmed));
    }
    m.raw("</p>");

    // For the printout: the screening record and the answers to the questions shown.
    m.raw("<div class=\"ea-print-block\">");
    super::party::panel_m(&mut m, shared, lang, &p.draft, &p.engine, false);
    m.raw("</div><table class=\"ea-table ea-answers ea-print-only\"><tbody>");
    for (_, q) in shared
        .rules
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| a.visible[*i])
    {
        if let Some(v) = p.draft.answers.get(&q.id) {
            m.raw("<tr>")
                .el("td", "", q.text.get(lang))
                .el("td", "", &answer_text(shared, lang, &q.id, v))
                .raw("</tr>");
        }
    }
    m.raw("</tbody></table><p class=\"ea-no-print\"><button type=\"button\" data-action=\"print\" data-testid=\"print\">").text(t(lang, Msg::Print));
    m.raw("</button> <button type=\"button\" data-action=\"answers\" data-testid=\"download-answers\">").text(t(lang, Msg::DownloadAnswers)).raw("</button></p>");
    m.el(
        "p",
        "class=\"ea-small ea-muted ea-no-print\"",
        t(lang, Msg::DownloadAnswersHelp),
    );
    let onclick = {
        let d = p.dispatch.clone();
        let draft = p.draft.clone();
        let rules = shared.rules.clone();
        let under = crate::core::session::MadeUnder::of(&shared.rules, &shared.dest);
        let visible = a.visible.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((action, id)) = action_of(&e) {
                if action == "print" {
                    super::browser::print();
                } else if action == "answers" {
                    // The answers shown, as `export-assessor report` reads them.
                    let shown: crate::core::Answers = rules
                        .questions
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| visible[*i])
                        .filter_map(|(_, q)| {
                            draft.answers.get(&q.id).map(|v| (q.id.clone(), v.clone()))
                        })
                        .collect();
                    let mut members =
                        vec![("answers", crate::core::answers::answers_to_json(&shown))];
                    if !draft.screening.is_empty() {
                        members.push(("screening", draft.screening.to_json()));
                    }
                    // The versions the outcome was reached under.
                    members.push(("made_under", under.to_json()));
                    let doc = crate::core::json::obj(members);
                    super::browser::download(
                        &format!("export-assessor-answers-{}.json", draft.id),
                        "application/json",
                        &doc.canonical(None),
                    );
                } else if action == "jump" {
                    e.prevent_default();
                    if let Some(q) = rules.question(&id) {
                        d.emit(Action::JumpTo {
                            section: q.section.clone(),
                            question: id,
                        });
                    }
                }
            }
        })
    };
    html! {
        <aside class="ea-result" aria-labelledby="result-title" data-testid="result">
            <h2 id="result-title" class="ea-h2">{ t(lang, Msg::ResultHeading) }</h2>
            { outcome_box(lang, a.outcome, "outcome") }
            <div {onclick}>{ m.into_html() }</div>
        </aside>
    }
}
