//! Above the questions: the assessment's title or reference, and — when it
//! was made under other rules — what the current rules decide differently,
//! with the way to re-assess it as a new version.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::context::{DraftProps, Shared};
use super::i18n::{outcome, t, Msg};
use crate::core::text::fill;

#[derive(Properties, PartialEq)]
pub struct DraftHeadProps {
    pub d: DraftProps,
    pub on_title: Callback<String>,
    pub on_reassess: Callback<()>,
}

#[component]
pub fn DraftHead(p: &DraftHeadProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let (lang, draft) = (p.d.lang, &p.d.draft);
    let onchange = p
        .on_title
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    let placeholder = {
        let mut shown = draft.clone();
        std::rc::Rc::make_mut(&mut shown).title.clear();
        shown.display_title(&shared.rules, &shared.dest, lang)
    };
    html! {
        <div class="ea-draft-head">
            <label class="ea-field ea-title-field">
                <span>{ t(lang, Msg::TitleLabel) }</span>
                <input type="text" maxlength="200" value={draft.title.clone()} {placeholder} {onchange} readonly={shared.read_only} data-testid="assessment-title" />
            </label>
            <Currency d={p.d.clone()} on_reassess={p.on_reassess.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CurrencyProps {
    d: DraftProps,
    on_reassess: Callback<()>,
}

#[component]
fn Currency(p: &CurrencyProps) -> Html {
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let lang = p.d.lang;
    let Some(c) = p.d.draft.currency(&shared.under, &p.d.view.assessment) else {
        return html! {};
    };
    let names = |ids: &[String]| {
        ids.iter()
            .map(|id| {
                shared
                    .rules
                    .finding(id)
                    .map_or(id.clone(), |f| f.title.get(lang).to_string())
            })
            .collect::<Vec<_>>()
    };
    let (added, gone) = c.finding_changes();
    let made = format!(
        "{} {} · {}",
        c.made_under.rule_set, c.made_under.rule_set_version, c.made_under.destination_data_as_of
    );
    let now = format!(
        "{} {} · {}",
        shared.under.rule_set, shared.under.rule_set_version, shared.under.destination_data_as_of
    );
    html! {
        <div class="ea-notice ea-currency" role="status" data-testid="currency">
            <p><strong>{ fill(t(lang, Msg::CurrencyMadeUnder), &[("then", &made), ("now", &now)]) }</strong></p>
            if let Some(then) = &c.then {
                if c.outcome_changed() {
                    <p data-testid="currency-outcome">{ fill(t(lang, Msg::CurrencyOutcome), &[("then", outcome(lang, then.outcome).0), ("now", outcome(lang, c.now.outcome).0)]) }</p>
                } else {
                    <p>{ t(lang, Msg::CurrencySameOutcome) }</p>
                }
            } else {
                <p>{ fill(t(lang, Msg::CurrencyNoRecord), &[("now", outcome(lang, c.now.outcome).0)]) }</p>
            }
            if !added.is_empty() {
                <p data-testid="currency-added">{ format!("{} {}", t(lang, Msg::CurrencyAdded), names(&added).join("; ")) }</p>
            }
            if !gone.is_empty() {
                <p data-testid="currency-gone">{ format!("{} {}", t(lang, Msg::CurrencyGone), names(&gone).join("; ")) }</p>
            }
            <p>{ t(lang, Msg::CurrencyReadOnly) }</p>
            <button type="button" class="ea-primary ea-new" onclick={p.on_reassess.reform(|_: MouseEvent| ())} data-testid="reassess">{ t(lang, Msg::Reassess) }</button>
        </div>
    }
}
