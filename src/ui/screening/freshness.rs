//! How old each loaded list is, the limit past which a list is flagged (a
//! setting the worker keeps in IndexedDB), and a warning in words for each
//! list past it. The age is `core::screening::freshness`, counted to today
//! in this browser's time zone.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::requests::call;
use super::shared::use_shared;
use super::{t, Msg};
use crate::core::screening::freshness::{age_text, stale_warnings, DEFAULT_MAX_LIST_AGE_DAYS};
use crate::core::screening::record::ListStamp;
use crate::core::text::fill;
use crate::web::ListDto;

/// Today in this browser's time zone (`YYYY-MM-DD`).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month().saturating_add(1),
        d.get_date()
    )
}

#[derive(Properties, PartialEq)]
pub struct FreshnessProps {
    pub lists: Vec<ListDto>,
    pub max_days: u32,
    pub ready: bool,
}

#[component]
pub fn FreshnessSection(p: &FreshnessProps) -> Html {
    let s = use_shared();
    let lang = s.lang;
    let today = today();
    let stamps: Vec<ListStamp> = p
        .lists
        .iter()
        .map(|l| ListStamp {
            key: l.key.clone(),
            label: l.label.clone(),
            format: l.format.clone(),
            generated: l.generated.clone(),
            sha256: l.sha256.clone(),
            entries: l.entries as u32,
            warning: None,
        })
        .collect();
    let warnings = stale_warnings(&stamps, &today, p.max_days, lang);
    let onchange = {
        let client = s.client.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(days) = value.trim().parse::<u32>() {
                let reply = client.0.set_max_list_age(days);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = call(reply).await;
                });
            }
        })
    };
    html! {
        <section class="ea-block" aria-labelledby="freshness-heading" data-testid="freshness">
            <h3 id="freshness-heading" class="ea-h3">{ t(lang, Msg::FreshnessHeading) }</h3>
            <p class="ea-small ea-muted">{ fill(t(lang, Msg::FreshnessHelp), &[("default", &DEFAULT_MAX_LIST_AGE_DAYS.to_string())]) }</p>
            <div class="ea-row">
                <label for="max-list-age" class="ea-inline">{ t(lang, Msg::FreshnessLabel) }</label>
                <input id="max-list-age" type="number" min="0" max="3650" step="1" value={p.max_days.to_string()} disabled={!p.ready} {onchange} data-testid="max-list-age" />
            </div>
            <ul class="ea-small" data-testid="list-ages">
                { for p.lists.iter().map(|l| html! {
                    <li key={l.key.clone()}>{ &l.label }{ ": " }{ age_text(l.generated.as_deref(), &today, lang) }</li>
                }) }
            </ul>
            { for warnings.iter().map(|w| html! { <p key={w.clone()} class="ea-notice" role="status" data-testid="stale-list">{ "⚠ " }{ w }</p> }) }
        </section>
    }
}
