//! The one `#[wasm_bindgen]` boundary. JS calls
//! `mount(element, options, data)`; nothing mounts itself. DTOs for JS live
//! here, not in the core.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::core::bundle;
use crate::ui::{App, AppProps, Lang, Shared};

/// A mounted app. Call `destroy()` before removing its element.
#[wasm_bindgen]
pub struct AssessorHandle {
    inner: Option<yew::AppHandle<App>>,
    /// The outcome name of the assessment on screen, if any.
    outcome: Rc<RefCell<Option<String>>>,
}

#[wasm_bindgen]
impl AssessorHandle {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.inner.take() {
            handle.destroy();
        }
    }

    /// The outcome of the assessment on screen ("escalate", …), or null.
    pub fn outcome(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&*self.outcome.borrow()).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// Mounts the assessor inside `element`. `options` may hold `lang` ("en" or
/// "de"; absent: the browser's language). `data` is the bytes of
/// `pkg/assessor-data.bin`. Bad input is a JS error naming the problem,
/// never a panic.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue, data: &[u8]) -> Result<AssessorHandle, JsError> {
    let lang = if options.is_undefined() || options.is_null() {
        None
    } else if !options.is_object() {
        return Err(JsError::new("export-assessor mount options: expected an object such as { lang: \"de\" }"));
    } else {
        // Plain reflection keeps this tiny; the options have one field.
        match js_sys::Reflect::get(&options, &"lang".into()).ok().filter(|v| !v.is_undefined()) {
            None => None,
            Some(v) => {
                let code = v.as_string().unwrap_or_default();
                Some(Lang::from_code(&code).ok_or_else(|| {
                    JsError::new(&format!("export-assessor mount options: lang \"{code}\" is not supported; use \"en\" or \"de\""))
                })?)
            }
        }
    };
    let (rules, dest, messages) = bundle::decode(data).map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    crate::ui::install_messages(&messages).map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    let outcome = Rc::new(RefCell::new(None));
    let on_outcome = {
        let outcome = outcome.clone();
        yew::Callback::from(move |o: Option<String>| *outcome.borrow_mut() = o)
    };
    let props = AppProps {
        shared: Shared { rules: Rc::new(rules), dest: Rc::new(dest) },
        lang: lang.unwrap_or_else(browser_lang),
        on_outcome: Some(on_outcome),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(AssessorHandle { inner: Some(handle), outcome })
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::En)
}

/// Benchmark only (feature `screening-bench`, not in the app): loads a list,
/// then screens each line of `queries` five times; returns
/// `load_ms index_ms mean_query_ms` (a mean over batches: browsers coarsen
/// `performance.now()` too much to time one query).
#[cfg(feature = "screening-bench")]
#[wasm_bindgen]
pub fn screening_bench(list: &[u8], format: &str, queries: &str) -> Result<String, JsError> {
    use crate::core::screening::{index, lists};
    let now = || js_sys::Date::now();
    let format = lists::ListFormat::from_name(format).ok_or_else(|| JsError::new("unknown list format"))?;
    let t = now();
    let list = lists::load(format, "bench", list, None).map_err(|e| JsError::new(&e.to_string()))?;
    let load_ms = now() - t;
    let t = now();
    let screener = index::Screener::new(vec![list]);
    let index_ms = now() - t;
    let perf = web_sys::window().and_then(|w| w.performance());
    let clock = || perf.as_ref().map(|p| p.now()).unwrap_or_else(js_sys::Date::now);
    let queries: Vec<index::Query> = queries.lines().filter(|l| !l.is_empty()).map(|q| index::Query { name: q.to_string(), ..Default::default() }).collect();
    let t = clock();
    let mut hits = 0;
    for _ in 0..5 {
        for q in &queries {
            hits += screener.screen(q, index::DEFAULT_THRESHOLD).len();
        }
    }
    let mean = (clock() - t) / (5 * queries.len().max(1)) as f64;
    Ok(format!("{load_ms:.1} {index_ms:.1} {mean:.4} {hits}"))
}
