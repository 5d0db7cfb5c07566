//! How a rule, finding or fact is explained: its citation with how sure
//! the source is (a word, never only a colour), what is unconfirmed, and
//! the answers, findings and destination facts behind it.

use yew::prelude::*;

use crate::core::destinations::{DestFact, FactRef, Status};
use crate::core::evaluate::Because;
use crate::core::{Lang, SourceClass};
use crate::ui::context::Shared;
use crate::ui::i18n::{t, Msg};
use crate::ui::words::{answer_text, fact_name};

#[derive(Properties, PartialEq)]
pub struct SourceTagProps {
    pub lang: Lang,
    pub class: SourceClass,
}

/// "[Source: binding text (confirmed)]".
#[component]
pub fn SourceTag(p: &SourceTagProps) -> Html {
    let name = p.class.name();
    html! {
        <span class={classes!("ea-source", format!("ea-source-{name}"))} data-source={name}>
            { "[" }{ t(p.lang, Msg::SourceLabel) }{ ": " }{ p.class.label(p.lang) }{ "]" }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct CiteProps {
    pub lang: Lang,
    pub citation: String,
    pub provenance: SourceClass,
    #[prop_or_default]
    pub unconfirmed: Option<String>,
}

#[component]
pub fn Cite(p: &CiteProps) -> Html {
    html! { <>
        <p class="ea-cite">
            { t(p.lang, Msg::Citation) }{ ": " }{ &p.citation }{ " " }
            <SourceTag lang={p.lang} class={p.provenance} />
        </p>
        if let Some(u) = &p.unconfirmed {
            <p class="ea-unconfirmed"><strong>{ t(p.lang, Msg::Unconfirmed) }</strong>{ " " }{ u }</p>
        }
    </> }
}

#[derive(Properties, PartialEq)]
pub struct BecauseProps {
    pub lang: Lang,
    pub because: Because,
    /// What the destination facts rest on (act, article, how sure).
    pub basis: Vec<FactRef>,
}

#[component]
pub fn BecauseList(p: &BecauseProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (b, lang) = (&p.because, p.lang);
    if b.answers.is_empty() && b.destination_facts.is_empty() && b.findings.is_empty() {
        return html! {};
    }
    // Keys carry the position: a list could name the same thing twice.
    let answers = b.answers.iter().enumerate().map(|(i, a)| {
        let q = shared.rules.question(&a.question).map_or(a.question.as_str(), |q| q.text.get(lang));
        html! { <li key={format!("a{i}-{}", a.question)}>{ q }{ " → " }<strong>{ answer_text(&shared, lang, &a.question, &a.value) }</strong></li> }
    });
    let findings = b.findings.iter().enumerate().filter_map(|(i, id)| {
        let f = shared.rules.finding(id)?;
        Some(html! { <li key={format!("f{i}-{id}")}>{ f.title.get(lang) }</li> })
    });
    let facts = b.destination_facts.iter().enumerate().map(|(i, fact)| {
        let basis = p.basis.iter().find(|r| r.fact == *fact);
        let note = basis
            .filter(|r| r.status != Status::Confirmed)
            .and_then(|r| fact_note(&shared, r, lang));
        html! {
            <li key={format!("d{i}-{}", fact.name())} data-fact={fact.name()}>
                { t(lang, Msg::DestinationFacts) }{ ": " }{ fact_name(lang, *fact) }
                if let Some(r) = basis {
                    { " — " }{ &r.citation }{ " " }<SourceTag {lang} class={r.status} />
                }
                if let Some(n) = note { { " " }<span class="ea-note">{ n }</span> }
            </li>
        }
    });
    html! {
        <div class="ea-because">
            <span class="ea-because-label">{ t(lang, Msg::Because) }{ ": " }</span>
            <ul>{ for answers }{ for findings }{ for facts }</ul>
        </div>
    }
}

/// The destination row's note on the regime behind a fact.
fn fact_note(shared: &Shared, r: &FactRef, lang: Lang) -> Option<String> {
    use DestFact::*;
    let c = shared.dest.country(&r.country)?;
    match r.fact {
        MonitoringRegime | MonitoringAuthorisation | MonitoringUnclear | MonitoringCatchAll => c
            .monitoring_regime
            .as_ref()?
            .note
            .as_ref()
            .map(|n| n.get(lang).to_string()),
        DualUseBan | DualUseBanConditional | EnhancementGoodsBan | BanCyberSecurityException => c
            .dual_use_ban
            .as_ref()?
            .note
            .as_ref()
            .map(|n| n.get(lang).to_string()),
        ArmsEmbargo | ArmsEmbargoOther => c.arms_embargo.as_ref()?.note.clone(),
        EuMember | ThirdCountry => None,
    }
}
