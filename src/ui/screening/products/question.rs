//! One product question from the rule set, prop-driven: its text, an input
//! for its kind (yes/no, yes/no/don't know, one or several options with
//! "none of these" standing alone, a country, text) and its help with the
//! citation, in the page's language. The questionnaire's own component
//! needs the questionnaire's context and catalogue, which the screening
//! app does not carry. Ids are prefixed `pq-` (the questionnaire's fields
//! are in the same document).

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::super::shared::Dest;
use super::super::{t, Msg};
use super::Rules;
use crate::core::ruleset::{CountryScope, Question, QuestionKind};
use crate::core::text::Lang;
use crate::core::AnswerValue;

#[derive(Properties, PartialEq, Clone)]
pub struct QuestionProps {
    pub lang: Lang,
    pub rules: Rules,
    pub dest: Dest,
    pub question: String,
    pub value: Option<AnswerValue>,
    /// (question id, new value; None clears the answer)
    pub on_answer: Callback<(String, Option<AnswerValue>)>,
}

#[component]
pub fn ProductQuestion(p: &QuestionProps) -> Html {
    let Some(q) = p.rules.0.question(&p.question) else {
        return html! {};
    };
    let lang = p.lang;
    let on_set = {
        let (on_answer, id) = (p.on_answer.clone(), q.id.clone());
        Callback::from(move |v: Option<AnswerValue>| on_answer.emit((id.clone(), v)))
    };
    let id = format!("pq-{}", q.id);
    let help = html! {
        <details class="ea-help">
            <summary>{ t(lang, Msg::ProdWhy) }</summary>
            <p>{ q.help.get(lang) }</p>
            <p class="ea-cite">{ q.citation.get(lang) }</p>
        </details>
    };
    let value = p.value.clone();
    match &q.kind {
        QuestionKind::Country { scope } => {
            let eu = matches!(scope, CountryScope::Eu);
            let countries = p.dest.0.choices(lang, eu);
            html! {
                <div class="ea-q" data-testid={id.clone()}>
                    <label for={format!("{id}-in")} class="ea-label">{ q.text.get(lang) }</label>
                    <CountrySelect id={format!("{id}-in")} {lang} {countries} {value} {on_set} />
                    { help }
                </div>
            }
        }
        QuestionKind::Text { max_len, multiline } => html! {
            <div class="ea-q" data-testid={id.clone()}>
                <label for={format!("{id}-in")} class="ea-label">{ q.text.get(lang) }</label>
                <TextInput id={format!("{id}-in")} max_len={*max_len} multiline={*multiline} {value} {on_set} />
                { help }
            </div>
        },
        _ => html! {
            <fieldset class="ea-q" data-testid={id.clone()}>
                <legend>{ q.text.get(lang) }</legend>
                <Choices name={id.clone()} options={options(q, lang)} exclusive={exclusive(q)} {value} {on_set} />
                { help }
            </fieldset>
        },
    }
}

/// The options of a choice question: (value, label) in `lang`.
fn options(q: &Question, lang: Lang) -> Vec<(String, String)> {
    let yes_no = |unknown: bool| {
        let mut v = vec![
            ("yes".to_string(), t(lang, Msg::ProdYes).to_string()),
            ("no".to_string(), t(lang, Msg::ProdNo).to_string()),
        ];
        if unknown {
            v.push((
                "unknown".to_string(),
                t(lang, Msg::ProdDontKnow).to_string(),
            ));
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

/// None: one choice (radio buttons); Some: several (check boxes), with the
/// options that stand alone.
fn exclusive(q: &Question) -> Option<Vec<String>> {
    match &q.kind {
        QuestionKind::Multi { exclusive, .. } => Some(exclusive.clone()),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
struct ChoicesProps {
    name: String,
    options: Vec<(String, String)>,
    exclusive: Option<Vec<String>>,
    value: Option<AnswerValue>,
    on_set: Callback<Option<AnswerValue>>,
}

/// Radio buttons for one choice, check boxes for several; choosing an
/// exclusive option ("none of these") clears the others and back.
#[component]
fn Choices(p: &ChoicesProps) -> Html {
    let selected: Vec<String> = p
        .value
        .as_ref()
        .map(|v| v.values().into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let kind = if p.exclusive.is_some() {
        "checkbox"
    } else {
        "radio"
    };
    let items = p.options.iter().map(|(value, label)| {
        let checked = selected.contains(value);
        let (on_set, selected, multi, v) = (p.on_set.clone(), selected.clone(), p.exclusive.clone(), value.clone());
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
                <input type={kind} name={p.name.clone()} value={value.clone()} {checked} {onchange} />{ label.clone() }
            </label>
        }
    });
    html! { <div class="ea-choices">{ for items }</div> }
}

#[derive(Properties, PartialEq)]
struct CountryProps {
    id: String,
    lang: Lang,
    countries: Vec<(String, String)>,
    value: Option<AnswerValue>,
    on_set: Callback<Option<AnswerValue>>,
}

#[component]
fn CountrySelect(p: &CountryProps) -> Html {
    let one = single(&p.value);
    let onchange = p.on_set.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        (!v.is_empty()).then_some(AnswerValue::One(v))
    });
    html! {
        <select id={p.id.clone()} {onchange}>
            <option key="" value="" selected={one.is_empty()}>{ t(p.lang, Msg::ProdChoose) }</option>
            { for p.countries.iter().map(|(code, name)| html! {
                <option key={code.clone()} value={code.clone()} selected={one == *code}>{ name.clone() }</option>
            }) }
        </select>
    }
}

#[derive(Properties, PartialEq)]
struct TextProps {
    id: String,
    max_len: usize,
    multiline: bool,
    value: Option<AnswerValue>,
    on_set: Callback<Option<AnswerValue>>,
}

#[component]
fn TextInput(p: &TextProps) -> Html {
    let one = single(&p.value);
    let to_answer = |v: String| (!v.trim().is_empty()).then_some(AnswerValue::One(v));
    let (id, max) = (p.id.clone(), p.max_len.to_string());
    if p.multiline {
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

/// A one-value answer as the text a select or input shows ("" when none).
fn single(value: &Option<AnswerValue>) -> String {
    value
        .as_ref()
        .and_then(|v| v.as_one())
        .unwrap_or("")
        .to_string()
}
