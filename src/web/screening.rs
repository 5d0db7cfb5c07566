//! The screening build's boundary: `ScreeningEngine`, which the Web Worker
//! (`www/screening-worker.js`) runs, and `mount_screening`, which shows the
//! screening page. The page talks to the worker through the host's
//! `ScreeningClient` (`www/screening-client.js`). DTOs for JS live here.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::core::bundle;
use crate::core::destinations::Destinations;
use crate::core::screening::batch::{country_codes, country_names};
use crate::core::screening::freshness::{flag_stale, DEFAULT_MAX_LIST_AGE_DAYS};
use crate::core::screening::index::{ListInfo, Query, Screener, DEFAULT_THRESHOLD};
use crate::core::screening::leads::{read_leads, Lead};
use crate::core::screening::lists::{self, ListFormat};
use crate::core::screening::parties::{self, list_key};
use crate::core::screening::record::Request;
use crate::core::screening::register::{default_expiry, Register, RegisterEntry};
use crate::core::text::Lang;

// The triage methods of `ScreeningEngine` (a second `#[wasm_bindgen] impl`).
#[path = "triage.rs"]
mod triage;
pub use triage::*;
// The product catalogue's methods of `ScreeningEngine` (a second
// `#[wasm_bindgen] impl`) and the products page's mount.
#[path = "catalogue.rs"]
mod catalogue;
pub use catalogue::*;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    serde_wasm_bindgen::to_value(v).unwrap_or(JsValue::NULL)
}

/// A loaded list as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListDto {
    pub key: String,
    pub label: String,
    pub format: String,
    pub generated: Option<String>,
    pub sha256: String,
    pub entries: usize,
    pub aliases: usize,
    /// What the loader did not load as written; the page shows each.
    #[serde(default)]
    pub warnings: Vec<lists::ListWarning>,
    /// Entries the file declares, where it declares a count.
    #[serde(default)]
    pub declared: Option<usize>,
}

impl ListDto {
    fn of(l: &ListInfo) -> ListDto {
        ListDto {
            key: list_key(l.format, &l.label),
            label: l.label.clone(),
            format: l.format.name().to_string(),
            generated: l.generated.clone(),
            sha256: l.sha256.clone(),
            entries: l.entries,
            aliases: l.aliases,
            warnings: l.warnings.clone(),
            declared: l.declared,
        }
    }
}

/// What adding a list did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddedDto {
    pub list: ListDto,
    /// The earlier version of the same list, now replaced.
    pub replaced: Option<ListDto>,
}

/// One hit of a quick check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckHitDto {
    pub list: String,
    pub entry_id: String,
    pub matched_name: String,
    pub score: f64,
    pub explanation: String,
}

/// A quick check's query, as the worker reads it (`{name, country,
/// birthYear, lang}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckQueryDto {
    pub name: String,
    /// An ISO code, or "" for any country.
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<u16>,
    pub lang: String,
}

/// What adding list files did: the lists loaded and the files refused.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AddReplyDto {
    pub added: Vec<AddedDto>,
    pub errors: Vec<FileErrorDto>,
}

/// A list file that could not be loaded, and why.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FileErrorDto {
    pub file: String,
    pub message: String,
}

/// A screened lead file: the hits, how far it got, how it was read and
/// the lists it was screened against.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BatchReplyDto {
    pub rows: Vec<crate::core::screening::batch::HitRow>,
    pub done: usize,
    pub total: usize,
    pub cancelled: bool,
    pub leads: LeadsDto,
    pub lists: Vec<ListDto>,
}

/// What a running batch reports.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ProgressDto {
    Start { leads: LeadsDto },
    Progress { done: usize, total: usize },
}

/// How a lead file was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadsDto {
    pub label: String,
    pub count: usize,
    pub delimiter: String,
    pub encoding: String,
    pub header: bool,
}

/// The engine the Web Worker runs: the loaded lists and their index, the
/// threshold, and the leads of the batch in progress.
#[wasm_bindgen]
pub struct ScreeningEngine {
    screener: Screener,
    destinations: Destinations,
    threshold: f64,
    leads: Vec<Lead>,
    /// The hits of the leads screened so far, marked by the register.
    marked: Vec<crate::core::screening::batch::MarkedHit>,
    /// How many leads (from the first) have been screened.
    screened: usize,
    /// The company register of "not a match" decisions.
    register: Register,
    /// Lists older than this many days are flagged.
    max_list_age: u32,
    /// Lead triage: the rule set, the lead file, the run (`triage.rs`).
    triage: TriageState,
    /// The product catalogue, with the rule set and triage profile it is
    /// read under (`catalogue.rs`; derefs to the `Catalogue`).
    catalogue: CatalogueState,
}

/// A decision to add to the register; without `expires_on`, one year
/// after `decided_on`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterAddDto {
    pub name: String,
    pub list_key: String,
    pub entry_id: String,
    pub entry_fingerprint: String,
    pub reason: String,
    pub decided_by: String,
    pub decided_on: String,
    #[serde(default)]
    pub expires_on: Option<String>,
}

/// What importing a register file would do: entries it adds, entries it
/// changes (the register's, the file's) and how many it has already.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterPreviewDto {
    pub new: Vec<RegisterEntry>,
    pub changed: Vec<(RegisterEntry, RegisterEntry)>,
    pub unchanged: usize,
}

#[wasm_bindgen]
impl ScreeningEngine {
    /// The e2e tests' hook in the worker (tests/e2e/panic.test.mjs), as
    /// `__panicForTest` is on the page: panics, so that the worker's crash
    /// and restart can be tested. Harmless: it can only crash its caller.
    #[wasm_bindgen(js_name = __panicForTest)]
    pub fn panic_for_test() {
        super::panic_for_test();
    }

    /// `data` is the bytes of `pkg/assessor-data.bin` (for country names).
    #[wasm_bindgen(constructor)]
    pub fn new(data: &[u8]) -> Result<ScreeningEngine, JsError> {
        let contents = bundle::decode(data).map_err(js_err)?;
        let codes = country_codes(&contents.destinations);
        Ok(ScreeningEngine {
            screener: Screener::with_country_codes(vec![], codes),
            destinations: contents.destinations,
            threshold: DEFAULT_THRESHOLD,
            leads: vec![],
            marked: vec![],
            screened: 0,
            register: Register::new(),
            max_list_age: DEFAULT_MAX_LIST_AGE_DAYS,
            triage: TriageState::new(contents.rules.clone()),
            catalogue: CatalogueState::new(contents.rules),
        })
    }

    /// Lists older than `days` are flagged in the assessment's screening.
    #[wasm_bindgen(js_name = setMaxListAge)]
    pub fn set_max_list_age(&mut self, days: u32) {
        self.max_list_age = days;
    }

    #[wasm_bindgen(js_name = maxListAge)]
    pub fn max_list_age(&self) -> u32 {
        self.max_list_age
    }

    /// Replaces the register with a register file's (as stored or
    /// imported); the error names the entry and field.
    #[wasm_bindgen(js_name = setRegister)]
    pub fn set_register(&mut self, text: &str) -> Result<(), JsError> {
        self.register = Register::parse(text.as_bytes()).map_err(js_err)?;
        Ok(())
    }

    /// The register's entries.
    pub fn register(&self) -> JsValue {
        to_js(&self.register.entries)
    }

    /// The register as its file (canonical JSON), to store or export.
    #[wasm_bindgen(js_name = registerJson)]
    pub fn register_json(&self) -> String {
        self.register.to_json()
    }

    /// `sha256:<hex>` of the register's file; "" when it is empty.
    #[wasm_bindgen(js_name = registerSha256)]
    pub fn register_sha256(&self) -> String {
        if self.register.entries.is_empty() {
            String::new()
        } else {
            self.register.sha256()
        }
    }

    /// Adds a "not a match" decision (a `RegisterAddDto`), replacing one
    /// about the same name and entry.
    #[wasm_bindgen(js_name = registerAdd)]
    pub fn register_add(&mut self, entry: JsValue) -> Result<(), JsError> {
        let e: RegisterAddDto = serde_wasm_bindgen::from_value(entry)
            .map_err(|e| JsError::new(&format!("register entry: {e}")))?;
        let expires_on = match e.expires_on.filter(|x| !x.trim().is_empty()) {
            Some(x) => x,
            None => default_expiry(&e.decided_on).unwrap_or_default(),
        };
        self.register
            .add(RegisterEntry {
                name: e.name.trim().to_string(),
                list_key: e.list_key,
                entry_id: e.entry_id,
                entry_fingerprint: e.entry_fingerprint,
                reason: e.reason.trim().to_string(),
                decided_by: e.decided_by.trim().to_string(),
                decided_on: e.decided_on,
                expires_on,
            })
            .map_err(js_err)
    }

    #[wasm_bindgen(js_name = registerRemove)]
    pub fn register_remove(&mut self, name: &str, list_key: &str, entry_id: &str) -> bool {
        self.register.remove(name, list_key, entry_id)
    }

    /// What importing a register file would add and change (nothing is
    /// applied); the error names the place in the file.
    #[wasm_bindgen(js_name = registerPreview)]
    pub fn register_preview(&self, text: &str) -> Result<JsValue, JsError> {
        let other = Register::parse(text.as_bytes()).map_err(js_err)?;
        let m = self.register.preview(&other);
        Ok(to_js(&RegisterPreviewDto {
            new: m.new,
            changed: m.changed,
            unchanged: m.unchanged,
        }))
    }

    /// Imports a register file: new entries are added; changed ones
    /// replace the register's only when `replace_changed`.
    #[wasm_bindgen(js_name = registerImport)]
    pub fn register_import(&mut self, text: &str, replace_changed: bool) -> Result<(), JsError> {
        let other = Register::parse(text.as_bytes()).map_err(js_err)?;
        self.register.import(&other, replace_changed);
        Ok(())
    }

    /// Loads a list file (`format` "" detects it from the content; OFAC's
    /// sdn.csv takes its alt.csv in `alt`). A newer file of a list already
    /// loaded replaces it. The error names the file, the place and the
    /// reason.
    #[wasm_bindgen(js_name = addList)]
    pub fn add_list(
        &mut self,
        label: &str,
        bytes: &[u8],
        alt: Option<Vec<u8>>,
        format: &str,
    ) -> Result<JsValue, JsError> {
        let format = if format.is_empty() {
            lists::detect(bytes).ok_or_else(|| JsError::new(&format!("{label}: the list format cannot be recognised; choose it (EU, UN, OFAC or CSV) and load the file again")))?
        } else {
            ListFormat::from_name(format).ok_or_else(|| {
                JsError::new(&format!(
                    "unknown list format \"{format}\"; use eu-fsf, un, ofac or csv"
                ))
            })?
        };
        let list = lists::load(format, label, bytes, alt.as_deref()).map_err(js_err)?;
        if list.entries.is_empty() {
            return Err(JsError::new(&format!(
                "{label}: the file holds no entries; check that it is the complete list"
            )));
        }
        let key = list_key(format, label);
        let replaced = self
            .screener
            .lists
            .iter()
            .position(|l| list_key(l.format, &l.label) == key)
            .and_then(|i| self.screener.remove(i))
            .map(|l| ListDto::of(&l));
        self.screener.add(list);
        let added = self.screener.lists.last().map(ListDto::of);
        Ok(to_js(&added.map(|list| AddedDto { list, replaced })))
    }

    #[wasm_bindgen(js_name = removeList)]
    pub fn remove_list(&mut self, key: &str) -> bool {
        match self
            .screener
            .lists
            .iter()
            .position(|l| list_key(l.format, &l.label) == key)
        {
            Some(i) => self.screener.remove(i).is_some(),
            None => false,
        }
    }

    pub fn lists(&self) -> JsValue {
        to_js(
            &self
                .screener
                .lists
                .iter()
                .map(ListDto::of)
                .collect::<Vec<_>>(),
        )
    }

    #[wasm_bindgen(js_name = setThreshold)]
    pub fn set_threshold(&mut self, value: f64) -> Result<(), JsError> {
        if !(0.5..=1.0).contains(&value) {
            return Err(JsError::new(&format!(
                "threshold {value}: use a value from 0.50 to 1.00"
            )));
        }
        self.threshold = value;
        Ok(())
    }

    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Screens an assessment's parties: the request object the
    /// questionnaire sent in, the response object for it out (typed on
    /// both sides; a malformed request is an error naming what is wrong).
    /// The register (when it has entries) marks the hits it decided, as of
    /// `today` (`YYYY-MM-DD`).
    pub fn screen(&self, request: JsValue, today: &str) -> Result<JsValue, JsError> {
        let dest = &self.destinations;
        let request: Request = serde_wasm_bindgen::from_value(request)
            .map_err(|e| JsError::new(&format!("screening request: {e}")))?;
        let mut response = parties::answer(&self.screener, &request, self.threshold, &|c| {
            country_names(dest, c)
        })
        .map_err(js_err)?;
        if !self.register.entries.is_empty() {
            self.register.apply(&mut response, today, request.lang);
        }
        flag_stale(&mut response.lists, today, self.max_list_age, request.lang);
        response
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(js_err)
    }

    /// One name, with an optional country and year of birth.
    pub fn check(&self, name: &str, country: &str, birth_year: Option<u16>, lang: &str) -> JsValue {
        let lang = Lang::from_code(lang).unwrap_or_default();
        let mut countries = Vec::new();
        if !country.trim().is_empty() {
            countries.push(country.trim().to_string());
            if let Some(c) = self.destinations.country(&country.trim().to_uppercase()) {
                countries.push(c.name.en.clone());
                countries.push(c.name.de.clone());
            }
        }
        let hits: Vec<CheckHitDto> = self
            .screener
            .screen(
                &Query {
                    name: name.to_string(),
                    countries,
                    birth_year,
                },
                self.threshold,
            )
            .iter()
            .map(|h| CheckHitDto {
                list: self.screener.label_of(h.list),
                entry_id: h.entry_id.clone(),
                matched_name: h.matched_name.clone(),
                score: h.score,
                explanation: h.explanation.text_in(lang),
            })
            .collect();
        to_js(&hits)
    }

    /// Reads a lead file for `screen_leads`; says how it was read.
    #[wasm_bindgen(js_name = loadLeads)]
    pub fn load_leads(&mut self, label: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        let file = read_leads(label, bytes).map_err(js_err)?;
        let dto = LeadsDto {
            label: label.to_string(),
            count: file.leads.len(),
            delimiter: file.delimiter.to_string(),
            encoding: file.encoding.to_string(),
            header: file.header,
        };
        self.leads = file.leads;
        self.marked.clear();
        self.screened = 0;
        Ok(to_js(&dto))
    }

    /// Screens leads `start..start+count` of the loaded file: every lead
    /// as table rows (`batch::lead_rows`: a clean lead's one row, or its
    /// hits with their status as the company register marks them as of
    /// `today`); every hit is kept, marked, for `leadsCsv`.
    #[wasm_bindgen(js_name = screenLeads)]
    pub fn screen_leads(&mut self, start: usize, count: usize, lang: &str, today: &str) -> JsValue {
        let lang = Lang::from_code(lang).unwrap_or_default();
        let end = start.saturating_add(count).min(self.leads.len());
        let leads = self.leads.get(start..end).unwrap_or(&[]);
        let marked = crate::core::screening::batch::screen_leads_marked(
            &self.screener,
            leads,
            &self.destinations,
            self.threshold,
            lang,
            (!self.register.entries.is_empty()).then_some((&self.register, today)),
        );
        let rows = crate::core::screening::batch::lead_rows(leads, &marked);
        self.screened = self.screened.max(end);
        for mut m in marked {
            m.lead = m.lead.saturating_add(start);
            self.marked.push(m);
        }
        to_js(&rows)
    }

    /// Every lead screened so far (a cancelled batch: those before the
    /// cancel) with its status (clean, hit, review_again,
    /// suppressed_by_register) and its hits, as CSV.
    #[wasm_bindgen(js_name = leadsCsv)]
    pub fn leads_csv(&self) -> String {
        crate::core::screening::batch::leads_csv(
            self.leads.get(..self.screened).unwrap_or(&[]),
            &self.marked,
        )
    }
}

// The host's client for the worker (`www/screening-client.js`).
#[wasm_bindgen]
extern "C" {
    pub type ScreeningClient;
    /// Loads list files (a FileList or an array of File); resolves to
    /// an `AddReplyDto` (`{added: [AddedDto], errors: [{file, message}]}`).
    #[wasm_bindgen(method, js_name = addFiles)]
    pub fn add_files(this: &ScreeningClient, files: &JsValue, format: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = removeList)]
    pub fn remove_list(this: &ScreeningClient, key: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = setThreshold)]
    pub fn set_threshold(this: &ScreeningClient, value: f64) -> js_sys::Promise;
    /// A `CheckQueryDto` (`{name, country, birthYear, lang}`) →
    /// `[CheckHitDto]`.
    #[wasm_bindgen(method)]
    pub fn check(this: &ScreeningClient, query: &JsValue) -> js_sys::Promise;
    /// Screens a lead file; `on_progress(message)` is told `{type:
    /// "start", leads}` then `{type: "progress", done, total}` (a
    /// `ProgressDto`); resolves to a `BatchReplyDto`
    /// (`{rows, done, total, cancelled, leads, lists}`).
    #[wasm_bindgen(method)]
    pub fn batch(
        this: &ScreeningClient,
        file: &JsValue,
        lang: &str,
        on_progress: &js_sys::Function,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = cancelBatch)]
    pub fn cancel_batch(this: &ScreeningClient);
    /// `on_response(response)` is told the open assessment's latest
    /// screening response (a `Response`); returns the function that ends this.
    #[wasm_bindgen(method, js_name = subscribeAssessment)]
    pub fn subscribe_assessment(this: &ScreeningClient, on_response: &js_sys::Function) -> JsValue;
    /// The register's entries (`[RegisterEntry]`).
    #[wasm_bindgen(method)]
    pub fn register(this: &ScreeningClient) -> js_sys::Promise;
    /// Adds a `RegisterAddDto`.
    #[wasm_bindgen(method, js_name = registerAdd)]
    pub fn register_add(this: &ScreeningClient, entry: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = registerRemove)]
    pub fn register_remove(
        this: &ScreeningClient,
        name: &str,
        list_key: &str,
        entry_id: &str,
    ) -> js_sys::Promise;
    /// A register file's text → `RegisterPreviewDto`.
    #[wasm_bindgen(method, js_name = registerPreview)]
    pub fn register_preview(this: &ScreeningClient, text: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = registerImport)]
    pub fn register_import(
        this: &ScreeningClient,
        text: &str,
        replace_changed: bool,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = setMaxListAge)]
    pub fn set_max_list_age(this: &ScreeningClient, days: u32) -> js_sys::Promise;
    /// The last lead batch's `BatchReplyDto`, kept until cleared (null
    /// when there is none).
    #[wasm_bindgen(method, js_name = lastBatch)]
    pub fn last_batch(this: &ScreeningClient) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = clearBatch)]
    pub fn clear_batch(this: &ScreeningClient) -> js_sys::Promise;
    /// Every lead of the last lead file with its status, as CSV.
    #[wasm_bindgen(method, js_name = leadsCsv)]
    pub fn leads_csv(this: &ScreeningClient) -> js_sys::Promise;
    /// The register file's text (canonical JSON).
    #[wasm_bindgen(method, js_name = registerExport)]
    pub fn register_export(this: &ScreeningClient) -> js_sys::Promise;
    /// `on_state(state)` is told the engine's state now and after every
    /// change; returns the function that ends this.
    #[wasm_bindgen(method)]
    pub fn subscribe(this: &ScreeningClient, on_state: &js_sys::Function) -> JsValue;
}

/// The engine's state as the client reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct StateDto {
    /// "starting", "ready" or "failed".
    pub status: String,
    pub error: Option<String>,
    pub lists: Vec<ListDto>,
    pub threshold: f64,
    /// "ok", "unavailable" (lists last for this session only) or "failed".
    pub storage: String,
    #[serde(rename = "storageMessage")]
    pub storage_message: Option<String>,
    /// Stored lists that could not be read back.
    #[serde(rename = "restoreErrors")]
    pub restore_errors: Vec<String>,
    /// The company register: its entries, and `sha256:<hex>` of its file
    /// ("" when empty).
    #[serde(default)]
    pub register: usize,
    #[serde(default, rename = "registerSha256")]
    pub register_sha256: String,
    /// Lists older than this many days are flagged.
    #[serde(default = "default_max_age", rename = "maxListAgeDays")]
    pub max_list_age_days: u32,
}

fn default_max_age() -> u32 {
    DEFAULT_MAX_LIST_AGE_DAYS
}

/// A mounted screening page.
#[wasm_bindgen]
pub struct ScreeningPageHandle {
    inner: Option<yew::AppHandle<crate::ui::screening::ScreeningPage>>,
    lang: crate::ui::screening::LangCell,
}

#[wasm_bindgen]
impl ScreeningPageHandle {
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

/// The options of `mountScreening`.
#[derive(Default, Deserialize)]
struct ScreeningOptions {
    /// "en" or "de"; absent: English.
    lang: Option<String>,
}

/// Mounts the screening page inside `element`. `options` may hold `lang`
/// ("en" or "de"); `data` is the bytes of `pkg/assessor-data.bin`;
/// `client` talks to the screening worker. Bad input is a JS error naming
/// the problem.
#[wasm_bindgen(js_name = mountScreening)]
pub fn mount_screening(
    element: web_sys::Element,
    options: JsValue,
    data: &[u8],
    client: ScreeningClient,
) -> Result<ScreeningPageHandle, JsError> {
    let options: ScreeningOptions = if options.is_undefined() || options.is_null() {
        ScreeningOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            let e = e.to_string();
            JsError::new(&format!(
                "export-assessor screening options: {}; expected an object such as {{ lang: \"de\" }}",
                e.trim_start_matches("Error: ")
            ))
        })?
    };
    let lang = match options.lang {
        None => Lang::default(),
        Some(code) => Lang::from_code(&code).ok_or_else(|| {
            JsError::new(&format!(
                "export-assessor screening options: lang \"{code}\" is not supported; use \"en\" or \"de\""
            ))
        })?,
    };
    let contents =
        bundle::decode(data).map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    crate::ui::screening::install_messages(contents.screening_messages)
        .map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    let (handle, cell) = crate::ui::screening::mount(element, lang, contents.destinations, client);
    Ok(ScreeningPageHandle {
        inner: Some(handle),
        lang: cell,
    })
}
