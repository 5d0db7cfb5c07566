//! The lead file: chosen or dropped, read in the worker; its columns
//! mapped with a preview of the first rows (pre-set by the core's guess,
//! with the core's message while the mapping is incomplete); the
//! exporter's Member State; run, progress and cancel; the bad rows.

use std::rc::Rc;

use web_sys::{File, HtmlSelectElement};
use yew::prelude::*;

use super::requests::{self, Dispatcher};
use super::state::{Action, Step, TriageState};
use crate::core::text::{fill, Lang};
use crate::core::triage::mapping::{BadRow, ColumnMapping};
use crate::ui::drop_zone::DropZone;
use crate::ui::screening::shared::{unique_keys, use_shared};
use crate::ui::screening::{t, Msg};
use crate::web::TriagePreviewDto;

#[derive(Properties, PartialEq)]
pub struct LoadProps {
    pub state: Rc<TriageState>,
    pub d: Dispatcher,
}

#[component]
pub fn LoadSection(p: &LoadProps) -> Html {
    let client = use_shared().client;
    let s = &p.state;
    let lang = s.lang;
    let on_files = {
        let (d, client) = (p.d.clone(), client.clone());
        Callback::from(move |files: Vec<File>| {
            if let Some(file) = files.into_iter().next() {
                d.dispatch(Action::Step(Step::Reading(file.name())));
                requests::run(&d, requests::read(client.clone(), file));
            }
        })
    };
    html! {
        <section class="ea-block" aria-labelledby="triage-file-heading" data-testid="triage-load">
            <h3 id="triage-file-heading" class="ea-h3">{ t(lang, Msg::TriChoose) }</h3>
            <DropZone
                label={t(lang, Msg::TriChoose)}
                hint={t(lang, Msg::TriDrop)}
                testid="triage-drop"
                input_testid="triage-file"
                accept=".csv,.txt,.xlsx"
                enabled={!s.busy()}
                {on_files}
            />
            if let Some(preview) = &s.preview {
                <Mapping preview={preview.clone()} state={p.state.clone()} d={p.d.clone()} />
            }
            <div role="status" aria-live="polite" data-testid="triage-status">
                <RunStatus step={s.step.clone()} {lang} today={s.today.clone()} />
            </div>
            if matches!(s.step, Step::Running { .. }) {
                <button type="button" onclick={Callback::from(move |_| client.0.cancel_triage())} data-testid="triage-cancel">{ t(lang, Msg::TriCancel) }</button>
            }
            <BadRows bad={s.bad.clone()} {lang} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct MappingProps {
    preview: Rc<TriagePreviewDto>,
    state: Rc<TriageState>,
    d: Dispatcher,
}

/// The selects per role, the preview, the Member State and Run.
#[component]
fn Mapping(p: &MappingProps) -> Html {
    let client = use_shared().client;
    let (s, pv, lang) = (&p.state, &p.preview, p.state.lang);
    let roles: [(Msg, &'static str, Option<usize>); 6] = [
        (Msg::TriRoleCompany, "company", s.mapping.company),
        (Msg::TriRoleCountry, "country", s.mapping.country),
        (Msg::TriRoleProducts, "products", s.mapping.products),
        (
            Msg::TriRoleEndUserType,
            "end_user_type",
            s.mapping.end_user_type,
        ),
        (Msg::TriRoleConsignee, "consignee", s.mapping.consignee),
        (Msg::TriRoleNote, "note", s.mapping.note),
    ];
    let on_role = |role: &'static str| {
        let (d, client, m) = (p.d.clone(), client.clone(), s.mapping.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut m = m.clone();
            *slot(&mut m, role) = v.parse::<usize>().ok();
            requests::run(&d, requests::check(client.clone(), m));
        })
    };
    let on_ms = p.d.to_callback().reform(|e: Event| {
        Action::MemberState(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let on_run = {
        let (d, client, m, ms) = (
            p.d.clone(),
            client.clone(),
            s.mapping.clone(),
            s.member_state.clone(),
        );
        let code = lang.code();
        Callback::from(move |_| {
            d.dispatch(Action::Error(None));
            requests::run(
                &d,
                requests::triage(client.clone(), m.clone(), ms.clone(), code, d.clone()),
            );
        })
    };
    let can_run = s.problem.is_none() && !s.member_state.is_empty() && !s.busy();
    html! {
        <div class="ea-triage-mapping" data-testid="triage-mapping">
            <p data-testid="triage-read">{ fill(t(lang, Msg::TriReadAs), &[("rows", &pv.rows.to_string()), ("file", &pv.label), ("read_as", &pv.read_as)]) }</p>
            if pv.blank_rows > 0 {
                <p data-testid="triage-blank-rows">{ fill(t(lang, Msg::TriBlankRows), &[("n", &pv.blank_rows.to_string())]) }</p>
            }
            <h4 class="ea-h4">{ t(lang, Msg::TriMappingHeading) }</h4>
            <div class="ea-row">
                { for roles.iter().map(|&(label, role, chosen)| html! {
                    <label key={role} class="ea-inline">{ t(lang, label) }
                        <select data-testid={format!("map-{role}")} onchange={on_role(role)}>
                            <option value="" selected={chosen.is_none()}>{ t(lang, Msg::TriNoColumn) }</option>
                            { for (0..pv.columns).map(|i| html! {
                                <option key={i} value={i.to_string()} selected={chosen == Some(i)}>{ column_name(lang, pv, i) }</option>
                            }) }
                        </select>
                    </label>
                }) }
            </div>
            if let Some(problem) = &s.problem {
                <p class="ea-notice" role="alert" data-testid="triage-mapping-problem">{ problem }</p>
            }
            <Preview preview={pv.clone()} {lang} />
            <label class="ea-inline">{ t(lang, Msg::TriMemberState) }
                <select data-testid="triage-member-state" onchange={on_ms}>
                    <option value="" selected={s.member_state.is_empty()}>{ t(lang, Msg::TriChooseMemberState) }</option>
                    { for s.member_states.iter().map(|(code, en, de)| html! {
                        <option key={code.clone()} value={code.clone()} selected={*code == s.member_state}>{ if lang == Lang::De { de } else { en } }</option>
                    }) }
                </select>
            </label>
            <button type="button" class="ea-primary" disabled={!can_run} onclick={on_run} data-testid="triage-run">{ t(lang, Msg::TriRun) }</button>
        </div>
    }
}

fn slot<'a>(m: &'a mut ColumnMapping, role: &str) -> &'a mut Option<usize> {
    match role {
        "company" => &mut m.company,
        "country" => &mut m.country,
        "products" => &mut m.products,
        "end_user_type" => &mut m.end_user_type,
        "consignee" => &mut m.consignee,
        _ => &mut m.note,
    }
}

/// A column by its header cell, else by its number.
fn column_name(lang: Lang, pv: &TriagePreviewDto, i: usize) -> String {
    let n = fill(
        t(lang, Msg::TriColumnN),
        &[("n", &i.saturating_add(1).to_string())],
    );
    match pv
        .header
        .as_ref()
        .and_then(|h| h.get(i))
        .filter(|h| !h.trim().is_empty())
    {
        Some(h) => format!("{n}: {h}"),
        None => n,
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    preview: Rc<TriagePreviewDto>,
    lang: Lang,
}

#[component]
fn Preview(p: &PreviewProps) -> Html {
    let pv = &p.preview;
    html! {
        <div class="ea-table-wrap">
            <table class="ea-table ea-stack" data-testid="triage-preview">
                <caption>{ t(p.lang, Msg::TriPreview) }</caption>
                <thead><tr>
                    <th scope="col">{ t(p.lang, Msg::TriColRow) }</th>
                    { for (0..pv.columns).map(|i| html! { <th key={i} scope="col">{ column_name(p.lang, pv, i) }</th> }) }
                </tr></thead>
                <tbody>
                    { for pv.preview.iter().map(|(row, cells)| html! {
                        <tr key={*row}>
                            <td data-label={t(p.lang, Msg::TriColRow)}>{ row }</td>
                            { for (0..pv.columns).map(|i| html! { <td key={i} data-label={column_name(p.lang, pv, i)}>{ cells.get(i).cloned().unwrap_or_default() }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StatusProps {
    step: Step,
    lang: Lang,
    today: String,
}

#[component]
fn RunStatus(p: &StatusProps) -> Html {
    let lang = p.lang;
    let n = |done: &usize, total: &usize| {
        [
            ("done", done.to_string()),
            ("total", total.to_string()),
            ("today", p.today.clone()),
        ]
    };
    let line = |msg: Msg, v: [(&str, String); 3]| {
        let pairs: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
        fill(t(lang, msg), &pairs)
    };
    match &p.step {
        Step::Idle | Step::Mapping => html! {},
        Step::Reading(file) => {
            html! { <p>{ fill(t(lang, Msg::TriReading), &[("file", file)]) }</p> }
        }
        Step::Running { done, total } => html! {
            <p>
                <progress max={total.to_string()} value={done.to_string()}></progress>
                { " " }{ line(Msg::TriProgress, n(done, total)) }
            </p>
        },
        Step::Done {
            done,
            total,
            cancelled,
            lists,
        } => html! {
            <>
                <p data-testid="triage-done">{ line(if *cancelled { Msg::TriCancelled } else { Msg::TriDone }, n(done, total)) }</p>
                if lists.is_empty() {
                    <p class="ea-notice" data-testid="triage-no-lists">{ t(lang, Msg::TriNoLists) }</p>
                } else {
                    <p class="ea-small" data-testid="triage-lists">{ fill(t(lang, Msg::TriListsUsed), &[("lists", &lists_line(lang, lists))]) }</p>
                }
            </>
        },
        Step::Failed(e) => {
            html! { <p class="ea-notice" role="alert" data-testid="triage-failed">{ format!("{}: {e}", t(lang, Msg::TriFailed)) }</p> }
        }
    }
}

/// The lists of the run: label, date, checksum.
fn lists_line(lang: Lang, lists: &[crate::web::ListDto]) -> String {
    lists
        .iter()
        .map(|l| {
            let date = l.generated.as_deref().unwrap_or(t(lang, Msg::TriNotStated));
            format!("{} ({date}, {})", l.label, l.sha256)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Properties, PartialEq)]
struct BadProps {
    bad: Rc<Vec<BadRow>>,
    lang: Lang,
}

/// The rows not triaged, each with its reason (in German by its kind).
#[component]
fn BadRows(p: &BadProps) -> Html {
    if p.bad.is_empty() {
        return html! {};
    }
    let lang = p.lang;
    let keys = unique_keys(p.bad.iter().map(|b| format!("{}:{}", b.row, b.kind)));
    html! {
        <div data-testid="triage-bad">
            <h4 class="ea-h4">{ fill(t(lang, Msg::TriBadRows), &[("n", &p.bad.len().to_string())]) }</h4>
            <ul>
                { for p.bad.iter().zip(keys).map(|(b, key)| html! {
                    <li {key} data-kind={b.kind.clone()}>{ fill(t(lang, Msg::TriBadRow), &[("row", &b.row.to_string()), ("reason", &bad_reason(lang, b))]) }</li>
                }) }
            </ul>
        </div>
    }
}

/// The reason in the page's language: English as the core says it; other
/// languages by its kind (an unknown kind keeps the core's words).
fn bad_reason(lang: Lang, b: &BadRow) -> String {
    let msg = match b.kind.as_str() {
        "no_company" => Msg::TriBadNoCompany,
        "no_country" => Msg::TriBadNoCountry,
        "unknown_country" => Msg::TriBadUnknownCountry,
        "no_product" => Msg::TriBadNoProduct,
        "unknown_product" => Msg::TriBadUnknownProduct,
        "too_many_products" => Msg::TriBadTooManyProducts,
        "unknown_end_user_type" => Msg::TriBadUnknownEndUserType,
        "cell_too_long" => Msg::TriBadCellTooLong,
        _ => return b.reason.clone(),
    };
    if lang == Lang::En {
        b.reason.clone()
    } else {
        t(lang, msg).to_string()
    }
}
