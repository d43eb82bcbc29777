//! The warnings of a report (docs/budget.md, docs/allocation.md, docs/equity.md): what is wrong
//! or worth knowing in a plan, each with its [`Severity`] and a Swedish message.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{YearMeta, YearReport};
use crate::allocation::{AllocationError, Key, KeyMethod, MemberKind, Party, PartyShares};
use crate::budget::{has_outcome, split_sum, OutcomeBasis};
use crate::format::{format_kr, format_percent, format_percent_exact};
use crate::money::Amount;
use crate::plan::{EquityBase, LineId, Plan, Year};

/// How serious a warning is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Worth knowing (rounding difference, unallocated budget).
    Info,
    /// Needs attention (equity ceiling/floor, deficit, missing category).
    Warning,
    /// A figure cannot be computed (allocation error).
    Error,
}

/// A warning about the plan (docs/app.md Översikt). [`Warning::message`] gives the Swedish text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Equity ratio strictly above the ceiling.
    EquityAboveCeiling {
        /// Year.
        year: Year,
        /// EK UB.
        equity: Amount,
        /// Ratio in percent.
        ratio: Decimal,
        /// Ceiling in percent.
        ceiling: Decimal,
        /// What the ratio is measured against.
        base: EquityBase,
        /// True when the base is an assumption (next year's funding after the last year).
        assumed: bool,
    },
    /// The members' `Belopp` deviate from the party's amount by more than rounding, accepted
    /// by the year's allow-difference choice.
    AmountDeviation {
        /// Year.
        year: Year,
        /// The party.
        party: Party,
        /// Members' sum − party amount.
        difference: Amount,
    },
    /// A typed actual result differs from the outcome result of a closed year.
    ResultDiffersFromOutcome {
        /// Year.
        year: Year,
        /// The typed result (used).
        typed: Amount,
        /// The outcome result.
        outcome: Amount,
    },
    /// Equity strictly below the floor.
    EquityBelowFloor {
        /// Year.
        year: Year,
        /// EK UB.
        equity: Amount,
        /// The floor.
        floor: Amount,
    },
    /// Negative *årets resultat* (planned use of equity): the actual result of a closed year,
    /// else the budgeted result.
    Deficit {
        /// Year.
        year: Year,
        /// The (negative) result.
        result: Amount,
    },
    /// The members of a party do not sum to the party amount.
    RoundingDifference {
        /// Year.
        year: Year,
        /// The party.
        party: Party,
        /// Members' sum − party amount.
        difference: Amount,
    },
    /// The party shares do not sum to 100 %.
    PartySharesNot100 {
        /// The shares.
        shares: PartyShares,
    },
    /// The allocation of a year cannot be computed.
    AllocationFailed {
        /// Year.
        year: Year,
        /// Why.
        error: AllocationError,
    },
    /// A line without a category (counted as a cost, outside the cost distribution).
    LineWithoutCategory {
        /// The line.
        line: LineId,
        /// Its name.
        name: String,
    },
    /// An active member lacks the key value the key needs.
    MissingKeyValue {
        /// Year.
        year: Year,
        /// Member name.
        member: String,
        /// The key's label (`Invånare`, `Andel`, `Belopp`).
        key: String,
    },
    /// A split line's percentages do not sum to 100 %.
    SplitNot100 {
        /// The line.
        line: LineId,
        /// Its name.
        name: String,
        /// The sum of its percentages.
        sum: Decimal,
    },
    /// The year's amounts are too large to sum exactly; its budget and outcome figures are
    /// left at zero (never a saturated figure) and it adds nothing to equity.
    SumsTooLarge {
        /// Year.
        year: Year,
    },
    /// A year marked *Bokslut klart* whose lines with a non-zero budget lack a final outcome
    /// (some line has an outcome): they count with their year-to-date outcome or 0 kr.
    ClosedWithoutFinalOutcome {
        /// Year.
        year: Year,
        /// The lines lacking a final outcome, in plan order.
        names: Vec<String>,
    },
    /// A year marked *Bokslut klart* without any outcome: equity rolls on the budget.
    ClosedWithoutOutcome {
        /// Year.
        year: Year,
    },
    /// *Ofördelad budget*: verksamhetens intäkter exceed the costs, money not planned for use.
    /// Only for a year with budget lines (a history year or a year without a budget has none).
    UnallocatedBudget {
        /// Year.
        year: Year,
        /// Intäkter − kostnader (> 0).
        amount: Amount,
    },
    /// Years with funding but neither budget lines, outcome, a typed result nor a typed closing
    /// equity: they have no result, so equity cannot be computed from the first of them on
    /// (docs/equity.md, "No result, no equity").
    NoResult {
        /// The years without a result, in order (the first is where equity stops).
        years: Vec<Year>,
    },
    /// An open year where some lines have their final outcome and some budgeted lines do not:
    /// the year stays on its basis; the warning says what the equity would be once closed.
    OutcomeMissing {
        /// Year.
        year: Year,
        /// The budgeted lines without a final outcome, in plan order.
        names: Vec<String>,
        /// True when some of them have a year-to-date outcome (counted instead of 0).
        partly_ytd: bool,
        /// *EK UB* if the year were closed now (the lines without outcome at 0 kr).
        equity_if_closed: Amount,
    },
    /// *EK UB* below zero, floor or not.
    NegativeEquity {
        /// Year.
        year: Year,
        /// EK UB (< 0).
        equity: Amount,
    },
}

/// `A, B, C och 2 till`: the first three names, then how many more.
fn name_list(names: &[String]) -> String {
    let shown = names.iter().take(3).map(String::as_str).collect::<Vec<_>>();
    let rest = names.len().saturating_sub(shown.len());
    let more = if rest > 0 {
        format!(" och {rest} till")
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// `2026`, `2026 och 2027`, `2026, 2027 och 2028`.
fn year_list(years: &[Year]) -> String {
    let texts: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    match texts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

impl Warning {
    /// The year the warning concerns (`None` = the whole plan).
    pub fn year(&self) -> Option<Year> {
        match self {
            Warning::EquityAboveCeiling { year, .. }
            | Warning::AmountDeviation { year, .. }
            | Warning::ResultDiffersFromOutcome { year, .. }
            | Warning::EquityBelowFloor { year, .. }
            | Warning::Deficit { year, .. }
            | Warning::RoundingDifference { year, .. }
            | Warning::AllocationFailed { year, .. }
            | Warning::MissingKeyValue { year, .. }
            | Warning::SumsTooLarge { year }
            | Warning::ClosedWithoutFinalOutcome { year, .. }
            | Warning::ClosedWithoutOutcome { year }
            | Warning::UnallocatedBudget { year, .. }
            | Warning::OutcomeMissing { year, .. }
            | Warning::NegativeEquity { year, .. } => Some(*year),
            Warning::NoResult { years } => years.first().copied(),
            Warning::PartySharesNot100 { .. }
            | Warning::LineWithoutCategory { .. }
            | Warning::SplitNot100 { .. } => None,
        }
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        match self {
            Warning::RoundingDifference { .. } | Warning::UnallocatedBudget { .. } => {
                Severity::Info
            }
            Warning::AllocationFailed { error, .. } if error.awaits_input() => Severity::Info,
            Warning::PartySharesNot100 { .. }
            | Warning::AllocationFailed { .. }
            | Warning::SumsTooLarge { .. }
            | Warning::ClosedWithoutOutcome { .. }
            | Warning::MissingKeyValue { .. } => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// A short Swedish title, e.g. `Eget kapital över taket`.
    pub fn title(&self) -> &'static str {
        match self {
            Warning::EquityAboveCeiling { .. } => "Eget kapital över taket",
            Warning::AmountDeviation { .. } => "Avvikelse från partens andel",
            Warning::ResultDiffersFromOutcome { .. } => {
                "Angivet resultat skiljer sig från utfallet"
            }
            Warning::EquityBelowFloor { .. } => "Eget kapital under golvet",
            Warning::Deficit { .. } => "Underskott",
            Warning::RoundingDifference { .. } => "Avrundningsdifferens",
            Warning::PartySharesNot100 { .. } => "Partsandelar",
            Warning::AllocationFailed { error, .. } if error.awaits_input() => "Uppgifter saknas",
            Warning::AllocationFailed { .. } => "Fördelningen kan inte beräknas",
            Warning::LineWithoutCategory { .. } => "Post utan kategori",
            Warning::MissingKeyValue { .. } => "Nyckelvärde saknas",
            Warning::SplitNot100 { .. } => "Fördelad post",
            Warning::UnallocatedBudget { .. } => "Ofördelad budget",
            Warning::SumsTooLarge { .. } => "För stora belopp",
            Warning::ClosedWithoutFinalOutcome { .. } => "Slutligt utfall saknas",
            Warning::ClosedWithoutOutcome { .. } => "Utfall saknas",
            Warning::NoResult { .. } => "Resultat saknas",
            Warning::OutcomeMissing { .. } => "Utfall saknas för poster",
            Warning::NegativeEquity { .. } => "Negativt eget kapital",
        }
    }

    /// The Swedish message shown to the user.
    pub fn message(&self) -> String {
        match self {
            Warning::EquityAboveCeiling { year, equity, ratio, ceiling, base, assumed } => format!(
                "Eget kapital {year} ({} kr) är {} av {}{}, över taket {}.",
                format_kr(equity.value()),
                format_percent(*ratio),
                match base {
                    EquityBase::SameYear => "medelstilldelningen",
                    other => other.label(),
                },
                if *assumed { " (antagande)" } else { "" },
                format_percent(*ceiling)
            ),
            Warning::AmountDeviation { year, party, difference } => format!(
                "Avvikelse från partens andel {year}: medlemmarna i {} betalar tillsammans {} kr {} än partens belopp, enligt beslut (avvikelse tillåten).",
                party.label(),
                format_kr(difference.value().abs()),
                if difference.value() > Decimal::ZERO { "mer" } else { "mindre" }
            ),
            Warning::ResultDiffersFromOutcome { year, typed, outcome } => format!(
                "Angivet resultat {year} är {} kr men utfallets resultat är {} kr; eget kapital räknas på det angivna resultatet.",
                format_kr(typed.value()),
                format_kr(outcome.value())
            ),
            Warning::EquityBelowFloor { year, equity, floor } => format!(
                "Eget kapital {year} ({} kr) är under golvet {} kr.",
                format_kr(equity.value()),
                format_kr(floor.value())
            ),
            Warning::Deficit { year, result } => format!(
                "Årets resultat {year} är {} kr (underskott): eget kapital används med {} kr. \
                 Ett negativt resultat ska återställas inom tre år om inte synnerliga skäl finns (t.ex. att tidigare års överskott förbrukas).",
                format_kr(result.value()),
                format_kr(crate::money::negate(result.value()))
            ),
            Warning::RoundingDifference { year, party, difference } => format!(
                "Avrundningsdifferens {year}: medlemmarna i {} betalar tillsammans {} kr {} än partens belopp.",
                party.label(),
                format_kr(difference.value().abs()),
                if difference.value() > Decimal::ZERO { "mer" } else { "mindre" }
            ),
            Warning::PartySharesNot100 { shares } => match shares
                .staten
                .checked_add(shares.region)
                .and_then(|s| s.checked_add(shares.kommuner))
            {
                Some(sum) => format!(
                    "Partsandelarna summerar till {} %, inte 100 %.",
                    format_percent_exact(sum)
                ),
                None => "Partsandelarna summerar inte till 100 %.".to_string(),
            },
            Warning::AllocationFailed { year, error } => {
                crate::allocation::allocation_problem_text(*year, error)
            }
            Warning::LineWithoutCategory { name, .. } => format!(
                "Posten \"{name}\" saknar kategori; den räknas som kostnad men ingår inte i kostnadsfördelningen."
            ),
            Warning::MissingKeyValue { year, member, key } => {
                format!("{member} saknar värde för nyckeln {key} {year}.")
            }
            Warning::SplitNot100 { name, sum, .. } => format!(
                "Den fördelade posten \"{name}\" har andelar som summerar till {} %, inte 100 %.",
                format_percent_exact(*sum)
            ),
            Warning::SumsTooLarge { year } => {
                format!("Beloppen för {year} är för stora att räkna med.")
            }
            Warning::ClosedWithoutFinalOutcome { year, names } => {
                let count = names.len();
                format!(
                    "Bokslut klart för {year}, men slutligt utfall saknas för {count} {}: {}; de räknas med sitt utfall hittills eller 0 kr.",
                    if count == 1 { "post" } else { "poster" },
                    name_list(names)
                )
            }
            Warning::ClosedWithoutOutcome { year } => format!(
                "Bokslut klart för {year}, men inget utfall är inläst: eget kapital räknas på budgeten tills utfallet finns."
            ),
            Warning::UnallocatedBudget { year, amount } => format!(
                "Ofördelad budget {year}: intäkterna överstiger kostnaderna med {} kr som inte är planerade att användas.",
                format_kr(amount.value())
            ),
            Warning::NoResult { years } => {
                let first = years.first().copied().unwrap_or_default();
                if years.len() > 1 {
                    format!(
                        "Eget kapital kan inte beräknas från {first}: {} har medelstilldelning men varken budgetposter, utfall eller angivet resultat. Lägg in budgetposter, eller ange faktiskt resultat eller eget kapital vid årets slut för {first}.",
                        year_list(years)
                    )
                } else {
                    format!(
                        "Eget kapital kan inte beräknas från {first}: året har medelstilldelning men varken budgetposter, utfall eller angivet resultat. Lägg in budgetposter för {first}, eller ange årets faktiska resultat eller eget kapital vid årets slut."
                    )
                }
            }
            Warning::OutcomeMissing { year, names, partly_ytd, equity_if_closed } => format!(
                "Utfall saknas {year} för {} {} ({}). Med {} blir eget kapital {} kr – markera Bokslut klart för {year} om bokslutet är klart; tills dess räknas eget kapital på budgeten.",
                names.len(),
                if names.len() == 1 { "post" } else { "poster" },
                name_list(names),
                if *partly_ytd { "utfallet hittills (0 där inget finns)" } else { "utfall 0" },
                format_kr(equity_if_closed.value())
            ),
            Warning::NegativeEquity { year, equity } => format!(
                "Eget kapital {year} blir negativt: {} kr.",
                format_kr(equity.value())
            ),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Which key value a member lacks in `year` under `key`, if any.
pub(super) fn missing_key(key: &Key, values: &crate::plan::KeyValues) -> Option<&'static str> {
    match key {
        Key::Amount => values.amount.is_none().then_some("Belopp"),
        Key::Mix(parts) => {
            parts
                .iter()
                .filter(|p| !p.weight.is_zero())
                .find_map(|p| match p.method {
                    KeyMethod::Population => values.population.is_none().then_some("Invånare"),
                    KeyMethod::Percent => values.percent.is_none().then_some("Andel"),
                    KeyMethod::Equal => None,
                })
        }
    }
}

/// The [`Warning::MissingKeyValue`]s of `year`: key values of the municipalities always, of
/// the regions when there are several.
pub(crate) fn missing_key_warnings(plan: &Plan, year: Year) -> Vec<Warning> {
    let mut out = Vec::new();
    let active = |k: MemberKind| {
        plan.members
            .iter()
            .filter(move |m| m.kind == k && m.is_active(year))
    };
    let several_regions = active(MemberKind::Region).count() > 1;
    for (kind, key) in [
        (MemberKind::Kommun, &plan.settings.kommun_key_for(year)),
        (MemberKind::Region, &plan.settings.region_key_for(year)),
    ] {
        if kind == MemberKind::Region && !several_regions {
            continue;
        }
        for m in active(kind) {
            if let Some(k) = missing_key(key, &m.values_for(year)) {
                out.push(Warning::MissingKeyValue {
                    year,
                    member: m.name.clone(),
                    key: k.to_string(),
                });
            }
        }
    }
    out
}

pub(super) fn warnings(plan: &Plan, years: &[YearReport], metas: &[YearMeta]) -> Vec<Warning> {
    let mut out = Vec::new();
    let shares_ok = plan.settings.shares.validate().is_ok();
    if !shares_ok {
        out.push(Warning::PartySharesNot100 {
            shares: plan.settings.shares,
        });
    }
    for line in &plan.lines {
        if line.category.is_none() && !line.is_split() {
            out.push(Warning::LineWithoutCategory {
                line: line.id,
                name: line.shown_name().to_string(),
            });
        }
        if line.is_split() {
            let sum = split_sum(line);
            if sum != Decimal::ONE_HUNDRED {
                out.push(Warning::SplitNot100 {
                    line: line.id,
                    name: line.shown_name().to_string(),
                    sum,
                });
            }
        }
    }
    let mut failed = false;
    // The years without any result (one warning, at the first of them).
    let no_result: Vec<Year> = years
        .iter()
        .filter(|y| y.equity.no_result)
        .map(|y| y.year)
        .collect();
    for (y, meta) in years.iter().zip(metas) {
        let year = y.year;
        let missing = meta.key_warnings.len();
        out.extend(meta.key_warnings.iter().cloned());
        match &y.allocation {
            Ok(a) => {
                for p in &a.parties {
                    if p.deviation {
                        out.push(Warning::AmountDeviation {
                            year,
                            party: p.party,
                            difference: p.rounding_difference,
                        });
                    } else if !p.rounding_difference.is_zero() {
                        out.push(Warning::RoundingDifference {
                            year,
                            party: p.party,
                            difference: p.rounding_difference,
                        });
                    }
                }
            }
            Err(AllocationError::SharesNot100 { .. }) if !shares_ok => {}
            Err(AllocationError::MissingKeyValue { .. }) if missing > 0 => {}
            // The year already has its own error-level warnings.
            Err(AllocationError::PreviousYearFailed { .. }) if !shares_ok || missing > 0 => {}
            // Waiting for the same input as an earlier year: one hint is enough.
            Err(e)
                if e.awaits_input()
                    && out.iter().any(
                        |w| matches!(w, Warning::AllocationFailed { error, .. } if error == e),
                    ) => {}
            Err(e) => out.push(Warning::AllocationFailed {
                year,
                error: e.clone(),
            }),
        }
        if y.allocation.is_err() {
            // The year's figures cannot be computed: its error says so, and the equity from
            // here on builds on an unknown result.
            failed = true;
        }
        if failed {
            continue;
        }
        let b = &y.budget;
        if no_result.first() == Some(&year) {
            out.push(Warning::NoResult {
                years: no_result.clone(),
            });
        }
        let typed = y.equity.actual_result.is_some()
            || plan
                .year_inputs
                .get(&year)
                .is_some_and(|yi| yi.closing_equity.is_some());
        // An open year with some final outcomes: name the budgeted lines still without one and
        // what the equity would be once the year is closed.
        if !typed && !meta.closed && y.equity.opening_known {
            if let Some(outcome) = meta.outcome_if_closed {
                let missing: Vec<&crate::plan::BudgetLine> = plan
                    .lines
                    .iter()
                    .filter(|l| !l.amount(year).is_zero())
                    .filter(|l| OutcomeBasis::Final.of_line(l, year).is_none())
                    .collect();
                let any_final = plan
                    .lines
                    .iter()
                    .any(|l| OutcomeBasis::Final.of_line(l, year).is_some());
                if any_final && !missing.is_empty() {
                    let e = &y.equity;
                    out.push(Warning::OutcomeMissing {
                        year,
                        names: missing.iter().map(|l| l.shown_name().to_string()).collect(),
                        partly_ytd: missing
                            .iter()
                            .any(|l| OutcomeBasis::YearToDate.of_line(l, year).is_some()),
                        equity_if_closed: crate::budget::add(
                            crate::budget::add(e.opening, e.capital_contribution),
                            outcome,
                        ),
                    });
                }
            }
        }
        // A closed year rolled on its outcome (no typed result): say what the outcome lacks.
        if !typed && meta.closed {
            if !has_outcome(plan, year, OutcomeBasis::Best) {
                out.push(Warning::ClosedWithoutOutcome { year });
            } else {
                let names: Vec<String> = plan
                    .lines
                    .iter()
                    .filter(|l| !l.amount(year).is_zero())
                    .filter(|l| OutcomeBasis::Final.of_line(l, year).is_none())
                    .map(|l| l.shown_name().to_string())
                    .collect();
                if !names.is_empty() {
                    out.push(Warning::ClosedWithoutFinalOutcome { year, names });
                }
            }
        }
        if let (Some(typed), Some(outcome)) = (y.equity.actual_result, y.equity.outcome_result) {
            if typed != outcome {
                out.push(Warning::ResultDiffersFromOutcome {
                    year,
                    typed,
                    outcome,
                });
            }
        }
        // The result that reaches equity: typed, else the outcome of a closed year, else the
        // budget.
        let result = y.equity.result;
        if y.equity.result_known && result.value().is_sign_negative() && !result.is_zero() {
            out.push(Warning::Deficit { year, result });
        }
        // Only a year with a budget can leave money unplanned: a history year (outcome, no
        // budget) or a year without any lines has no "Ofördelad budget".
        if meta.budgeted && b.operating_result > Amount::ZERO {
            out.push(Warning::UnallocatedBudget {
                year,
                amount: b.operating_result,
            });
        }
        let e = &y.equity;
        if e.above_ceiling {
            if let Some(ratio) = e.ratio {
                out.push(Warning::EquityAboveCeiling {
                    year,
                    equity: e.closing,
                    ratio,
                    ceiling: e.ceiling_percent,
                    base: plan.settings.equity_base,
                    assumed: e.base_assumed,
                });
            }
        }
        if e.below_floor {
            if let Some(floor) = plan.settings.equity_floor {
                out.push(Warning::EquityBelowFloor {
                    year,
                    equity: e.closing,
                    floor,
                });
            }
        }
        if e.known && e.closing < Amount::ZERO {
            out.push(Warning::NegativeEquity {
                year,
                equity: e.closing,
            });
        }
    }
    out
}
