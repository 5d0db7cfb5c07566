//! Name normalisation for screening: invisible characters, compatibility
//! forms and diacritics (Unicode NFKD), look-alike letters, case,
//! Cyrillic and Greek transliteration, Arabic transcription variants,
//! punctuation, and legal forms recognised as forms rather than as name
//! tokens. Scripts without a table (Arabic, Han, …) are kept and compared
//! in their own script.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A normalised name: its name tokens and the legal forms found in it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NormName {
    pub tokens: Vec<String>,
    /// Canonical legal forms (e.g. "llc" for LLC, OOO, "limited liability company").
    pub forms: Vec<&'static str>,
    /// The name was longer than the limits (`MAX_NAME_CHARS`, `MAX_TOKENS`,
    /// `MAX_TOKEN_CHARS`) and only its beginning was compared.
    pub truncated: bool,
}

/// Names are cut to this many characters before folding, and to
/// `MAX_TOKENS` tokens of at most `MAX_TOKEN_CHARS` characters, so a
/// hostile name costs bounded time and memory; `NormName::truncated` says
/// when that happened (the loaders and the batch count it).
pub const MAX_NAME_CHARS: usize = 1_000;
pub const MAX_TOKENS: usize = 32;
pub const MAX_TOKEN_CHARS: usize = 48;

/// Characters nobody sees: format and bidi controls, zero-width
/// characters, the soft hyphen, tag characters, variation selectors,
/// fillers and control characters. They are removed, not turned into
/// spaces, so they cannot split a name ("Sido\u{200b}rov" is "Sidorov").
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x0640 | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5
        | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
        || (c.is_control() && !c.is_whitespace())
}

/// Latin letters that carry no decomposable diacritic but are still
/// spelt differently in ASCII.
fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ł' | 'ŀ' => "l",
        'ŧ' => "t",
        'þ' => "th",
        'ə' => "e",
        'ŋ' => "n",
        _ => return None,
    })
}

/// Cyrillic and Greek letters (lower case) to their Latin spelling: a
/// simplified BGN/PCGN romanisation of Cyrillic and ELOT 743 of Greek.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'α' | 'ά' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'έ' => "e",
        'ζ' => "z",
        'η' | 'ή' => "i",
        'θ' => "th",
        'ι' | 'ί' | 'ϊ' | 'ΐ' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ό' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' | 'ύ' | 'ϋ' | 'ΰ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' | 'ώ' => "o",
        _ => return None,
    })
}

/// Cyrillic and Greek letters that look like a Latin letter (as a capital
/// or small letter), and that letter.
const HOMOGLYPHS: &[(char, char)] = &[
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('і', 'i'),
    ('ј', 'j'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('ѕ', 's'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
    ('һ', 'h'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('α', 'a'),
    ('β', 'b'),
    ('ε', 'e'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('μ', 'm'),
    ('ν', 'v'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('τ', 't'),
    ('υ', 'u'),
    ('χ', 'x'),
];

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

fn is_cyrillic_or_greek(c: char) -> bool {
    matches!(c as u32, 0x0370..=0x03FF | 0x0400..=0x052F | 0x1F00..=0x1FFF)
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Latin letters that look like a Cyrillic or a Greek letter.
const LATIN_AS_CYRILLIC: &[(char, char)] = &[
    ('a', 'а'),
    ('b', 'в'),
    ('c', 'с'),
    ('e', 'е'),
    ('h', 'н'),
    ('i', 'і'),
    ('k', 'к'),
    ('m', 'м'),
    ('o', 'о'),
    ('p', 'р'),
    ('t', 'т'),
    ('x', 'х'),
    ('y', 'у'),
];
const LATIN_AS_GREEK: &[(char, char)] = &[
    ('a', 'α'),
    ('e', 'ε'),
    ('i', 'ι'),
    ('k', 'κ'),
    ('o', 'ο'),
    ('p', 'ρ'),
    ('t', 'τ'),
    ('u', 'υ'),
    ('v', 'ν'),
    ('x', 'χ'),
];

fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x0370..=0x03FF | 0x1F00..=0x1FFF)
}

/// A word mixing Latin with Cyrillic or Greek letters is one script with
/// look-alikes in it ("Sidоrov" with a Cyrillic "о"): the minority
/// script's look-alikes become the majority script's letters.
fn fold_homoglyphs(word: &mut [char]) {
    let latin = word.iter().filter(|c| is_latin(**c)).count();
    let other = word.iter().filter(|c| is_cyrillic_or_greek(**c)).count();
    if latin == 0 || other == 0 {
        return;
    }
    let greek = word
        .iter()
        .filter(|c| is_greek(**c))
        .count()
        .saturating_mul(2)
        > other;
    for c in word.iter_mut() {
        let l = lower(*c);
        let table: &[(char, char)] = if latin >= other {
            HOMOGLYPHS
        } else if greek {
            LATIN_AS_GREEK
        } else {
            LATIN_AS_CYRILLIC
        };
        if let Some((_, to)) = table.iter().find(|(from, _)| *from == l) {
            *c = *to;
        }
    }
}

/// Folds text to lower-case Latin where a rule exists: invisible
/// characters removed, compatibility forms (full-width letters,
/// ligatures) and every Latin diacritic folded (NFKD, marks dropped),
/// look-alike letters of a mixed-script word folded, Cyrillic and Greek
/// transliterated; punctuation and symbols become spaces, except
/// apostrophes and dots inside a word, which are dropped ("O'Brien" →
/// "obrien", "S.p.A." → "spa"). Other scripts are kept as they are.
pub fn fold(text: &str) -> String {
    fold_chars(&prepare(text))
}

/// The characters to fold: at most `MAX_NAME_CHARS`, invisible ones
/// removed, homoglyphs of mixed-script words folded.
fn prepare(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text
        .chars()
        .filter(|c| !is_invisible(*c))
        .take(MAX_NAME_CHARS)
        .collect();
    // Each word: from an alphanumeric character to the first character
    // that is neither alphanumeric nor a combining mark.
    let mut rest: &mut [char] = &mut chars;
    while let Some(at) = rest.iter().position(|c| c.is_alphanumeric()) {
        let Some((_, from_word)) = std::mem::take(&mut rest).split_at_mut_checked(at) else {
            break;
        };
        let len = from_word
            .iter()
            .position(|c| !c.is_alphanumeric() && !is_combining_mark(*c))
            .unwrap_or(from_word.len());
        let Some((word, after)) = from_word.split_at_mut_checked(len) else {
            break;
        };
        fold_homoglyphs(word);
        rest = after;
    }
    chars
}

fn fold_chars(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut skip = false;
    for (i, &c) in chars.iter().enumerate() {
        if skip {
            skip = false;
            continue;
        }
        // Greek "ου" is one sound: "ou".
        if matches!(c, 'ο' | 'Ο')
            && chars
                .get(i.saturating_add(1))
                .is_some_and(|n| matches!(n, 'υ' | 'ύ' | 'Υ'))
        {
            out.push_str("ou");
            skip = true;
            continue;
        }
        for lc in c.to_lowercase() {
            if lc.is_ascii_alphanumeric() {
                out.push(lc);
            } else if let Some(s) = transliterate(lc) {
                out.push_str(s);
            } else if matches!(lc, '\'' | '’' | '`' | '.' | '\u{2bc}') {
                let inside = i
                    .checked_sub(1)
                    .and_then(|j| chars.get(j))
                    .is_some_and(|p| p.is_alphanumeric())
                    && chars
                        .get(i.saturating_add(1))
                        .is_some_and(|n| n.is_alphanumeric());
                if !inside {
                    out.push(' ');
                }
            } else {
                decompose_compatible(lc, |d| {
                    if is_combining_mark(d) {
                        // a diacritic: dropped
                    } else if let Some(s) = latin_special(d) {
                        out.push_str(s);
                    } else if let Some(s) = transliterate(d) {
                        out.push_str(s);
                    } else if d.is_alphanumeric() {
                        out.extend(d.to_lowercase());
                    } else {
                        out.push(' ');
                    }
                });
            }
        }
    }
    out
}

/// Arabic names written in several Latin transcriptions, and the one they
/// are compared as.
const TRANSCRIPTIONS: &[(&[&str], &str)] = &[
    (
        &[
            "mohammed",
            "mohammad",
            "mohamed",
            "mohamad",
            "muhammed",
            "muhamed",
            "muhamad",
            "mouhamed",
            "mouhammad",
            "mohd",
            "mohummad",
            "mohamud",
            "muhammet",
            "mehmet",
        ],
        "muhammad",
    ),
    (&["ahmed", "ahmet", "achmed", "ahmadi"], "ahmad"),
    (&["mahmoud", "mahmood", "mahmut"], "mahmud"),
    (
        &[
            "hussein", "husein", "hussain", "husain", "hossein", "hosein", "husayn", "hussien",
        ],
        "husayn",
    ),
    (&["hassan", "hasen", "hassen"], "hasan"),
    (&["hasani", "hassani"], "hasani"),
    (
        &[
            "yousef", "youssef", "yusef", "yousif", "yousuf", "youcef", "yussuf",
        ],
        "yusuf",
    ),
    (&["omar", "omer"], "umar"),
    (&["osama", "usamah", "oussama"], "usama"),
    (&["abou", "abo"], "abu"),
    (&["ibn", "ben"], "bin"),
    (&["el", "ul"], "al"),
    (&["abdallah", "abdulla", "abdalla", "abdellah"], "abdullah"),
    (&["rahmane", "rehman", "rachman"], "rahman"),
    (&["khaled", "khalid", "khaleed"], "khalid"),
    (
        &["said", "saeed", "sayed", "sayyid", "sayid", "saied"],
        "said",
    ),
    (&["ali", "aly"], "ali"),
    (&["mustafa", "moustafa", "mostafa", "mustapha"], "mustafa"),
    (&["ibrahim", "ebrahim", "ibraheem"], "ibrahim"),
    (&["abdelkader", "abdulkadir", "abdulqadir"], "abdulqadir"),
];

/// "Abd al-", written "Abdul", "Abdel", "Abdur", "Abdus"…, glued to the
/// next name or not: "abd", "al" and the name.
const ABD_AL: &[&str] = &[
    "abdul", "abdel", "abdal", "abdol", "abdur", "abdus", "abdul", "abdar", "abdel", "abdil",
];

/// Whether two ASCII words are one edit apart (a letter added, dropped,
/// replaced, or two neighbours swapped).
fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len().saturating_sub(a.len()) > 1 || a == b {
        return false;
    }
    // From the first difference on.
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (Some(a), Some(b)) = (a.get(p..), b.get(p..)) else {
        return false;
    };
    if a.len() == b.len() {
        a.get(1..) == b.get(1..)
            || matches!((a, b), ([x0, x1, ar @ ..], [y0, y1, br @ ..]) if x0 == y1 && x1 == y0 && ar == br)
    } else {
        Some(a) == b.get(1..)
    }
}

/// The canonical spelling of a transcription variant; a long variant
/// (seven letters or more: "mohammed", "hussein") also with one typo
/// ("mohammaz", "moammed"), since a typo must not separate it from its
/// canonical form.
fn canonical(word: &str) -> &str {
    if let Some((_, c)) = TRANSCRIPTIONS
        .iter()
        .find(|(spellings, c)| *c == word || spellings.contains(&word))
    {
        return c;
    }
    if let Some(first) = word
        .as_bytes()
        .first()
        .filter(|_| word.len() >= 7 && word.is_ascii())
    {
        for (spellings, c) in TRANSCRIPTIONS {
            let near = spellings
                .iter()
                .chain(std::iter::once(c))
                .filter(|v| v.len() >= 7 && v.as_bytes().first() == Some(first))
                .any(|v| one_edit_apart(v.as_bytes(), word.as_bytes()));
            if near {
                return c;
            }
        }
    }
    word
}

/// Splits and canonicalises transcription variants of Arabic names.
fn transcribe(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        // "aabdul", "abdull": a typo of a whole "abdul" is still "abd al".
        let typo = w.len() >= 5
            && w.len() <= 6
            && ABD_AL
                .iter()
                .any(|p| one_edit_apart(p.as_bytes(), w.as_bytes()));
        if typo && !ABD_AL.contains(&w.as_str()) && w.starts_with('a') {
            out.push("abd".to_string());
            out.push("al".to_string());
            continue;
        }
        let prefix = ABD_AL.iter().find(|p| w.starts_with(*p));
        match prefix {
            Some(p) if w.len() == p.len() || w.len() >= p.len().saturating_add(3) => {
                out.push("abd".to_string());
                out.push("al".to_string());
                if let Some(name) = w.get(p.len()..).filter(|n| !n.is_empty()) {
                    out.push(canonical(name).to_string());
                }
            }
            _ => out.push(canonical(&w).to_string()),
        }
    }
    out
}

/// Legal forms: the spellings (as folded tokens) and their canonical form.
/// Equivalent forms across languages share one canonical name.
const FORMS: &[(&[&str], &str)] = &[
    (&["limited", "liability", "company"], "llc"),
    (
        &["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"],
        "llc",
    ),
    (&["gesellschaft", "mit", "beschrankter", "haftung"], "llc"),
    (&["public", "joint", "stock", "company"], "pjsc"),
    (&["closed", "joint", "stock", "company"], "cjsc"),
    (&["open", "joint", "stock", "company"], "ojsc"),
    (&["joint", "stock", "company"], "jsc"),
    (&["aktsionernoye", "obshchestvo"], "jsc"),
    (&["societe", "anonyme"], "sa"),
    (&["societa", "per", "azioni"], "sa"),
    (&["sociedad", "anonima"], "sa"),
    (&["public", "limited", "company"], "plc"),
    (&["limited", "partnership"], "lp"),
    (&["aktiengesellschaft"], "ag"),
    (&["llc"], "llc"),
    (&["ooo"], "llc"),
    (&["gmbh"], "llc"),
    (&["sarl"], "llc"),
    (&["srl"], "llc"),
    (&["bv"], "llc"),
    (&["tov"], "llc"),
    (&["jsc"], "jsc"),
    (&["ao"], "jsc"),
    (&["pjsc"], "pjsc"),
    (&["pao"], "pjsc"),
    (&["cjsc"], "cjsc"),
    (&["zao"], "cjsc"),
    (&["ojsc"], "ojsc"),
    (&["oao"], "ojsc"),
    (&["ag"], "ag"),
    (&["sa"], "sa"),
    (&["spa"], "sa"),
    (&["nv"], "sa"),
    (&["ltd"], "ltd"),
    (&["limited"], "ltd"),
    (&["plc"], "plc"),
    (&["inc"], "inc"),
    (&["incorporated"], "inc"),
    (&["corp"], "inc"),
    (&["corporation"], "inc"),
    (&["co"], "co"),
    (&["company"], "co"),
    (&["llp"], "llp"),
    (&["lp"], "lp"),
    (&["kg"], "kg"),
    (&["se"], "se"),
    (&["fze"], "fze"),
    (&["fzco"], "fze"),
    (&["pte"], "pte"),
    (&["pvt"], "pvt"),
    (&["pty"], "pty"),
];

/// The canonical legal form a misspelt long form word stands for
/// ("copmany", "coprorations", "limted").
fn misspelt_form(word: &str) -> Option<&'static str> {
    // Jaro-Winkler ≥ 0.9 needs a Jaro ≥ 0.83, so the shorter word at least
    // half as long as the longer (no form word has fewer than 5 letters):
    // the length test first keeps this off the hot path of every name.
    let n = word.len();
    if n < 4 {
        return None;
    }
    FORMS
        .iter()
        .filter_map(|(sp, canonical)| match *sp {
            [single] if single.len() >= 5 => Some((*single, *canonical)),
            _ => None,
        })
        .filter(|(sp, _)| sp.len().abs_diff(n).saturating_mul(2) <= sp.len().max(n))
        .find(|(sp, _)| strsim::jaro_winkler(sp, word) >= 0.9)
        .map(|(_, canonical)| canonical)
}

/// Normalises a name into tokens and legal forms. Forms are recognised at
/// the start or the end of a name only (where they stand in company names),
/// and only while other tokens remain (a company called "Limited" keeps its
/// name).
pub fn normalize(name: &str) -> NormName {
    let long = name
        .chars()
        .filter(|c| !is_invisible(*c))
        .nth(MAX_NAME_CHARS)
        .is_some();
    let folded = fold(name);
    // Honorifics and generational suffixes carry no identity.
    let words: Vec<String> = folded
        .split_whitespace()
        .filter(|w| !matches!(*w, "jr" | "sr" | "ii" | "iii" | "iv" | "mr" | "mrs" | "ms"))
        .take(MAX_TOKENS * 2)
        .map(str::to_string)
        .collect();
    let mut owned = transcribe(words);
    let mut truncated = long || owned.len() > MAX_TOKENS;
    owned.truncate(MAX_TOKENS);
    for w in owned.iter_mut() {
        if let Some((cut, _)) = w.char_indices().nth(MAX_TOKEN_CHARS) {
            w.truncate(cut);
            truncated = true;
        }
    }
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut forms = Vec::new();
    // The words between the forms found at the front and at the back.
    let mut rest: &[&str] = &words;
    'front: loop {
        for (spelling, canonical) in FORMS {
            if rest.len() > spelling.len() {
                if let Some(after) = rest.strip_prefix(*spelling) {
                    forms.push(*canonical);
                    rest = after;
                    continue 'front;
                }
            }
        }
        if let Some((first, after)) = rest.split_first().filter(|(_, after)| !after.is_empty()) {
            if let Some(canonical) = misspelt_form(first) {
                forms.push(canonical);
                rest = after;
                continue 'front;
            }
        }
        break;
    }
    'back: loop {
        for (spelling, canonical) in FORMS {
            if rest.len() > spelling.len() {
                if let Some(before) = rest.strip_suffix(*spelling) {
                    forms.push(*canonical);
                    rest = before;
                    continue 'back;
                }
            }
        }
        if let Some((last, before)) = rest.split_last().filter(|(_, before)| !before.is_empty()) {
            if let Some(canonical) = misspelt_form(last) {
                forms.push(canonical);
                rest = before;
                continue 'back;
            }
        }
        break;
    }
    NormName {
        tokens: rest.iter().map(|w| w.to_string()).collect(),
        forms,
        truncated,
    }
}
