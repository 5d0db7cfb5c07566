//! "Verify a report": a report file dropped here is checked as
//! `export-assessor verify` checks it — the fingerprint, and the outcome,
//! findings and score re-evaluated under the rules the report names.

use std::rc::Rc;

use web_sys::File;
use yew::prelude::*;

use crate::core::audit::{audit, Audit, Consistency, Difference};
use crate::core::Lang;
use crate::ui::browser;
use crate::ui::context::Shared;
use crate::ui::drop_zone::DropZone;
use crate::ui::i18n::{outcome, t, Msg};

/// The file checked and what the check found (or why it could not be read).
#[derive(Clone)]
struct Checked {
    name: String,
    result: Rc<Result<Audit, String>>,
}

impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && Rc::ptr_eq(&self.result, &other.result)
    }
}

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    pub lang: Lang,
}

#[component]
pub fn VerifyPage(p: &VerifyProps) -> Html {
    let lang = p.lang;
    let checked = use_state(|| None::<Checked>);
    let Some(shared) = use_context::<Shared>() else {
        return html! {};
    };
    let on_files = {
        let checked = checked.clone();
        Callback::from(move |files: Vec<File>| {
            let Some(file) = files.into_iter().next() else {
                return;
            };
            let (checked, shared) = (checked.clone(), shared.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let result = browser::read_file(file).await.and_then(|bytes| {
                    audit(&bytes, &shared.rules, &shared.dest).map_err(|e| e.to_string())
                });
                checked.set(Some(Checked {
                    name,
                    result: Rc::new(result),
                }));
            });
        })
    };
    html! {
        <section class="ea-verify" data-testid="verify-page" aria-labelledby="verify-title">
            <h2 id="verify-title" class="ea-h2">{ t(lang, Msg::VerifyTitle) }</h2>
            <p>{ t(lang, Msg::VerifyHelp) }</p>
            <DropZone label={t(lang, Msg::VerifyChoose)} hint={t(lang, Msg::VerifyDrop)} testid="verify-drop"
                input_testid="verify-file" accept=".json,application/json" enabled=true {on_files} />
            if let Some(c) = &*checked {
                <Verdict {lang} checked={c.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct VerdictProps {
    lang: Lang,
    checked: Checked,
}

#[component]
fn Verdict(p: &VerdictProps) -> Html {
    let lang = p.lang;
    let (state, headline, details): (&str, String, Vec<String>) = match &*p.checked.result {
        Err(e) => (
            "unreadable",
            t(lang, Msg::VerifyUnreadable).to_string(),
            vec![e.clone()],
        ),
        Ok(a) if !a.holds() => (
            "failed",
            t(lang, Msg::VerifyFailed).to_string(),
            a.differences()
                .iter()
                .map(|d| difference(lang, d))
                .collect(),
        ),
        Ok(a) => match &a.consistency {
            Consistency::HashOnly { named, carried } => (
                "hash-only",
                t(lang, Msg::VerifyHashOnly).to_string(),
                vec![format!(
                    "{}: {named} · {}: {carried}",
                    t(lang, Msg::VerifyNamed),
                    t(lang, Msg::VerifyCarried)
                )],
            ),
            Consistency::Checked(_) => ("valid", t(lang, Msg::VerifyValid).to_string(), vec![]),
        },
    };
    let report = p
        .checked
        .result
        .as_ref()
        .as_ref()
        .ok()
        .map(|a| &a.verification.report);
    let icon = if matches!(state, "valid" | "hash-only") {
        "✓"
    } else {
        "✗"
    };
    html! {
        <div class={classes!("ea-verdict", format!("ea-verdict-{state}"))} role="status" data-testid="verify-result" data-verdict={state}>
            <p class="ea-verdict-head"><span aria-hidden="true">{ icon }{ " " }</span><strong>{ headline }</strong>{ format!(" – {}", p.checked.name) }</p>
            if let Some(r) = report {
                <p class="ea-small">{ format!("{} · {} {} · {}", outcome(lang, r.outcome).0, r.rule_set.id, r.rule_set.version, r.fingerprint) }</p>
            }
            <ul data-testid="verify-differences">{ for details.iter().enumerate().map(|(i, d)| html! { <li key={i}>{ d }</li> }) }</ul>
        </div>
    }
}

/// One difference in the user's words.
fn difference(lang: Lang, d: &Difference) -> String {
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "–".to_string()
        } else {
            ids.join(", ")
        }
    };
    match d {
        Difference::Fingerprint { stated, computed } => {
            format!("{}: {stated} ≠ {computed}", t(lang, Msg::DiffFingerprint))
        }
        Difference::Outcome { stated, recomputed } => format!(
            "{}: {} ≠ {}",
            t(lang, Msg::DiffOutcome),
            outcome(lang, *stated).0,
            outcome(lang, *recomputed).0
        ),
        Difference::Findings {
            only_stated,
            only_recomputed,
        } => format!(
            "{}: {} {} · {} {}",
            t(lang, Msg::DiffFindings),
            t(lang, Msg::DiffOnlyStated),
            list(only_stated),
            t(lang, Msg::DiffOnlyRecomputed),
            list(only_recomputed)
        ),
        Difference::Score { stated, recomputed } => {
            format!("{}: {stated} ≠ {recomputed}", t(lang, Msg::DiffScore))
        }
        Difference::Field { name } => format!("{}: {name}", t(lang, Msg::DiffField)),
    }
}
