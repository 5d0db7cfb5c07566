//! The screening index and scorer. Candidates come from an index of name
//! tokens (exact, anagram, consonant skeleton and character trigrams), never
//! from a scan of every alias; each candidate alias is then scored by
//! aligning tokens in any order, with an explanation of every step.
//!
//! The pre-filter is exact, not a heuristic: two tokens pair up only when
//! the index relates them (see `pair_similarity`), and an alias is skipped
//! only when an upper bound of its score is below `MIN_THRESHOLD`. So the
//! hits at a threshold t ≥ `MIN_THRESHOLD` are exactly the hits of scoring
//! every alias (`screen_exhaustive`), and never depend on which threshold
//! the candidates were gathered for.

use std::cell::RefCell;
use std::collections::HashMap;

use super::lists::{Entry, ListFormat, SanctionsList};
use super::normalize::{fold, normalize, NormName};
use crate::core::text::Lang;

/// Token pairs below this similarity do not count as a match.
const PAIR_MIN: f64 = 0.82;
/// What two tokens with the same consonant skeleton ("omar", "umer") count
/// as when Jaro-Winkler scores them lower.
const SKELETON_SIM: f64 = 0.84;
/// Short tokens (4 to 6 letters) within two edits of each other count
/// for this much at most, and only inside an alias whose other tokens
/// already pair with at least `NEAR_GATE` of the query's weight.
const NEAR_MAX: f64 = 0.8;
const NEAR_GATE: f64 = 0.5;
pub const DEFAULT_THRESHOLD: f64 = 0.85;
/// Every alias that can score this much or more is scored, whatever the
/// threshold: the lowest threshold the CLI and the page accept.
pub const MIN_THRESHOLD: f64 = 0.5;
/// A name score with a query token of at least this many letters left
/// unmatched is capped at `UNMATCHED_CAP`, below any full match.
const REAL_TOKEN_CHARS: usize = 3;
const UNMATCHED_CAP: f64 = 0.9;
/// An initial and a name starting with it ("A." and "Amara"): a hint,
/// less than a matching name.
const INITIAL_SIM: f64 = 0.8;
/// A name whose every pair involves an initial scores at most this.
const INITIALS_CAP: f64 = 0.6;
/// Only an exact normalised match scores 1.00.
const INEXACT_CAP: f64 = 0.99;

#[derive(Clone, Debug)]
pub struct ListInfo {
    pub label: String,
    pub format: ListFormat,
    pub generated: Option<String>,
    pub sha256: String,
    pub entries: usize,
    /// Names indexed (every alias with at least one name token).
    pub aliases: usize,
    /// Names longer than the limits of `normalize` (compared by their beginning).
    pub truncated_names: usize,
    /// What the loader did not load as written (see `SanctionsList`).
    pub warnings: Vec<super::lists::ListWarning>,
    /// The number of entries the file declares, where it declares one.
    pub declared: Option<usize>,
}

struct IndexedAlias {
    entry: u32,
    /// The alias's position in its entry's names (u32: an entry may have
    /// more than 65,535 aliases).
    alias: u32,
    /// Dictionary ids of the name tokens, in order.
    tokens: Vec<u32>,
    forms: Vec<&'static str>,
    /// False for an alias the list calls weak (kept here: the bound reads
    /// it for every touched alias).
    strong: bool,
    /// Letters of the name written together (for the bound on `together`).
    letters: u16,
    /// Letter counts of the name written together (see `LetterCounts`).
    counts: LetterCounts,
}

/// All loaded lists, indexed for screening.
pub struct Screener {
    pub lists: Vec<ListInfo>,
    entries: Vec<(u16, Entry)>,
    /// Each entry's fingerprint, computed once.
    fingerprints: Vec<String>,
    /// Folded countries per entry (names and ISO codes).
    countries: Vec<Vec<String>>,
    aliases: Vec<IndexedAlias>,
    dict: HashMap<Box<str>, u32>,
    /// Dictionary tokens by id.
    tokens: Vec<Box<str>>,
    postings: Vec<Vec<u32>>,
    /// Trigram (three chars packed in a u64, no string per trigram) → tokens.
    trigrams: HashMap<u64, Vec<u32>>,
    /// Tokens by a hash of their sorted letters: swapped letters find each other.
    anagrams: HashMap<u64, Vec<u32>>,
    /// Tokens by a hash of their consonant skeleton.
    skeletons: HashMap<u64, Vec<u32>>,
    /// Tokens by their first letter, for a query's initials.
    initials: HashMap<char, Vec<u32>>,
    /// Folded country names → ISO codes (see `with_country_codes`).
    country_codes: HashMap<String, String>,
    /// Per-alias and per-token counters reused across queries (reset after
    /// each, entry by entry), so a query does not clear arrays as long as
    /// the index.
    scratch: RefCell<Scratch>,
}

#[derive(Default)]
struct Scratch {
    token_counts: Vec<u16>,
    shared_weight: Vec<f64>,
    shared: Vec<u16>,
    stamp: Vec<u16>,
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
    /// A query token of real weight matched nothing: the name score is
    /// capped below a full match.
    UnmatchedToken,
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
            (Lang::En, UnmatchedToken) => {
                format!("a query token matched nothing: name score at most {UNMATCHED_CAP:.2}")
            }
            (Lang::De, UnmatchedToken) => format!(
                "ein Namensteil der Anfrage hat keine Entsprechung: Namenswert höchstens {UNMATCHED_CAP:.2}"
            ),
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

/// Counts of a name's characters in 32 buckets (ASCII letters and digits
/// by themselves, other characters hashed): the letters two names can have
/// in common is at most the sum of the smaller counts. Bytes, so the sum
/// is cheap; a name with a bucket past 255 is marked and bounded by its
/// length instead.
#[derive(Clone, Copy)]
struct LetterCounts {
    counts: [u8; 32],
    saturated: bool,
}

impl LetterCounts {
    fn of<'a>(tokens: impl Iterator<Item = &'a str>) -> (u16, LetterCounts) {
        let mut counts = [0u8; 32];
        let mut saturated = false;
        let mut n: u16 = 0;
        for c in tokens.flat_map(str::chars) {
            let code = u32::from(c);
            let b = match c {
                'a'..='z' => code.saturating_sub(u32::from('a')),
                '0'..='9' => (code.saturating_sub(u32::from('0')) % 3).saturating_add(26),
                _ => (code % 3).saturating_add(29),
            };
            // `b` is below 32 by construction.
            if let Some(n) = counts.get_mut(b as usize) {
                saturated |= *n == u8::MAX;
                *n = n.saturating_add(1);
            }
            n = n.saturating_add(1);
        }
        (n, LetterCounts { counts, saturated })
    }
    /// At most the letters two names have in common (`None`: a count was
    /// saturated, so only the lengths bound it).
    fn common(&self, other: &LetterCounts) -> Option<u32> {
        if self.saturated || other.saturated {
            return None;
        }
        let mut sum = 0u32;
        for (a, b) in self.counts.iter().zip(other.counts.iter()) {
            sum = sum.saturating_add(u32::from(*a.min(b)));
        }
        Some(sum)
    }
}

/// Calls `f` with each character trigram of `token` ("$" pads both ends),
/// packed into a u64: no allocation per trigram.
fn each_trigram(token: &str, mut f: impl FnMut(u64)) {
    let mut p0 = '$' as u64;
    let mut p1: Option<u64> = None;
    for c in token.chars().chain(std::iter::once('$')) {
        let c = c as u64;
        if let Some(b) = p1 {
            f(p0 << 42 | b << 21 | c);
            p0 = b;
        }
        p1 = Some(c);
    }
}

fn trigram_list(token: &str) -> Vec<u64> {
    let mut v = Vec::new();
    each_trigram(token, |g| v.push(g));
    v
}

fn hash_of(parts: impl Iterator<Item = char>) -> u64 {
    // FNV-1a: stable across builds (native and wasm give the same index).
    let mut h: u64 = 0xcbf29ce484222325;
    for c in parts {
        h ^= c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn anagram_key(token: &str) -> u64 {
    let mut c: Vec<char> = token.chars().collect();
    c.sort_unstable();
    hash_of(c.into_iter())
}

/// The consonant skeleton of an ASCII token: vowels dropped (an initial
/// vowel kept as one mark), similar consonants merged, doubles collapsed —
/// "mohammed" and "muhamad" are "mhmd", "omar" and "umer" "*mr". None for
/// other scripts and for skeletons too short to tell names apart.
fn skeleton(token: &str) -> Option<Vec<char>> {
    if token.len() < 3 || !token.is_ascii() {
        return None;
    }
    let out: Vec<char> = skeleton_chars(token).collect();
    (out.len() >= 3).then_some(out)
}

/// The letters of `skeleton`, one at a time (no allocation).
fn skeleton_chars(token: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    token.chars().enumerate().filter_map(move |(i, c)| {
        let m = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' if i == 0 => '*',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' => return None,
            'c' | 'q' => 'k',
            'z' => 's',
            'w' => 'v',
            'j' => 'g',
            c => c,
        };
        if last == Some(m) {
            return None;
        }
        last = Some(m);
        Some(m)
    })
}

/// Whether `token`'s skeleton is `skeleton` (compared as it is built).
fn same_skeleton(skeleton: &[char], token: &str) -> bool {
    token.len() >= 3 && token.is_ascii() && skeleton_chars(token).eq(skeleton.iter().copied())
}

fn skeleton_key(token: &str) -> Option<u64> {
    skeleton(token).map(|s| hash_of(s.into_iter()))
}

/// Jaro-Winkler similarity (prefix weight 0.1, at most four letters, the
/// boost only above a Jaro of 0.7), bit-parallel.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    rapidfuzz::distance::jaro_winkler::similarity(a.chars(), b.chars())
}

fn weight(token: &str) -> f64 {
    token.chars().count().max(2) as f64
}

/// What the index keys a query token by, computed once per token.
struct TokenKeys {
    chars: usize,
    skeleton: Option<Vec<char>>,
    anagram: u64,
    grams: Vec<u64>,
    /// Trigrams another token must share with this one for the index to
    /// relate them.
    need: usize,
}

impl TokenKeys {
    fn of(token: &str) -> TokenKeys {
        let chars = token.chars().count();
        TokenKeys {
            chars,
            skeleton: skeleton(token),
            anagram: if chars >= 4 { anagram_key(token) } else { 0 },
            grams: trigram_list(token),
            need: ((chars as f64 * 0.45).ceil() as usize).max(2),
        }
    }

    /// How many of this token's trigrams (with repeats) `other` has; the
    /// index counts the same way.
    fn shared_trigrams(&self, other: &str) -> usize {
        let og = trigram_list(other);
        self.grams
            .iter()
            .map(|g| og.iter().filter(|x| *x == g).count())
            .sum()
    }
}

/// Two tokens' similarity as the scorer counts it: 1 for equal tokens, 0.8
/// for an initial and a name starting with it, Jaro-Winkler (at least
/// `PAIR_MIN`) for tokens the index relates (same letters, same skeleton,
/// or enough trigrams in common), `SKELETON_SIM` for the same skeleton with
/// a lower Jaro-Winkler; 0 for anything else. The index finds every pair
/// this function scores above 0, which is what makes its pre-filter exact.
fn pair_similarity(q: &str, a: &str) -> f64 {
    pair_with(q, &TokenKeys::of(q), a, None)
}

/// `pair_similarity` with the query token's keys computed once;
/// `by_trigrams` when the index has already counted the shared trigrams.
fn pair_with(q: &str, qk: &TokenKeys, a: &str, by_trigrams: Option<bool>) -> f64 {
    if q == a {
        return 1.0;
    }
    let (ql, al) = (qk.chars, a.chars().count());
    if (ql == 1 && a.starts_with(q)) || (al == 1 && q.starts_with(a)) {
        return INITIAL_SIM;
    }
    if ql == 1 || al == 1 {
        return 0.0;
    }
    let same_skeleton = || qk.skeleton.as_deref().is_some_and(|k| same_skeleton(k, a));
    let related = by_trigrams.unwrap_or_else(|| qk.shared_trigrams(a) >= qk.need)
        || (ql >= 4 && anagram_key(a) == qk.anagram)
        || same_skeleton();
    if !related {
        return 0.0;
    }
    let jw = jaro_winkler(q, a);
    if jw >= PAIR_MIN {
        jw
    } else if same_skeleton() {
        SKELETON_SIM
    } else {
        0.0
    }
}

/// Short tokens within two edits ("ivan", "iavm"): 0.8 for one edit, 0.75
/// for two, for tokens of 4 to 6 letters; 0 otherwise. Credited only
/// inside an alias whose other tokens already match (see `NEAR_GATE`).
fn near_similarity(q: &str, a: &str) -> f64 {
    let (ql, al) = (q.chars().count(), a.chars().count());
    if !(4..=6).contains(&ql) || !(4..=6).contains(&al) {
        return 0.0;
    }
    match rapidfuzz::distance::damerau_levenshtein::distance(q.chars(), a.chars()) {
        1 => NEAR_MAX,
        2 => 0.75,
        _ => 0.0,
    }
}

/// Official country names some lists use that differ from short names,
/// written without spaces or punctuation (see `country_key`).
const OFFICIAL_NAMES: &[(&str, &str)] = &[
    ("democraticpeoplesrepublicofkorea", "KP"),
    ("koreademocraticpeoplesrepublicof", "KP"),
    ("dprk", "KP"),
    ("northkorea", "KP"),
    ("republicofkorea", "KR"),
    ("korearepublicof", "KR"),
    ("southkorea", "KR"),
    ("iranislamicrepublicof", "IR"),
    ("islamicrepublicofiran", "IR"),
    ("syrianarabrepublic", "SY"),
    ("russianfederation", "RU"),
    ("democraticrepublicofthecongo", "CD"),
    ("congodemocraticrepublicofthe", "CD"),
    ("congo", "CG"),
    ("republicofthecongo", "CG"),
    ("unitedrepublicoftanzania", "TZ"),
    ("venezuelabolivarianrepublicof", "VE"),
    ("boliviarianrepublicofvenezuela", "VE"),
    ("boliviaplurinationalstateof", "BO"),
    ("vietnam", "VN"),
    ("laopeoplesdemocraticrepublic", "LA"),
    ("republicofmoldova", "MD"),
    ("moldovarepublicof", "MD"),
    ("unitedkingdomofgreatbritainandnorthernireland", "GB"),
    ("unitedkingdom", "GB"),
    ("unitedstatesofamerica", "US"),
    ("unitedstates", "US"),
    ("usa", "US"),
    ("stateofpalestine", "PS"),
    ("palestinianterritory", "PS"),
    ("turkiye", "TR"),
    ("turkey", "TR"),
    ("cotedivoire", "CI"),
    ("ivorycoast", "CI"),
    ("libyanarabjamahiriya", "LY"),
    ("libya", "LY"),
    ("myanmar", "MM"),
    ("burma", "MM"),
    ("unitedarabemirates", "AE"),
    ("czechia", "CZ"),
    ("czechrepublic", "CZ"),
    ("belarus", "BY"),
    ("kyrgyzstan", "KG"),
    ("kyrgyzrepublic", "KG"),
    ("northmacedonia", "MK"),
    ("bosniaandherzegovina", "BA"),
    ("centralafricanrepublic", "CF"),
    ("southsudan", "SS"),
    ("sudan", "SD"),
    ("chinahongkongspecialadministrativeregion", "HK"),
    ("hongkongspecialadministrativeregionofchina", "HK"),
    ("chinamacaospecialadministrativeregion", "MO"),
    ("taiwanprovinceofchina", "TW"),
];

/// A country written without spaces and punctuation ("Democratic People's
/// Republic of Korea" and "Democratic People’s Republic of Korea" are one
/// key).
fn country_key(raw: &str) -> String {
    fold(raw).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Keys of a country (name or ISO code) to compare with: the text itself
/// and, where known, its ISO code (lower case).
fn country_keys(raw: &str, codes: &HashMap<String, String>) -> Vec<String> {
    let key = country_key(raw);
    let mut keys = vec![key.clone()];
    let code = OFFICIAL_NAMES
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, c)| c.to_string())
        .or_else(|| codes.get(&key).cloned());
    if let Some(code) = code {
        let code = code.to_lowercase();
        if code != key {
            keys.push(code);
        }
    }
    keys
}

/// An upper bound of the Jaro-Winkler similarity of two names written
/// together, from their lengths and the letters they have in common (a
/// Jaro of j allows at most j + 0.4 × (1 − j)); 0 when it cannot reach the
/// 0.93 that `align` asks of it.
fn together_bound(q: &Prepared, letters: u16, counts: &LetterCounts) -> f64 {
    let (l, t) = (q.letters.max(1) as f64, letters.max(1) as f64);
    // With every letter in common, Jaro is at most (2 + shorter/longer) / 3.
    if (2.0 + l.min(t) / l.max(t)) / 3.0 < 0.883 {
        return 0.0;
    }
    let c = q.counts.common(counts).map_or(l.min(t), |c| c as f64);
    let jaro = ((c / l + c / t + 1.0) / 3.0).min(1.0);
    let jw = jaro + 0.4 * (1.0 - jaro);
    if jw >= 0.93 - 1e-9 {
        jw + 1e-9
    } else {
        0.0
    }
}

/// A query normalised once: its tokens, their weights and what the bound
/// on `together` needs.
struct Prepared {
    norm: NormName,
    weights: Vec<f64>,
    total: f64,
    letters: u16,
    counts: LetterCounts,
    countries: Vec<String>,
    /// The weight of the tokens of 4 to 6 letters (the near misses).
    short_weight: f64,
}

/// The similar dictionary tokens of each query token, with their
/// similarity (sorted by token id).
type Similar = Vec<Vec<(u32, f64)>>;

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
        // Keys written as `country_key` writes them.
        let codes = codes
            .into_iter()
            .map(|(name, code)| (country_key(&name), code))
            .collect();
        Screener::with_keyed_codes(lists, codes)
    }

    fn with_keyed_codes(lists: Vec<SanctionsList>, codes: HashMap<String, String>) -> Screener {
        let mut s = Screener {
            lists: vec![],
            entries: vec![],
            fingerprints: vec![],
            countries: vec![],
            aliases: vec![],
            dict: HashMap::new(),
            tokens: vec![],
            postings: vec![],
            trigrams: HashMap::new(),
            anagrams: HashMap::new(),
            skeletons: HashMap::new(),
            initials: HashMap::new(),
            country_codes: codes,
            scratch: RefCell::new(Scratch::default()),
        };
        for list in lists {
            s.add(list);
        }
        s
    }

    fn token_id(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.dict.get(t) {
            return id;
        }
        let id = self.tokens.len() as u32;
        self.dict.insert(t.into(), id);
        self.tokens.push(t.into());
        self.postings.push(vec![]);
        let mut seen: Vec<u64> = Vec::new();
        each_trigram(t, |g| seen.push(g));
        // One posting per occurrence: the count of shared trigrams is the
        // one `shared_trigrams` computes.
        for g in seen {
            self.trigrams.entry(g).or_default().push(id);
        }
        if t.chars().count() >= 4 {
            self.anagrams.entry(anagram_key(t)).or_default().push(id);
        }
        if let Some(k) = skeleton_key(t) {
            self.skeletons.entry(k).or_default().push(id);
        }
        if let Some(c) = t.chars().next() {
            self.initials.entry(c).or_default().push(id);
        }
        id
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
            truncated_names: 0,
            warnings: list.warnings,
            declared: list.declared,
        });
        let first_alias = self.aliases.len();
        let mut truncated = 0;
        for entry in list.entries {
            let e = self.entries.len() as u32;
            for (ai, alias) in entry.names.iter().enumerate() {
                let norm = normalize(&alias.name);
                truncated = usize::saturating_add(truncated, usize::from(norm.truncated));
                if norm.tokens.is_empty() {
                    continue;
                }
                let id = self.aliases.len() as u32;
                let mut tokens = Vec::with_capacity(norm.tokens.len());
                for t in &norm.tokens {
                    let tid = self.token_id(t);
                    tokens.push(tid);
                    // `token_id` made a posting list for every id it gave.
                    if let Some(p) = self.postings.get_mut(tid as usize) {
                        if p.last() != Some(&id) {
                            p.push(id);
                        }
                    }
                }
                let (letters, counts) = LetterCounts::of(norm.tokens.iter().map(String::as_str));
                self.aliases.push(IndexedAlias {
                    entry: e,
                    alias: ai as u32,
                    tokens,
                    forms: norm.forms,
                    strong: alias.strong,
                    letters,
                    counts,
                });
            }
            let codes = &self.country_codes;
            let mut keys: Vec<String> = entry
                .countries
                .iter()
                .flat_map(|c| country_keys(c, codes))
                .collect();
            keys.sort();
            keys.dedup();
            self.countries.push(keys);
            self.fingerprints.push(entry.fingerprint());
            self.entries.push((li, entry));
        }
        let aliases = self.aliases.len().saturating_sub(first_alias);
        if let Some(info) = self.lists.get_mut(li as usize) {
            info.aliases = aliases;
            info.truncated_names = truncated;
            if truncated > 0 {
                info.warnings
                    .push(super::lists::ListWarning::NamesCut { names: truncated });
            }
        }
    }

    /// Removes the list at `index` and rebuilds the index from the others.
    pub fn remove(&mut self, index: usize) -> Option<ListInfo> {
        if index >= self.lists.len() {
            return None;
        }
        let infos = std::mem::take(&mut self.lists);
        let mut by_list: Vec<Vec<Entry>> = infos.iter().map(|_| Vec::new()).collect();
        for (li, entry) in std::mem::take(&mut self.entries) {
            if let Some(entries) = by_list.get_mut(li as usize) {
                entries.push(entry);
            }
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
                    // `add` counts the names it cuts again.
                    warnings: info
                        .warnings
                        .into_iter()
                        .filter(|w| !matches!(w, super::lists::ListWarning::NamesCut { .. }))
                        .collect(),
                    declared: info.declared,
                });
            }
        }
        *self = Screener::with_keyed_codes(keep, codes);
        removed
    }

    /// The ISO code a country as a list or a lead writes it (a name in any
    /// spelling this index knows, or a code) stands for, if any.
    pub fn country_code(&self, raw: &str) -> Option<String> {
        country_keys(raw, &self.country_codes)
            .into_iter()
            .find(|k| k.len() == 2 && k.chars().all(|c| c.is_ascii_lowercase()))
            .map(|k| k.to_uppercase())
    }

    /// The label of list `i` (empty when there is none: a hit always names
    /// a list of the screener that found it).
    pub fn label_of(&self, i: usize) -> String {
        self.lists
            .get(i)
            .map(|l| l.label.clone())
            .unwrap_or_default()
    }

    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Dictionary tokens `pair_similarity` scores above 0 against `t`, with
    /// that similarity. `counts` is scratch space, one per dictionary
    /// token, all zero (and left so).
    fn similar_tokens(&self, t: &str, counts: &mut [u16]) -> Vec<(u32, f64)> {
        let keys = TokenKeys::of(t);
        // (token, whether its shared trigrams reached `need`)
        let mut ids: Vec<(u32, bool)> = Vec::new();
        if let Some(&id) = self.dict.get(t) {
            ids.push((id, false));
        }
        let n = keys.chars;
        if let Some(c) = t.chars().next() {
            if n == 1 {
                // An initial: every name starting with it.
                if let Some(v) = self.initials.get(&c) {
                    ids.extend(v.iter().map(|id| (*id, false)));
                }
            } else {
                let mut buf = [0u8; 4];
                if let Some(&id) = self.dict.get(&*c.encode_utf8(&mut buf)) {
                    ids.push((id, false)); // the alias's initial
                }
            }
        }
        if n >= 2 {
            if n >= 4 {
                if let Some(v) = self.anagrams.get(&keys.anagram) {
                    ids.extend(v.iter().map(|id| (*id, false)));
                }
            }
            if let Some(v) = keys
                .skeleton
                .as_ref()
                .and_then(|s| self.skeletons.get(&hash_of(s.iter().copied())))
            {
                ids.extend(v.iter().map(|id| (*id, false)));
            }
            let mut touched: Vec<u32> = Vec::new();
            for g in &keys.grams {
                if let Some(v) = self.trigrams.get(g) {
                    for &id in v {
                        let Some(c) = counts.get_mut(id as usize) else {
                            continue;
                        };
                        if *c == 0 {
                            touched.push(id);
                        }
                        *c = c.saturating_add(1);
                    }
                }
            }
            for id in touched {
                if let Some(c) = counts.get_mut(id as usize) {
                    if usize::from(*c) >= keys.need {
                        ids.push((id, true));
                    }
                    *c = 0;
                }
            }
        }
        // A token found by its trigrams is related; one found otherwise is checked.
        ids.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        ids.dedup_by_key(|x| x.0);
        ids.into_iter()
            .filter_map(|(id, by_trigrams)| {
                let other = self.tokens.get(id as usize)?;
                let s = pair_with(t, &keys, other, by_trigrams.then_some(true));
                (s > 0.0).then_some((id, s))
            })
            .collect()
    }

    fn prepare(&self, query: &Query) -> Prepared {
        let norm = normalize(&query.name);
        let weights: Vec<f64> = norm.tokens.iter().map(|t| weight(t)).collect();
        let total = weights.iter().sum();
        let (letters, counts) = LetterCounts::of(norm.tokens.iter().map(String::as_str));
        let mut countries: Vec<String> = query
            .countries
            .iter()
            .flat_map(|c| country_keys(c, &self.country_codes))
            .filter(|c| !c.is_empty())
            .collect();
        countries.sort();
        countries.dedup();
        let short_weight = norm
            .tokens
            .iter()
            .zip(&weights)
            .filter(|(t, _)| (4..=6).contains(&t.chars().count()))
            .map(|(_, w)| *w)
            .sum();
        Prepared {
            short_weight,
            norm,
            weights,
            total,
            letters,
            counts,
            countries,
        }
    }

    /// Hits at or above `threshold`, best first, one per list entry. An
    /// alias is skipped only when an upper bound of its score is below the
    /// threshold (or below `MIN_THRESHOLD`), so the hits at t are exactly
    /// the hits of scoring every alias that reach t.
    pub fn screen(&self, query: &Query, threshold: f64) -> Vec<Hit> {
        let q = self.prepare(query);
        if q.norm.tokens.is_empty() {
            return vec![];
        }
        // Reuse the counters when no other query holds them.
        let mut fresh = Scratch::default();
        let mut held = self.scratch.try_borrow_mut();
        let sc: &mut Scratch = match held.as_deref_mut() {
            Ok(sc) => sc,
            Err(_) => &mut fresh,
        };
        sc.token_counts.resize(self.tokens.len(), 0);
        sc.shared_weight.resize(self.aliases.len(), 0.0);
        sc.shared.resize(self.aliases.len(), 0);
        sc.stamp.resize(self.aliases.len(), u16::MAX);
        let similar: Similar = q
            .norm
            .tokens
            .iter()
            .map(|t| self.similar_tokens(t, &mut sc.token_counts))
            .collect();
        // Per alias: the weight of the query tokens it has a similar token
        // for, and how many such query tokens there are.
        let mut touched: Vec<u32> = Vec::new();
        for (qi, sims) in similar.iter().enumerate() {
            let mark = qi as u16;
            let Some(&w) = q.weights.get(qi) else {
                continue;
            };
            for &(tok, _) in sims {
                let Some(postings) = self.postings.get(tok as usize) else {
                    continue;
                };
                for &a in postings {
                    let i = a as usize;
                    // The counters were sized to the aliases above.
                    let (Some(stamp), Some(shared), Some(shared_weight)) = (
                        sc.stamp.get_mut(i),
                        sc.shared.get_mut(i),
                        sc.shared_weight.get_mut(i),
                    ) else {
                        continue;
                    };
                    if *stamp != mark {
                        *stamp = mark;
                        if *shared == 0 {
                            touched.push(a);
                        }
                        *shared = shared.saturating_add(1);
                        *shared_weight += w;
                    }
                }
            }
        }
        // Take the counts out and reset the counters for the next query.
        let counted: Vec<(u32, f64, u16)> = touched
            .iter()
            .filter_map(|&a| {
                let i = a as usize;
                let (Some(stamp), Some(shared), Some(shared_weight)) = (
                    sc.stamp.get_mut(i),
                    sc.shared.get_mut(i),
                    sc.shared_weight.get_mut(i),
                ) else {
                    return None;
                };
                let c = (a, *shared_weight, *shared);
                *shared_weight = 0.0;
                *shared = 0;
                *stamp = u16::MAX;
                Some(c)
            })
            .collect();
        drop(held);
        let touched = counted;
        // An alias whose bound is below the threshold cannot be a hit:
        // skipping it changes no result, since the bound is a true upper
        // bound (the score is rounded to thousandths, hence the margin).
        let floor = threshold.max(MIN_THRESHOLD) - 0.001;
        let lookup = |qi: usize, tok: u32| -> f64 {
            similar
                .get(qi)
                .and_then(|s| {
                    let k = s.binary_search_by_key(&tok, |x| x.0).ok()?;
                    s.get(k)
                })
                .map_or(0.0, |x| x.1)
        };
        let mut best: HashMap<u32, (u32, Hit)> = HashMap::new();
        for (a, shared_weight, shared) in touched {
            let Some(alias) = self.aliases.get(a as usize) else {
                continue;
            };
            // Country and year of birth add at most 0.07; a weak alias loses 0.20.
            let weak = !alias.strong;
            let bonus = if q.countries.is_empty() { 0.0 } else { 0.03 }
                + if query.birth_year.is_some() {
                    0.04
                } else {
                    0.0
                }
                - if weak { 0.20 } else { 0.0 };
            if self.bound(&q, alias, shared_weight, shared, bonus, floor) + bonus < floor {
                continue;
            }
            let notes = self.notes(&q, query, alias);
            self.consider(&q, a, &lookup, notes, threshold, &mut best);
        }
        finish(best)
    }

    /// The same hits as `screen`, by scoring every alias: what the tests
    /// compare the index with.
    pub fn screen_exhaustive(&self, query: &Query, threshold: f64) -> Vec<Hit> {
        let q = self.prepare(query);
        if q.norm.tokens.is_empty() {
            return vec![];
        }
        let lookup = |qi: usize, tok: u32| -> f64 {
            match (q.norm.tokens.get(qi), self.tokens.get(tok as usize)) {
                (Some(qt), Some(at)) => pair_similarity(qt, at),
                _ => 0.0,
            }
        };
        let mut best: HashMap<u32, (u32, Hit)> = HashMap::new();
        for (a, alias) in self.aliases.iter().enumerate() {
            let notes = self.notes(&q, query, alias);
            self.consider(&q, a as u32, &lookup, notes, threshold, &mut best);
        }
        finish(best)
    }

    /// An upper bound of an alias's name score plus its legal-form bonus,
    /// from what the index knows before aligning.
    fn bound(
        &self,
        q: &Prepared,
        alias: &IndexedAlias,
        shared_weight: f64,
        shared: u16,
        bonus: f64,
        floor: f64,
    ) -> f64 {
        // Short query tokens without a similar token may still pair as near misses.
        let near = if shared_weight >= NEAR_GATE * q.total - 1e-9 {
            q.short_weight.min(q.total - shared_weight).max(0.0)
        } else {
            0.0
        };
        let mut pairs = 0.85 * ((shared_weight + NEAR_MAX * near) / q.total) + 0.15;
        // One pair only (no near miss can add a second): the one-token penalty applies.
        let one_token =
            shared == 1 && near == 0.0 && q.norm.tokens.len() > 1 && alias.tokens.len() > 1;
        if one_token && pairs < 0.9 {
            pairs -= 0.15;
        }
        let form = if !q.norm.forms.is_empty() && !alias.forms.is_empty() {
            0.02
        } else {
            0.0
        };
        let pairs = pairs.min(1.0) + form;
        if pairs + bonus >= floor {
            return pairs; // enough: the bound on `together` is not needed
        }
        if q.norm.tokens.len().saturating_add(alias.tokens.len()) > 2 {
            let together = together_bound(q, alias.letters, &alias.counts);
            if together > 0.0 {
                return pairs.max(0.97 * together.min(1.0) + form);
            }
        }
        pairs
    }

    /// The adjustments that do not depend on the alignment: weak alias,
    /// country, year of birth.
    fn notes(&self, q: &Prepared, query: &Query, alias: &IndexedAlias) -> Vec<(f64, Adjustment)> {
        let Some((_, entry)) = self.entries.get(alias.entry as usize) else {
            return vec![];
        };
        let mut notes: Vec<(f64, Adjustment)> = Vec::new();
        // Weak aliases (the list's own "low quality" or "weak") need
        // support from the country or the year of birth to reach a hit.
        if entry
            .names
            .get(alias.alias as usize)
            .is_some_and(|n| !n.strong)
        {
            notes.push((-0.20, Adjustment::WeakAlias));
        }
        let entry_countries = self
            .countries
            .get(alias.entry as usize)
            .map_or(&[][..], Vec::as_slice);
        if !q.countries.is_empty() && !entry_countries.is_empty() {
            if entry_countries
                .iter()
                .any(|c| q.countries.binary_search(c).is_ok())
            {
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
        notes
    }

    fn consider(
        &self,
        q: &Prepared,
        index: u32,
        lookup: &dyn Fn(usize, u32) -> f64,
        notes: Vec<(f64, Adjustment)>,
        threshold: f64,
        best: &mut HashMap<u32, (u32, Hit)>,
    ) {
        let Some(alias) = self.aliases.get(index as usize) else {
            return;
        };
        let texts: Vec<&str> = alias
            .tokens
            .iter()
            .filter_map(|t| self.tokens.get(*t as usize).map(|t| &**t))
            .collect();
        let Some(al) = align(q, &texts, alias, lookup) else {
            return;
        };
        let raw = al.name_score + al.adjustment() + notes.iter().map(|n| n.0).sum::<f64>();
        let cap = if al.exact { 1.0 } else { INEXACT_CAP };
        // Thousandths: the score a hit shows is the score it has.
        let score = (raw.clamp(0.0, cap) * 1000.0).round() / 1000.0;
        if score < threshold {
            return;
        }
        let Some((list, entry)) = self.entries.get(alias.entry as usize) else {
            return;
        };
        let Some(name) = entry.names.get(alias.alias as usize) else {
            return;
        };
        let mut ex = explain(&al, &q.norm, &texts, &alias.forms, &name.name, name.strong);
        ex.adjustments.extend(notes);
        let hit = Hit {
            list: *list as usize,
            entry_id: entry.id.clone(),
            entry_fingerprint: self
                .fingerprints
                .get(alias.entry as usize)
                .cloned()
                .unwrap_or_else(|| entry.fingerprint()),
            matched_name: name.name.clone(),
            score,
            explanation: ex,
            programme: entry.programme.clone(),
            regulation: entry.regulation.clone(),
        };
        // The best alias of each entry; on a tie the first, whatever order
        // the aliases were scored in.
        match best.get(&alias.entry) {
            Some((i, h)) if h.score > hit.score || (h.score == hit.score && *i < index) => {}
            _ => {
                best.insert(alias.entry, (index, hit));
            }
        }
    }
}

fn finish(best: HashMap<u32, (u32, Hit)>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = best.into_values().map(|(_, h)| h).collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.entry_id.cmp(&b.entry_id))
            .then(a.list.cmp(&b.list))
    });
    hits
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
    /// Query tokens of real weight left unmatched capped the score.
    capped: bool,
    /// The same tokens, in any order.
    exact: bool,
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
/// forms are compared as forms. None when no token pairs up (such an
/// alias is no candidate).
fn align(
    q: &Prepared,
    a: &[&str],
    alias: &IndexedAlias,
    lookup: &dyn Fn(usize, u32) -> f64,
) -> Option<Alignment> {
    let (ids, forms) = (&alias.tokens, &alias.forms);
    let qt = &q.norm.tokens;
    let mut sims: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..qt.len() {
        for (j, id) in ids.iter().enumerate().take(a.len()) {
            let s = lookup(i, *id);
            if s > 0.0 {
                sims.push((s, i, j));
            }
        }
    }
    if sims.is_empty() {
        return None;
    }
    sims.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_q, mut used_a) = (vec![false; qt.len()], vec![false; a.len()]);
    let mut pairs = Vec::new();
    let (mut got_q, mut got_a) = (0.0, 0.0);
    // `i` indexes the query's tokens (and weights), `j` the alias's.
    let mut take = |s: f64, i: usize, j: usize, used_q: &mut [bool], used_a: &mut [bool]| {
        let (Some(uq), Some(ua), Some(w), Some(t)) = (
            used_q.get_mut(i),
            used_a.get_mut(j),
            q.weights.get(i),
            a.get(j),
        ) else {
            return;
        };
        *uq = true;
        *ua = true;
        got_q += s * w;
        got_a += s * weight(t);
        pairs.push((s, i, j));
    };
    for (s, i, j) in sims {
        if used_q.get(i) == Some(&false) && used_a.get(j) == Some(&false) {
            take(s, i, j, &mut used_q, &mut used_a);
        }
    }
    // Short tokens two edits apart, among the tokens still unpaired, once
    // the paired tokens carry enough of the query.
    let paired: f64 = used_q
        .iter()
        .zip(&q.weights)
        .filter(|(u, _)| **u)
        .map(|(_, w)| *w)
        .sum();
    for (i, qtok) in qt.iter().enumerate() {
        if paired < NEAR_GATE * q.total - 1e-9 {
            break;
        }
        if used_q.get(i) != Some(&false) {
            continue;
        }
        let best = a
            .iter()
            .enumerate()
            .filter(|(j, _)| used_a.get(*j) == Some(&false))
            .map(|(j, at)| (near_similarity(qtok, at), j))
            .filter(|(s, _)| *s > 0.0)
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        if let Some((s, j)) = best {
            take(s, i, j, &mut used_q, &mut used_a);
        }
    }
    let total_a: f64 = a.iter().map(|t| weight(t)).sum();
    let mut name_score = 0.85 * got_q / q.total + 0.15 * got_a / total_a;
    // Spacing and hyphens differ between transcriptions ("Ho-Jin", "Hojin",
    // "Al Qaida", "Alqaida"): compare the names written together as well.
    let mut together = None;
    // Only when the names written together could score higher.
    if qt.len().saturating_add(a.len()) > 2
        && name_score < 0.97
        && together_bound(q, alias.letters, &alias.counts) * 0.97 > name_score
    {
        let joined_a = a.concat();
        let mut t = jaro_winkler(&qt.concat(), &joined_a);
        if qt.len() > 1 {
            let reversed: String = qt.iter().rev().map(String::as_str).collect();
            t = t.max(jaro_winkler(&reversed, &joined_a));
        }
        if t >= 0.93 && t * 0.97 > name_score {
            name_score = t * 0.97;
            together = Some(t);
        }
    }
    // Initials alone ("E. S. Co.") say little about who is meant.
    if pairs.iter().all(|&(_, i, j)| {
        qt.get(i).is_some_and(|t| t.chars().count() == 1)
            || a.get(j).is_some_and(|t| t.chars().count() == 1)
    }) && name_score > INITIALS_CAP
    {
        name_score = INITIALS_CAP;
    }
    // A query token of real weight that matched nothing: never as high as
    // a full match, whatever the names written together say.
    let unmatched_real = qt
        .iter()
        .zip(&used_q)
        .any(|(t, u)| !*u && t.chars().count() >= REAL_TOKEN_CHARS);
    let capped = unmatched_real && name_score > UNMATCHED_CAP;
    if capped {
        name_score = UNMATCHED_CAP;
    }
    // A one-token match between multi-token names is weak evidence.
    let one_token = pairs.len() == 1 && qt.len() > 1 && a.len() > 1 && name_score < 0.9;
    let same_form = (!q.norm.forms.is_empty() && !forms.is_empty())
        .then(|| q.norm.forms.iter().any(|f| forms.contains(f)));
    // Every token on both sides paired with an equal one.
    let exact = pairs.len() == qt.len()
        && pairs.len() == a.len()
        && pairs
            .iter()
            .all(|&(_, i, j)| qt.get(i).map(String::as_str) == a.get(j).copied());
    Some(Alignment {
        pairs,
        used_q,
        used_a,
        name_score: name_score.clamp(0.0, 1.0),
        together,
        one_token,
        same_form,
        capped,
        exact,
    })
}

fn explain(
    al: &Alignment,
    q: &NormName,
    a: &[&str],
    forms: &[&str],
    alias: &str,
    strong: bool,
) -> Explanation {
    let mut adjustments = Vec::new();
    if let Some(t) = al.together {
        adjustments.push((0.0, Adjustment::WrittenTogether(t)));
    }
    if al.capped {
        adjustments.push((0.0, Adjustment::UnmatchedToken));
    }
    if al.one_token {
        adjustments.push((-0.15, Adjustment::OneTokenInCommon));
    }
    match al.same_form {
        Some(true) => adjustments.push((0.02, Adjustment::SameLegalForm(q.forms.join(" ")))),
        Some(false) => adjustments.push((
            -0.05,
            Adjustment::DifferentLegalForms(q.forms.join(" "), forms.join(" ")),
        )),
        None => {}
    }
    Explanation {
        alias: alias.to_string(),
        strong,
        pairs: al
            .pairs
            .iter()
            .filter_map(|&(s, i, j)| {
                Some(TokenPair {
                    query: q.tokens.get(i)?.clone(),
                    alias: a.get(j)?.to_string(),
                    similarity: s,
                })
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
            .iter()
            .zip(&al.used_a)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| t.to_string())
            .collect(),
        name_score: al.name_score,
        adjustments,
    }
}
