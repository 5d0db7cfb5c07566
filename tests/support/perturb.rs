//! Test data shared by `tests/screening.rs` and `scripts/bench_screening.rs`:
//! perturbations of list names as screening meets them, and invented
//! names that are on no list.

/// Deterministic perturbations of real list names, as screening meets them
/// (set A: the class is chosen by the entry's position), with the class.
pub fn perturb_a(name: &str, person: bool, i: usize) -> Option<(String, &'static str)> {
    let class = CLASSES_A[i % CLASSES_A.len()];
    let q = match class {
        "short token, two edits" => two_edits_in_short_token(name, i),
        "legal form moved or misspelt" if !person => move_or_misspell_form(name, i),
        "transcription variant" => transcription_variant(name, i),
        "diacritics" => Some(add_diacritics(name, i)),
        "invisible or look-alike characters" => Some(hide(name, i)),
        _ => basic(name, person, i),
    }?;
    (q != name).then_some((q, class))
}

const CLASSES_A: &[&str] = &[
    "typo",
    "order",
    "dropped middle name or short form",
    "case",
    "added form",
    "short token, two edits",
    "legal form moved or misspelt",
    "transcription variant",
    "diacritics",
    "invisible or look-alike characters",
];

fn basic(name: &str, person: bool, i: usize) -> Option<String> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    match i % 5 {
        0 => {
            // a typo: two adjacent letters swapped in the longest token
            let (pos, t) = tokens.iter().enumerate().max_by_key(|(_, t)| t.len())?;
            if t.chars().count() < 5 {
                return None;
            }
            let mut c: Vec<char> = t.chars().collect();
            c.swap(2, 3);
            let mut out = tokens.clone();
            let swapped: String = c.into_iter().collect();
            out[pos] = &swapped;
            Some(out.join(" "))
        }
        1 if tokens.len() >= 2 => Some(tokens.iter().rev().copied().collect::<Vec<_>>().join(" ")),
        // a dropped middle name (persons) or a shortened legal form (entities)
        2 if person && tokens.len() >= 3 => {
            Some(format!("{} {}", tokens[0], tokens[tokens.len() - 1]))
        }
        2 if !person => Some(
            name.replace("COMPANY", "CO.")
                .replace("CORPORATION", "CORP.")
                .replace("LIMITED", "LTD"),
        ),
        3 => Some(name.to_lowercase()),
        4 => Some(format!("{} LLC", name)),
        _ => None,
    }
}

/// Names of people and companies that are not on the list: combinations of
/// common European given names, surnames and company words.
pub fn invented_names() -> Vec<String> {
    let given = [
        "Anna", "Lukas", "Marie", "Pierre", "Sofia", "Jan", "Elena", "Tomas", "Ingrid", "Mateo",
        "Chloé", "Piotr", "Greta", "Hugo", "Ana",
    ];
    let family = [
        "Schmidt",
        "Dubois",
        "Rossi",
        "Kowalski",
        "Jansen",
        "Novak",
        "García",
        "Lindqvist",
        "Moreau",
        "Weber",
        "Horvat",
        "Silva",
        "Berg",
        "Keller",
    ];
    let companies = [
        "Nordlicht Logistik GmbH",
        "Alpina Sensorik AG",
        "Baltic Freight Services Ltd",
        "Iberia Data Systems SL",
        "Rhein Maschinenbau KG",
        "Vltava Software s.r.o.",
        "Helios Medical BV",
        "Aurora Analytics Oy",
    ];
    let mut out: Vec<String> = given
        .iter()
        .flat_map(|g| family.iter().map(move |f| format!("{g} {f}")))
        .collect();
    out.extend(companies.iter().map(|c| c.to_string()));
    out
}

/// Two edits (a replaced letter and two swapped letters) in a token of 4 to
/// 6 letters of a name of several tokens.
fn two_edits_in_short_token(name: &str, i: usize) -> Option<String> {
    let mut tokens: Vec<String> = name.split_whitespace().map(str::to_string).collect();
    if tokens.len() < 2 {
        return None;
    }
    let pos = tokens
        .iter()
        .position(|t| (4..=6).contains(&t.chars().count()) && t.chars().all(char::is_alphabetic))?;
    let mut c: Vec<char> = tokens[pos].chars().collect();
    let n = c.len();
    c[1 + i % (n - 1)] = if c[1 + i % (n - 1)] == 'X' { 'Q' } else { 'X' };
    c.swap(n - 2, n - 1);
    tokens[pos] = c.into_iter().collect();
    Some(tokens.join(" "))
}

const FORM_WORDS: &[(&str, &str)] = &[
    ("COMPANY", "COMAPNY"),
    ("CORPORATION", "CORPORATOIN"),
    ("LIMITED", "LIMTED"),
    ("INCORPORATED", "INCORPROATED"),
    ("LTD", "LTD."),
    ("LLC", "L.L.C."),
];

/// A legal form moved to the front, or misspelt where it stands.
fn move_or_misspell_form(name: &str, i: usize) -> Option<String> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let pos = tokens
        .iter()
        .position(|t| FORM_WORDS.iter().any(|(f, _)| t.eq_ignore_ascii_case(f)))?;
    let mut out: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
    if i.is_multiple_of(2) && pos == tokens.len() - 1 {
        let form = out.remove(pos);
        out.insert(0, form);
    } else {
        let (_, wrong) = FORM_WORDS
            .iter()
            .find(|(f, _)| tokens[pos].eq_ignore_ascii_case(f))?;
        out[pos] = wrong.to_string();
    }
    Some(out.join(" "))
}

const VARIANTS: &[&[&str]] = &[
    &[
        "MOHAMMED", "MUHAMMAD", "MOHAMAD", "MOHAMED", "MOHAMMAD", "MUHAMMED",
    ],
    &["AHMED", "AHMAD"],
    &["HUSSEIN", "HUSAIN", "HUSSAIN", "HOSSEIN"],
    &["HASSAN", "HASAN"],
    &["YOUSEF", "YUSUF", "YOUSSEF"],
    &["OMAR", "UMAR"],
    &["ABDUL", "ABD AL", "ABDEL"],
    &["ABDULLAH", "ABDALLAH"],
    &["AL-", "EL-"],
    &["KHALID", "KHALED"],
];

/// Another Latin transcription of an Arabic name (Mohammed/Muhammad,
/// Abd al/Abdul, al-/el-).
fn transcription_variant(name: &str, i: usize) -> Option<String> {
    let upper = format!(" {} ", name.to_uppercase());
    for group in VARIANTS {
        for (k, v) in group.iter().enumerate() {
            // A word (or "AL-" at the start of a word) written this way.
            let needle = if v.ends_with('-') {
                format!(" {v}")
            } else {
                format!(" {v} ")
            };
            if upper.contains(&needle) {
                let other = group[(k + 1 + i % (group.len() - 1)) % group.len()];
                let with = if v.ends_with('-') {
                    format!(" {other}")
                } else {
                    format!(" {other} ")
                };
                return Some(upper.replacen(&needle, &with, 1).trim().to_string());
            }
        }
    }
    None
}

/// Letters written with diacritics, as in Vietnamese or Turkish spellings.
fn add_diacritics(name: &str, i: usize) -> String {
    const MARKS: &[(char, &[char])] = &[
        ('a', &['á', 'ă', 'â', 'ạ', 'ả', 'ấ']),
        ('e', &['é', 'ê', 'ệ', 'ẽ']),
        ('o', &['ó', 'ô', 'ơ', 'ộ', 'ö']),
        ('u', &['ú', 'ư', 'ụ', 'ü']),
        ('i', &['í', 'ị', 'ĩ']),
        ('d', &['đ']),
        ('n', &['ñ']),
        ('s', &['ş']),
    ];
    name.to_lowercase()
        .chars()
        .enumerate()
        .map(|(k, c)| match MARKS.iter().find(|(b, _)| *b == c) {
            Some((_, m)) if (k + i).is_multiple_of(2) => m[(k + i) % m.len()],
            _ => c,
        })
        .collect()
}

/// Zero-width and bidi characters inside words, and a Cyrillic look-alike
/// letter in a Latin word.
fn hide(name: &str, i: usize) -> String {
    const HIDDEN: &[char] = &[
        '\u{200b}', '\u{200d}', '\u{ad}', '\u{2060}', '\u{200e}', '\u{feff}',
    ];
    let mut out = String::new();
    for (k, c) in name.chars().enumerate() {
        let c = match c {
            'a' if k % 3 == i % 3 => 'а',
            'o' if k % 3 == i % 3 => 'о',
            'A' if k % 3 == i % 3 => 'А',
            'O' if k % 3 == i % 3 => 'О',
            c => c,
        };
        out.push(c);
        if k % 4 == 2 && c.is_alphabetic() {
            out.push(HIDDEN[(k + i) % HIDDEN.len()]);
        }
    }
    out
}

/// xorshift64*: the second set's generator.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Set B: a different generator with its own seed: each name gets one or
/// two perturbations drawn at random from all classes (random positions,
/// random letters), so its figure is not tuned to set A.
pub fn perturb_b(name: &str, person: bool, rng: &mut Rng) -> Option<(String, &'static str)> {
    let mut q = name.to_string();
    let mut class = "";
    for _ in 0..1 + rng.below(2) {
        let pick = rng.below(9);
        let next = match pick {
            0 => {
                // one random edit in the longest token
                let mut tokens: Vec<String> = q.split_whitespace().map(str::to_string).collect();
                let pos = (0..tokens.len()).max_by_key(|k| tokens[*k].chars().count())?;
                let mut c: Vec<char> = tokens[pos].chars().collect();
                if c.len() < 5 {
                    continue;
                }
                let at = 1 + rng.below(c.len() - 1);
                match rng.below(3) {
                    0 => {
                        c.remove(at);
                    }
                    1 => c.insert(at, c[at - 1]),
                    _ => c[at] = (b'A' + rng.below(26) as u8) as char,
                }
                tokens[pos] = c.into_iter().collect();
                class = "typo";
                Some(tokens.join(" "))
            }
            1 => {
                let mut tokens: Vec<&str> = q.split_whitespace().collect();
                if tokens.len() < 2 {
                    continue;
                }
                let a = rng.below(tokens.len());
                let b = rng.below(tokens.len());
                tokens.swap(a, b);
                class = "order";
                Some(tokens.join(" "))
            }
            2 if person => {
                let tokens: Vec<&str> = q.split_whitespace().collect();
                if tokens.len() < 3 {
                    continue;
                }
                let drop = 1 + rng.below(tokens.len() - 2);
                class = "dropped middle name";
                Some(
                    tokens
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| *k != drop)
                        .map(|(_, t)| *t)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            }
            3 => {
                class = "short token, two edits";
                two_edits_in_short_token(&q, rng.below(100))
            }
            4 if !person => {
                class = "legal form moved or misspelt";
                move_or_misspell_form(&q, rng.below(100))
            }
            5 => {
                class = "transcription variant";
                transcription_variant(&q, rng.below(100))
            }
            6 => {
                class = "diacritics";
                Some(add_diacritics(&q, rng.below(100)))
            }
            7 => {
                class = "invisible or look-alike characters";
                Some(hide(&q, rng.below(100)))
            }
            _ => {
                class = "case and punctuation";
                Some(
                    q.to_lowercase()
                        .replace(' ', if rng.below(2) == 0 { "  " } else { ", " }),
                )
            }
        };
        if let Some(n) = next {
            q = n;
        }
    }
    (q != name && !class.is_empty()).then_some((q, class))
}

/// Set B's negatives: names from many naming traditions and invented
/// company names, combined by the seeded generator.
pub fn invented_names_b(rng: &mut Rng, n: usize) -> Vec<String> {
    let given = [
        "Haruto",
        "Mei",
        "Wei",
        "Li Na",
        "Sanjay",
        "Priya",
        "Kwame",
        "Amara",
        "Thiago",
        "Valentina",
        "Olga",
        "Dmitri",
        "Aylin",
        "Emre",
        "Leila",
        "Karim",
        "Yara",
        "Tomasz",
        "Freya",
        "Lars",
        "Nguyen Thi",
        "Minh",
        "Siosaia",
        "Aroha",
        "Ines",
        "Joao",
    ];
    let family = [
        "Takahashi",
        "Wang",
        "Zhou",
        "Raman",
        "Iyer",
        "Mensah",
        "Okafor",
        "Pereira",
        "Gomez",
        "Ivanova",
        "Sokolov",
        "Demir",
        "Benali",
        "Amrani",
        "Novakova",
        "Hansen",
        "Tran",
        "Fonua",
        "Ngata",
        "Carvalho",
        "Lindgren",
        "Marchetti",
    ];
    let words = [
        "Lumen",
        "Vireo",
        "Kestrel",
        "Orbis",
        "Tessel",
        "Quill",
        "Brightwater",
        "Solace",
        "Harbor",
        "Meridian",
        "Cobalt",
        "Juniper",
    ];
    let kinds = [
        "Systems",
        "Logistics",
        "Foods",
        "Analytics",
        "Textiles",
        "Robotics",
    ];
    let forms = ["GmbH", "Ltd", "S.A.", "Oy", "K.K.", "Pty Ltd", "LLC"];
    (0..n)
        .map(|k| {
            if k % 4 == 3 {
                format!(
                    "{} {} {}",
                    words[rng.below(words.len())],
                    kinds[rng.below(kinds.len())],
                    forms[rng.below(forms.len())]
                )
            } else {
                format!(
                    "{} {}",
                    given[rng.below(given.len())],
                    family[rng.below(family.len())]
                )
            }
        })
        .collect()
}

/// One query of a perturbation set: the perturbed name, the entry it must
/// find, and the class of perturbation.
pub struct Case {
    pub query: String,
    pub entry_id: String,
    pub class: &'static str,
}

/// Set A over a list's entries, given as (first name, is a person, id).
pub fn set_a<'a>(entries: impl Iterator<Item = (&'a str, bool, &'a str)>) -> Vec<Case> {
    entries
        .enumerate()
        .filter_map(|(i, (name, person, id))| {
            perturb_a(name, person, i).map(|(query, class)| Case {
                query,
                entry_id: id.to_string(),
                class,
            })
        })
        .collect()
}

/// Set B over the same entries: each entry gets two random perturbations
/// from the seeded generator.
pub fn set_b<'a>(entries: impl Iterator<Item = (&'a str, bool, &'a str)>, seed: u64) -> Vec<Case> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for (name, person, id) in entries {
        for _ in 0..2 {
            if let Some((query, class)) = perturb_b(name, person, &mut rng) {
                out.push(Case {
                    query,
                    entry_id: id.to_string(),
                    class,
                });
            }
        }
    }
    out
}

/// The seed of set B (a different generator and seed from set A).
pub const SEED_B: u64 = 0x5eed_b0b5_1234_abcd;
