//! The municipality view (docs/app.md *Kommun*, 2.2): what one member pays per plan year and why.
//!
//! [`municipality_report`] takes a plan, an optional scenario and a member and returns a
//! [`MunicipalityReport`]: per year the amount (exact), the key and the member's key value,
//! the party amount and kr per invånare, the member's share of its party and of T, the change
//! vs the previous year, the party's *avrundningsdifferens*, the member's share of the year's
//! costs, result and equity (its *andel*, Finsam 9 § p. 8), whether it is a member that year,
//! and the budget lines located in the municipality. [`municipality_csv`] writes it for Excel.
//!
//! Everything is computed from the engine's [`Report`](crate::Report) of the (resolved)
//! scenario, so the figures are the same as in every other view. Percentages are in percent
//! points at full precision; display rounds.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::allocation::{
    Allocation, AllocationError, Key, KeyMethod, MemberAllocation, MemberKind, Party,
};
use crate::csv_io::{write_csv, Cell};
use crate::equity::ResultBasis;
use crate::money::{percent_of, round_half_up, Amount};
use crate::plan::{BudgetLine, Category, LineId, Member, MemberId, Plan, ScenarioId, Year};
use crate::report::{compute, YearReport};

/// Why a municipality report cannot be made. Messages are Swedish.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MunicipalityError {
    /// No member with this id.
    #[error("medlemmen finns inte i planen")]
    NoMember(MemberId),
    /// No scenario with this id.
    #[error("scenariot finns inte i planen")]
    NoScenario(ScenarioId),
}

/// What one member pays and why, over all plan years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MunicipalityReport {
    /// The member.
    pub member: MemberId,
    /// Its name, e.g. `Västerås`.
    pub name: String,
    /// Stat, Region or Kommun (normally Kommun).
    pub kind: MemberKind,
    /// The association's name.
    pub association: String,
    /// The scenario computed (`None` = the base plan).
    pub scenario: Option<ScenarioId>,
    /// The scenario's display name (`Basplan` for the base plan).
    pub scenario_name: String,
    /// First year of membership, if the member joined during the plan.
    pub first_year: Option<Year>,
    /// Last year of membership, if the member leaves.
    pub last_year: Option<Year>,
    /// One entry per plan year, in order.
    pub years: Vec<MunicipalityYear>,
    /// The budget lines located in the municipality ([`BudgetLine::municipality`] equal to the
    /// member's name, trimmed and case-insensitive), in plan order.
    pub lines: Vec<MunicipalityLine>,
}

impl MunicipalityReport {
    /// The entry of `year`.
    pub fn year(&self, year: Year) -> Option<&MunicipalityYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The sum of the located lines' budget amounts in `year`; `None` when it is too large to
    /// compute (never a wrapped or saturated figure).
    pub fn lines_total(&self, year: Year) -> Option<Amount> {
        self.lines
            .iter()
            .try_fold(Amount::ZERO, |sum, l| sum.checked_add(l.amount(year)))
    }
}

/// One plan year of a [`MunicipalityReport`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MunicipalityYear {
    /// The year.
    pub year: Year,
    /// True when the member is a member this year.
    pub is_member: bool,
    /// True when this is the member's first year (it joins this year).
    pub joins: bool,
    /// True when this is the member's last year (it leaves after this year).
    pub leaves: bool,
    /// Why the year's allocation failed, if it did (then the amounts are `None`).
    pub allocation_error: Option<AllocationError>,
    /// The year's *medelstilldelning* T.
    pub total: Option<Amount>,
    /// The member's party.
    pub party: Party,
    /// The party's amount (e.g. the municipal quarter K).
    pub party_amount: Option<Amount>,
    /// What the member pays, in kronor (rounded per the plan's rounding; `None` when it is not
    /// a member this year or the allocation failed).
    pub amount: Option<Amount>,
    /// The member's exact (unrounded) amount.
    pub exact: Option<Decimal>,
    /// The key between the party's members.
    pub key: Key,
    /// The key's Swedish label, e.g. `Invånare`, `Belopp`, `20 % Lika delar + 80 % Invånare`.
    pub key_label: String,
    /// The member's population this year, when the key uses population.
    pub population: Option<u64>,
    /// The member's percent of the party's amount (key `Andel`), when the key uses it.
    pub key_percent: Option<Decimal>,
    /// The member's fixed amount (key `Belopp`), when the key is `Belopp`.
    pub fixed_amount: Option<Amount>,
    /// Reference date and source of the population figures (e.g. `SCB 2023-11-01`), for
    /// population keys when the plan states it.
    pub population_source: Option<String>,
    /// Total population of the party's members, for population keys.
    pub party_population: Option<u64>,
    /// kr per invånare: party amount / total population, 2 decimals half-up (population keys).
    pub kr_per_inhabitant: Option<Decimal>,
    /// The member's own amount / own population, 2 decimals half-up (differs from
    /// `kr_per_inhabitant` with mixed keys and rounding).
    pub own_kr_per_inhabitant: Option<Decimal>,
    /// The member's share of its party's amount in percent (full precision), e.g. 56,69… %.
    pub share_of_party: Option<Decimal>,
    /// The member's *andel* of T in percent (full precision), e.g. 14,1735… %.
    pub share_of_total: Option<Decimal>,
    /// Change of `amount` vs the previous plan year in kronor; `None` for the first plan year
    /// or when there was no (or a zero) amount the year before.
    pub change: Option<Amount>,
    /// The change in percent of the previous year's amount (full precision).
    pub change_percent: Option<Decimal>,
    /// The party's *avrundningsdifferens* (members' sum − party amount).
    pub rounding_difference: Option<Amount>,
    /// True when that difference is an accepted *avvikelse från partens andel*, not rounding.
    pub deviation: bool,
    /// The association's *verksamhetens kostnader* this year: the outcome's when the year is
    /// closed (its equity rolls on the outcome or a typed result), else the budget's.
    pub costs: Amount,
    /// The association's *årets resultat* this year (typed, else the outcome of a closed year,
    /// else budgeted — the result the equity roll-forward uses).
    pub result: Amount,
    /// Which result that is (`budget`, `utfall`, `angivet`).
    pub result_basis: ResultBasis,
    /// The association's *EK UB* this year.
    pub equity: Amount,
    /// The member's share of the costs: andel × costs (full precision), the andel being
    /// `share_of_total` on [`MunicipalityYear::share_basis`].
    pub share_of_costs: Option<Amount>,
    /// The member's share of the result: andel × result (full precision); `None` when the
    /// year's result is not known.
    pub share_of_result: Option<Amount>,
    /// The member's share of the equity: andel × EK UB (full precision); `None` when the
    /// equity cannot be known (an earlier year cannot be computed, or a year has no result).
    pub share_of_equity: Option<Amount>,
    /// What the andel is measured by: the key's share, or the paid share under decided
    /// `Belopp` (docs/allocation.md).
    pub share_basis: Option<crate::allocation::ShareBasis>,
    /// The board's request (*äskande*) for the year, when one is recorded.
    pub requested: Option<Amount>,
    /// False when `result` is not a figure to show (docs/equity.md, "No result, no equity").
    pub result_known: bool,
    /// False when `equity` is not a figure to show.
    pub equity_known: bool,
}

/// A budget line located in the municipality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityLine {
    /// The line.
    pub id: LineId,
    /// Account (*konto*).
    pub account: Option<String>,
    /// Name (*post*).
    pub name: String,
    /// Category (`None` for split or uncategorised lines).
    pub category: Option<Category>,
    /// Swedish category text (`Delad` for a split line, empty when uncategorised).
    pub category_label: String,
    /// Budget amount per plan year (years without an amount are absent).
    pub amounts: BTreeMap<Year, Amount>,
    /// Note.
    pub note: String,
}

impl MunicipalityLine {
    /// The budget amount of `year` (zero when empty).
    pub fn amount(&self, year: Year) -> Amount {
        self.amounts.get(&year).copied().unwrap_or_default()
    }
}

/// True when a line's municipality names `name` by the one names rule
/// ([`crate::names::names_match`]: `VÄSTERÅS` matches `Västerås`).
pub(crate) fn line_is_in(line: &BudgetLine, name: &str) -> bool {
    !crate::names::name_key(name).is_empty()
        && line
            .municipality
            .as_deref()
            .is_some_and(|m| crate::names::names_match(m, name))
}

/// `figure × percent / 100`, or `None` on overflow.
fn share_of(percent: Decimal, figure: Amount) -> Option<Amount> {
    percent
        .checked_mul(figure.value())
        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        .map(Amount)
}

/// The allocation's entry for `member` (by its id, which the allocation carries).
fn member_allocation<'a>(
    allocation: &'a Allocation,
    member: &Member,
) -> Option<&'a MemberAllocation> {
    allocation.member_by_id(member.id)
}

/// The key between `member`'s party's members when the allocation does not tell (it failed).
fn settings_key(plan: &Plan, member: &Member, year: Year) -> Key {
    match member.kind {
        MemberKind::Stat => Key::single(KeyMethod::Equal),
        MemberKind::Kommun => plan.settings.kommun_key_for(year),
        MemberKind::Region => {
            let regions = plan
                .members
                .iter()
                .filter(|m| m.kind == MemberKind::Region && m.is_active(year))
                .count();
            if regions > 1 {
                plan.settings.region_key_for(year)
            } else {
                Key::single(KeyMethod::Equal)
            }
        }
    }
}

fn year_entry(
    plan: &Plan,
    member: &Member,
    y: &YearReport,
    previous: Option<Amount>,
) -> MunicipalityYear {
    let year = y.year;
    let is_member = member.is_active(year);
    let party = member.kind.party();
    let allocation = y.allocation.as_ref().ok();
    let party_alloc = allocation.and_then(|a| a.party(party));
    let key = party_alloc
        .map(|p| p.key.clone())
        .unwrap_or_else(|| settings_key(plan, member, year));
    let mine = allocation
        .filter(|_| is_member)
        .and_then(|a| member_allocation(a, member));
    let values = member.values_for(year);
    let uses_population = key.uses(KeyMethod::Population);
    let population = values.population.filter(|_| is_member && uses_population);
    let amount = mine.map(|m| m.amount);
    let total = y.total;
    let change = match (amount, previous) {
        (Some(a), Some(p)) if !p.is_zero() => a.checked_sub(p),
        _ => None,
    };
    let change_percent = change
        .zip(previous)
        .and_then(|(c, p)| percent_of(c.value(), p.value()));
    // A closed year (equity on the outcome or a typed result) shares the outcome's costs.
    let costs = match (&y.outcome, y.equity.basis) {
        (Some(o), ResultBasis::Outcome | ResultBasis::Typed | ResultBasis::ClosingEquity) => {
            o.operating_costs
        }
        _ => y.budget.operating_costs,
    };
    let result = y.equity.result;
    let equity = y.equity.closing;
    // The member's andel of the costs, result and equity: its andel of T (the key's share, or
    // the paid share under decided `Belopp`, docs/allocation.md) applied to the figure.
    let andel = mine.and_then(|m| m.share_of_total);
    let share = |figure: Amount| andel.and_then(|p| share_of(p, figure));
    MunicipalityYear {
        year,
        is_member,
        joins: is_member && member.first_year == Some(year),
        leaves: is_member && member.last_year == Some(year),
        allocation_error: y.allocation.as_ref().err().cloned(),
        total,
        party,
        party_amount: party_alloc.map(|p| p.amount),
        amount,
        exact: mine.map(|m| m.exact),
        key_label: key.label(),
        population,
        key_percent: values
            .percent
            .filter(|_| is_member && key.uses(KeyMethod::Percent)),
        fixed_amount: values
            .amount
            .filter(|_| is_member && matches!(key, Key::Amount)),
        population_source: Some(plan.settings.population_source_for(year).trim().to_string())
            .filter(|s| uses_population && !s.is_empty()),
        party_population: party_alloc.and_then(|p| p.population),
        kr_per_inhabitant: party_alloc.and_then(|p| p.kr_per_inhabitant),
        own_kr_per_inhabitant: amount
            .zip(population.filter(|p| *p > 0))
            .and_then(|(a, p)| a.value().checked_div(Decimal::from(p)))
            .map(|v| round_half_up(v, 2)),
        share_of_party: mine.and_then(|m| m.share_of_party),
        share_of_total: mine.and_then(|m| m.share_of_total),
        change,
        change_percent,
        rounding_difference: party_alloc.map(|p| p.rounding_difference),
        deviation: party_alloc.is_some_and(|p| p.deviation),
        costs,
        result,
        result_basis: y.equity.basis,
        equity,
        share_of_costs: share(costs),
        share_of_result: share(result).filter(|_| y.equity.result_known),
        share_of_equity: share(equity).filter(|_| y.equity.known),
        share_basis: mine.map(|m| m.share_basis),
        requested: plan.year_input(year).requested,
        result_known: y.equity.result_known,
        equity_known: y.equity.known,
        key,
    }
}

/// The municipality report of `member` in `scenario` (`None` = the base plan).
///
/// Amounts are in kronor as the allocation rounds them; shares of T and of the party are in
/// percent points at full precision; shares of costs, result and equity are exact
/// (`amount / T × figure`, not rounded). Errors when the member or the scenario does not exist;
/// a year whose allocation fails is reported with its error, never a panic.
pub fn municipality_report(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    member: MemberId,
) -> Result<MunicipalityReport, MunicipalityError> {
    if let Some(id) = scenario {
        plan.scenario(id).ok_or(MunicipalityError::NoScenario(id))?;
    }
    let resolved = plan.resolved(scenario);
    let m = resolved
        .member(member)
        .ok_or(MunicipalityError::NoMember(member))?;
    let report = compute(&resolved);
    let mut previous: Option<Amount> = None;
    let mut years = Vec::with_capacity(report.years.len());
    for y in &report.years {
        let entry = year_entry(&resolved, m, y, previous);
        previous = entry.amount;
        years.push(entry);
    }
    let lines = located_lines(&resolved, &m.name, |_| Some(&resolved));
    Ok(MunicipalityReport {
        member,
        name: m.name.clone(),
        kind: m.kind,
        association: resolved.settings.name.clone(),
        scenario,
        scenario_name: plan.scenario_name(scenario),
        first_year: m.first_year,
        last_year: m.last_year,
        years,
        lines,
    })
}

/// The draft's lines located in the municipality `name`, each year's amount taken from the
/// plan `year_plan` gives for that year (a line that plan lacks has no amount that year).
fn located_lines<'a>(
    draft: &Plan,
    name: &str,
    year_plan: impl Fn(Year) -> Option<&'a Plan>,
) -> Vec<MunicipalityLine> {
    draft
        .lines
        .iter()
        .filter(|l| line_is_in(l, name))
        .map(|l| MunicipalityLine {
            id: l.id,
            account: l.account.clone(),
            name: l.shown_name().to_string(),
            category: if l.is_split() { None } else { l.category },
            category_label: if l.is_split() {
                "Delad".to_string()
            } else {
                l.category
                    .map(|c| c.label().to_string())
                    .unwrap_or_default()
            },
            amounts: draft
                .years
                .iter()
                .filter_map(|y| {
                    year_plan(*y)
                        .and_then(|p| p.line(l.id))
                        .and_then(|decided| decided.amounts.get(y))
                        .map(|a| (*y, *a))
                })
                .collect(),
            note: l.note.clone(),
        })
        .collect()
}

/// The municipality report of `member` as Kommun shows it under `choice` (docs/budget.md
/// "Vyerna och beslutet"): each year what the member pays per the version the year shows
/// (by default the decision in force), its andel of that year's costs and result and of the
/// equity as the view's chain computes it ([`compute_view`](crate::compute_view)). The
/// change vs the previous year compares with the previous year as shown. The lines are the
/// draft's lines in the municipality with each year's decided amount.
pub fn municipality_report_view(
    plan: &Plan,
    choice: crate::versions::ViewVersion,
    member: MemberId,
) -> Result<MunicipalityReport, MunicipalityError> {
    let on_draft = |y: &Year| plan.year_source(*y, choice) == crate::versions::YearSource::Draft;
    if plan.years.iter().all(on_draft) {
        return municipality_report(plan, None, member);
    }
    let view = crate::report::compute_view(plan, choice);
    let m = plan
        .member(member)
        .ok_or(MunicipalityError::NoMember(member))?;
    let mut previous: Option<Amount> = None;
    let mut years = Vec::with_capacity(view.report.years.len());
    for y in &view.report.years {
        let year_plan = view.plan_of(y.year).unwrap_or(plan);
        // The member as the year's version knows it (a member added since is the draft's).
        let member_then = year_plan.member(member).unwrap_or(m);
        let entry = year_entry(year_plan, member_then, y, previous);
        previous = entry.amount;
        years.push(entry);
    }
    let lines = located_lines(plan, &m.name, |y| view.plan_of(y));
    Ok(MunicipalityReport {
        member,
        name: m.name.clone(),
        kind: m.kind,
        association: plan.settings.name.clone(),
        scenario: None,
        scenario_name: plan.scenario_name(None),
        first_year: m.first_year,
        last_year: m.last_year,
        years,
        lines,
    })
}

fn membership_text(y: &MunicipalityYear) -> &'static str {
    match (y.is_member, y.joins, y.leaves) {
        (false, _, _) => "Nej",
        (true, true, true) => "Ja (inträder och utträder)",
        (true, true, false) => "Ja (inträder)",
        (true, false, true) => "Ja (utträder)",
        (true, false, false) => "Ja",
    }
}

fn percent_cell(p: Option<Decimal>, dp: u32) -> Cell {
    p.map(|v| Cell::Fixed(v, dp)).unwrap_or(Cell::Empty)
}

fn kr_cell(a: Option<Amount>) -> Cell {
    a.map(Cell::from).unwrap_or(Cell::Empty)
}

/// The municipality report as a CSV file for Excel (docs/csv.md: UTF-8 with BOM, `;`, decimal
/// comma, CRLF): a heading (member, association, scenario), one row per year, then the budget
/// lines located in the municipality with one column per year. Amounts in kronor; shares of T
/// and of the party in percent with 4 decimals; changes in percent and kr per invånare with 2;
/// shares of costs, result and equity in kronor with 2 decimals.
pub fn municipality_csv(report: &MunicipalityReport) -> Vec<u8> {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::text("Medlem"), Cell::text(report.name.clone())],
        vec![
            Cell::text("Förbund"),
            Cell::text(report.association.clone()),
        ],
        vec![
            Cell::text("Scenario"),
            Cell::text(report.scenario_name.clone()),
        ],
        vec![],
    ];
    rows.push(
        [
            "År",
            "Medlem detta år",
            "Belopp (kr)",
            "Förändring (kr)",
            "Förändring (%)",
            "Nyckel",
            "Invånare",
            "Andel enligt nyckel (%)",
            "Fast belopp (kr)",
            "Källa invånare",
            "Partens belopp (kr)",
            "Invånare totalt",
            "Kr per invånare",
            "Andel av partens belopp (%)",
            "Andel av medelstilldelningen (%)",
            "Medelstilldelning (kr)",
            "Avrundningsdifferens (kr)",
            "Verksamhetens kostnader (kr)",
            "Andel av kostnaderna (kr)",
            "Årets resultat (kr)",
            "Andel av resultatet (kr)",
            "Eget kapital UB (kr)",
            "Andel av eget kapital (kr)",
            "Anmärkning",
        ]
        .map(Cell::text)
        .to_vec(),
    );
    for y in &report.years {
        let count = |n: Option<u64>| {
            n.and_then(|v| i64::try_from(v).ok())
                .map(Cell::Integer)
                .unwrap_or(Cell::Empty)
        };
        rows.push(vec![
            Cell::Integer(i64::from(y.year)),
            Cell::text(membership_text(y)),
            kr_cell(y.amount),
            kr_cell(y.change),
            percent_cell(y.change_percent, 2),
            Cell::text(y.key_label.clone()),
            count(y.population),
            percent_cell(y.key_percent, 4),
            kr_cell(y.fixed_amount),
            y.population_source
                .clone()
                .map(Cell::Text)
                .unwrap_or(Cell::Empty),
            kr_cell(y.party_amount),
            count(y.party_population),
            percent_cell(y.kr_per_inhabitant, 2),
            percent_cell(y.share_of_party, 4),
            percent_cell(y.share_of_total, 4),
            kr_cell(y.total),
            kr_cell(y.rounding_difference),
            Cell::from(y.costs),
            percent_cell(y.share_of_costs.map(Amount::value), 2),
            if y.result_known {
                Cell::from(y.result)
            } else {
                Cell::Empty
            },
            percent_cell(y.share_of_result.map(Amount::value), 2),
            if y.equity_known {
                Cell::from(y.equity)
            } else {
                Cell::Empty
            },
            percent_cell(y.share_of_equity.map(Amount::value), 2),
            y.allocation_error
                .as_ref()
                .map(|e| Cell::text(e.to_string()))
                .unwrap_or(Cell::Empty),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![Cell::text(format!("Insatser i {}", report.name))]);
    let mut header = vec![
        Cell::text("Konto"),
        Cell::text("Post"),
        Cell::text("Kategori"),
    ];
    header.extend(report.years.iter().map(|y| Cell::text(y.year.to_string())));
    header.push(Cell::text("Notering"));
    rows.push(header);
    for l in &report.lines {
        let mut row = vec![
            l.account.clone().map(Cell::Text).unwrap_or(Cell::Empty),
            Cell::text(l.name.clone()),
            Cell::text(l.category_label.clone()),
        ];
        row.extend(
            report
                .years
                .iter()
                .map(|y| kr_cell(l.amounts.get(&y.year).copied())),
        );
        row.push(Cell::text(l.note.clone()));
        rows.push(row);
    }
    let mut sum = vec![Cell::Empty, Cell::text("Summa"), Cell::Empty];
    sum.extend(
        report
            .years
            .iter()
            .map(|y| kr_cell(report.lines_total(y.year))),
    );
    rows.push(sum);
    write_csv(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{FundingInput, KeyValues, Overrides, Scenario, YearInput};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// NV 2023 (GV-06) and the merged VM 2024 (GV-01): four municipalities join in 2024.
    const NV_2023: [(&str, i64); 6] = [
        ("Fagersta", 321_172),
        ("Hallstahammar", 401_452),
        ("Norberg", 135_228),
        ("Skinnskatteberg", 105_904),
        ("Sala", 552_688),
        ("Surahammar", 241_060),
    ];
    use crate::example::VM_2024_KOMMUNER as VM_2024;

    fn merger_plan() -> Plan {
        let mut p = Plan::empty("Samordningsförbundet Västmanland", 2023, 1);
        p.settings.kommun_key = Key::Amount;
        p.year_inputs.insert(
            2023,
            YearInput {
                funding: FundingInput::Total(Amount::kr(7_030_000)),
                // GV-06: the decided amounts are 4 kr more than the quarter.
                allow_difference: true,
                ..YearInput::default()
            },
        );
        p.year_inputs.insert(
            2024,
            YearInput {
                funding: FundingInput::Total(Amount::kr(19_038_000)),
                ..YearInput::default()
            },
        );
        let region = p.fresh_id();
        p.members.push(Member {
            id: MemberId(region),
            name: "Region Västmanland".into(),
            kind: MemberKind::Region,
            first_year: None,
            last_year: None,
            values: BTreeMap::new(),
        });
        for (name, amount) in VM_2024 {
            let id = p.fresh_id();
            let mut values = BTreeMap::new();
            let old = NV_2023.iter().find(|(n, _)| *n == name);
            if let Some((_, a)) = old {
                values.insert(
                    2023,
                    KeyValues {
                        amount: Some(Amount::kr(*a)),
                        ..KeyValues::default()
                    },
                );
            }
            values.insert(
                2024,
                KeyValues {
                    amount: Some(Amount::kr(amount)),
                    ..KeyValues::default()
                },
            );
            p.members.push(Member {
                id: MemberId(id),
                name: name.into(),
                kind: MemberKind::Kommun,
                first_year: if old.is_some() { None } else { Some(2024) },
                last_year: None,
                values,
            });
        }
        p.opening_equity = Amount::kr(2_000_000);
        let mut line =
            |name: &str, cat: Category, kommun: Option<&str>, amounts: &[(Year, i64)]| {
                let id = LineId(p.fresh_id());
                let mut l = BudgetLine::new(id, name, Some(cat));
                l.municipality = kommun.map(str::to_string);
                for (y, a) in amounts {
                    l.amounts.insert(*y, Amount::kr(*a));
                }
                p.lines.push(l);
            };
        // 2023 costs = members' 7 030 004 (result 0); 2024 costs 20 038 000 (result −1 000 001).
        line(
            "Kansli",
            Category::Kansli,
            None,
            &[(2023, 7_030_004), (2024, 12_838_000)],
        );
        line(
            "Samordningsteam Västerås",
            Category::Individinsatser,
            Some(" VÄSTERÅS "),
            &[(2024, 6_200_000)],
        );
        line(
            "Sala-insats",
            Category::Individinsatser,
            Some("Sala"),
            &[(2024, 1_000_000)],
        );
        p
    }

    fn id_of(plan: &Plan, name: &str) -> MemberId {
        plan.members.iter().find(|m| m.name == name).unwrap().id
    }

    #[test]
    fn golden_vm_2024_vasteras_joins_in_year_two() {
        let plan = merger_plan();
        let r = municipality_report(&plan, None, id_of(&plan, "Västerås")).unwrap();
        assert_eq!(r.name, "Västerås");
        assert_eq!(r.first_year, Some(2024));
        assert_eq!(r.scenario_name, "Basplan");
        assert_eq!(r.years.len(), 2);

        let y23 = r.year(2023).unwrap();
        assert!(!y23.is_member);
        assert_eq!(y23.amount, None, "no amount before joining");
        assert_eq!(y23.change, None);
        assert_eq!(y23.share_of_total, None);
        assert_eq!(y23.share_of_costs, None);
        assert_eq!(y23.fixed_amount, None);
        assert_eq!(y23.total, Some(Amount::kr(7_030_000)));
        assert_eq!(y23.rounding_difference, Some(Amount::kr(4)), "GV-06 +4 kr");

        let y = r.year(2024).unwrap();
        assert!(y.is_member && y.joins && !y.leaves);
        assert_eq!(y.amount, Some(Amount::kr(2_698_345)));
        assert_eq!(y.exact, Some(d("2698345")));
        assert_eq!(y.change, None, "joined this year: no change");
        assert_eq!(y.change_percent, None);
        assert_eq!(y.key, Key::Amount);
        assert_eq!(y.key_label, "Belopp");
        assert_eq!(y.fixed_amount, Some(Amount::kr(2_698_345)));
        assert_eq!(y.population, None);
        assert_eq!(y.population_source, None);
        assert_eq!(y.kr_per_inhabitant, None);
        assert_eq!(y.total, Some(Amount::kr(19_038_000)));
        assert_eq!(y.party, Party::Kommuner);
        assert_eq!(y.party_amount, Some(Amount::kr(4_759_500)));
        assert_eq!(y.rounding_difference, Some(Amount::kr(-1)), "GV-01 −1 kr");
        // 14,1735 % of T and 56,69 % of the municipal quarter, at full precision.
        let of_t = y.share_of_total.unwrap();
        assert_eq!(round_half_up(of_t, 4), d("14.1735"));
        assert_eq!(of_t, d("2698345") * d("100") / d("19038000"));
        let of_k = y.share_of_party.unwrap();
        assert_eq!(round_half_up(of_k, 2), d("56.69"));
        assert_eq!(of_k, d("2698345") * d("100") / d("4759500"));
        // Share of costs, result and equity: amount / T × figure.
        assert_eq!(y.costs, Amount::kr(20_038_000));
        // The budget books the decided total T as member revenue (the −1 kr belongs to the
        // outcome).
        assert_eq!(y.result, Amount::kr(-1_000_000));
        assert_eq!(
            y.equity,
            Amount::kr(999_996),
            "2023 budget books T, not +4 kr"
        );
        // Decided Belopp: the andel is the paid share, 2 698 345 / T (docs/allocation.md).
        let andel = y.share_of_total.unwrap();
        assert_eq!(y.share_basis, Some(crate::allocation::ShareBasis::Paid));
        let share = |f: i64| Amount(andel * Decimal::from(f) / d("100"));
        assert_eq!(y.share_of_costs, Some(share(20_038_000)));
        assert_eq!(y.share_of_result, Some(share(-1_000_000)));
        assert_eq!(y.share_of_equity, Some(share(999_996)));
        assert_eq!(
            round_half_up(y.share_of_costs.unwrap().value(), 0),
            d("2840080")
        );
        assert_eq!(
            round_half_up(y.share_of_result.unwrap().value(), 0),
            d("-141735")
        );

        // Only the line located in Västerås (matched case-insensitively, trimmed).
        assert_eq!(r.lines.len(), 1);
        assert_eq!(r.lines[0].name, "Samordningsteam Västerås");
        assert_eq!(r.lines[0].category_label, "Individinsatser");
        assert_eq!(r.lines[0].amount(2024), Amount::kr(6_200_000));
        assert_eq!(r.lines[0].amount(2023), Amount::ZERO);
        assert_eq!(r.lines_total(2024), Some(Amount::kr(6_200_000)));
    }

    #[test]
    fn change_vs_previous_year_for_a_continuing_member() {
        let plan = merger_plan();
        let r = municipality_report(&plan, None, id_of(&plan, "Fagersta")).unwrap();
        let y23 = r.year(2023).unwrap();
        assert!(y23.is_member && !y23.joins);
        assert_eq!(y23.amount, Some(Amount::kr(321_172)));
        assert_eq!(y23.change, None, "first plan year");
        let y = r.year(2024).unwrap();
        assert_eq!(y.change, Some(Amount::kr(224_196 - 321_172)));
        let pct = y.change_percent.unwrap();
        assert_eq!(round_half_up(pct, 1), d("-30.2"));
        assert!(r.lines.is_empty());
    }

    #[test]
    fn population_key_gives_source_and_kr_per_inhabitant() {
        let mut p = Plan::empty("Test", 2026, 0);
        p.settings.population_source = "SCB 2023-11-01".into();
        p.year_inputs.get_mut(&2026).unwrap().funding = FundingInput::Total(Amount::kr(4_000_000));
        for (name, pop) in [("Astad", 300u64), ("Bby", 100)] {
            let id = MemberId(p.fresh_id());
            p.members.push(Member {
                id,
                name: name.into(),
                kind: MemberKind::Kommun,
                first_year: None,
                last_year: Some(2026),
                values: BTreeMap::from([(
                    2026,
                    KeyValues {
                        population: Some(pop),
                        ..KeyValues::default()
                    },
                )]),
            });
        }
        let r = municipality_report(&p, None, id_of(&p, "Astad")).unwrap();
        let y = &r.years[0];
        assert!(y.leaves && !y.joins);
        assert_eq!(y.key_label, "Invånare");
        assert_eq!(y.population, Some(300));
        assert_eq!(y.party_population, Some(400));
        assert_eq!(y.population_source.as_deref(), Some("SCB 2023-11-01"));
        assert_eq!(y.kr_per_inhabitant, Some(d("2500.00")));
        assert_eq!(y.own_kr_per_inhabitant, Some(d("2500.00")));
        assert_eq!(y.amount, Some(Amount::kr(750_000)));
        assert_eq!(y.share_of_party, Some(d("75")));
        assert_eq!(y.share_of_total, Some(d("18.75")));
        assert_eq!(y.fixed_amount, None);
        // No lines, no costs: shares of zero figures are zero, not errors.
        assert_eq!(y.share_of_costs, Some(Amount::ZERO));
    }

    #[test]
    fn scenario_overrides_and_errors() {
        let mut plan = merger_plan();
        let mut o = Overrides::default();
        o.funding
            .insert(2024, FundingInput::Total(Amount::kr(20_000_000)));
        o.kommun_key = Some(Key::single(KeyMethod::Equal));
        plan.scenarios.push(Scenario {
            id: ScenarioId(900),
            name: "Lika delar".into(),
            overrides: o,
        });
        let r =
            municipality_report(&plan, Some(ScenarioId(900)), id_of(&plan, "Västerås")).unwrap();
        assert_eq!(r.scenario_name, "Lika delar");
        let y = r.year(2024).unwrap();
        assert_eq!(y.key_label, "Lika delar");
        assert_eq!(y.amount, Some(Amount::kr(500_000)));
        assert_eq!(y.fixed_amount, None);

        assert_eq!(
            municipality_report(&plan, Some(ScenarioId(1234)), id_of(&plan, "Sala")),
            Err(MunicipalityError::NoScenario(ScenarioId(1234)))
        );
        let e = municipality_report(&plan, None, MemberId(9999)).unwrap_err();
        assert_eq!(e, MunicipalityError::NoMember(MemberId(9999)));
        assert_eq!(e.to_string(), "medlemmen finns inte i planen");
    }

    #[test]
    fn failed_allocation_is_reported_not_a_panic() {
        let mut plan = merger_plan();
        plan.settings.kommun_key = Key::single(KeyMethod::Population);
        let r = municipality_report(&plan, None, id_of(&plan, "Sala")).unwrap();
        for y in &r.years {
            assert!(y.allocation_error.is_some());
            assert_eq!(y.amount, None);
            assert_eq!(y.change, None);
        }
        let csv = String::from_utf8(municipality_csv(&r)).unwrap();
        assert!(csv.contains("saknar värde för nyckeln Invånare"), "{csv}");
    }

    #[test]
    fn csv_export() {
        let plan = merger_plan();
        let r = municipality_report(&plan, None, id_of(&plan, "Västerås")).unwrap();
        let bytes = municipality_csv(&r);
        assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "Medlem;Västerås");
        assert_eq!(lines[2], "Scenario;Basplan");
        assert!(lines[4].starts_with("År;Medlem detta år;Belopp (kr);"));
        let y24 = lines[6];
        assert!(
            y24.starts_with("2024;Ja (inträder);2698345;;;Belopp;;;2698345;;4759500;;;56,6939;14,1735;19038000;-1;20038000;2840079,69;"),
            "{y24}"
        );
        assert!(lines[5].starts_with("2023;Nej;;;;Belopp;"), "{}", lines[5]);
        assert!(text.contains("\r\nInsatser i Västerås\r\nKonto;Post;Kategori;2023;2024;Notering\r\n;Samordningsteam Västerås;Individinsatser;;6200000;\r\n;Summa;;0;6200000\r\n"), "{text}");
    }
}
