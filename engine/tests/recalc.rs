//! The incremental recompute ([`Recalc`], docs/recalc.md) equals a full compute: random edit
//! sequences of every edit kind — amounts, outcomes, line fields, lines inserted, deleted and
//! moved, key values, members, year inputs, settings, years, scenarios and their overrides,
//! compound edits — with undo and redo, comparing after every step.

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::figures::*;
use samplan_engine::workbook::*;
use samplan_engine::*;

/// One step of a sequence; indices are taken modulo the plan's current lists.
#[derive(Clone, Debug)]
enum Op {
    LineAmount {
        line: usize,
        year: usize,
        amount: Option<i64>,
        in_scenario: bool,
    },
    Huge {
        line: usize,
        year: usize,
        exponent: u32,
    },
    Outcome {
        line: usize,
        year: usize,
        ytd: Option<i64>,
        final_amount: Option<i64>,
    },
    Category {
        line: usize,
        category: Option<usize>,
    },
    Split {
        line: usize,
        a: usize,
        b: usize,
        percent: i64,
    },
    LineName {
        line: usize,
        name: u8,
    },
    InsertLine {
        index: usize,
        category: usize,
        year: usize,
        amount: i64,
    },
    DeleteLine {
        line: usize,
    },
    MoveLine {
        from: usize,
        to: usize,
    },
    Population {
        member: usize,
        year: usize,
        population: Option<u64>,
        in_scenario: bool,
    },
    MemberPercent {
        member: usize,
        year: usize,
        percent: i64,
    },
    MemberAmount {
        member: usize,
        year: usize,
        amount: Option<i64>,
    },
    AddMember {
        kind: usize,
    },
    RemoveMember {
        member: usize,
    },
    MemberYears {
        member: usize,
        first: Option<usize>,
        last: Option<usize>,
    },
    RenameMember {
        member: usize,
        name: u8,
    },
    Funding {
        year: usize,
        kind: usize,
        value: i64,
        in_scenario: bool,
    },
    Capital {
        year: usize,
        amount: i64,
    },
    ActualResult {
        year: usize,
        amount: Option<i64>,
    },
    Closed {
        year: usize,
        closed: bool,
    },
    AllowDifference {
        year: usize,
        allow: bool,
    },
    KeyFrom {
        year: usize,
        key: usize,
    },
    Setting {
        which: usize,
        value: i64,
        in_scenario: bool,
    },
    OpeningEquity {
        amount: i64,
    },
    Years {
        add: bool,
    },
    AddScenario,
    RemoveScenario,
    RenameScenario {
        name: u8,
    },
    Compound {
        line: usize,
        year: usize,
        amount: i64,
    },
    Undo,
    Redo,
    /// Makes a scenario active in a [`Workbook`] (`0` = the base plan); no edit.
    Activate {
        scenario: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let year = 0usize..6;
    let idx = 0usize..64;
    let amount = -2_000_000i64..20_000_000;
    prop_oneof![
        6 => (idx.clone(), year.clone(), proptest::option::of(amount.clone()), any::<bool>())
            .prop_map(|(line, year, amount, in_scenario)| Op::LineAmount { line, year, amount, in_scenario }),
        1 => (idx.clone(), year.clone(), 20u32..27)
            .prop_map(|(line, year, exponent)| Op::Huge { line, year, exponent }),
        3 => (idx.clone(), year.clone(), proptest::option::of(amount.clone()), proptest::option::of(amount.clone()))
            .prop_map(|(line, year, ytd, final_amount)| Op::Outcome { line, year, ytd, final_amount }),
        1 => (idx.clone(), proptest::option::of(0usize..8))
            .prop_map(|(line, category)| Op::Category { line, category }),
        1 => (idx.clone(), 0usize..8, 0usize..8, 0i64..=120)
            .prop_map(|(line, a, b, percent)| Op::Split { line, a, b, percent }),
        1 => (idx.clone(), any::<u8>()).prop_map(|(line, name)| Op::LineName { line, name }),
        1 => (idx.clone(), 0usize..8, year.clone(), amount.clone())
            .prop_map(|(index, category, year, amount)| Op::InsertLine { index, category, year, amount }),
        1 => idx.clone().prop_map(|line| Op::DeleteLine { line }),
        1 => (idx.clone(), idx.clone()).prop_map(|(from, to)| Op::MoveLine { from, to }),
        2 => (idx.clone(), year.clone(), proptest::option::of(0u64..300_000), any::<bool>())
            .prop_map(|(member, year, population, in_scenario)| Op::Population { member, year, population, in_scenario }),
        1 => (idx.clone(), year.clone(), 0i64..=100)
            .prop_map(|(member, year, percent)| Op::MemberPercent { member, year, percent }),
        1 => (idx.clone(), year.clone(), proptest::option::of(0i64..5_000_000))
            .prop_map(|(member, year, amount)| Op::MemberAmount { member, year, amount }),
        1 => (0usize..3).prop_map(|kind| Op::AddMember { kind }),
        1 => idx.clone().prop_map(|member| Op::RemoveMember { member }),
        1 => (idx.clone(), proptest::option::of(year.clone()), proptest::option::of(year.clone()))
            .prop_map(|(member, first, last)| Op::MemberYears { member, first, last }),
        1 => (idx.clone(), any::<u8>()).prop_map(|(member, name)| Op::RenameMember { member, name }),
        2 => (year.clone(), 0usize..3, -5i64..50_000_000, any::<bool>())
            .prop_map(|(year, kind, value, in_scenario)| Op::Funding { year, kind, value, in_scenario }),
        1 => (year.clone(), amount.clone()).prop_map(|(year, amount)| Op::Capital { year, amount }),
        1 => (year.clone(), proptest::option::of(amount.clone()))
            .prop_map(|(year, amount)| Op::ActualResult { year, amount }),
        1 => (year.clone(), any::<bool>()).prop_map(|(year, closed)| Op::Closed { year, closed }),
        1 => (year.clone(), any::<bool>()).prop_map(|(year, allow)| Op::AllowDifference { year, allow }),
        1 => (year.clone(), 0usize..4).prop_map(|(year, key)| Op::KeyFrom { year, key }),
        2 => (0usize..14, -10i64..10_000_000, any::<bool>())
            .prop_map(|(which, value, in_scenario)| Op::Setting { which, value, in_scenario }),
        1 => amount.clone().prop_map(|amount| Op::OpeningEquity { amount }),
        1 => any::<bool>().prop_map(|add| Op::Years { add }),
        1 => Just(Op::AddScenario),
        1 => Just(Op::RemoveScenario),
        1 => any::<u8>().prop_map(|name| Op::RenameScenario { name }),
        1 => (idx.clone(), year.clone(), amount.clone())
            .prop_map(|(line, year, amount)| Op::Compound { line, year, amount }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => (0usize..3).prop_map(|scenario| Op::Activate { scenario }),
    ]
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    if items.is_empty() {
        None
    } else {
        items.get(i % items.len())
    }
}

fn year_of(plan: &Plan, i: usize) -> Year {
    // Sometimes a year just outside the plan.
    match pick(&plan.years, i) {
        Some(y) if i < 5 => *y,
        Some(y) => y + 1,
        None => 2026,
    }
}

fn key(i: usize) -> Key {
    match i % 4 {
        0 => Key::single(KeyMethod::Population),
        1 => Key::single(KeyMethod::Equal),
        2 => Key::single(KeyMethod::Percent),
        _ => Key::Amount,
    }
}

/// The edit an op stands for on the current plan (`None` when it does not apply).
fn edit_of(plan: &Plan, op: &Op) -> Option<Edit> {
    let line = |i: usize| pick(&plan.lines, i).map(|l| l.id);
    let member = |i: usize| pick(&plan.members, i).map(|m| m.id);
    let scenario = |on: bool| {
        if on {
            plan.scenarios.first().map(|s| s.id)
        } else {
            None
        }
    };
    let category = |i: usize| Category::ALL[i % Category::ALL.len()];
    match op.clone() {
        Op::LineAmount {
            line: l,
            year,
            amount,
            in_scenario,
        } => {
            let (id, year) = (line(l)?, year_of(plan, year));
            let s = scenario(in_scenario);
            match amount {
                Some(a) => Edit::set_line_amount(plan, s, id, year, Amount::kr(a)).ok(),
                None => Edit::clear_line_amount(plan, s, id, year).ok(),
            }
        }
        Op::Huge {
            line: l,
            year,
            exponent,
        } => Edit::set_line_amount(
            plan,
            None,
            line(l)?,
            year_of(plan, year),
            Amount(Decimal::from_i128_with_scale(10i128.pow(exponent), 0)),
        )
        .ok(),
        Op::Outcome {
            line: l,
            year,
            ytd,
            final_amount,
        } => Edit::set_outcome(
            plan,
            line(l)?,
            year_of(plan, year),
            Some(Outcome {
                ytd: ytd.map(Amount::kr),
                final_amount: final_amount.map(Amount::kr),
                forecast: None,
            }),
        )
        .ok(),
        Op::Category {
            line: l,
            category: c,
        } => Edit::set_line_category(plan, line(l)?, c.map(category)).ok(),
        Op::Split {
            line: l,
            a,
            b,
            percent,
        } => {
            let split = if percent > 100 {
                Vec::new()
            } else {
                vec![
                    SplitShare {
                        category: category(a),
                        percent: Decimal::from(percent),
                    },
                    SplitShare {
                        category: category(b),
                        percent: Decimal::from(100 - percent),
                    },
                ]
            };
            Edit::set_line_split(plan, line(l)?, split).ok()
        }
        Op::LineName { line: l, name } => {
            Edit::set_line_name(plan, line(l)?, format!("Post {name}")).ok()
        }
        Op::InsertLine {
            index,
            category: c,
            year,
            amount,
        } => {
            let mut l = BudgetLine::new(LineId(plan.free_id()), "Ny post", Some(category(c)));
            l.amounts.insert(year_of(plan, year), Amount::kr(amount));
            Some(Edit::insert_line(plan, index % (plan.lines.len() + 1), l))
        }
        Op::DeleteLine { line: l } => {
            if plan.lines.is_empty() {
                return None;
            }
            Edit::delete_line(plan, l % plan.lines.len()).ok()
        }
        Op::MoveLine { from, to } => {
            let n = plan.lines.len();
            if n == 0 {
                return None;
            }
            Edit::move_line(plan, from % n, to % n).ok()
        }
        Op::Population {
            member: m,
            year,
            population,
            in_scenario,
        } => Edit::set_population(
            plan,
            scenario(in_scenario),
            member(m)?,
            year_of(plan, year),
            population,
        )
        .ok(),
        Op::MemberPercent {
            member: m,
            year,
            percent,
        } => Edit::set_member_percent(
            plan,
            None,
            member(m)?,
            year_of(plan, year),
            Some(Decimal::from(percent)),
        )
        .ok(),
        Op::MemberAmount {
            member: m,
            year,
            amount,
        } => Edit::set_member_amount(
            plan,
            None,
            member(m)?,
            year_of(plan, year),
            amount.map(Amount::kr),
        )
        .ok(),
        Op::AddMember { kind } => {
            let kind = [MemberKind::Kommun, MemberKind::Region, MemberKind::Stat][kind % 3];
            Some(Edit::add_member(plan, "Ny medlem", kind))
        }
        Op::RemoveMember { member: m } => Edit::remove_member(plan, member(m)?).ok(),
        Op::MemberYears {
            member: m,
            first,
            last,
        } => {
            let id = member(m)?;
            let first = Edit::set_member_field(
                plan,
                id,
                MemberField::FirstYear(first.map(|y| year_of(plan, y))),
            )
            .ok()?;
            let last = Edit::set_member_field(
                plan,
                id,
                MemberField::LastYear(last.map(|y| year_of(plan, y))),
            )
            .ok()?;
            Some(Edit::Compound(vec![first, last]))
        }
        Op::RenameMember { member: m, name } => {
            Edit::rename_member(plan, member(m)?, format!("Medlem {name}")).ok()
        }
        Op::Funding {
            year,
            kind,
            value,
            in_scenario,
        } => {
            let funding = match kind {
                0 => FundingInput::Total(Amount::kr(value)),
                1 => FundingInput::State(Amount::kr(value)),
                _ => FundingInput::PreviousPlusPercent(Decimal::from(value % 20)),
            };
            Edit::set_funding(plan, scenario(in_scenario), year_of(plan, year), funding).ok()
        }
        Op::Capital { year, amount } => Some(Edit::set_capital_contribution(
            plan,
            year_of(plan, year),
            Amount::kr(amount),
        )),
        Op::ActualResult { year, amount } => Some(Edit::set_actual_result(
            plan,
            year_of(plan, year),
            amount.map(Amount::kr),
        )),
        Op::Closed { year, closed } => Some(Edit::set_closed(plan, year_of(plan, year), closed)),
        Op::AllowDifference { year, allow } => {
            Some(Edit::set_allow_difference(plan, year_of(plan, year), allow))
        }
        Op::KeyFrom { year, key: k } => {
            Some(Edit::set_kommun_key_from(plan, year_of(plan, year), key(k)))
        }
        Op::Setting {
            which,
            value,
            in_scenario,
        } => {
            let setting = match which {
                0 => Setting::Shares(PartyShares {
                    staten: Decimal::from(50),
                    region: Decimal::from(value % 40),
                    kommuner: Decimal::from(50 - value % 40),
                }),
                1 => Setting::Unit(
                    [
                        RoundingUnit::One,
                        RoundingUnit::Hundred,
                        RoundingUnit::Thousand,
                    ][value.unsigned_abs() as usize % 3],
                ),
                2 => Setting::Rounding(if value % 2 == 0 {
                    MemberRounding::Each
                } else {
                    MemberRounding::Balanced
                }),
                3 => Setting::KommunKey(key(value.unsigned_abs() as usize)),
                4 => Setting::RegionKey(key(value.unsigned_abs() as usize)),
                5 => Setting::EquityCeiling(Decimal::from(value % 60)),
                6 => Setting::EquityFloor((value % 3 != 0).then(|| Amount::kr(value))),
                7 => Setting::EquityBase(
                    [
                        EquityBase::SameYear,
                        EquityBase::NextYear,
                        EquityBase::BudgetedContributions,
                        EquityBase::BudgetedRevenue,
                    ][value.unsigned_abs() as usize % 4],
                ),
                8 => Setting::PercentRounding(if value % 2 == 0 {
                    PercentRounding::LargestRemainder
                } else {
                    PercentRounding::Independent
                }),
                9 => Setting::DistributionBase(
                    DistributionBase::ALL[value.unsigned_abs() as usize % 3],
                ),
                10 => Setting::ExpectedNextFunding((value % 2 == 0).then(|| Amount::kr(value))),
                11 => Setting::Name(format!("Förbund {value}")),
                12 => Setting::PopulationSource(format!("SCB {value}")),
                _ => Setting::OrgNr(format!("{value}")),
            };
            Edit::set_setting(plan, scenario(in_scenario), setting).ok()
        }
        Op::OpeningEquity { amount } => Some(Edit::set_opening_equity(plan, Amount::kr(amount))),
        Op::Years { add } => {
            let mut years = plan.years.clone();
            if add {
                years.push(years.last().copied().unwrap_or(2026) + 1);
            } else if years.len() > 1 {
                years.pop();
            }
            Some(Edit::set_years(plan, years))
        }
        Op::AddScenario => Some(Edit::add_scenario(plan, "Alternativ")),
        Op::RemoveScenario => Edit::remove_scenario(plan, plan.scenarios.last()?.id).ok(),
        Op::RenameScenario { name } => {
            Edit::rename_scenario(plan, plan.scenarios.first()?.id, format!("S {name}")).ok()
        }
        Op::Compound {
            line: l,
            year,
            amount,
        } => {
            let y = year_of(plan, year);
            let a = Edit::set_line_amount(plan, None, line(l)?, y, Amount::kr(amount)).ok()?;
            let b = Edit::set_line_amount(plan, None, line(l + 1)?, y, Amount::kr(-amount)).ok()?;
            let c = Edit::set_capital_contribution(plan, y, Amount::kr(amount / 3));
            Some(Edit::Compound(vec![a, b, c]))
        }
        Op::Undo | Op::Redo | Op::Activate { .. } => None,
    }
}

/// Where two reports differ first (a whole report is too long to print).
fn difference(got: &Report, want: &Report) -> String {
    if got.years.len() != want.years.len() {
        return format!("{} years, expected {}", got.years.len(), want.years.len());
    }
    for (g, w) in got.years.iter().zip(&want.years) {
        let fields: [(&str, bool); 8] = [
            ("allocation", g.allocation == w.allocation),
            ("total", g.total == w.total),
            ("budget", g.budget == w.budget),
            ("outcome", g.outcome == w.outcome),
            ("distribution", g.distribution == w.distribution),
            (
                "outcome_distribution",
                g.outcome_distribution == w.outcome_distribution,
            ),
            ("follow_up", g.follow_up == w.follow_up),
            ("equity", g.equity == w.equity),
        ];
        if let Some((name, _)) = fields.iter().find(|(_, same)| !same) {
            return format!("year {}: {name} differs", w.year);
        }
    }
    if got.multi_year != want.multi_year {
        return "multi-year table differs".into();
    }
    format!("warnings: {:?}\nexpected {:?}", got.warnings, want.warnings)
}

/// Runs `ops` on `plan` through an undo stack, handing every applied, undone or redone edit to
/// a base-plan cache and a scenario cache, and compares both with a full compute each step.
fn check(mut plan: Plan, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut history = UndoStack::new();
    let mut base = Recalc::new(&plan);
    let scenario = plan.scenarios.first().map(|s| s.id);
    let mut other = Recalc::for_scenario(&plan, scenario);
    prop_assert_eq!(base.report(), &compute(&plan));
    for (step, op) in ops.iter().enumerate() {
        let edit = match op {
            Op::Undo => {
                let Some(e) = history.peek_undo().cloned() else {
                    continue;
                };
                if !history.undo(&mut plan).unwrap_or(false) {
                    continue;
                }
                e
            }
            Op::Redo => {
                let Some(e) = history.peek_redo().cloned() else {
                    continue;
                };
                if !history.redo(&mut plan).unwrap_or(false) {
                    continue;
                }
                e
            }
            _ => {
                let Some(e) = edit_of(&plan, op) else {
                    continue;
                };
                if history.apply(&mut plan, e.clone()).is_err() {
                    continue;
                }
                e
            }
        };
        let full = compute(&plan);
        let got = base.apply(&plan, &edit);
        prop_assert!(
            got == &full,
            "step {} ({:?}): {:?}\n{}",
            step,
            op,
            edit,
            difference(got, &full)
        );
        let full = compute_scenario(&plan, scenario);
        let got = other.apply(&plan, &edit);
        prop_assert!(
            got == &full,
            "scenario, step {}: {}",
            step,
            difference(got, &full)
        );
    }
    Ok(())
}

/// A small plan with a scenario, a split line, outcomes and a closed year.
fn small_plan() -> Plan {
    let mut p = generated_plan(12, 4, 6);
    let years = p.years.clone();
    if let Some(l) = p.lines.get_mut(2) {
        l.split = vec![
            SplitShare {
                category: Category::Kansli,
                percent: Decimal::from(40),
            },
            SplitShare {
                category: Category::Processtod,
                percent: Decimal::from(60),
            },
        ];
    }
    for (i, l) in p.lines.iter_mut().enumerate().take(6) {
        l.outcome.insert(
            years[0],
            Outcome {
                ytd: Some(Amount::kr(1_000 * i as i64)),
                final_amount: (i % 2 == 0).then(|| Amount::kr(2_000 * i as i64)),
                forecast: None,
            },
        );
    }
    p.year_inputs.entry(years[0]).or_default().closed = true;
    let id = ScenarioId(p.fresh_id());
    let mut overrides = Overrides::default();
    overrides
        .funding
        .insert(years[1], FundingInput::Total(Amount::kr(30_000_000)));
    p.scenarios.push(Scenario {
        id,
        name: "Alternativ".into(),
        overrides,
    });
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_on_a_small_plan(ops in proptest::collection::vec(op(), 1..40)) {
        check(small_plan(), &ops)?;
    }

    #[test]
    fn incremental_equals_full_with_a_year_too_large_to_sum(ops in proptest::collection::vec(op(), 1..30)) {
        // Beyond what an edit accepts (docs/bounds.md), so only a plan built in memory has it.
        let mut plan = small_plan();
        let year = plan.years[1];
        plan.lines[0].amounts.insert(year, Amount(Decimal::from_i128_with_scale(10i128.pow(26), 0)));
        let too_large = Warning::SumsTooLarge { year };
        let flagged = compute(&plan).warnings.contains(&too_large);
        prop_assert!(flagged);
        check(plan, &ops)?;
    }

    #[test]
    fn incremental_equals_full_on_the_example_plan(ops in proptest::collection::vec(op(), 1..25)) {
        check(example_plan(), &ops)?;
    }
}

#[test]
fn a_budget_edit_recomputes_to_the_same_report_as_compute() {
    let mut plan = generated_plan(200, 5, 30);
    let mut recalc = Recalc::new(&plan);
    let line = plan.lines[100].id;
    let edit = Edit::set_line_amount(&plan, None, line, 2027, Amount::kr(123_457)).unwrap();
    apply(&mut plan, &edit).unwrap();
    let full = compute(&plan);
    assert_eq!(recalc.apply(&plan, &edit), &full);
    // The edited year's figures changed, and so did equity in every later year.
    let before = compute(&generated_plan(200, 5, 30));
    assert_ne!(before.years[1].budget, full.years[1].budget);
    assert_eq!(before.years[0], full.years[0]);
    for (b, f) in before.years[1..].iter().zip(&full.years[1..]) {
        assert_ne!(b.equity.closing, f.equity.closing);
    }
}

/// A large edit brought up to date in steps (an import prepared while the page answers,
/// docs/recalc.md "In steps"): one step per part of one year, the same report as in one go.
#[test]
fn a_recalc_in_steps_does_one_year_a_step_and_ends_equal_to_a_full_compute() {
    let mut plan = generated_plan(200, 5, 30);
    let mut recalc = Recalc::new(&plan);
    let add = Edit::add_member(&plan, "Ny kommun", MemberKind::Kommun);
    apply(&mut plan, &add).unwrap();
    let mut steps = recalc.begin_resolved(&plan, &add);
    let mut n = 0;
    while !recalc.step(&plan, &mut steps) {
        n += 1;
        assert!(n < 1_000, "never done");
    }
    // A member reaches every year's allocation, weights and figures: three parts a year,
    // each closed by one more step (the chain of weights, the equity roll-forward).
    assert_eq!(n, 3 * plan.years.len() + 2);
    assert_eq!(recalc.report(), &compute(&plan));
    assert_eq!(recalc.touched_years(), plan.years);
    // Stepping a finished one does nothing more.
    assert!(recalc.step(&plan, &mut steps));
    assert_eq!(recalc.report(), &compute(&plan));
}

#[test]
fn key_values_given_first_in_a_later_year_also_reach_the_earlier_years() {
    let mut plan = example_plan();
    let mut recalc = Recalc::new(&plan);
    let add = Edit::add_member(&plan, "Ny kommun", MemberKind::Kommun);
    apply(&mut plan, &add).unwrap();
    assert_eq!(recalc.apply(&plan, &add), &compute(&plan));
    let id = plan.members.last().unwrap().id;
    let year = plan.years[2];
    let e = Edit::set_population(&plan, None, id, year, Some(10_000)).unwrap();
    apply(&mut plan, &e).unwrap();
    let full = compute(&plan);
    assert_eq!(recalc.apply(&plan, &e), &full);
    // The first year uses the member's earliest values, those of the edited year.
    let first = full.years[0].allocation.as_ref().unwrap();
    let new = first
        .members
        .iter()
        .find(|m| m.name == "Ny kommun")
        .unwrap();
    assert!(!new.amount.is_zero());
}

/// Runs `ops` through a [`Workbook`] (edits, keystroke groups, undo, redo, another active
/// scenario) and checks after every step that both reports and the statement equal a full
/// rebuild, and that every statement row whose figures or line changed got a new revision
/// (a row that kept its revision is the same as before).
fn check_workbook(plan: Plan, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut book = Workbook::new(plan);
    let mut before: std::collections::HashMap<RowKey, (StatementRow, Option<BudgetLine>, u64)> =
        Default::default();
    // The members table of a year, kept by member id as the Kommuner grid keeps it.
    let mut members = KeyedMembers::new();
    let mut members_before: std::collections::HashMap<MemberId, (MemberRow, u64)> =
        Default::default();
    for (step, op) in ops.iter().enumerate() {
        let changes = match op {
            Op::Undo => book.undo().ok().flatten(),
            Op::Redo => book.redo().ok().flatten(),
            Op::Activate { scenario } => {
                let id = scenario
                    .checked_sub(1)
                    .and_then(|i| book.plan().scenarios.get(i))
                    .map(|s| s.id);
                Some(book.set_scenario(id))
            }
            // Through a batch: each edit built on the plan holding the earlier ones.
            Op::Compound { line, year, amount } if step % 2 == 0 => {
                let (line, year, amount) = (*line, *year, *amount);
                let (_, changes) = book.apply_batch(|b| {
                    for (i, a) in [(line, amount), (line + 1, -amount), (line, amount / 3)] {
                        let _ = b.push(|p| {
                            let id = pick(&p.lines, i)
                                .map(|l| l.id)
                                .ok_or(EditError::Stale { what: "raden" })?;
                            Edit::set_line_amount(p, None, id, year_of(p, year), Amount::kr(a))
                        });
                    }
                });
                Some(changes)
            }
            _ => {
                let Some(e) = edit_of(book.plan(), op) else {
                    continue;
                };
                if step % 3 == 0 {
                    book.apply_grouped("fält", e).ok()
                } else {
                    book.apply(e).ok()
                }
            }
        };
        let plan = book.plan().clone();
        let scenario = book.scenario();
        prop_assert_eq!(scenario, scenario.filter(|id| plan.scenario(*id).is_some()));
        let full = compute(&plan);
        prop_assert!(
            book.report() == &full,
            "step {} ({:?}): {}",
            step,
            op,
            difference(book.report(), &full)
        );
        let full = compute_scenario(&plan, scenario);
        prop_assert!(
            book.active_report() == &full,
            "scenario, step {} ({:?}): {}",
            step,
            op,
            difference(book.active_report(), &full)
        );
        let resolved = plan.resolved(scenario);
        prop_assert!(book.resolved() == &resolved, "resolved plan, step {}", step);
        let statement = budget_statement(&resolved, &full);
        prop_assert!(
            book.statement().statement() == &statement,
            "statement, step {} ({:?})",
            step,
            op
        );
        let mut now = std::collections::HashMap::new();
        for (key, row, revision) in book.statement().rows() {
            prop_assert_eq!(
                book.statement().position(&key).map(|i| &statement.rows[i]),
                Some(row)
            );
            let line = row.line().and_then(|l| resolved.line(l)).cloned();
            if let Some((old_row, old_line, old_revision)) = before.get(&key) {
                if *old_revision == revision {
                    prop_assert!(
                        old_row == row && *old_line == line,
                        "step {} ({:?}): row {:?} changed but kept revision {} ({:?})",
                        step,
                        op,
                        key,
                        revision,
                        changes
                    );
                }
            }
            now.insert(key, (row.clone(), line, revision));
        }
        before = now;
        // The members table (the year moves now and then, as the toolbar's year does).
        let Some(&year) = plan.years.get((step / 5) % plan.years.len().max(1)) else {
            continue;
        };
        let year_moved = members.year() != Some(year);
        members.update(book.resolved(), book.active_report(), year);
        let want = member_rows(&resolved, &full, year);
        let got: Vec<MemberRow> = members.rows().map(|(m, _)| m.clone()).collect();
        prop_assert!(got == want, "members table, step {} ({:?})", step, op);
        let mut now = std::collections::HashMap::new();
        for (row, revision) in members.rows() {
            if let Some((old, old_revision)) = members_before.get(&row.id) {
                prop_assert!(
                    *old_revision != revision || (old == row && !year_moved),
                    "step {} ({:?}): member {:?} changed but kept revision {}",
                    step,
                    op,
                    row.id,
                    revision
                );
            }
            now.insert(row.id, (row.clone(), revision));
        }
        members_before = now;
        if step % 7 == 0 {
            book.close_group();
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_workbook_equals_a_full_rebuild_on_a_small_plan(ops in proptest::collection::vec(op(), 1..40)) {
        check_workbook(small_plan(), &ops)?;
    }

    #[test]
    fn a_workbook_equals_a_full_rebuild_on_the_example_plan(ops in proptest::collection::vec(op(), 1..25)) {
        check_workbook(example_plan(), &ops)?;
    }
}

#[test]
fn a_workbook_names_what_an_amount_changed_and_keeps_the_other_rows() {
    let mut book = Workbook::new(generated_plan(200, 5, 30));
    let line = book.plan().lines[100].id;
    let revision = book.revision();
    let e = Edit::set_line_amount(book.plan(), None, line, 2027, Amount::kr(123_457)).unwrap();
    let changes = book.apply(e).unwrap();
    assert!(!changes.structure);
    assert_eq!(
        changes.lines.iter().copied().collect::<Vec<_>>(),
        vec![line]
    );
    assert!(changes.years.contains(&2027));
    // Only the line's row and the sums it feeds moved.
    let moved: Vec<RowKey> = book
        .statement()
        .rows()
        .filter(|(_, _, v)| *v > revision)
        .map(|(k, _, _)| k)
        .collect();
    assert!(moved
        .iter()
        .any(|k| matches!(k, RowKey::Line(l, _) if *l == line)));
    assert!(moved.contains(&RowKey::Total(StatementTotal::Result)));
    assert!(moved.len() < 12, "{moved:?}");
    let undone = book.undo().unwrap().unwrap();
    assert_eq!(undone.lines, changes.lines);
    assert_eq!(book.report(), &compute(&generated_plan(200, 5, 30)));
}
