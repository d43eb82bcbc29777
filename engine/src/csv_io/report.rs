//! The key figures of a plan as CSV text (docs/cli.md, `samplan report`): one row per figure
//! in long format `År;Avsnitt;Post;Värde`, e.g. `2024;Finansiering;Västerås;2698345`.
//!
//! Text is UTF-8 without BOM, `;`, LF, decimal comma, no thousands grouping, `-` for minus;
//! amounts in kronor at full precision (derived member shares to the öre), percentages with
//! two decimals.
//!
//! Sections per year: `Finansiering` and `Parter` (the allocation, or `Fel` with the reason),
//! `Budget`, `Utfall`, `Kostnadsfördelning budget|utfall` (with its `Bas`), `Eget kapital`
//! (with `Resultatbas` and `Kvotens bas`), `Medlem: <namn>` (what a municipality needs, Finsam
//! 9 § p8: `Belopp`, `Andel av medelstilldelningen %`, `Andel av kostnaderna`, `Andel av
//! resultatet`, `Andel av eget kapital UB`, `Kr per invånare`, `Förändring kr`, `Förändring %`)
//! and `Uppföljning: <post>` per budget line and subtotal (`Budget`, `Utfall`, `Avvikelse`,
//! `Förbrukad %`), and for a year with a forecast `Prognos: <post>` (`Budget`, `Utfall t.o.m.
//! perioden`, `Prognos`, `Avvikelse prognos − budget`); then the warnings (`Varning`, plan-wide ones with an empty `År`).

use rust_decimal::Decimal;
use thiserror::Error;

use crate::csv_io::{write_csv_with, Cell, CsvWriteOptions};
use crate::distribution::{CostDistribution, CostGroup};
use crate::followup::FollowUpRowKind;
use crate::money::{round_half_up, Amount};
use crate::municipality::municipality_report;
use crate::plan::{Category, Plan, ScenarioId, Year};
use crate::report::{compute_scenario, YearReport};

/// Why a report cannot be produced.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReportError {
    /// No scenario with that name.
    #[error(
        "scenariot \"{name}\" finns inte i planen{}",
        available_list(available)
    )]
    UnknownScenario {
        /// The name asked for.
        name: String,
        /// The plan's scenario names.
        available: Vec<String>,
    },
    /// The year is not one of the plan's years.
    #[error("året {year} finns inte i planen (planens år: {})", years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", "))]
    UnknownYear {
        /// The year asked for.
        year: Year,
        /// The plan's years.
        years: Vec<Year>,
    },
}

fn available_list(names: &[String]) -> String {
    if names.is_empty() {
        " (planen har inga scenarier)".to_string()
    } else {
        let q: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!(" (finns: {})", q.join(", "))
    }
}

struct Rows(Vec<Vec<Cell>>);

impl Rows {
    fn push(&mut self, year: Option<Year>, section: &str, post: &str, value: Cell) {
        self.0.push(vec![
            year.map(|y| Cell::Integer(i64::from(y)))
                .unwrap_or(Cell::Empty),
            Cell::text(section),
            Cell::text(post),
            value,
        ]);
    }

    fn amount(&mut self, year: Year, section: &str, post: &str, a: Amount) {
        self.push(Some(year), section, post, Cell::Number(a.value()));
    }

    fn percent(&mut self, year: Year, section: &str, post: &str, p: Option<Decimal>) {
        let cell = p.map(|p| Cell::Fixed(p, 2)).unwrap_or(Cell::text("–"));
        self.push(Some(year), section, post, cell);
    }

    /// `Ja`/`Nej`, or `–` when it cannot be told.
    fn yes_no(&mut self, year: Year, section: &str, post: &str, b: Option<bool>) {
        let text = match b {
            Some(true) => "Ja",
            Some(false) => "Nej",
            None => "–",
        };
        self.push(Some(year), section, post, Cell::text(text));
    }
}

fn distribution(rows: &mut Rows, year: Year, section: &str, d: &CostDistribution) {
    for g in CostGroup::ALL {
        let s = d.group(g);
        rows.percent(year, section, &format!("{} %", g.label()), s.percent);
        let whole = s
            .whole(d.rounding)
            .map(Cell::Number)
            .unwrap_or(Cell::text("–"));
        rows.push(Some(year), section, &format!("{} hela %", g.label()), whole);
    }
    rows.percent(year, section, "Direkta insatskostnader %", d.direct.percent);
    rows.push(Some(year), section, "Bas", Cell::text(d.basis.label()));
}

fn year_rows(
    rows: &mut Rows,
    y: &YearReport,
    plan_base: crate::plan::EquityBase,
    requested: Option<Amount>,
) {
    let year = y.year;
    const FIN: &str = "Finansiering";
    match &y.allocation {
        Ok(a) => {
            rows.amount(year, FIN, "Medelstilldelning", a.total);
            for p in &a.parties {
                rows.amount(year, "Parter", p.party.label(), p.amount);
            }
            for m in &a.members {
                rows.amount(year, FIN, &m.name, m.amount);
            }
            rows.amount(year, FIN, "Summa medlemmar", a.members_total());
            if let Some(r) = requested {
                rows.amount(year, FIN, "Äskande", r);
            }
            rows.amount(year, FIN, "Avrundningsdifferens", a.rounding_only());
            if a.parties.iter().any(|p| p.deviation) {
                rows.amount(year, FIN, "Avvikelse från partens andel", a.deviation());
            }
        }
        Err(e) => rows.push(Some(year), FIN, "Fel", Cell::text(e.to_string())),
    }
    const B: &str = "Budget";
    let b = &y.budget;
    for c in Category::ALL {
        rows.amount(year, B, c.label(), b.category(c));
    }
    if !b.uncategorized.is_zero() {
        rows.amount(year, B, "Ej kategoriserat", b.uncategorized);
    }
    // Income and results depend on the members' revenue: unknown when the allocation failed.
    let ok = y.allocation.is_ok();
    // A year without any budget line or outcome has no result (docs/equity.md): its budget
    // "result" would be the whole funding as surplus, so it is not written.
    let has_result = ok && !y.equity.no_budget;
    let figures = [
        ("Summa direkta insatskostnader", b.direct_costs, true),
        ("Summa administrativa kostnader", b.admin_costs, true),
        ("Verksamhetens kostnader", b.operating_costs, true),
        ("Verksamhetens intäkter", b.operating_income, ok),
        ("Verksamhetens resultat", b.operating_result, has_result),
        ("Årets resultat", b.result, has_result),
        (
            "Planerad användning av eget kapital",
            b.planned_equity_use,
            has_result,
        ),
    ];
    for (label, a, known) in figures {
        if known {
            rows.amount(year, B, label, a);
        }
    }
    if let Some(o) = y.outcome.as_ref().filter(|_| ok) {
        const U: &str = "Utfall";
        for c in Category::ALL {
            rows.amount(year, U, c.label(), o.category(c));
        }
        if !o.uncategorized.is_zero() {
            rows.amount(year, U, "Ej kategoriserat", o.uncategorized);
        }
        for (label, a) in [
            ("Summa direkta insatskostnader", o.direct_costs),
            ("Summa administrativa kostnader", o.admin_costs),
            ("Verksamhetens kostnader", o.operating_costs),
            ("Verksamhetens intäkter", o.operating_income),
            ("Verksamhetens resultat", o.operating_result),
            ("Årets resultat", o.result),
        ] {
            rows.amount(year, U, label, a);
        }
    }
    distribution(rows, year, "Kostnadsfördelning budget", &y.distribution);
    if let Some(d) = &y.outcome_distribution {
        distribution(rows, year, "Kostnadsfördelning utfall", d);
    }
    const E: &str = "Eget kapital";
    let e = &y.equity;
    if !e.known {
        let reason = match e.unknown_reason().filter(|_| ok) {
            Some(why) => format!("eget kapital kan inte beräknas: {why}"),
            None => {
                "eget kapital kan inte beräknas: årets fördelning kan inte beräknas".to_string()
            }
        };
        rows.push(Some(year), E, "Fel", Cell::text(reason));
        return;
    }
    if e.opening_known {
        rows.amount(year, E, "EK IB", e.opening);
    } else {
        rows.push(Some(year), E, "EK IB", Cell::text("–"));
    }
    rows.amount(year, E, "Kapitaltillskott", e.capital_contribution);
    if e.result_known {
        rows.amount(year, E, "Årets resultat", e.result);
    } else {
        rows.push(Some(year), E, "Årets resultat", Cell::text("–"));
    }
    rows.amount(year, E, "EK UB", e.closing);
    rows.percent(year, E, "EK-kvot %", e.ratio);
    rows.yes_no(year, E, "Över taket", e.above_ceiling_known());
    rows.yes_no(year, E, "Under golvet", e.below_floor_known());
    rows.push(Some(year), E, "Resultatbas", Cell::text(e.basis.label()));
    let base = equity_base_label(plan_base, e.base_assumed);
    rows.push(Some(year), E, "Kvotens bas", Cell::text(base));
}

fn equity_base_label(base: crate::plan::EquityBase, assumed: bool) -> String {
    if assumed {
        format!("{} (antagande)", base.label())
    } else {
        base.label().to_string()
    }
}

/// Kronor rounded to the öre (derived shares).
fn ore(a: Amount) -> Cell {
    Cell::Number(round_half_up(a.value(), 2))
}

/// Per member and year: what the municipality pays and its share of the association.
fn member_rows(rows: &mut Rows, plan: &Plan, scenario: Option<ScenarioId>, year: Option<Year>) {
    let resolved = plan.resolved(scenario);
    for m in &plan.members {
        let Ok(r) = municipality_report(plan, scenario, m.id) else {
            continue;
        };
        let section = format!("Medlem: {}", m.name);
        for y in r
            .years
            .iter()
            .filter(|y| y.is_member && year.is_none_or(|want| want == y.year))
        {
            let Some(amount) = y.amount else {
                let reason = y
                    .allocation_error
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "kan inte beräknas".to_string());
                rows.push(Some(y.year), &section, "Fel", Cell::text(reason));
                continue;
            };
            rows.amount(y.year, &section, "Belopp", amount);
            rows.percent(
                y.year,
                &section,
                "Andel av medelstilldelningen %",
                y.share_of_total,
            );
            for (post, v) in [
                ("Andel av kostnaderna", y.share_of_costs),
                ("Andel av resultatet", y.share_of_result),
                ("Andel av eget kapital UB", y.share_of_equity),
            ] {
                if let Some(v) = v {
                    rows.push(Some(y.year), &section, post, ore(v));
                }
            }
            let population = resolved
                .member(m.id)
                .and_then(|mm| mm.values_for(y.year).population)
                .filter(|p| *p > 0);
            if let Some(per) =
                population.and_then(|p| amount.value().checked_div(rust_decimal::Decimal::from(p)))
            {
                rows.push(
                    Some(y.year),
                    &section,
                    "Kr per invånare",
                    Cell::Fixed(round_half_up(per, 2), 2),
                );
            }
            if let Some(c) = y.change {
                rows.amount(y.year, &section, "Förändring kr", c);
                rows.percent(y.year, &section, "Förändring %", y.change_percent);
            }
        }
    }
}

/// The follow-up per line and subtotal of one year.
fn follow_up_rows(rows: &mut Rows, y: &YearReport) {
    // One section per row, each name unique: a split line's shares carry their percent.
    let labels = y.follow_up.unique_labels();
    for (r, label) in y.follow_up.rows.iter().zip(labels) {
        // Income and result rows depend on the members' revenue, unknown when the allocation
        // failed.
        if r.kind == FollowUpRowKind::Heading || (r.income_like && y.allocation.is_err()) {
            continue;
        }
        let section = format!("Uppföljning: {label}");
        let f = &r.figures;
        rows.amount(y.year, &section, "Budget", f.budget);
        rows.amount(y.year, &section, "Utfall", f.outcome);
        rows.amount(y.year, &section, "Avvikelse", f.deviation);
        rows.percent(y.year, &section, "Förbrukad %", f.used_percent);
    }
}

/// The forecast per line and subtotal of one year with a typed forecast (docs/budget.md
/// "Prognos"): `Prognos: <post>` with `Budget`, `Utfall t.o.m. perioden`, `Prognos` and
/// `Avvikelse prognos − budget`, and `Prognos;Period` when the period is recorded.
fn forecast_rows(rows: &mut Rows, plan: &Plan, y: &YearReport) {
    if !crate::forecast::has_forecast(plan, y.year) {
        return;
    }
    let Ok(allocation) = &y.allocation else {
        return;
    };
    let paid = allocation
        .members
        .iter()
        .fold(Amount::ZERO, |s, m| crate::budget::add(s, m.amount));
    let f = crate::forecast::forecast_follow_up(plan, y.year, allocation.total, paid);
    if let Some(p) = &f.period {
        rows.push(Some(y.year), "Prognos", "Period", Cell::text(p.label()));
    }
    let labels = y.follow_up.unique_labels();
    for (r, label) in f.rows.iter().zip(labels) {
        if r.kind == FollowUpRowKind::Heading {
            continue;
        }
        let section = format!("Prognos: {label}");
        rows.amount(y.year, &section, "Budget", r.budget);
        rows.amount(y.year, &section, "Utfall t.o.m. perioden", r.outcome);
        rows.amount(y.year, &section, "Prognos", r.forecast);
        rows.amount(y.year, &section, "Avvikelse prognos − budget", r.deviation);
    }
}

/// The key figures of `plan` as CSV text (`År;Avsnitt;Post;Värde`), for one `year` or all, of
/// the base plan or the scenario named `scenario` (case-insensitive).
///
/// Per year: *medelstilldelning*, party and member amounts, the rounding difference, category
/// sums, the budget subtotals and result, the outcome figures when known, the cost distribution
/// (exact percent and whole percent under the plan's rounding), EK IB/UB, ratio and flags, and
/// the warnings (plan-wide warnings have an empty `År`).
pub fn report_to_csv(
    plan: &Plan,
    year: Option<Year>,
    scenario: Option<&str>,
) -> Result<String, ReportError> {
    let sid = match scenario {
        None => None,
        Some(name) => {
            Some(
                plan.scenario_by_name(name)
                    .ok_or_else(|| ReportError::UnknownScenario {
                        name: name.to_string(),
                        available: plan.scenarios.iter().map(|s| s.name.clone()).collect(),
                    })?,
            )
        }
    };
    if let Some(y) = year {
        if !plan.years.contains(&y) {
            return Err(ReportError::UnknownYear {
                year: y,
                years: plan.years.clone(),
            });
        }
    }
    let report = compute_scenario(plan, sid);
    let resolved = plan.resolved(sid);
    let mut rows = Rows(vec![["År", "Avsnitt", "Post", "Värde"]
        .into_iter()
        .map(Cell::text)
        .collect()]);
    for y in report
        .years
        .iter()
        .filter(|r| year.is_none_or(|want| r.year == want))
    {
        let requested = plan.year_input(y.year).requested;
        year_rows(&mut rows, y, plan.settings.equity_base, requested);
        follow_up_rows(&mut rows, y);
        forecast_rows(&mut rows, &resolved, y);
    }
    member_rows(&mut rows, plan, sid, year);
    for w in &report.warnings {
        if year.is_none() || w.year().is_none_or(|wy| Some(wy) == year) {
            rows.push(w.year(), "Varning", w.title(), Cell::text(w.message()));
        }
    }
    let bytes = write_csv_with(&rows.0, CsvWriteOptions::STDOUT);
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
