//! Test data shared by `tests/screening.rs` and `scripts/bench_screening.rs`:
//! perturbations of list names as screening meets them, and invented
//! names that are on no list.

/// Deterministic perturbations of real list names, as screening meets them.
pub fn perturb(name: &str, person: bool, i: usize) -> Option<String> {
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
