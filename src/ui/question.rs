//! One question: its text, whether it is required, the input for its kind
//! and the help that says why it is asked and where the rule comes from.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::context::Shared;
use super::i18n::{t, Lang, Msg};
use super::result::SourceTag;
use crate::core::ruleset::{CountryScope, Question, QuestionKind};
use crate::core::AnswerValue;

#[derive(Properties, PartialEq, Clone)]
pub struct QuestionProps {
    pub lang: Lang,
    pub question: String,
    pub value: Option<AnswerValue>,
    /// Undecided screening hits of the name this question holds.
    #[prop_or_default]
    pub open_hits: usize,
    /// (question id, new value; None clears the answer)
    pub on_answer: Callback<(String, Option<AnswerValue>)>,
}

/// What a field of one kind receives: the question, its current value and
/// where a new value goes.
#[derive(Properties, PartialEq, Clone)]
struct FieldProps {
    lang: Lang,
    id: String,
    value: Option<AnswerValue>,
    on_set: Callback<Option<AnswerValue>>,
}

#[component]
pub fn QuestionField(p: &QuestionProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let Some(q) = shared.rules.question(&p.question) else {
        return html! {};
    };
    let lang = p.lang;
    let on_set = {
        let (on_answer, id) = (p.on_answer.clone(), q.id.clone());
        Callback::from(move |v: Option<AnswerValue>| on_answer.emit((id.clone(), v)))
    };
    let f = FieldProps {
        lang,
        id: q.id.clone(),
        value: p.value.clone(),
        on_set,
    };
    let id = q.id.clone();
    let legend =
        html! { <>{ q.text.get(lang) }{ " " }<RequiredMark {lang} required={q.required} /></> };
    match &q.kind {
        QuestionKind::YesNo
        | QuestionKind::YesNoUnknown
        | QuestionKind::Single { .. }
        | QuestionKind::Multi { .. } => html! {
            <fieldset class="ea-q" id={format!("q-{id}")} data-testid={format!("q-{id}")}>
                <legend>{ legend }</legend>
                <Choices ..f />
                <Help {lang} question={id.clone()} />
            </fieldset>
        },
        QuestionKind::Country { .. } | QuestionKind::Text { .. } => html! {
            <div class="ea-q" id={format!("q-{id}")} data-testid={format!("q-{id}")}>
                <label for={format!("in-{id}")} class="ea-label">{ legend }</label>
                if matches!(q.kind, QuestionKind::Country { .. }) { <CountryField ..f /> } else { <TextField ..f /> }
                if p.open_hits > 0 {
                    <p class="ea-notice" role="status" data-testid="undecided-hits">
                        <span aria-hidden="true">{ "⚠ " }</span>{ t(lang, Msg::UndecidedHits) }
                    </p>
                }
                <Help {lang} question={id.clone()} />
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct RequiredMarkProps {
    lang: Lang,
    required: bool,
}

#[component]
fn RequiredMark(p: &RequiredMarkProps) -> Html {
    let text = if p.required {
        Msg::Required
    } else {
        Msg::Optional
    };
    html! { <span class="ea-req">{ t(p.lang, text) }</span> }
}

/// The options of a question: (value, label), in the user's language.
fn options(q: &Question, lang: Lang) -> Vec<(String, String)> {
    let yes_no = |unknown: bool| {
        let mut v = vec![
            ("yes".to_string(), t(lang, Msg::Yes).to_string()),
            ("no".into(), t(lang, Msg::No).into()),
        ];
        if unknown {
            v.push(("unknown".into(), t(lang, Msg::DontKnow).into()));
        }
        v
    };
    match &q.kind {
        QuestionKind::YesNo => yes_no(false),
        QuestionKind::YesNoUnknown => yes_no(true),
        QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => options
            .iter()
            .map(|o| (o.id.clone(), o.label.get(lang).to_string()))
            .collect(),
        QuestionKind::Country { .. } | QuestionKind::Text { .. } => vec![],
    }
}

/// Radio buttons for one choice, check boxes for several; an exclusive
/// option ("none of these") stands alone.
#[component]
fn Choices(p: &FieldProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let Some(q) = shared.rules.question(&p.id) else {
        return html! {};
    };
    let multi = match &q.kind {
        QuestionKind::Multi { exclusive, .. } => Some(exclusive.clone()),
        _ => None,
    };
    let selected: Vec<String> = p
        .value
        .as_ref()
        .map(|v| v.values().into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let name = format!("q-{}", p.id);
    let kind = if multi.is_some() { "checkbox" } else { "radio" };
    let items = options(q, p.lang).into_iter().map(|(value, label)| {
        let checked = selected.contains(&value);
        let (on_set, selected, multi) = (p.on_set.clone(), selected.clone(), multi.clone());
        let v = value.clone();
        let onchange = Callback::from(move |e: Event| {
            let Some(exclusive) = &multi else {
                return on_set.emit(Some(AnswerValue::One(v.clone())));
            };
            let next: Vec<String> = if !e.target_unchecked_into::<HtmlInputElement>().checked() {
                selected.iter().filter(|s| **s != v).cloned().collect()
            } else if exclusive.contains(&v) {
                vec![v.clone()]
            } else {
                selected.iter().filter(|s| !exclusive.contains(s) && **s != v).cloned().chain([v.clone()]).collect()
            };
            on_set.emit((!next.is_empty()).then_some(AnswerValue::Many(next)));
        });
        html! {
            <label key={value.clone()} class="ea-choice">
                <input type={kind} name={name.clone()} value={value} {checked} {onchange} />{ label }
            </label>
        }
    });
    html! { <div class="ea-choices">{ for items }</div> }
}

#[component]
fn CountryField(p: &FieldProps) -> Html {
    let shared = use_context::<Shared>();
    let eu_only = shared
        .as_ref()
        .and_then(|s| s.rules.question(&p.id))
        .is_some_and(|q| {
            matches!(
                q.kind,
                QuestionKind::Country {
                    scope: CountryScope::Eu
                }
            )
        });
    // Sorted by name in the user's language; recomputed only when it changes.
    let countries = use_memo((p.lang, eu_only, shared), |(lang, eu_only, shared)| {
        shared
            .as_ref()
            .map(|s| s.dest.choices(*lang, *eu_only))
            .unwrap_or_default()
    });
    let one = p
        .value
        .as_ref()
        .and_then(|v| v.as_one())
        .unwrap_or("")
        .to_string();
    let onchange = p.on_set.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        (!v.is_empty()).then_some(AnswerValue::One(v))
    });
    html! {
        <select id={format!("in-{}", p.id)} {onchange}>
            <option key="" value="" selected={one.is_empty()}>{ t(p.lang, Msg::ChooseCountry) }</option>
            { for countries.iter().map(|(code, name)| html! {
                <option key={code.clone()} value={code.clone()} selected={one == *code}>{ name }</option>
            }) }
        </select>
    }
}

#[component]
fn TextField(p: &FieldProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (max_len, multiline) = match shared.rules.question(&p.id).map(|q| &q.kind) {
        Some(QuestionKind::Text { max_len, multiline }) => (*max_len, *multiline),
        _ => return html! {},
    };
    let one = p
        .value
        .as_ref()
        .and_then(|v| v.as_one())
        .unwrap_or("")
        .to_string();
    let to_answer = |v: String| (!v.trim().is_empty()).then_some(AnswerValue::One(v));
    let (id, max) = (format!("in-{}", p.id), max_len.to_string());
    if multiline {
        let oninput = p.on_set.reform(move |e: InputEvent| {
            to_answer(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        html! { <textarea {id} rows="3" maxlength={max} value={one} {oninput} /> }
    } else {
        let oninput = p.on_set.reform(move |e: InputEvent| {
            to_answer(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! { <input type="text" {id} maxlength={max} value={one} {oninput} /> }
    }
}

#[derive(Properties, PartialEq)]
struct HelpProps {
    lang: Lang,
    question: String,
}

/// "Why am I asked this?": the reason, the citation and how sure its
/// source is, and what is unconfirmed.
#[component]
fn Help(p: &HelpProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let Some(q) = shared.rules.question(&p.question) else {
        return html! {};
    };
    let lang = p.lang;
    html! {
        <details class="ea-help">
            <summary>{ t(lang, Msg::WhyAsked) }</summary>
            <p>{ q.help.get(lang) }</p>
            <p class="ea-cite">
                <span>{ t(lang, Msg::Citation) }{ ": " }</span>{ q.citation.get(lang) }{ " " }
                <SourceTag {lang} class={q.provenance} />
            </p>
            if let Some(u) = &q.unconfirmed {
                <p class="ea-unconfirmed"><strong>{ t(lang, Msg::Unconfirmed) }</strong>{ " " }{ u.get(lang) }</p>
            }
        </details>
    }
}
