//! Lead triage at the boundary: the `ScreeningEngine`'s triage methods the
//! worker calls (a lead file read into a sheet, its columns mapped, the
//! leads triaged in slices, the export, a lead opened as a draft, the
//! outcome of the drafts opened from leads), and the DTOs the triage page
//! reads. The engine decides; this file only carries.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::ScreeningEngine;
use crate::core::evaluate::evaluate;
use crate::core::outcome::Outcome;
use crate::core::ruleset::RuleSet;
use crate::core::screening::parties::stamps;
use crate::core::screening::record::ListStamp;
use crate::core::session::{Archive, SavedWork};
use crate::core::text::Lang;
use crate::core::triage::engine::{triage_lead, TriageContext, TriageRow};
use crate::core::triage::export::{self, ExportHead};
use crate::core::triage::mapping::{self, BadRow, ColumnMapping, TriageLead};
use crate::core::triage::prefill;
use crate::core::triage::profile::{TriageProfile, DEFAULT_JSON};
use crate::core::triage::sheet::{read_sheet_in, Sheet, SheetFormat};

/// How many data rows the mapping step previews.
const PREVIEW_ROWS: usize = 5;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// The triage in progress: the rule set (from the bundle), the lead file
/// read, the leads of the run and the rows triaged so far.
pub struct TriageState {
    rules: RuleSet,
    profile: Option<TriageProfile>,
    /// The lead file's label and its cells.
    sheet: Option<(String, Sheet)>,
    leads: Vec<TriageLead>,
    /// The rows the mapping could not use (exported after the leads).
    bad: Vec<BadRow>,
    rows: Vec<TriageRow>,
    /// The lists the run screened against (date, checksum), for the export.
    lists: Vec<ListStamp>,
    member_state: String,
    today: String,
    lang: Lang,
}

impl TriageState {
    pub fn new(rules: RuleSet) -> TriageState {
        TriageState {
            rules,
            profile: None,
            sheet: None,
            leads: vec![],
            bad: vec![],
            rows: vec![],
            lists: vec![],
            member_state: String::new(),
            today: String::new(),
            lang: Lang::default(),
        }
    }
}

/// A lead file as read, for the mapping step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriagePreviewDto {
    pub label: String,
    /// "csv" or "xlsx".
    pub format: String,
    pub read_as: String,
    pub header: Option<Vec<String>>,
    /// Columns of the widest row (header included).
    pub columns: usize,
    /// Data rows in the file.
    pub rows: usize,
    /// Blank rows between the data, skipped (said, never dropped silently).
    pub blank_rows: usize,
    /// The first rows: (row number in the file, cells).
    pub preview: Vec<(usize, Vec<String>)>,
    /// The mapping guessed from the header.
    pub guess: ColumnMapping,
    /// Why the guess is not yet usable (None: it is).
    pub problem: Option<String>,
}

/// The leads a mapping gives, and the rows it could not use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageStartDto {
    pub leads: usize,
    pub bad: Vec<BadRow>,
}

/// A lead opened as an assessment: the key that links them and the
/// draft in the saved-work format (what the questionnaire imports).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageDraftDto {
    pub key: String,
    pub id: String,
    pub work: String,
}

/// A drafted assessment's outcome in words (None: not complete yet).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftOutcomeDto {
    pub id: String,
    pub outcome: Option<Outcome>,
}

#[wasm_bindgen]
impl ScreeningEngine {
    /// Reads a lead file (CSV or .xlsx) for triage; says how it was read,
    /// previews its first rows and guesses the columns.
    #[wasm_bindgen(js_name = triageRead)]
    pub fn triage_read(&mut self, label: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let sheet = read_sheet_in(label, bytes, &self.destinations).map_err(js_err)?;
        let guess = mapping::guess(&sheet);
        let problem = mapping::check(&sheet, &guess).err();
        let columns = sheet
            .header
            .iter()
            .chain(sheet.rows.iter().map(|(_, r)| r))
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let dto = TriagePreviewDto {
            label: label.to_string(),
            format: match sheet.format {
                SheetFormat::Csv => "csv",
                SheetFormat::Xlsx => "xlsx",
            }
            .to_string(),
            read_as: sheet.read_as.clone(),
            header: sheet.header.clone(),
            columns,
            blank_rows: sheet.blank_rows,
            rows: sheet.rows.len(),
            preview: sheet.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
            guess,
            problem,
        };
        let t = &mut self.triage;
        t.sheet = Some((label.to_string(), sheet));
        t.leads.clear();
        t.bad.clear();
        t.rows.clear();
        Ok(to_js(&dto))
    }

    /// What is missing for `mapping` (a `ColumnMapping`) to be usable;
    /// null when it is.
    #[wasm_bindgen(js_name = triageCheck)]
    pub fn triage_check(&self, mapping: JsValue) -> Result<Option<String>, JsError> {
        let m: ColumnMapping = serde_wasm_bindgen::from_value(mapping)
            .map_err(|e| JsError::new(&format!("column mapping: {e}")))?;
        let (_, sheet) = self.triage.sheet.as_ref().ok_or_else(no_file)?;
        Ok(mapping::check(sheet, &m).err())
    }

    /// Applies `mapping` to the file read last: the leads to triage (kept)
    /// and the bad rows. `member_state` is the exporter's (ISO code),
    /// `today` YYYY-MM-DD, `lang` the language of the reasons.
    #[wasm_bindgen(js_name = triageStart)]
    pub fn triage_start(
        &mut self,
        mapping: JsValue,
        member_state: &str,
        today: &str,
        lang: &str,
    ) -> Result<JsValue, JsError> {
        let m: ColumnMapping = serde_wasm_bindgen::from_value(mapping)
            .map_err(|e| JsError::new(&format!("column mapping: {e}")))?;
        let ms = member_state.trim().to_uppercase();
        if !self.destinations.country(&ms).is_some_and(|c| c.eu_member) {
            return Err(JsError::new(&format!(
                "\"{member_state}\" is not an EU Member State: choose the Member State the goods are exported from"
            )));
        }
        if self.triage.profile.is_none() {
            let p = TriageProfile::parse(DEFAULT_JSON, &self.triage.rules).map_err(js_err)?;
            self.triage.profile = Some(p);
        }
        let (_, sheet) = self.triage.sheet.as_ref().ok_or_else(no_file)?;
        mapping::check(sheet, &m).map_err(|e| JsError::new(&e))?;
        let end_user_types = self.end_user_types();
        let (leads, bad) = mapping::apply(
            sheet,
            &m,
            &self.catalogue,
            &self.destinations,
            &end_user_types,
        );
        let dto = TriageStartDto {
            leads: leads.len(),
            bad: bad.clone(),
        };
        let lists = stamps(&self.screener);
        let t = &mut self.triage;
        t.lists = lists;
        t.leads = leads;
        t.bad = bad;
        t.rows.clear();
        t.member_state = ms;
        t.today = today.to_string();
        t.lang = Lang::from_code(lang).unwrap_or_default();
        Ok(to_js(&dto))
    }

    /// Triages leads `start..start+count` of the run and returns their rows
    /// (kept for the export).
    #[wasm_bindgen(js_name = triageRun)]
    pub fn triage_run(&mut self, start: usize, count: usize) -> JsValue {
        let end = start.saturating_add(count).min(self.triage.leads.len());
        let rows: Vec<TriageRow> = match self.context() {
            Some(cx) => self
                .triage
                .leads
                .get(start..end)
                .unwrap_or(&[])
                .iter()
                .map(|l| triage_lead(&cx, l))
                .collect(),
            None => vec![],
        };
        let js = to_js(&rows);
        self.triage.rows.truncate(start);
        self.triage.rows.extend(rows);
        js
    }

    /// The rows triaged so far as CSV (what `export-assessor triage` writes).
    #[wasm_bindgen(js_name = triageCsv)]
    pub fn triage_csv(&self) -> String {
        export::to_csv(&self.triage.rows, &self.triage.bad, &self.export_head())
    }

    /// The rows triaged so far as an .xlsx workbook.
    #[wasm_bindgen(js_name = triageXlsx)]
    pub fn triage_xlsx(&self) -> Result<Vec<u8>, JsError> {
        export::to_xlsx(&self.triage.rows, &self.triage.bad, &self.export_head())
            .map_err(|e| JsError::new(&e))
    }

    /// The lead in row `index` of the run (its position among the triaged
    /// rows) opened for `product` as a new draft with id `id`, made `now`.
    #[wasm_bindgen(js_name = triageDraft)]
    pub fn triage_draft(
        &self,
        index: usize,
        product: &str,
        id: &str,
        now: &str,
    ) -> Result<JsValue, JsError> {
        let row = self.triage.rows.get(index).ok_or_else(|| {
            JsError::new("this lead is no longer in the triage: run the triage again")
        })?;
        let cx = self
            .context()
            .ok_or_else(|| JsError::new("the triage profile is not loaded: run the triage"))?;
        let draft = prefill::draft_for(
            &cx,
            &row.lead,
            product,
            row.screening_answer.as_deref(),
            id,
            now,
        );
        let label = self
            .triage
            .sheet
            .as_ref()
            .map(|(l, _)| l.as_str())
            .unwrap_or_default();
        let archive = Archive {
            drafts: vec![draft],
        };
        let work = SavedWork::new(self.triage.lang, Some(id.to_string()), &archive).to_json();
        Ok(to_js(&TriageDraftDto {
            key: format!("{}|{product}", prefill::lead_key(label, &row.lead)),
            id: id.to_string(),
            work,
        }))
    }

    /// The outcome of each draft in `ids` found in `work` (the
    /// questionnaire's saved work): null while it is incomplete.
    #[wasm_bindgen(js_name = triageOutcomes)]
    pub fn triage_outcomes(&self, work: &str, ids: Vec<String>) -> Result<JsValue, JsError> {
        let (_, _, archive) = SavedWork::parse(work).map_err(js_err)?.into_parts();
        let out: Vec<DraftOutcomeDto> = ids
            .into_iter()
            .filter_map(|id| {
                let d = archive.drafts.iter().find(|d| d.id == id)?;
                let a = evaluate(&self.triage.rules, &self.destinations, &d.answers);
                let outcome = (a.outcome != Outcome::Incomplete).then_some(a.outcome);
                Some(DraftOutcomeDto { id, outcome })
            })
            .collect();
        Ok(to_js(&out))
    }

    /// The EU Member States (code, English name, German name), for the
    /// exporter's Member State.
    #[wasm_bindgen(js_name = memberStates)]
    pub fn member_states(&self) -> JsValue {
        let v: Vec<(String, String, String)> = self
            .destinations
            .eu_members()
            .map(|c| (c.code.clone(), c.name.en.clone(), c.name.de.clone()))
            .collect();
        to_js(&v)
    }
}

fn no_file() -> JsError {
    JsError::new("no lead file is loaded: choose a lead file first")
}

impl ScreeningEngine {
    /// The end-user-type question's options with their accepted spellings.
    fn end_user_types(&self) -> Vec<(String, Vec<String>)> {
        match &self.triage.profile {
            Some(p) => mapping::end_user_types(&self.triage.rules, &p.lead_questions.end_user_type),
            None => vec![],
        }
    }

    fn context(&self) -> Option<TriageContext<'_>> {
        let t = &self.triage;
        Some(TriageContext {
            rules: &t.rules,
            destinations: &self.destinations,
            profile: t.profile.as_ref()?,
            catalogue: &self.catalogue,
            screener: (!self.screener.lists.is_empty()).then_some(&self.screener),
            register: (!self.register.entries.is_empty()).then_some(&self.register),
            threshold: self.threshold,
            member_state: t.member_state.clone(),
            today: t.today.clone(),
            lang: t.lang,
        })
    }

    fn export_head(&self) -> ExportHead<'_> {
        ExportHead {
            rule_set: &self.triage.rules.id,
            rule_set_version: &self.triage.rules.version,
            lists: &self.triage.lists,
            today: &self.triage.today,
        }
    }
}

// The host client's triage requests (`www/screening-client.js`).
#[wasm_bindgen]
extern "C" {
    /// `{memberState, memberStates: [[code, en, de]], links}`.
    #[wasm_bindgen(method, js_name = triageSettings)]
    pub fn triage_settings(this: &super::ScreeningClient) -> js_sys::Promise;
    /// A lead file (a File) → `TriagePreviewDto`.
    #[wasm_bindgen(method, js_name = triageRead)]
    pub fn triage_read(this: &super::ScreeningClient, file: &JsValue) -> js_sys::Promise;
    /// A `ColumnMapping` → what is missing (string) or null.
    #[wasm_bindgen(method, js_name = triageCheck)]
    pub fn triage_check(this: &super::ScreeningClient, mapping: &JsValue) -> js_sys::Promise;
    /// Runs the triage; `on_progress` is told `{type: "start", leads, bad,
    /// today}` then `{type: "progress", done, total, rows}`; resolves to
    /// `{done, total, cancelled, today, lists}`.
    #[wasm_bindgen(method)]
    pub fn triage(
        this: &super::ScreeningClient,
        mapping: &JsValue,
        member_state: &str,
        lang: &str,
        on_progress: &js_sys::Function,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = cancelTriage)]
    pub fn cancel_triage(this: &super::ScreeningClient);
    /// The triage as CSV text.
    #[wasm_bindgen(method, js_name = triageCsv)]
    pub fn triage_csv(this: &super::ScreeningClient) -> js_sys::Promise;
    /// The triage as .xlsx bytes (a Uint8Array).
    #[wasm_bindgen(method, js_name = triageXlsx)]
    pub fn triage_xlsx(this: &super::ScreeningClient) -> js_sys::Promise;
    /// Row `index` opened for `product` → `{key, id, work, existing}`.
    #[wasm_bindgen(method, js_name = triageDraft)]
    pub fn triage_draft(
        this: &super::ScreeningClient,
        index: usize,
        product: &str,
    ) -> js_sys::Promise;
    /// The questionnaire's saved work → `{leadKey: {id, outcome, exists}}`.
    #[wasm_bindgen(method, js_name = triageOutcomes)]
    pub fn triage_outcomes(this: &super::ScreeningClient, work: &str) -> js_sys::Promise;
    /// Opens a `{key, id, work, existing}` in the questionnaire.
    #[wasm_bindgen(method, js_name = openAssessment)]
    pub fn open_assessment(this: &super::ScreeningClient, draft: &JsValue) -> js_sys::Promise;
    /// `on_work(work)` is told the questionnaire's saved work now and on
    /// every change; returns the function that ends this.
    #[wasm_bindgen(method, js_name = subscribeWork)]
    pub fn subscribe_work(this: &super::ScreeningClient, on_work: &js_sys::Function) -> JsValue;
}

/// What a running triage reports.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TriageProgressDto {
    Start {
        leads: usize,
        bad: Vec<BadRow>,
        today: String,
    },
    Progress {
        done: usize,
        total: usize,
        rows: Vec<TriageRow>,
    },
}

/// How a triage run ended.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TriageReplyDto {
    pub done: usize,
    pub total: usize,
    pub cancelled: bool,
    pub today: String,
    pub lists: Vec<super::ListDto>,
}

/// The triage settings the worker keeps.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriageSettingsDto {
    pub member_state: String,
    pub member_states: Vec<(String, String, String)>,
}

/// A mounted triage page.
#[wasm_bindgen]
pub struct TriagePageHandle {
    inner: Option<yew::AppHandle<crate::ui::screening::triage::TriagePage>>,
    lang: crate::ui::screening::LangCell,
}

#[wasm_bindgen]
impl TriagePageHandle {
    pub fn destroy(&mut self) {
        if let Some(h) = self.inner.take() {
            h.destroy();
        }
    }

    /// Follows the questionnaire's language ("en" or "de").
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, code: &str) {
        if let Some(l) = Lang::from_code(code) {
            self.lang.set(l);
        }
    }
}

/// Mounts the triage page (`#/triage`) inside `element`, beside the
/// screening page (never inside it): `lang` "en" or "de", `data` the bytes
/// of `pkg/assessor-data.bin`, `client` the worker's client.
#[wasm_bindgen(js_name = mountTriage)]
pub fn mount_triage(
    element: web_sys::Element,
    lang: &str,
    data: &[u8],
    client: super::ScreeningClient,
) -> Result<TriagePageHandle, JsError> {
    let lang = Lang::from_code(lang).unwrap_or_default();
    let contents = crate::core::bundle::decode(data)
        .map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    crate::ui::screening::install_messages(contents.screening_messages)
        .map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    let (handle, cell) =
        crate::ui::screening::triage::mount(element, lang, contents.destinations, client);
    Ok(TriagePageHandle {
        inner: Some(handle),
        lang: cell,
    })
}
