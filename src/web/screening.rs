//! The screening build's boundary: `ScreeningEngine`, which the Web Worker
//! (`www/screening-worker.js`) runs, and `mount_screening`, which shows the
//! screening page. The page talks to the worker through the host's
//! `ScreeningClient` (`www/screening-client.js`). DTOs for JS live here.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::core::bundle;
use crate::core::destinations::Destinations;
use crate::core::screening::batch::{country_codes, country_names};
use crate::core::screening::index::{ListInfo, Query, Screener, DEFAULT_THRESHOLD};
use crate::core::screening::leads::{read_leads, Lead};
use crate::core::screening::lists::{self, ListFormat};
use crate::core::screening::parties::{self, list_key};
use crate::core::text::Lang;

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
}

#[wasm_bindgen]
impl ScreeningEngine {
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
        })
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

    /// Screens an assessment's parties: a request from the questionnaire
    /// in, the response for it out (both JSON).
    pub fn screen(&self, request: &str) -> Result<String, JsError> {
        let dest = &self.destinations;
        let response = parties::answer(&self.screener, request, self.threshold, &|c| {
            country_names(dest, c)
        })
        .map_err(js_err)?;
        Ok(response.to_json().canonical(None))
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
                list: self.screener.lists[h.list].label.clone(),
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
        Ok(to_js(&dto))
    }

    /// Screens leads `start..start+count` of the loaded file: one row per hit.
    #[wasm_bindgen(js_name = screenLeads)]
    pub fn screen_leads(&self, start: usize, count: usize, lang: &str) -> JsValue {
        let lang = Lang::from_code(lang).unwrap_or_default();
        let end = start.saturating_add(count).min(self.leads.len());
        let leads = self.leads.get(start..end).unwrap_or(&[]);
        to_js(&crate::core::screening::batch::screen_leads(
            &self.screener,
            leads,
            &self.destinations,
            self.threshold,
            lang,
        ))
    }
}

// The host's client for the worker (`www/screening-client.js`).
#[wasm_bindgen]
extern "C" {
    pub type ScreeningClient;
    /// Loads list files (a FileList or an array of File); resolves to
    /// `{added: [AddedDto], errors: [{file, message}]}`.
    #[wasm_bindgen(method, js_name = addFiles)]
    pub fn add_files(this: &ScreeningClient, files: &JsValue, format: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = removeList)]
    pub fn remove_list(this: &ScreeningClient, key: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = setThreshold)]
    pub fn set_threshold(this: &ScreeningClient, value: f64) -> js_sys::Promise;
    /// `{name, country, birthYear, lang}` → `[CheckHitDto]`.
    #[wasm_bindgen(method)]
    pub fn check(this: &ScreeningClient, query: &JsValue) -> js_sys::Promise;
    /// Screens a lead file; `on_progress(message)` is told `{type:
    /// "start", leads}` then `{type: "progress", done, total}`; resolves to
    /// `{rows, done, total, cancelled, leads}`.
    #[wasm_bindgen(method)]
    pub fn batch(
        this: &ScreeningClient,
        file: &JsValue,
        lang: &str,
        on_progress: &js_sys::Function,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = cancelBatch)]
    pub fn cancel_batch(this: &ScreeningClient);
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

/// Mounts the screening page inside `element`. `options` may hold `lang`;
/// `data` is the bytes of `pkg/assessor-data.bin`; `client` talks to the
/// screening worker.
#[wasm_bindgen(js_name = mountScreening)]
pub fn mount_screening(
    element: web_sys::Element,
    options: JsValue,
    data: &[u8],
    client: ScreeningClient,
) -> Result<ScreeningPageHandle, JsError> {
    let lang = js_sys::Reflect::get(&options, &"lang".into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let contents =
        bundle::decode(data).map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    crate::ui::screening::install_messages(contents.screening_texts);
    let (handle, cell) = crate::ui::screening::mount(element, lang, contents.destinations, client);
    Ok(ScreeningPageHandle {
        inner: Some(handle),
        lang: cell,
    })
}
