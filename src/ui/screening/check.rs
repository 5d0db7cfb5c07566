//! The quick check: one name, with an optional country and year of birth,
//! and its hits explained.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::shared::{score, unique_keys, use_shared};
use super::state::Check;
use super::{t, Msg};
use crate::web::{CheckHitDto, CheckQueryDto};

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// How many lists are loaded (none: nothing to check against).
    pub lists: usize,
    pub check: Check,
    pub on_check: Callback<CheckQueryDto>,
}

/// The form keeps what the user typed in its own state.
#[component]
pub fn CheckSection(p: &CheckProps) -> Html {
    let shared = use_shared();
    let lang = shared.lang;
    let (name, country, year) = (
        use_state(String::new),
        use_state(String::new),
        use_state(String::new),
    );
    // The country list in the language's alphabetical order.
    let countries = use_memo((lang, shared.dest.clone()), |(lang, dest)| {
        dest.0.choices(*lang, false)
    });
    let onsubmit = {
        let (on_check, name, country, year) = (
            p.on_check.clone(),
            name.clone(),
            country.clone(),
            year.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if name.trim().is_empty() {
                return;
            }
            on_check.emit(CheckQueryDto {
                name: (*name).clone(),
                country: (*country).clone(),
                birth_year: year.trim().parse().ok(),
                lang: lang.code().to_string(),
            });
        })
    };
    let text = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            s.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_country = {
        let country = country.clone();
        Callback::from(move |e: Event| {
            country.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    html! {
        <section class="ea-block" aria-labelledby="check-heading" data-testid="check-section">
            <h3 id="check-heading" class="ea-h3">{ t(lang, Msg::CheckHeading) }</h3>
            <form class="ea-row" {onsubmit}>
                <label class="ea-inline">{ t(lang, Msg::CheckName) }
                    <input type="text" maxlength="300" required=true value={(*name).clone()} oninput={text(&name)} data-testid="check-name" />
                </label>
                <label class="ea-inline">{ t(lang, Msg::CheckCountry) }
                    <select onchange={on_country} data-testid="check-country">
                        <option key="" value="" selected={country.is_empty()}>{ t(lang, Msg::AnyCountry) }</option>
                        { for countries.iter().map(|(code, label)| html! {
                            <option key={code.clone()} value={code.clone()} selected={*code == *country}>{ label }</option>
                        }) }
                    </select>
                </label>
                <label class="ea-inline">{ t(lang, Msg::CheckYear) }
                    <input type="number" min="1900" max="2100" value={(*year).clone()} oninput={text(&year)} data-testid="check-year" />
                </label>
                <button type="submit" class="ea-primary" disabled={p.lists == 0} data-testid="check-button">{ t(lang, Msg::CheckButton) }</button>
            </form>
            if p.lists == 0 {
                <p class="ea-small ea-muted">{ t(lang, Msg::CheckNeedsLists) }</p>
            }
            <div role="status" aria-live="polite" data-testid="check-result">
                { match &p.check {
                    Check::Idle => html! {},
                    Check::Busy => html! { <p>{ "…" }</p> },
                    Check::Failed(e) => html! { <p class="ea-notice" role="alert">{ e }</p> },
                    Check::Done(hits) if hits.is_empty() => html! { <p data-testid="check-none">{ t(lang, Msg::CheckNone) }</p> },
                    Check::Done(hits) => html! { <CheckHits hits={hits.clone()} /> },
                } }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct HitsProps {
    hits: Vec<CheckHitDto>,
}

/// The hits of a check, best first, each explained.
#[component]
fn CheckHits(p: &HitsProps) -> Html {
    let lang = use_shared().lang;
    let keys = unique_keys(
        p.hits
            .iter()
            .map(|h| format!("{}\u{1f}{}", h.list, h.entry_id)),
    );
    html! {
        <ul class="ea-hits">
            { for p.hits.iter().zip(keys).map(|(h, key)| html! {
                <li {key} class="ea-hit" data-testid="check-hit" data-entry={h.entry_id.clone()}>
                    <p>
                        <strong>{ &h.matched_name }</strong>
                        { format!(" · {} · {} {} · {} {}", h.list, t(lang, Msg::Entry), h.entry_id, t(lang, Msg::Score), score(h.score)) }
                    </p>
                    <p class="ea-small ea-muted">{ &h.explanation }</p>
                </li>
            }) }
        </ul>
    }
}
