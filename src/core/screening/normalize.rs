//! Name normalisation for screening: case folding, diacritics, Cyrillic and
//! Greek transliteration (small hand-written tables, no whole-Unicode
//! tables), punctuation, and legal forms recognised as forms rather than as
//! name tokens. Scripts without a table (Arabic, Han, …) are kept and
//! compared in their own script.

/// A normalised name: its name tokens and the legal forms found in it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NormName {
    pub tokens: Vec<String>,
    /// Canonical legal forms (e.g. "llc" for LLC, OOO, "limited liability company").
    pub forms: Vec<&'static str>,
}

/// Maps one lower-case character to its Latin (ASCII) spelling, or None to
/// keep it as it is.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        // Cyrillic (a simplified BGN/PCGN-style romanisation)
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ґ' => "g",
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
        // Greek (ELOT 743-style, simplified)
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

/// Folds text to lower-case Latin where a table exists; punctuation and
/// symbols become spaces, except apostrophes and dots inside a word, which
/// are dropped ("O'Brien" → "obrien", "S.p.A." → "spa").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut skip = false;
    for (i, &c) in chars.iter().enumerate() {
        if skip {
            skip = false;
            continue;
        }
        // Greek "ου" is one sound: "ou".
        if matches!(c, 'ο' | 'Ο')
            && chars
                .get(i + 1)
                .is_some_and(|n| matches!(n, 'υ' | 'ύ' | 'Υ'))
        {
            out.push_str("ou");
            skip = true;
            continue;
        }
        for lc in c.to_lowercase() {
            if lc.is_ascii_alphanumeric() {
                out.push(lc);
            } else if let Some(s) = latin(lc) {
                out.push_str(s);
            } else if matches!(lc, '\'' | '’' | '`' | '.' | '\u{2bc}') {
                let inside = i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                if !inside {
                    out.push(' ');
                }
            } else if lc.is_alphanumeric() {
                out.push(lc); // another script: compared as it is
            } else if is_combining(lc) {
                // a combining mark (decomposed diacritic): dropped
            } else {
                out.push(' ');
            }
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
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

/// Normalises a name into tokens and legal forms. Forms are recognised at
/// the start or the end of a name only (where they stand in company names),
/// and only while other tokens remain (a company called "Limited" keeps its
/// name).
pub fn normalize(name: &str) -> NormName {
    let folded = fold(name);
    // Honorifics and generational suffixes carry no identity.
    let owned: Vec<&str> = folded
        .split_whitespace()
        .filter(|w| !matches!(*w, "jr" | "sr" | "ii" | "iii" | "iv" | "mr" | "mrs" | "ms"))
        .collect();
    let words: &[&str] = &owned;
    let mut forms = Vec::new();
    let mut start = 0;
    let mut end = words.len();
    'front: loop {
        for (spelling, canonical) in FORMS {
            if words[start..end].starts_with(spelling) && end - start > spelling.len() {
                forms.push(*canonical);
                start += spelling.len();
                continue 'front;
            }
        }
        break;
    }
    'back: loop {
        for (spelling, canonical) in FORMS {
            if words[start..end].ends_with(spelling) && end - start > spelling.len() {
                forms.push(*canonical);
                end -= spelling.len();
                continue 'back;
            }
        }
        // A misspelt long form word ("copmany", "coprorations") is still a form.
        if end - start > 1 {
            let last = words[end - 1];
            let near = FORMS
                .iter()
                .filter(|(sp, _)| sp.len() == 1 && sp[0].len() >= 5)
                .find(|(sp, _)| strsim::jaro_winkler(sp[0], last) >= 0.9);
            if let Some((_, canonical)) = near {
                forms.push(*canonical);
                end -= 1;
                continue 'back;
            }
        }
        break;
    }
    NormName {
        tokens: words[start..end].iter().map(|w| w.to_string()).collect(),
        forms,
    }
}
