//! The screening index and scorer. Candidates come from an index of name
//! tokens and their character trigrams (so typos still find their entry),
//! never from a scan of every alias; each candidate alias is then scored by
//! aligning tokens in any order, with an explanation of every step.

use std::collections::HashMap;

use super::lists::{Entry, ListFormat, SanctionsList};
use super::normalize::{fold, normalize, NormName};
use crate::core::text::Lang;

/// Token pairs below this similarity do not count as a match.
const PAIR_MIN: f64 = 0.82;
pub const DEFAULT_THRESHOLD: f64 = 0.85;

#[derive(Clone, Debug)]
pub struct ListInfo {
    pub label: String,
    pub format: ListFormat,
    pub generated: Option<String>,
    pub sha256: String,
    pub entries: usize,
    /// Names indexed (every alias with at least one name token).
    pub aliases: usize,
    /// What the loader did not load as written (see `SanctionsList`).
    pub warnings: Vec<super::lists::ListWarning>,
    /// The number of entries the file declares, where it declares one.
    pub declared: Option<usize>,
}

struct IndexedAlias {
    entry: u32,
    alias: u16,
    norm: NormName,
}

/// All loaded lists, indexed for screening.
pub struct Screener {
    pub lists: Vec<ListInfo>,
    entries: Vec<(u16, Entry)>,
    /// Folded countries per entry.
    countries: Vec<Vec<String>>,
    aliases: Vec<IndexedAlias>,
    dict: HashMap<String, u32>,
    postings: Vec<Vec<u32>>,
    trigrams: HashMap<String, Vec<u32>>,
    /// Tokens by their sorted letters: swapped letters find each other.
    anagrams: HashMap<String, Vec<u32>>,
    /// Folded country names → ISO codes (see `with_country_codes`).
    country_codes: HashMap<String, String>,
}

/// One party to screen. `countries` are ISO codes and/or names (any case).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub name: String,
    pub countries: Vec<String>,
    pub birth_year: Option<u16>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TokenPair {
    pub query: String,
    pub alias: String,
    pub similarity: f64,
}

/// A change to a hit's score and its reason.
#[derive(Clone, Debug, PartialEq)]
pub enum Adjustment {
    WeakAlias,
    CountryMatches,
    CountryDiffers,
    BirthYearMatches,
    BirthYearDiffers,
    /// The names written together agree (with this similarity).
    WrittenTogether(f64),
    OneTokenInCommon,
    SameLegalForm(String),
    DifferentLegalForms(String, String),
}

impl Adjustment {
    pub fn describe(&self, lang: Lang) -> String {
        use Adjustment::*;
        match (lang, self) {
            (Lang::En, WeakAlias) => "weak alias".into(),
            (Lang::De, WeakAlias) => "schwacher Alias".into(),
            (Lang::En, CountryMatches) => "country matches".into(),
            (Lang::De, CountryMatches) => "Land stimmt überein".into(),
            (Lang::En, CountryDiffers) => "country differs".into(),
            (Lang::De, CountryDiffers) => "Land weicht ab".into(),
            (Lang::En, BirthYearMatches) => "year of birth matches".into(),
            (Lang::De, BirthYearMatches) => "Geburtsjahr stimmt überein".into(),
            (Lang::En, BirthYearDiffers) => "year of birth differs".into(),
            (Lang::De, BirthYearDiffers) => "Geburtsjahr weicht ab".into(),
            (Lang::En, WrittenTogether(t)) => format!("names written together agree ({t:.2})"),
            (Lang::De, WrittenTogether(t)) => {
                format!("zusammengeschriebene Namen stimmen überein ({t:.2})")
            }
            (Lang::En, OneTokenInCommon) => "only one name token in common".into(),
            (Lang::De, OneTokenInCommon) => "nur ein Namensteil gemeinsam".into(),
            (Lang::En, SameLegalForm(f)) => format!("same legal form ({f})"),
            (Lang::De, SameLegalForm(f)) => format!("gleiche Rechtsform ({f})"),
            (Lang::En, DifferentLegalForms(a, b)) => format!("different legal forms ({a} / {b})"),
            (Lang::De, DifferentLegalForms(a, b)) => {
                format!("verschiedene Rechtsformen ({a} / {b})")
            }
        }
    }
}

/// Why a hit scored as it did.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub alias: String,
    pub strong: bool,
    pub pairs: Vec<TokenPair>,
    pub unmatched_query: Vec<String>,
    pub unmatched_alias: Vec<String>,
    pub name_score: f64,
    /// Points and reason for legal forms, weak aliases, country, birth year.
    pub adjustments: Vec<(f64, Adjustment)>,
}

impl Explanation {
    /// The explanation in English (the CLI's CSV and the tests).
    pub fn text(&self) -> String {
        self.text_in(Lang::En)
    }

    pub fn text_in(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        let weak = match (self.strong, de) {
            (true, _) => "",
            (false, false) => " (weak alias)",
            (false, true) => " (schwacher Alias)",
        };
        let mut parts = vec![if de {
            format!("Alias „{}“{weak}", self.alias)
        } else {
            format!("alias \"{}\"{weak}", self.alias)
        }];
        let pairs: Vec<String> = self
            .pairs
            .iter()
            .map(|p| {
                if p.query == p.alias {
                    format!("{}={}", p.query, p.alias)
                } else {
                    format!("{}~{} ({:.2})", p.query, p.alias, p.similarity)
                }
            })
            .collect();
        parts.push(format!(
            "{} {}",
            if de { "Namensteile" } else { "tokens" },
            pairs.join(", ")
        ));
        if !self.unmatched_query.is_empty() {
            parts.push(format!(
                "{}: {}",
                if de {
                    "nicht gefundene Teile der Anfrage"
                } else {
                    "query tokens not found"
                },
                self.unmatched_query.join(" ")
            ));
        }
        if !self.unmatched_alias.is_empty() {
            parts.push(format!(
                "{}: {}",
                if de {
                    "Alias-Teile ohne Gegenstück in der Anfrage (gering gewichtet)"
                } else {
                    "alias tokens not in the query (discounted)"
                },
                self.unmatched_alias.join(" ")
            ));
        }
        parts.push(format!(
            "{} {:.2}",
            if de { "Namenswert" } else { "name score" },
            self.name_score
        ));
        for (points, why) in &self.adjustments {
            parts.push(format!("{} {points:+.2}", why.describe(lang)));
        }
        parts.join("; ")
    }
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub list: usize,
    pub entry_id: String,
    /// Changes whenever the list entry changes (see `Entry::fingerprint`).
    pub entry_fingerprint: String,
    pub matched_name: String,
    pub score: f64,
    pub explanation: Explanation,
    /// The entry's programme and listing act, where the list gives them.
    pub programme: Option<String>,
    pub regulation: Option<String>,
}

fn trigrams(token: &str) -> Vec<String> {
    let chars: Vec<char> = std::iter::once('$')
        .chain(token.chars())
        .chain(std::iter::once('$'))
        .collect();
    chars.windows(3).map(|w| w.iter().collect()).collect()
}

fn anagram(token: &str) -> String {
    let mut c: Vec<char> = token.chars().collect();
    c.sort_unstable();
    c.into_iter().collect()
}

fn weight(token: &str) -> f64 {
    token.chars().count().max(2) as f64
}

fn similarity(q: &str, a: &str) -> f64 {
    if q == a {
        return 1.0;
    }
    let (ql, al) = (q.chars().count(), a.chars().count());
    // An initial stands for a name starting with it.
    if (ql == 1 && a.starts_with(q)) || (al == 1 && q.starts_with(a)) {
        return 0.9;
    }
    if ql == 1 || al == 1 {
        return 0.0;
    }
    strsim::jaro_winkler(q, a)
}

/// Official country names some lists use that differ from short names.
const OFFICIAL_NAMES: &[(&str, &str)] = &[
    ("democratic people s republic of korea", "KP"),
    ("republic of korea", "KR"),
    ("iran islamic republic of", "IR"),
    ("syrian arab republic", "SY"),
    ("russian federation", "RU"),
    ("democratic republic of the congo", "CD"),
    ("congo", "CG"),
    ("united republic of tanzania", "TZ"),
    ("venezuela bolivarian republic of", "VE"),
    ("bolivia plurinational state of", "BO"),
    ("viet nam", "VN"),
    ("lao people s democratic republic", "LA"),
    ("republic of moldova", "MD"),
    ("united kingdom of great britain and northern ireland", "GB"),
    ("united states of america", "US"),
    ("state of palestine", "PS"),
    ("turkiye", "TR"),
    ("cote d ivoire", "CI"),
];

/// Folded spellings of a country (name or ISO code) to compare with:
/// the text itself and, where known, its ISO code.
fn country_keys(raw: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let folded = fold(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut keys = vec![folded.clone()];
    let code = OFFICIAL_NAMES
        .iter()
        .find(|(n, _)| *n == folded)
        .map(|(_, c)| c.to_string())
        .or_else(|| resolve(&folded));
    if let Some(code) = code {
        keys.push(code.to_lowercase());
    }
    keys
}

impl Screener {
    pub fn new(lists: Vec<SanctionsList>) -> Screener {
        Screener::with_country_codes(lists, HashMap::new())
    }

    /// Like `new`, with `codes` mapping folded country names to ISO codes,
    /// so names and codes from different lists compare.
    pub fn with_country_codes(
        lists: Vec<SanctionsList>,
        codes: HashMap<String, String>,
    ) -> Screener {
        let mut s = Screener {
            lists: vec![],
            entries: vec![],
            countries: vec![],
            aliases: vec![],
            dict: HashMap::new(),
            postings: vec![],
            trigrams: HashMap::new(),
            anagrams: HashMap::new(),
            country_codes: codes,
        };
        for list in lists {
            s.add(list);
        }
        s
    }

    /// Adds a list to the index (the index only grows; see `remove`).
    pub fn add(&mut self, list: SanctionsList) {
        let li = self.lists.len() as u16;
        self.lists.push(ListInfo {
            label: list.label,
            format: list.format,
            generated: list.generated,
            sha256: list.sha256,
            entries: list.entries.len(),
            aliases: 0,
            warnings: list.warnings,
            declared: list.declared,
        });
        let first_alias = self.aliases.len();
        for entry in list.entries {
            let e = self.entries.len() as u32;
            for (ai, alias) in entry.names.iter().enumerate() {
                let norm = normalize(&alias.name);
                if norm.tokens.is_empty() {
                    continue;
                }
                let id = self.aliases.len() as u32;
                for t in &norm.tokens {
                    let tid = match self.dict.get(t) {
                        Some(&tid) => tid,
                        None => {
                            let tid = self.postings.len() as u32;
                            self.dict.insert(t.clone(), tid);
                            self.postings.push(vec![]);
                            for g in trigrams(t) {
                                self.trigrams.entry(g).or_default().push(tid);
                            }
                            self.anagrams.entry(anagram(t)).or_default().push(tid);
                            tid
                        }
                    };
                    let p = &mut self.postings[tid as usize];
                    if p.last() != Some(&id) {
                        p.push(id);
                    }
                }
                self.aliases.push(IndexedAlias {
                    entry: e,
                    alias: ai as u16,
                    norm,
                });
            }
            let codes = &self.country_codes;
            self.countries.push(
                entry
                    .countries
                    .iter()
                    .flat_map(|c| country_keys(c, &|n| codes.get(n).cloned()))
                    .collect(),
            );
            self.entries.push((li, entry));
        }
        self.lists[li as usize].aliases = self.aliases.len() - first_alias;
    }

    /// Removes the list at `index` and rebuilds the index from the others.
    pub fn remove(&mut self, index: usize) -> Option<ListInfo> {
        if index >= self.lists.len() {
            return None;
        }
        let infos = std::mem::take(&mut self.lists);
        let mut by_list: Vec<Vec<Entry>> = infos.iter().map(|_| Vec::new()).collect();
        for (li, entry) in std::mem::take(&mut self.entries) {
            by_list[li as usize].push(entry);
        }
        let codes = std::mem::take(&mut self.country_codes);
        let mut removed = None;
        let mut keep = Vec::new();
        for (i, (info, entries)) in infos.into_iter().zip(by_list).enumerate() {
            if i == index {
                removed = Some(info);
            } else {
                keep.push(SanctionsList {
                    label: info.label,
                    format: info.format,
                    generated: info.generated,
                    sha256: info.sha256,
                    entries,
                    warnings: info.warnings,
                    declared: info.declared,
                });
            }
        }
        *self = Screener::with_country_codes(keep, codes);
        removed
    }

    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Dictionary tokens close enough to `t` to be worth scoring.
    /// `counts` is scratch space, one byte per dictionary token, all zero.
    fn similar_tokens(&self, t: &str, out: &mut Vec<u32>, counts: &mut [u8]) {
        if let Some(&id) = self.dict.get(t) {
            out.push(id);
        }
        if t.chars().count() >= 4 {
            if let Some(ids) = self.anagrams.get(&anagram(t)) {
                out.extend_from_slice(ids);
            }
        }
        let grams = trigrams(t);
        let need = (grams.len() as f64 * 0.45).ceil().max(2.0) as u8;
        let mut touched: Vec<u32> = Vec::new();
        for g in &grams {
            if let Some(ids) = self.trigrams.get(g) {
                for &id in ids {
                    let c = &mut counts[id as usize];
                    if *c == 0 {
                        touched.push(id);
                    }
                    *c = c.saturating_add(1);
                }
            }
        }
        for id in touched {
            if counts[id as usize] >= need {
                out.push(id);
            }
            counts[id as usize] = 0;
        }
    }

    /// Hits at or above `threshold`, best first, one per list entry.
    pub fn screen(&self, query: &Query, threshold: f64) -> Vec<Hit> {
        let q = normalize(&query.name);
        if q.tokens.is_empty() {
            return vec![];
        }
        // Count, per alias, how many query tokens it shares (exactly or
        // nearly); only aliases sharing enough of them are scored, so a
        // common token such as "al" does not make every alias a candidate.
        // Flat scratch arrays rather than hash maps: this is the hot path.
        let mut token_counts = vec![0u8; self.postings.len()];
        let mut shared = vec![0u8; self.aliases.len()];
        // The weight (letters) of the query tokens each alias shares.
        let mut shared_weight = vec![0u16; self.aliases.len()];
        // The query token (1-based) that last counted each alias, so an
        // alias counts once per query token.
        let mut stamp = vec![0u8; self.aliases.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut similar = Vec::new();
        // Tokens the query repeats ("bin", "mohammad"): their similar
        // dictionary tokens, weight and count, to correct the bound below.
        let mut repeats: Vec<(Vec<u32>, f64, usize)> = Vec::new();
        for (qi, t) in q.tokens.iter().enumerate().take(250) {
            let mark = qi as u8 + 1;
            let w = weight(t) as u16;
            similar.clear();
            self.similar_tokens(t, &mut similar, &mut token_counts);
            let count = q.tokens.iter().take(250).filter(|x| *x == t).count();
            if count > 1 && !q.tokens[..qi].contains(t) {
                let mut ids = similar.clone();
                ids.sort_unstable();
                ids.dedup();
                repeats.push((ids, weight(t), count));
            }
            for &tok in &similar {
                for &a in &self.postings[tok as usize] {
                    let i = a as usize;
                    if stamp[i] != mark {
                        stamp[i] = mark;
                        if shared[i] == 0 {
                            touched.push(a);
                        }
                        shared[i] = shared[i].saturating_add(1);
                        shared_weight[i] = shared_weight[i].saturating_add(w);
                    }
                }
            }
        }
        // An alias can only reach the threshold if it shares enough of the
        // query: the name score is at most 0.85 × the shared share + 0.15,
        // and adjustments add at most 0.09 (0.30 leaves room for near
        // misses). This keeps long names of common tokens ("abd", "al",
        // "muhammad") from making thousands of aliases candidates.
        let total_weight: f64 = q.tokens.iter().take(250).map(|t| weight(t)).sum();
        let min_weight = ((threshold - 0.30) / 0.85).clamp(0.0, 1.0) * total_weight;
        // A repeated query token counted for an alias that holds it fewer
        // times than the query: only that many can pair up.
        let shared_bound = |a: u32| -> f64 {
            let mut w = shared_weight[a as usize] as f64;
            for (ids, tw, m) in &repeats {
                let k = self.aliases[a as usize]
                    .norm
                    .tokens
                    .iter()
                    .filter(|t| {
                        self.dict
                            .get(*t)
                            .is_some_and(|id| ids.binary_search(id).is_ok())
                    })
                    .count();
                if k > 0 && k < *m {
                    w -= tw * (m - k) as f64;
                }
            }
            w
        };
        let mut candidates: Vec<u32> = touched
            .into_iter()
            .filter(|&a| {
                shared[a as usize] as usize
                    >= q.tokens
                        .len()
                        .min(self.aliases[a as usize].norm.tokens.len())
                        .min(2)
                    && shared_weight[a as usize] as f64 >= min_weight
            })
            .filter(|&a| repeats.is_empty() || shared_bound(a) >= min_weight)
            .collect();
        candidates.sort_unstable();
        let query_countries: Vec<String> = query
            .countries
            .iter()
            .map(|c| fold(c).split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
            .collect();

        let mut best: HashMap<u32, Hit> = HashMap::new();
        for a in candidates {
            let alias = &self.aliases[a as usize];
            let (list, entry) = &self.entries[alias.entry as usize];
            let name = &entry.names[alias.alias as usize];
            let al = align(&q, &alias.norm);
            let mut score = al.name_score + al.adjustment();
            let mut notes: Vec<(f64, Adjustment)> = Vec::new();
            // Weak aliases (the list's own "low quality" or "weak") need
            // support from the country or the year of birth to reach a hit.
            if !name.strong {
                notes.push((-0.20, Adjustment::WeakAlias));
            }
            let entry_countries = &self.countries[alias.entry as usize];
            if !query_countries.is_empty() && !entry_countries.is_empty() {
                if entry_countries.iter().any(|c| query_countries.contains(c)) {
                    notes.push((0.03, Adjustment::CountryMatches));
                } else {
                    notes.push((-0.05, Adjustment::CountryDiffers));
                }
            }
            if let (Some(y), false) = (query.birth_year, entry.birth_years.is_empty()) {
                if entry.birth_years.contains(&y) {
                    notes.push((0.04, Adjustment::BirthYearMatches));
                } else {
                    notes.push((-0.10, Adjustment::BirthYearDiffers));
                }
            }
            score += notes.iter().map(|n| n.0).sum::<f64>();
            let score = score.clamp(0.0, 1.0);
            if score < threshold {
                continue;
            }
            let mut ex = explain(&al, &q, &alias.norm, &name.name, name.strong);
            ex.adjustments.extend(notes);
            let hit = Hit {
                list: *list as usize,
                entry_id: entry.id.clone(),
                entry_fingerprint: entry.fingerprint(),
                matched_name: name.name.clone(),
                score,
                explanation: ex,
                programme: entry.programme.clone(),
                regulation: entry.regulation.clone(),
            };
            match best.get(&alias.entry) {
                Some(h) if h.score >= hit.score => {}
                _ => {
                    best.insert(alias.entry, hit);
                }
            }
        }
        let mut hits: Vec<Hit> = best.into_values().collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.entry_id.cmp(&b.entry_id))
        });
        hits
    }
}

/// The numbers of an alignment, without any text: computed for every
/// candidate; the explanation is written only for hits.
struct Alignment {
    pairs: Vec<(f64, usize, usize)>,
    used_q: Vec<bool>,
    used_a: Vec<bool>,
    name_score: f64,
    together: Option<f64>,
    one_token: bool,
    same_form: Option<bool>,
}

impl Alignment {
    fn adjustment(&self) -> f64 {
        let mut a = 0.0;
        if self.one_token {
            a -= 0.15;
        }
        match self.same_form {
            Some(true) => a += 0.02,
            Some(false) => a -= 0.05,
            None => {}
        }
        a
    }
}

/// Aligns the tokens of two names in any order and scores the alignment:
/// 0.85 × the share of the query that matched + 0.15 × the share of the
/// alias that matched (extra alias tokens, such as middle names, cost
/// little), or the names written together when spacing differs; legal
/// forms are compared as forms.
fn align(q: &NormName, a: &NormName) -> Alignment {
    let mut sims: Vec<(f64, usize, usize)> = Vec::with_capacity(q.tokens.len() * a.tokens.len());
    for (i, qt) in q.tokens.iter().enumerate() {
        for (j, at) in a.tokens.iter().enumerate() {
            let s = similarity(qt, at);
            if s >= PAIR_MIN {
                sims.push((s, i, j));
            }
        }
    }
    sims.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_q, mut used_a) = (vec![false; q.tokens.len()], vec![false; a.tokens.len()]);
    let mut pairs = Vec::new();
    let (mut got_q, mut got_a) = (0.0, 0.0);
    for (s, i, j) in sims {
        if used_q[i] || used_a[j] {
            continue;
        }
        used_q[i] = true;
        used_a[j] = true;
        got_q += s * weight(&q.tokens[i]);
        got_a += s * weight(&a.tokens[j]);
        pairs.push((s, i, j));
    }
    let total_q: f64 = q.tokens.iter().map(|t| weight(t)).sum();
    let total_a: f64 = a.tokens.iter().map(|t| weight(t)).sum();
    let mut name_score = 0.85 * got_q / total_q + 0.15 * got_a / total_a;
    // Spacing and hyphens differ between transcriptions ("Ho-Jin", "Hojin",
    // "Al Qaida", "Alqaida"): compare the names written together as well.
    let mut together = None;
    if q.tokens.len() + a.tokens.len() > 2 && name_score < 0.97 {
        let joined_a = a.tokens.concat();
        let mut t = strsim::jaro_winkler(&q.tokens.concat(), &joined_a);
        if q.tokens.len() > 1 {
            let reversed: String = q.tokens.iter().rev().map(String::as_str).collect();
            t = t.max(strsim::jaro_winkler(&reversed, &joined_a));
        }
        if t >= 0.93 && t * 0.97 > name_score {
            name_score = t * 0.97;
            together = Some(t);
        }
    }
    // A one-token match between multi-token names is weak evidence.
    let one_token =
        pairs.len() == 1 && q.tokens.len() > 1 && a.tokens.len() > 1 && name_score < 0.9;
    let same_form = (!q.forms.is_empty() && !a.forms.is_empty())
        .then(|| q.forms.iter().any(|f| a.forms.contains(f)));
    Alignment {
        pairs,
        used_q,
        used_a,
        name_score: name_score.clamp(0.0, 1.0),
        together,
        one_token,
        same_form,
    }
}

fn explain(al: &Alignment, q: &NormName, a: &NormName, alias: &str, strong: bool) -> Explanation {
    let mut adjustments = Vec::new();
    if let Some(t) = al.together {
        adjustments.push((0.0, Adjustment::WrittenTogether(t)));
    }
    if al.one_token {
        adjustments.push((-0.15, Adjustment::OneTokenInCommon));
    }
    match al.same_form {
        Some(true) => adjustments.push((0.02, Adjustment::SameLegalForm(q.forms.join(" ")))),
        Some(false) => adjustments.push((
            -0.05,
            Adjustment::DifferentLegalForms(q.forms.join(" "), a.forms.join(" ")),
        )),
        None => {}
    }
    Explanation {
        alias: alias.to_string(),
        strong,
        pairs: al
            .pairs
            .iter()
            .map(|&(s, i, j)| TokenPair {
                query: q.tokens[i].clone(),
                alias: a.tokens[j].clone(),
                similarity: s,
            })
            .collect(),
        unmatched_query: q
            .tokens
            .iter()
            .zip(&al.used_q)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| t.clone())
            .collect(),
        unmatched_alias: a
            .tokens
            .iter()
            .zip(&al.used_a)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| t.clone())
            .collect(),
        name_score: al.name_score,
        adjustments,
    }
}

/// Scores and explains one name against one alias (see `align`).
pub fn score_names(q: &NormName, a: &NormName, alias: &str, strong: bool) -> Explanation {
    explain(&align(q, a), q, a, alias, strong)
}
