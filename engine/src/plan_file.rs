//! The plan file (docs/plan-file.md): one JSON document
//! `{"format": "samplan-plan", "version": 4, "plan": {…}}` holding the whole [`Plan`]: the
//! working draft, and in `plan.versions` its frozen versions as whole copies.
//! Decimals are JSON strings (`"19038000"`), never floats.
//!
//! [`plan_from_json`] checks the format name and the version before reading the plan: an
//! unknown format or a newer version is refused with a Swedish message and nothing is read;
//! version 1 (an older, simpler shape, below) is migrated; version 2 (no per-year keys) reads
//! as version 3 with its plan-wide key in force every year; a version 3 plan (no versions) is
//! the working draft of a version 4 plan. JSON errors carry
//! the line and column.
//!
//! Version 1 (samplan 0.x) looked like this — Swedish keys, one total per year, lines without
//! ids, amounts as whole numbers or strings:
//!
//! ```json
//! {"format": "samplan-plan", "version": 1, "plan": {
//!   "namn": "…", "år": [2024], "medelstilldelning": {"2024": 19038000},
//!   "nyckel": "Belopp", "avrundning": "each",
//!   "medlemmar": [{"namn": "Arboga", "typ": "Kommun", "belopp": 236975}],
//!   "poster": [{"konto": "1003", "namn": "Kansli", "kategori": "Kansli",
//!               "belopp": {"2024": 2244000}, "utfall": {"2024": 1756872}}],
//!   "ingående_eget_kapital": 427565, "kapitaltillskott": {"2024": 3519143},
//!   "tak_procent": 20, "golv": 500000}}
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::plan::{BudgetLine, Plan, Year};

/// The `format` name of a plan file.
pub(crate) const PLAN_FORMAT: &str = "samplan-plan";
/// The current plan file version (written by [`plan_to_json`]).
pub(crate) const PLAN_VERSION: u64 = 4;

/// Why a plan file cannot be opened. Nothing of the file is used when this happens.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PlanFileError {
    /// Not valid JSON.
    #[error("filen är inte giltig JSON (rad {line}, kolumn {column}): {message}")]
    Json {
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// No `format` field: not a samplan plan.
    #[error("filen är ingen samplan-plan (fältet \"format\" saknas)")]
    MissingFormat,
    /// Another format.
    #[error("filen är ingen samplan-plan (formatet är \"{found}\", väntade \"samplan-plan\")")]
    UnknownFormat {
        /// The format name found.
        found: String,
    },
    /// No usable `version`.
    #[error("filen saknar ett giltigt versionsnummer")]
    MissingVersion,
    /// Written by a newer samplan.
    #[error("filen är från en nyare version av samplan (version {version}); uppdatera samplan")]
    TooNew {
        /// The file's version.
        version: u64,
    },
    /// Version 0 or otherwise unknown.
    #[error("filens version {version} är okänd")]
    UnknownVersion {
        /// The file's version.
        version: u64,
    },
    /// Valid JSON, but the plan does not have the expected shape.
    #[error("planen i filen är felaktig (rad {line}, kolumn {column}): {message}")]
    Invalid {
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Inconsistent content (e.g. the same id twice).
    #[error("planen i filen är felaktig: {0}")]
    Inconsistent(String),
    /// A version 1 file that cannot be migrated.
    #[error("filen (version 1) kan inte läsas: {0}")]
    Migration(String),
    /// A value outside the input bounds (docs/bounds.md), with its place.
    #[error("planen i filen är felaktig: {0}")]
    OutOfBounds(crate::validate::FieldError),
    /// A number written with an exponent (`"1E+12"`) or as a JSON decimal number: refused like
    /// in CSV and on the command line (docs/plan-file.md).
    #[error(
        "planen i filen är felaktig: fältet {field} har värdet {text}, som inte är ett tal med bara siffror; \
         skriv talet utan exponent, som text med decimalpunkt (t.ex. \"1000000000000\")"
    )]
    NotPlainNumber {
        /// Where the value is (`plan.lines[0].amounts.2026`).
        field: String,
        /// The value as written in the file.
        text: String,
    },
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u64,
    plan: &'a Plan,
}

#[derive(Deserialize)]
struct EnvelopeV2 {
    plan: Plan,
}

#[derive(Deserialize)]
struct EnvelopeV1 {
    plan: v1::PlanV1,
}

/// Writes the plan file (pretty JSON, current version).
pub fn plan_to_json(plan: &Plan) -> String {
    plan_json(plan, true)
}

/// The plan file of [`plan_to_json`] without the indentation and line breaks (the same JSON
/// value, read by every plan file reader: whitespace between JSON tokens means nothing). For
/// the browser's storage, where the indentation of a large plan is a third of its size and
/// the space is small (docs/app.md "Lagring").
pub fn plan_to_json_compact(plan: &Plan) -> String {
    plan_json(plan, false)
}

fn plan_json(plan: &Plan, pretty: bool) -> String {
    // A formula whose amount was since set another way is stale: it is not saved.
    let cleaned;
    let plan = if plan.lines.iter().any(BudgetLine::has_stale_formula) {
        let mut p = plan.clone();
        for l in &mut p.lines {
            let fresh: Vec<Year> = l
                .formulas
                .keys()
                .copied()
                .filter(|y| l.formula(*y).is_some())
                .collect();
            l.formulas.retain(|y, _| fresh.contains(y));
        }
        cleaned = p;
        &cleaned
    } else {
        plan
    };
    let env = EnvelopeOut {
        format: PLAN_FORMAT,
        version: PLAN_VERSION,
        plan,
    };
    // A Plan has only string/integer map keys, no floats and decimals as strings, and a String
    // cannot fail to take bytes: serialisation cannot fail (the fallback is never taken).
    if pretty {
        serde_json::to_string_pretty(&env).unwrap_or_default()
    } else {
        serde_json::to_string(&env).unwrap_or_default()
    }
}

fn json_error(e: &serde_json::Error) -> PlanFileError {
    json_error_in(e, "")
}

/// A JSON error as a Swedish [`PlanFileError`]. For a value of the wrong shape (serde's
/// `Data` errors, whose text is English) the message names the field nearest before the
/// error's position in `text` and says in Swedish what is wrong with the value.
fn json_error_in(e: &serde_json::Error, text: &str) -> PlanFileError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => PlanFileError::Invalid {
            line: e.line(),
            column: e.column(),
            message: data_message(&e.to_string(), field_before(text, e.line(), e.column())),
        },
        Category::Eof => PlanFileError::Json {
            line: e.line(),
            column: e.column(),
            message: "filen tar slut för tidigt".to_string(),
        },
        _ => PlanFileError::Json {
            line: e.line(),
            column: e.column(),
            message: syntax_message(&e.to_string()),
        },
    }
}

/// The JSON key nearest before (line, column) of `text`, if any.
fn field_before(text: &str, line: usize, column: usize) -> Option<String> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let end = start.saturating_add(column).min(text.len());
    let before = text.get(..end).or_else(|| text.get(..start))?;
    // The last `"key":` before the position.
    let colon = before.rfind("\":")?;
    let open = before.get(..colon)?.rfind('"')?;
    before
        .get(open.saturating_add(1)..colon)
        .map(|k| k.to_string())
}

/// The Swedish name of a plan-file field, for messages.
fn field_label(key: &str) -> String {
    let label = match key {
        "population" => "invånare",
        "percent" => "andel",
        "amount" => "belopp",
        "amounts" => "budgetbelopp",
        "ytd" => "utfall hittills",
        "final_amount" => "utfall",
        "capital_contribution" => "kapitaltillskott",
        "actual_result" => "faktiskt resultat",
        "requested" => "äskande",
        "opening_equity" => "ingående eget kapital",
        "equity_ceiling_percent" => "tak för eget kapital",
        "equity_floor" => "golv för eget kapital",
        "expected_next_funding" => "förväntad medelstilldelning",
        "värde" | "funding" => "medelstilldelning",
        "weight" => "vikt",
        "name" => "namn",
        "years" => "år",
        "next_id" => "nästa id",
        "first_year" => "första år",
        "last_year" => "sista år",
        "staten" | "region" | "kommuner" => return format!("andel för {key}"),
        other => other,
    };
    label.to_string()
}

/// Swedish text for serde's English data errors.
fn data_message(english: &str, field: Option<String>) -> String {
    let english = english.split(" at line ").next().unwrap_or_default();
    let quoted = |after: &str| -> String {
        english
            .split_once(after)
            .and_then(|(_, rest)| rest.split(['`', '"']).nth(1))
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect()
    };
    let what = if english.contains("expected a Decimal") {
        "talet är för stort eller inget giltigt tal".to_string()
    } else if english.starts_with("invalid value: integer") && english.contains('-') {
        format!("talet får inte vara negativt ({})", quoted("integer"))
    } else if english.starts_with("invalid value: integer") {
        format!("talet är för stort ({})", quoted("integer"))
    } else if english.starts_with("invalid type: floating point") {
        "talet är för stort eller inget heltal".to_string()
    } else if english.starts_with("invalid type") {
        "värdet har fel typ".to_string()
    } else if let Some(rest) = english.strip_prefix("missing field ") {
        return format!("fältet {} saknas", rest.replace('`', "\""));
    } else if english.starts_with("unknown variant") {
        format!("okänt värde \"{}\"", quoted("variant"))
    } else if let Some(rest) = english.strip_prefix("duplicate field ") {
        return format!("fältet {} finns två gånger", rest.replace('`', "\""));
    } else if english.starts_with("invalid length") {
        "fel antal värden".to_string()
    } else {
        "värdet har fel form".to_string()
    };
    match field {
        Some(f) => format!("fältet \"{}\": {what}", field_label(&f)),
        None => what,
    }
}

/// Swedish text for serde's English syntax errors.
fn syntax_message(english: &str) -> String {
    let english = english.split(" at line ").next().unwrap_or_default();
    match english {
        e if e.starts_with("expected value") => "ett värde väntades här".to_string(),
        e if e.starts_with("expected `,` or `}`") => "\",\" eller \"}\" väntades här".to_string(),
        e if e.starts_with("expected `,` or `]`") => "\",\" eller \"]\" väntades här".to_string(),
        e if e.starts_with("expected `:`") => "\":\" väntades här".to_string(),
        e if e.starts_with("trailing characters") => "text efter planens slut".to_string(),
        e if e.starts_with("key must be a string") => "en nyckel måste vara en sträng".to_string(),
        e if e.starts_with("control character") => "otillåtet tecken i en sträng".to_string(),
        e if e.starts_with("invalid escape") => "ogiltig escape-sekvens i en sträng".to_string(),
        e if e.starts_with("invalid number") || e.starts_with("number out of range") => {
            "ogiltigt eller för stort tal".to_string()
        }
        e if e.starts_with("EOF") => "filen tar slut för tidigt".to_string(),
        _ => "ogiltig JSON".to_string(),
    }
}

/// Reads a plan file: checks format and version, migrates version 1, refuses newer versions.
pub fn plan_from_json(text: &str) -> Result<Plan, PlanFileError> {
    // A byte order mark (Windows Notepad saves UTF-8 with one) is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let Some(obj) = value.as_object() else {
        return Err(PlanFileError::MissingFormat);
    };
    match obj.get("format") {
        None => return Err(PlanFileError::MissingFormat),
        Some(serde_json::Value::String(f)) if f == PLAN_FORMAT => {}
        Some(serde_json::Value::String(f)) => {
            return Err(PlanFileError::UnknownFormat { found: f.clone() })
        }
        Some(other) => {
            return Err(PlanFileError::UnknownFormat {
                found: other.to_string(),
            })
        }
    }
    let version = obj
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or(PlanFileError::MissingVersion)?;
    let plan = match version {
        // Version 2 has no per-year keys: its plan-wide key applies to every year, which is
        // what an empty `year_keys` means in version 3, so it reads unchanged.
        // Version 3 has no `versions`: the plan read is the working draft, with no frozen
        // versions (docs/plan-file.md).
        2..=4 => {
            let plan = serde_json::from_str::<EnvelopeV2>(text)
                .map_err(|e| json_error_in(&e, text))?
                .plan;
            // Read back through the writer's own text (no second serializer in the wasm).
            let again = serde_json::from_str::<serde_json::Value>(&plan_to_json(&plan));
            if let (Some(written), Some(read)) = (
                obj.get("plan"),
                again.ok().as_ref().and_then(|v| v.get("plan")),
            ) {
                refuse_exponents(written, read, &mut vec!["plan".to_string()])?;
            }
            plan
        }
        1 => {
            let env: EnvelopeV1 =
                serde_json::from_str(text).map_err(|e| json_error_in(&e, text))?;
            v1::migrate(env.plan)?
        }
        v if v > PLAN_VERSION => return Err(PlanFileError::TooNew { version: v }),
        v => return Err(PlanFileError::UnknownVersion { version: v }),
    };
    check(plan)
}

/// True for a number with an exponent: `1E+12`, `-2.5e3` (digits, sign, point and one `e`).
fn has_exponent(text: &str) -> bool {
    let t = text.trim();
    let Some((mantissa, exponent)) = t.split_once(['e', 'E']) else {
        return false;
    };
    let digits = |s: &str, extra: &[char]| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || extra.contains(&c))
    };
    digits(mantissa, &['+', '-', '.']) && digits(exponent, &['+', '-'])
}

/// Walks the file's `plan` as written and as read back (`read` is the plan serialised again):
/// where a number was read from text with an exponent, or from a JSON decimal number, the read
/// value differs from the written one, and the file is refused. Names and other text never
/// change in the round, so a line named "1E5" is not taken for a number.
fn refuse_exponents(
    written: &serde_json::Value,
    read: &serde_json::Value,
    path: &mut Vec<String>,
) -> Result<(), PlanFileError> {
    use serde_json::Value;
    let refuse = |path: &[String], text: String| PlanFileError::NotPlainNumber {
        field: path.join("."),
        text,
    };
    match (written, read) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if let Some(w) = b.get(k) {
                    path.push(k.clone());
                    refuse_exponents(v, w, path)?;
                    path.pop();
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                path.push(i.to_string());
                refuse_exponents(v, w, path)?;
                path.pop();
            }
        }
        (Value::String(s), Value::String(t)) if s != t && has_exponent(s) => {
            return Err(refuse(path, format!("\"{s}\"")));
        }
        (Value::Number(n), Value::String(_)) if n.is_f64() => {
            return Err(refuse(path, n.to_string()));
        }
        _ => {}
    }
    Ok(())
}

/// Checks the bounds of every value (including version 3's per-year settings, in
/// `validate_plan`), refuses duplicate ids, and repairs the year order and `next_id` so fresh
/// ids never collide.
fn check(mut plan: Plan) -> Result<Plan, PlanFileError> {
    let versions = std::mem::take(&mut plan.versions);
    let mut plan = check_content(plan)?;
    plan.versions = check_versions(versions)?;
    Ok(plan)
}

/// Checks the frozen versions: each version's plan as a plan of its own (without versions of
/// its own), ids once each, and the draft's `locked`/`draft_from` naming a version.
fn check_versions(
    mut versions: crate::versions::Versions,
) -> Result<crate::versions::Versions, PlanFileError> {
    let mut seen = BTreeSet::new();
    for v in &mut versions.list {
        if !seen.insert(v.id) {
            return Err(PlanFileError::Inconsistent(format!(
                "versionen med id {} finns två gånger",
                v.id.0
            )));
        }
        let inner = std::mem::take(&mut *v.plan);
        if !inner.versions.is_empty() {
            return Err(PlanFileError::Inconsistent(format!(
                "version {} innehåller egna versioner",
                v.id.0
            )));
        }
        *v.plan = check_content(inner)
            .map_err(|e| PlanFileError::Inconsistent(format!("version {}: {e}", v.id.0)))?;
        if let Some(d) = v.decision() {
            if !crate::versions::is_date(&d.date) {
                return Err(PlanFileError::Inconsistent(format!(
                    "version {}: beslutsdatumet \"{}\" är inget datum (ÅÅÅÅ-MM-DD)",
                    v.id.0, d.date
                )));
            }
        }
    }
    for id in [versions.locked, versions.draft_from].into_iter().flatten() {
        if !seen.contains(&id) {
            return Err(PlanFileError::Inconsistent(format!(
                "utkastet hänvisar till version {}, som inte finns",
                id.0
            )));
        }
    }
    Ok(versions)
}

/// [`check`] of one plan's own content (no versions).
fn check_content(mut plan: Plan) -> Result<Plan, PlanFileError> {
    validate_plan(&plan)?;
    let mut max_id = 0u32;
    let mut dup = |what: &str, ids: Vec<u32>| -> Result<(), PlanFileError> {
        let mut seen = BTreeSet::new();
        for id in ids {
            max_id = max_id.max(id);
            if !seen.insert(id) {
                return Err(PlanFileError::Inconsistent(format!(
                    "{what} med id {id} finns två gånger"
                )));
            }
        }
        Ok(())
    };
    dup("posten", plan.lines.iter().map(|l| l.id.0).collect())?;
    dup("medlemmen", plan.members.iter().map(|m| m.id.0).collect())?;
    dup("scenariot", plan.scenarios.iter().map(|s| s.id.0).collect())?;
    // Years in order, each once (a repair, not a refusal: nothing is lost).
    plan.years.sort_unstable();
    plan.years.dedup();
    plan.next_id = plan.next_id.max(max_id.saturating_add(1));
    Ok(plan)
}

/// Version 1 of the plan file and its migration to the current [`Plan`].
mod v1 {
    use super::*;
    use crate::allocation::{Key, KeyMethod, MemberKind, MemberRounding};
    use crate::money::Amount;
    use crate::parse::{parse_number, parse_percent};
    use crate::plan::{
        BudgetLine, Category, FundingInput, KeyValues, LineId, Member, MemberId, Outcome, Settings,
        Year, YearInput,
    };
    use rust_decimal::Decimal;

    /// A number in a v1 file: a JSON integer or a string.
    #[derive(Deserialize, Clone)]
    #[serde(untagged)]
    pub(super) enum Num {
        Int(i64),
        Text(String),
    }

    impl Num {
        fn decimal(&self, what: &str, percent: bool) -> Result<Decimal, PlanFileError> {
            match self {
                Num::Int(i) => Ok(Decimal::from(*i)),
                Num::Text(t) => {
                    let r = if percent {
                        parse_percent(t)
                    } else {
                        parse_number(t)
                    };
                    r.or_else(|_| t.trim().parse::<Decimal>()).map_err(|_| {
                        PlanFileError::Migration(format!("{what}: \"{t}\" är inget tal"))
                    })
                }
            }
        }
        fn amount(&self, what: &str) -> Result<Amount, PlanFileError> {
            self.decimal(what, false).map(Amount)
        }
    }

    #[derive(Deserialize)]
    pub(super) struct PlanV1 {
        namn: String,
        #[serde(rename = "år")]
        years: Vec<Year>,
        #[serde(default)]
        medelstilldelning: BTreeMap<Year, Num>,
        #[serde(default)]
        nyckel: Option<String>,
        #[serde(default)]
        avrundning: Option<String>,
        #[serde(default)]
        medlemmar: Vec<MemberV1>,
        #[serde(default)]
        poster: Vec<LineV1>,
        #[serde(default, rename = "ingående_eget_kapital")]
        opening: Option<Num>,
        #[serde(default)]
        kapitaltillskott: BTreeMap<Year, Num>,
        #[serde(default)]
        tak_procent: Option<Num>,
        #[serde(default)]
        golv: Option<Num>,
    }

    #[derive(Deserialize)]
    struct MemberV1 {
        namn: String,
        typ: String,
        #[serde(default, rename = "invånare")]
        population: Option<u64>,
        #[serde(default)]
        andel: Option<Num>,
        #[serde(default)]
        belopp: Option<Num>,
    }

    #[derive(Deserialize)]
    struct LineV1 {
        #[serde(default)]
        konto: Option<String>,
        namn: String,
        #[serde(default)]
        kategori: Option<String>,
        #[serde(default)]
        belopp: BTreeMap<Year, Num>,
        #[serde(default)]
        utfall: BTreeMap<Year, Num>,
        #[serde(default)]
        kommun: Option<String>,
        #[serde(default)]
        notering: Option<String>,
    }

    pub(super) fn migrate(v: PlanV1) -> Result<Plan, PlanFileError> {
        let mut settings = Settings {
            name: v.namn,
            ..Settings::default()
        };
        if let Some(k) = &v.nyckel {
            settings.kommun_key = match k.trim().to_lowercase().as_str() {
                "invånare" => Key::single(KeyMethod::Population),
                "andel" => Key::single(KeyMethod::Percent),
                "lika delar" => Key::single(KeyMethod::Equal),
                "belopp" => Key::Amount,
                other => {
                    return Err(PlanFileError::Migration(format!(
                        "okänd nyckel \"{other}\""
                    )))
                }
            };
        }
        if let Some(r) = &v.avrundning {
            settings.rounding = MemberRounding::parse(r).ok_or_else(|| {
                PlanFileError::Migration(format!("okänt avrundningssätt \"{r}\""))
            })?;
        }
        if let Some(t) = &v.tak_procent {
            settings.equity_ceiling_percent = t.decimal("tak_procent", true)?;
        }
        if let Some(g) = &v.golv {
            settings.equity_floor = Some(g.amount("golv")?);
        }
        let first = v.years.first().copied();
        let mut plan = Plan::empty(&settings.name, first.unwrap_or(2026), 0);
        plan.settings = settings;
        plan.years = v.years.clone();
        plan.year_inputs.clear();
        for (i, y) in v.years.iter().enumerate() {
            let funding = match v.medelstilldelning.get(y) {
                Some(n) => FundingInput::Total(n.amount(&format!("medelstilldelning {y}"))?),
                None if i == 0 => FundingInput::Total(Amount::ZERO),
                None => FundingInput::PreviousPlusPercent(Decimal::ZERO),
            };
            let capital_contribution = match v.kapitaltillskott.get(y) {
                Some(n) => n.amount(&format!("kapitaltillskott {y}"))?,
                None => Amount::ZERO,
            };
            plan.year_inputs.insert(
                *y,
                YearInput {
                    funding,
                    capital_contribution,
                    ..YearInput::default()
                },
            );
        }
        if let Some(o) = &v.opening {
            plan.opening_equity = o.amount("ingående_eget_kapital")?;
        }
        let mut next = 1u32;
        for m in v.medlemmar {
            let kind = MemberKind::parse(&m.typ).ok_or_else(|| {
                PlanFileError::Migration(format!("{}: okänd typ \"{}\"", m.namn, m.typ))
            })?;
            let values = KeyValues {
                population: m.population,
                percent: m
                    .andel
                    .as_ref()
                    .map(|a| a.decimal(&m.namn, true))
                    .transpose()?,
                amount: m.belopp.as_ref().map(|a| a.amount(&m.namn)).transpose()?,
            };
            let mut member = Member {
                id: MemberId(next),
                name: m.namn,
                kind,
                first_year: None,
                last_year: None,
                values: BTreeMap::new(),
            };
            next = next.checked_add(1).ok_or_else(|| {
                PlanFileError::Migration("för många medlemmar och poster".to_string())
            })?;
            if values != KeyValues::default() {
                member.values.insert(first.unwrap_or(2026), values);
            }
            plan.members.push(member);
        }
        for l in v.poster {
            let category = match &l.kategori {
                None => None,
                Some(c) if c.trim().is_empty() => None,
                Some(c) => Some(Category::parse(c).ok_or_else(|| {
                    PlanFileError::Migration(format!(
                        "posten \"{}\": okänd kategori \"{c}\"",
                        l.namn
                    ))
                })?),
            };
            let mut line = BudgetLine::new(LineId(next), l.namn.clone(), category);
            next = next.checked_add(1).ok_or_else(|| {
                PlanFileError::Migration("för många medlemmar och poster".to_string())
            })?;
            line.account = l.konto.filter(|k| !k.trim().is_empty());
            line.municipality = l.kommun.filter(|k| !k.trim().is_empty());
            line.note = l.notering.unwrap_or_default();
            for (y, n) in &l.belopp {
                line.amounts
                    .insert(*y, n.amount(&format!("posten \"{}\" {y}", l.namn))?);
            }
            for (y, n) in &l.utfall {
                let a = n.amount(&format!("utfall för \"{}\" {y}", l.namn))?;
                line.outcome.insert(
                    *y,
                    Outcome {
                        ytd: None,
                        final_amount: Some(a),
                        forecast: None,
                    },
                );
            }
            plan.lines.push(line);
        }
        plan.next_id = next;
        Ok(plan)
    }
}

/// Validates a plan that was read from a file: every value within the bounds (see
/// [`check_plan_bounds`](crate::check_plan_bounds)). The plan is refused as a whole, never half read.
pub fn validate_plan(plan: &Plan) -> Result<(), PlanFileError> {
    crate::validate::check_plan_bounds(plan).map_err(PlanFileError::OutOfBounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_empty_plan() {
        let p = Plan::empty("Test", 2026, 3);
        let json = plan_to_json(&p);
        assert!(json.contains("\"format\": \"samplan-plan\""));
        assert!(json.contains("\"version\": 4"));
        assert_eq!(plan_from_json(&json), Ok(p));
    }

    /// The compact text for the browser's storage is the same JSON value as the plan file,
    /// read back to the same plan, and smaller.
    #[test]
    fn compact_text_is_the_plan_file_without_whitespace() {
        let mut p = crate::example_plan();
        for l in &mut p.lines {
            l.note = format!("Notering för {}", l.name);
        }
        let pretty = plan_to_json(&p);
        let compact = plan_to_json_compact(&p);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&compact).unwrap(),
            serde_json::from_str::<serde_json::Value>(&pretty).unwrap()
        );
        assert_eq!(plan_from_json(&compact), Ok(p));
        assert!(
            compact.len() * 10 < pretty.len() * 7,
            "{} vs {}",
            compact.len(),
            pretty.len()
        );
    }

    #[test]
    fn refusals() {
        let cases = [
            (
                "{\"format\":\"samplan-plan\",\"version\":5,\"plan\":{}}",
                "filen är från en nyare version av samplan (version 5); uppdatera samplan",
            ),
            (
                "{\"format\":\"excel\",\"version\":1}",
                "filen är ingen samplan-plan (formatet är \"excel\", väntade \"samplan-plan\")",
            ),
            (
                "{\"version\":2}",
                "filen är ingen samplan-plan (fältet \"format\" saknas)",
            ),
            (
                "[1,2]",
                "filen är ingen samplan-plan (fältet \"format\" saknas)",
            ),
            (
                "{\"format\":\"samplan-plan\"}",
                "filen saknar ett giltigt versionsnummer",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                plan_from_json(text).map(|_| ()).unwrap_err().to_string(),
                want,
                "{text}"
            );
        }
    }

    /// Issue 21: `"1E+12"` was read as 10^12 while CSV and the CLI refuse exponents.
    #[test]
    fn numbers_with_exponents_are_refused_like_at_the_other_doors() {
        let mut p = Plan::empty("Exponent", 2026, 1);
        p.settings.name = "1E5".into(); // a name is text, never a number
        let json = plan_to_json(&p);
        assert_eq!(plan_from_json(&json), Ok(p.clone()));
        let field = "\"equity_ceiling_percent\": \"20\"";
        assert!(json.contains(field), "{json}");
        for (written, shown) in [
            ("\"2E+1\"", "\"2E+1\""),
            ("\"2.0e1\"", "\"2.0e1\""),
            ("2e1", "20.0"),
            ("20.5", "20.5"),
        ] {
            let text = json.replace(field, &format!("\"equity_ceiling_percent\": {written}"));
            assert_eq!(
                plan_from_json(&text).unwrap_err().to_string(),
                format!(
                    "planen i filen är felaktig: fältet plan.settings.equity_ceiling_percent har värdet {shown}, \
                     som inte är ett tal med bara siffror; skriv talet utan exponent, som text med decimalpunkt \
                     (t.ex. \"1000000000000\")"
                ),
                "{written}"
            );
        }
        assert!(has_exponent("1E+12") && has_exponent(" -2.5e3 ") && has_exponent("1e-2"));
        assert!(
            !has_exponent("1E")
                && !has_exponent("E5")
                && !has_exponent("Exempel")
                && !has_exponent("12")
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = plan_from_json("{\n  \"format\": \"samplan-plan\",\n  \"version\": 2,,\n}")
            .unwrap_err();
        match err {
            PlanFileError::Json { line, column, .. } => assert_eq!((line, column), (3, 16)),
            other => panic!("{other:?}"),
        }
    }
}
