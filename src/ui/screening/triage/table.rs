//! The triage table: counts per class (each a filter), the class and text
//! filters, the export, a table sortable by its headers (aria-sort) in
//! pages of 100, each lead with its class in words and shape, its reasons
//! on demand and an "open assessment" per product.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::reasons::{AssessmentCell, Reasons};
use super::requests::{self, Dispatcher};
use super::state::{Action, TriageState};
use super::view::{TriageColumn, TriageView};
use super::{class_icon, class_name};
use crate::core::text::fill;
use crate::core::triage::engine::counts;
use crate::core::triage::TriageClass;
use crate::ui::screening::shared::use_shared;
use crate::ui::screening::{t, Msg};

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub state: Rc<TriageState>,
    pub d: Dispatcher,
}

#[component]
pub fn TriageTable(p: &TableProps) -> Html {
    let client = use_shared().client;
    let s = &p.state;
    let lang = s.lang;
    let v = &s.view;
    let shown = use_memo(
        (
            s.rows.clone(),
            v.class,
            v.search.clone(),
            v.sort,
            v.descending,
        ),
        |(rows, class, search, sort, descending)| {
            let view = TriageView {
                sort: *sort,
                descending: *descending,
                class: *class,
                search: search.clone(),
                ..TriageView::default()
            };
            view.positions(&rows.0)
        },
    );
    let n = counts(&s.rows.0);
    let (page_rows, page, pages) = v.page_of(&shown);
    let stem = s
        .preview
        .as_ref()
        .map(|p| {
            p.label
                .rsplit_once('.')
                .map_or(p.label.clone(), |(a, _)| a.to_string())
        })
        .unwrap_or_default();
    let export = |xlsx: bool| {
        let (d, client, stem) = (p.d.clone(), client.clone(), stem.clone());
        Callback::from(move |_| {
            requests::run(&d, requests::export(client.clone(), xlsx, stem.clone()))
        })
    };
    let on_class = p.d.to_callback().reform(|e: Event| {
        Action::ClassFilter(TriageClass::from_name(
            &e.target_unchecked_into::<HtmlSelectElement>().value(),
        ))
    });
    let on_search = p.d.to_callback().reform(|e: InputEvent| {
        Action::Search(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    html! {
        <section class="ea-block" aria-labelledby="triage-table-heading" data-testid="triage-results">
            <h3 id="triage-table-heading" class="ea-h3">{ t(lang, Msg::TriCounts) }</h3>
            <ul class="ea-triage-counts" data-testid="triage-counts">
                { for TriageClass::ALL.iter().map(|&c| html! {
                    <li key={c.name()} class={classes!("ea-triage-class", format!("ea-triage-{}", c.name()))} data-class={c.name()}>
                        <span aria-hidden="true">{ class_icon(c) }</span>{ " " }
                        { class_name(lang, c) }{ ": " }<strong data-testid={format!("count-{}", c.name())}>{ n.get(c as usize).copied().unwrap_or(0) }</strong>
                    </li>
                }) }
            </ul>
            <div class="ea-row">
                <label class="ea-inline">{ t(lang, Msg::TriFilterClass) }
                    <select onchange={on_class} data-testid="triage-class-filter">
                        <option value="" selected={v.class.is_none()}>{ t(lang, Msg::TriAllClasses) }</option>
                        { for TriageClass::ALL.iter().map(|&c| html! {
                            <option key={c.name()} value={c.name()} selected={v.class == Some(c)}>{ class_name(lang, c) }</option>
                        }) }
                    </select>
                </label>
                <label class="ea-inline">{ t(lang, Msg::TriSearch) }
                    <input type="search" value={v.search.clone()} oninput={on_search} placeholder={t(lang, Msg::TriSearchHelp)} data-testid="triage-search" />
                </label>
                <span data-testid="triage-shown">{ fill(t(lang, Msg::TriShown), &[("shown", &shown.len().to_string()), ("rows", &s.rows.0.len().to_string())]) }</span>
                <button type="button" onclick={export(false)} data-testid="triage-export-csv">{ t(lang, Msg::TriExportCsv) }</button>
                <button type="button" onclick={export(true)} data-testid="triage-export-xlsx">{ t(lang, Msg::TriExportXlsx) }</button>
            </div>
            <p class="ea-small ea-muted">{ t(lang, Msg::TriExportHelp) }</p>
            <Table state={p.state.clone()} d={p.d.clone()} page={Rc::new(page_rows.to_vec())} />
            if pages > 1 {
                <div class="ea-row" data-testid="triage-pager">
                    <button type="button" disabled={page == 0} onclick={p.d.to_callback().reform(move |_| Action::Page(page.saturating_sub(1)))}>{ t(lang, Msg::TriPrevious) }</button>
                    <span>{ fill(t(lang, Msg::TriPageOf), &[("page", &page.saturating_add(1).to_string()), ("pages", &pages.to_string())]) }</span>
                    <button type="button" disabled={page.saturating_add(1) >= pages} onclick={p.d.to_callback().reform(move |_| Action::Page(page.saturating_add(1)))}>{ t(lang, Msg::TriNext) }</button>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TableBodyProps {
    state: Rc<TriageState>,
    d: Dispatcher,
    /// Positions (in the run) of the rows on this page.
    page: Rc<Vec<usize>>,
}

fn header(c: TriageColumn) -> Msg {
    match c {
        TriageColumn::Row => Msg::TriColRow,
        TriageColumn::Company => Msg::TriColCompany,
        TriageColumn::Country => Msg::TriColCountry,
        TriageColumn::Products => Msg::TriColProducts,
        TriageColumn::Class => Msg::TriColClass,
    }
}

#[component]
fn Table(p: &TableBodyProps) -> Html {
    let s = &p.state;
    let (lang, v) = (s.lang, &s.view);
    let file = s
        .preview
        .as_ref()
        .map(|p| p.label.clone())
        .unwrap_or_default();
    html! {
        <div class="ea-table-wrap">
            <table class="ea-table ea-stack" data-testid="triage-table">
                <thead><tr>
                    { for TriageColumn::ALL.iter().map(|&c| {
                        let sort = if v.sort != c { "none" } else if v.descending { "descending" } else { "ascending" };
                        html! {
                            <th key={t(lang, header(c))} scope="col" aria-sort={sort}>
                                <button type="button" class="ea-sort" onclick={p.d.to_callback().reform(move |_| Action::Sort(c))} data-testid={format!("sort-{}", t(crate::core::text::Lang::En, header(c)).to_lowercase())}>{ t(lang, header(c)) }</button>
                            </th>
                        }
                    }) }
                    <th scope="col">{ t(lang, Msg::TriColReasons) }</th>
                    <th scope="col">{ t(lang, Msg::TriColAssessment) }</th>
                </tr></thead>
                <tbody>
                    { for p.page.iter().filter_map(|&i| s.rows.0.get(i).map(|r| (i, r))).map(|(i, r)| html! {
                        <tr key={i} data-testid="triage-row" data-row={r.lead.row.to_string()} data-class={r.class.name()}>
                            <td data-label={t(lang, Msg::TriColRow)}>{ r.lead.row }</td>
                            <td data-label={t(lang, Msg::TriColCompany)}>{ &r.lead.company }</td>
                            <td data-label={t(lang, Msg::TriColCountry)}>{ &r.lead.country }</td>
                            <td data-label={t(lang, Msg::TriColProducts)}>{ r.lead.products.join(", ") }</td>
                            <td data-label={t(lang, Msg::TriColClass)} class={format!("ea-triage-{}", r.class.name())}><span aria-hidden="true">{ class_icon(r.class) }</span>{ " " }{ class_name(lang, r.class) }</td>
                            <td data-label={t(lang, Msg::TriColReasons)}><Reasons index={i} row={Rc::new(r.clone())} open={v.expanded == Some(i)} {lang} d={p.d.clone()} /></td>
                            <td data-label={t(lang, Msg::TriColAssessment)}><AssessmentCell index={i} row={Rc::new(r.clone())} file={file.clone()} links={s.links.clone()} {lang} d={p.d.clone()} /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
