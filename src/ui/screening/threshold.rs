//! The threshold section: the score a hit needs, for every screening.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::shared::{score, use_shared};
use super::{t, Msg};
use crate::core::screening::index::DEFAULT_THRESHOLD;
use crate::core::text::fill;

#[derive(Properties, PartialEq)]
pub struct ThresholdProps {
    pub threshold: f64,
    /// The engine takes requests.
    pub ready: bool,
    pub on_threshold: Callback<f64>,
}

#[component]
pub fn ThresholdSection(p: &ThresholdProps) -> Html {
    let lang = use_shared().lang;
    let onchange = {
        let on_threshold = p.on_threshold.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(v) = value.parse::<f64>() {
                on_threshold.emit(v);
            }
        })
    };
    let reset = p.on_threshold.reform(|_: MouseEvent| DEFAULT_THRESHOLD);
    html! {
        <section class="ea-block" aria-labelledby="threshold-heading" data-testid="threshold-section">
            <h3 id="threshold-heading" class="ea-h3">{ t(lang, Msg::ThresholdHeading) }</h3>
            <p class="ea-small ea-muted">
                { fill(t(lang, Msg::ThresholdHelp), &[("default", &score(DEFAULT_THRESHOLD))]) }
            </p>
            <div class="ea-row">
                <label for="threshold" class="ea-inline">{ t(lang, Msg::ThresholdLabel) }</label>
                <input id="threshold" type="range" min="0.5" max="1" step="0.01"
                    value={p.threshold.to_string()} disabled={!p.ready} {onchange} data-testid="threshold" />
                <output for="threshold" data-testid="threshold-value">{ score(p.threshold) }</output>
                <button type="button" disabled={!p.ready} onclick={reset}>{ t(lang, Msg::ThresholdReset) }</button>
            </div>
        </section>
    }
}
