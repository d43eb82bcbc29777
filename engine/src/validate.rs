//! Whole-plan validation against the input bounds (docs/bounds.md).
//!
//! [`check_plan_bounds`] checks every value of a [`Plan`] with the functions of `bounds` and refuses
//! the first one out of range with its place in user terms, e.g.
//! `posten "Kansli", budget 2025: beloppet är för stort: …` or
//! `medlemmen "Sala", invånare 2024: …`. Opening a plan file calls it (`plan_file::validate_plan`), so a plan that is in
//! memory is always within the bounds; the edits check the same functions for the values they
//! set (see `edit`).

use std::fmt;

use thiserror::Error;

use crate::allocation::{Key, Party, PartyShares};
use crate::bounds::{
    check_amount, check_id, check_non_negative_amount, check_percent, check_population, check_year,
    BoundsError, PercentKind, MAX_ID,
};
use crate::money::Amount;
use crate::plan::{
    BudgetLine, FundingInput, KeyValues, Member, Outcome, Overrides, Plan, Scenario, Settings,
    SplitShare, Year, YearInput,
};

/// A value out of its bounds, with where it is in user terms (Swedish), e.g.
/// `posten "Kansli", budget 2025`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub struct FieldError {
    /// Where the value is, e.g. `medlemmen "Sala", invånare 2024`; empty when the reason says
    /// it all (a year out of range).
    pub field: String,
    /// Why it is refused.
    pub error: BoundsError,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.error)
        } else {
            write!(f, "{}: {}", self.field, self.error)
        }
    }
}

impl FieldError {
    /// The same error placed within `place`, e.g. `posten "Kansli"` + `budget 2025`.
    pub(crate) fn within(self, place: &str) -> FieldError {
        FieldError {
            field: prefixed(place, &self.field),
            error: self.error,
        }
    }
}

type Result<T> = std::result::Result<T, FieldError>;

/// The most characters of a name quoted in a message.
const NAME_CHARS: usize = 40;

/// A name in quotes for a message, shortened when long.
pub(crate) fn quoted(name: &str) -> String {
    let mut chars = name.chars();
    let short: String = chars.by_ref().take(NAME_CHARS).collect();
    if chars.next().is_some() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

fn at<T>(r: std::result::Result<T, BoundsError>, field: impl FnOnce() -> String) -> Result<()> {
    r.map(|_| ()).map_err(|error| FieldError {
        field: field(),
        error,
    })
}

/// Checks a year (a plan year or the year of a value): 1990–2200.
pub(crate) fn year_ok(year: Year) -> Result<()> {
    year_at(year, "")
}

/// Checks the year of a value at `place` (may be empty): 1990–2200.
pub(crate) fn year_at(year: Year, place: &str) -> Result<()> {
    at(check_year(i64::from(year)), || place.to_string())
}

fn id_ok(id: u32, field: impl FnOnce() -> String) -> Result<()> {
    at(check_id(u64::from(id)), field)
}

fn prefixed(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (true, _) => field.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}, {field}"),
    }
}

/// Checks party shares (each 0–100 %).
pub(crate) fn shares_ok(shares: &PartyShares, prefix: &str) -> Result<()> {
    for p in Party::ALL {
        at(check_percent(shares.of(p), PercentKind::Share), || {
            prefixed(prefix, &format!("partsandelen för {}", p.label()))
        })?;
    }
    Ok(())
}

/// Checks the weights of a key (each 0–100 %).
pub(crate) fn key_ok(key: &Key, field: &str) -> Result<()> {
    if let Key::Mix(parts) = key {
        for part in parts {
            at(check_percent(part.weight, PercentKind::Share), || {
                format!("{field}, vikten för {}", part.method.label())
            })?;
        }
    }
    Ok(())
}

/// Checks a funding input: amounts zero or more, a change within −100 % to +1 000 %.
pub(crate) fn funding_ok(funding: &FundingInput, field: &str) -> Result<()> {
    match funding {
        FundingInput::Total(a) | FundingInput::State(a) => {
            at(check_non_negative_amount(a.value()), || field.to_string())
        }
        FundingInput::PreviousPlusPercent(p) => {
            at(check_percent(*p, PercentKind::Change), || field.to_string())
        }
    }
}

/// Checks the inputs of one year.
pub(crate) fn year_input_ok(year: Year, y: &YearInput) -> Result<()> {
    year_ok(year)?;
    funding_ok(&y.funding, &format!("medelstilldelning {year}"))?;
    if let Some(r) = y.requested {
        at(check_non_negative_amount(r.value()), || {
            format!("äskande {year}")
        })?;
    }
    at(check_amount(y.capital_contribution.value()), || {
        format!("kapitaltillskott {year}")
    })?;
    if let Some(r) = y.actual_result {
        at(check_amount(r.value()), || format!("årets resultat {year}"))?;
    }
    if let Some(c) = y.closing_equity {
        at(check_amount(c.value()), || {
            format!("eget kapital vid årets slut {year}")
        })?;
    }
    if let Some(crate::forecast::ForecastPeriod::Datum(date)) = &y.forecast_period {
        if !crate::versions::is_date(date) {
            return Err(FieldError {
                field: format!("prognosdatum {year}"),
                error: BoundsError::NotADate { text: date.clone() },
            });
        }
    }
    Ok(())
}

/// Checks a member's key values of one year.
pub(crate) fn key_values_ok(year: Year, v: &KeyValues, prefix: &str) -> Result<()> {
    year_at(year, prefix)?;
    if let Some(p) = v.population {
        at(check_population(p), || {
            prefixed(prefix, &format!("invånare {year}"))
        })?;
    }
    if let Some(p) = v.percent {
        at(check_percent(p, PercentKind::Share), || {
            prefixed(prefix, &format!("andel {year}"))
        })?;
    }
    if let Some(a) = v.amount {
        at(check_non_negative_amount(a.value()), || {
            prefixed(prefix, &format!("belopp {year}"))
        })?;
    }
    Ok(())
}

/// The place of a member in messages: `medlemmen "Sala"`.
pub(crate) fn member_place(m: &Member) -> String {
    format!("medlemmen {}", quoted(&m.name))
}

/// Checks a member's first or last year (`what`: `första år` / `sista år`).
pub(crate) fn membership_year_ok(year: Option<Year>, place: &str, what: &str) -> Result<()> {
    year.map_or(Ok(()), |y| year_at(y, &prefixed(place, what)))
}

/// Checks a whole member: id, membership years and key values.
pub(crate) fn member_ok(m: &Member) -> Result<()> {
    let place = member_place(m);
    id_ok(m.id.0, || place.clone())?;
    membership_year_ok(m.first_year, &place, "första år")?;
    membership_year_ok(m.last_year, &place, "sista år")?;
    for (year, v) in &m.values {
        key_values_ok(*year, v, &place)?;
    }
    Ok(())
}

/// The place of a line in messages: `posten "Kansli"`.
pub(crate) fn line_place(l: &BudgetLine) -> String {
    format!("posten {}", quoted(l.shown_name()))
}

/// Checks a line's budget amount of one year (any sign: a negative cost is net income).
pub(crate) fn line_amount_ok(year: Year, amount: Amount, prefix: &str) -> Result<()> {
    year_at(year, prefix)?;
    at(check_amount(amount.value()), || {
        prefixed(prefix, &format!("budget {year}"))
    })
}

/// Checks a line's outcome of one year.
pub(crate) fn outcome_ok(year: Year, o: &Outcome, prefix: &str) -> Result<()> {
    year_at(year, prefix)?;
    if let Some(a) = o.ytd {
        at(check_amount(a.value()), || {
            prefixed(prefix, &format!("ack. utfall {year}"))
        })?;
    }
    if let Some(a) = o.final_amount {
        at(check_amount(a.value()), || {
            prefixed(prefix, &format!("utfall {year}"))
        })?;
    }
    if let Some(a) = o.forecast {
        at(check_amount(a.value()), || {
            prefixed(prefix, &format!("prognos {year}"))
        })?;
    }
    Ok(())
}

/// Checks the shares of a split line (each 0–100 %).
pub(crate) fn split_ok(split: &[SplitShare], prefix: &str) -> Result<()> {
    for s in split {
        at(check_percent(s.percent, PercentKind::Share), || {
            prefixed(prefix, &format!("andel för {}", s.category.label()))
        })?;
    }
    Ok(())
}

/// Checks a whole line: id, split, amounts and outcome.
pub(crate) fn line_ok(l: &BudgetLine) -> Result<()> {
    let place = line_place(l);
    id_ok(l.id.0, || place.clone())?;
    split_ok(&l.split, &place)?;
    for (year, a) in &l.amounts {
        line_amount_ok(*year, *a, &place)?;
    }
    for (year, o) in &l.outcome {
        outcome_ok(*year, o, &place)?;
    }
    Ok(())
}

/// Checks a plan setting's numbers.
pub(crate) fn settings_ok(s: &Settings) -> Result<()> {
    shares_ok(&s.shares, "")?;
    key_ok(&s.kommun_key, "fördelningsnyckeln för kommunerna")?;
    key_ok(&s.region_key, "fördelningsnyckeln för regionerna")?;
    at(
        check_percent(s.equity_ceiling_percent, PercentKind::Share),
        || "taket för eget kapital".to_string(),
    )?;
    if let Some(f) = s.equity_floor {
        at(check_non_negative_amount(f.value()), || {
            "golvet för eget kapital".to_string()
        })?;
    }
    if let Some(f) = s.expected_next_funding {
        at(check_non_negative_amount(f.value()), || {
            "förväntad medelstilldelning".to_string()
        })?;
    }
    for (year, keys) in &s.year_keys {
        year_at(*year, "fördelningsnyckel per år")?;
        if let Some(k) = &keys.kommun_key {
            key_ok(k, &format!("fördelningsnyckeln för kommunerna från {year}"))?;
        }
        if let Some(k) = &keys.region_key {
            key_ok(k, &format!("fördelningsnyckeln för regionerna från {year}"))?;
        }
    }
    Ok(())
}

/// Checks a scenario's overrides (`plan` names the lines and members they refer to).
pub(crate) fn overrides_ok(plan: &Plan, o: &Overrides, prefix: &str) -> Result<()> {
    if let Some(y) = o.from_year {
        year_at(y, prefix)?;
    }
    for (year, f) in &o.funding {
        year_at(*year, prefix)?;
        funding_ok(f, &prefixed(prefix, &format!("medelstilldelning {year}")))?;
    }
    // Places are looked up only for the message, so a large scenario stays linear.
    for (id, amounts) in &o.line_amounts {
        for (year, a) in amounts {
            line_amount_ok(*year, *a, "").map_err(|e| {
                e.within(&match plan.line(*id) {
                    Some(l) => prefixed(prefix, &line_place(l)),
                    None => prefixed(prefix, &format!("posten med id {}", id.0)),
                })
            })?;
        }
    }
    if let Some(s) = &o.shares {
        shares_ok(s, prefix)?;
    }
    if let Some(k) = &o.kommun_key {
        key_ok(k, &prefixed(prefix, "fördelningsnyckeln för kommunerna"))?;
    }
    for (id, values) in &o.member_values {
        for (year, v) in values {
            key_values_ok(*year, v, "").map_err(|e| {
                e.within(&match plan.member(*id) {
                    Some(m) => prefixed(prefix, &member_place(m)),
                    None => prefixed(prefix, &format!("medlemmen med id {}", id.0)),
                })
            })?;
        }
    }
    Ok(())
}

/// The place of a scenario in messages: `scenariot "Staten −10 %"`.
pub(crate) fn scenario_place(s: &Scenario) -> String {
    format!("scenariot {}", quoted(&s.name))
}

/// Checks a whole scenario: id and overrides.
pub(crate) fn scenario_ok(plan: &Plan, s: &Scenario) -> Result<()> {
    let place = scenario_place(s);
    id_ok(s.id.0, || place.clone())?;
    overrides_ok(plan, &s.overrides, &place)
}

/// Checks every value of `plan` against the input bounds; the first value out of range is
/// returned with its place.
pub fn check_plan_bounds(plan: &Plan) -> Result<()> {
    settings_ok(&plan.settings)?;
    for year in &plan.years {
        year_ok(*year)?;
    }
    for (year, y) in &plan.year_inputs {
        year_input_ok(*year, y)?;
    }
    at(check_amount(plan.opening_equity.value()), || {
        "ingående eget kapital".to_string()
    })?;
    for m in &plan.members {
        member_ok(m)?;
    }
    for l in &plan.lines {
        line_ok(l)?;
    }
    for s in &plan.scenarios {
        scenario_ok(plan, s)?;
    }
    // A fresh id is `next_id` or, failing that, a free id below it: `next_id` may be at most
    // one above the largest id.
    let limit = u64::from(MAX_ID) + 1;
    if u64::from(plan.next_id) > limit {
        return Err(FieldError {
            field: "nästa lediga id".to_string(),
            error: BoundsError::IdTooLarge {
                id: u64::from(plan.next_id),
            },
        });
    }
    Ok(())
}
