//! Properties of the computed report for arbitrary plans: totals equal the sum of the lines,
//! the report identities hold, the follow-up subtotals equal the rows above them, comparing a
//! scenario with itself gives zeros, and nothing panics.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::figures::*;
use samplan_engine::*;

const YEARS: [Year; 3] = [2026, 2027, 2028];

#[derive(Clone, Debug)]
struct LineSpec {
    cat: Option<usize>,
    split: Option<(usize, usize, i64, i64)>,
    amounts: Vec<Option<i64>>,
    outcome: Vec<(Option<i64>, Option<i64>)>,
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    (
        proptest::option::of(0usize..8),
        proptest::option::of((0usize..8, 0usize..8, 0i64..=10_000, 0i64..=10_000)),
        proptest::collection::vec(proptest::option::of(-100_000_000_i64..500_000_000), 3),
        proptest::collection::vec(
            (
                proptest::option::of(-100_000_i64..500_000_000),
                proptest::option::of(0i64..500_000_000),
            ),
            3,
        ),
    )
        .prop_map(|(cat, split, amounts, outcome)| LineSpec {
            cat,
            split,
            amounts,
            outcome,
        })
}

#[derive(Clone, Debug)]
struct PlanSpec {
    total: i64,
    pops: Vec<u64>,
    key: usize,
    rounding: bool,
    lines: Vec<LineSpec>,
    opening: i64,
    scenario_total: Option<i64>,
    scenario_line: Option<(usize, i64)>,
    ceiling: i64,
}

fn plan_spec() -> impl Strategy<Value = PlanSpec> {
    (
        0i64..50_000_000,
        proptest::collection::vec(0u64..200_000, 0..6),
        0usize..4,
        any::<bool>(),
        proptest::collection::vec(line_spec(), 0..25),
        -5_000_000i64..5_000_000,
        proptest::option::of(0i64..50_000_000),
        proptest::option::of((0usize..25, 0i64..10_000_000)),
        0i64..40,
    )
        .prop_map(
            |(
                total,
                pops,
                key,
                rounding,
                lines,
                opening,
                scenario_total,
                scenario_line,
                ceiling,
            )| PlanSpec {
                total,
                pops,
                key,
                rounding,
                lines,
                opening,
                scenario_total,
                scenario_line,
                ceiling,
            },
        )
}

fn build(spec: &PlanSpec) -> Plan {
    let mut p = Plan::empty("Egenskaper", YEARS[0], 2);
    p.year_inputs.insert(
        YEARS[0],
        YearInput {
            funding: FundingInput::Total(Amount::kr(spec.total)),
            ..YearInput::default()
        },
    );
    p.year_inputs.insert(
        YEARS[2],
        YearInput {
            funding: FundingInput::PreviousPlusPercent(Decimal::new(25, 1)),
            capital_contribution: Amount::kr(1_000),
            actual_result: None,
            requested: None,
            ..YearInput::default()
        },
    );
    p.settings.kommun_key = match spec.key {
        0 => Key::single(KeyMethod::Population),
        1 => Key::single(KeyMethod::Equal),
        2 => Key::Amount,
        _ => Key::Mix(vec![
            KeyPart {
                method: KeyMethod::Equal,
                weight: Decimal::from(20),
            },
            KeyPart {
                method: KeyMethod::Population,
                weight: Decimal::from(80),
            },
        ]),
    };
    p.settings.rounding = if spec.rounding {
        MemberRounding::Balanced
    } else {
        MemberRounding::Each
    };
    p.settings.equity_ceiling_percent = Decimal::from(spec.ceiling);
    p.settings.equity_floor = Some(Amount::kr(500_000));
    p.opening_equity = Amount::kr(spec.opening);
    for (i, pop) in spec.pops.iter().enumerate() {
        let id = MemberId(p.fresh_id());
        let mut values = BTreeMap::new();
        values.insert(
            YEARS[0],
            KeyValues {
                population: Some(*pop),
                percent: None,
                amount: Some(Amount::kr(*pop as i64 * 10)),
            },
        );
        p.members.push(Member {
            id,
            name: format!("Kommun {i}"),
            kind: MemberKind::Kommun,
            first_year: None,
            last_year: None,
            values,
        });
    }
    for (i, l) in spec.lines.iter().enumerate() {
        let id = LineId(p.fresh_id());
        let mut line = BudgetLine::new(id, format!("Post {i}"), l.cat.map(|c| Category::ALL[c]));
        if let Some((a, b, pa, pb)) = l.split {
            line.split = vec![
                SplitShare {
                    category: Category::ALL[a],
                    percent: Decimal::new(pa, 2),
                },
                SplitShare {
                    category: Category::ALL[b],
                    percent: Decimal::new(pb, 2),
                },
            ];
        }
        for (y, a) in YEARS.iter().zip(&l.amounts) {
            if let Some(a) = a {
                line.amounts.insert(*y, Amount(Decimal::new(*a, 2)));
            }
        }
        for (y, (ytd, fin)) in YEARS.iter().zip(&l.outcome) {
            let o = Outcome {
                ytd: ytd.map(|v| Amount(Decimal::new(v, 2))),
                final_amount: fin.map(|v| Amount(Decimal::new(v, 2))),
                forecast: None,
            };
            if o != Outcome::default() {
                line.outcome.insert(*y, o);
            }
        }
        p.lines.push(line);
    }
    let mut o = Overrides::default();
    if let Some(t) = spec.scenario_total {
        o.funding
            .insert(YEARS[1], FundingInput::Total(Amount::kr(t)));
    }
    if let (Some((i, v)), false) = (spec.scenario_line, p.lines.is_empty()) {
        let id = p.lines[i % p.lines.len()].id;
        o.line_amounts
            .insert(id, BTreeMap::from([(YEARS[0], Amount::kr(v))]));
    }
    let sid = ScenarioId(p.fresh_id());
    p.scenarios.push(Scenario {
        id: sid,
        name: "Alternativ".into(),
        overrides: o,
    });
    p
}

fn sum(v: impl IntoIterator<Item = Amount>) -> Decimal {
    v.into_iter().map(|a| a.value()).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn totals_equal_the_sum_of_the_lines(spec in plan_spec()) {
        let p = build(&spec);
        for scenario in [None, Some(p.scenarios[0].id)] {
            let resolved = p.resolved(scenario);
            let r = compute_scenario(&p, scenario);
            prop_assert_eq!(r.years.len(), YEARS.len());
            for y in &r.years {
                let b = &y.budget;
                let lines = sum(resolved.lines.iter().map(|l| l.amount(y.year)));
                let categories = sum(b.categories.values().copied()) + b.uncategorized.value();
                prop_assert_eq!(categories, lines, "Σ categories = Σ lines, {}", y.year);
                let g = |c| b.category(c).value();
                prop_assert_eq!(b.direct_costs.value(), g(Category::Individinsatser) + g(Category::Strukturpaverkande) + g(Category::Processtod));
                prop_assert_eq!(b.admin_costs.value(), g(Category::Styrelse) + g(Category::Kansli));
                prop_assert_eq!(b.operating_costs.value(), b.direct_costs.value() + b.admin_costs.value() + b.uncategorized.value());
                prop_assert_eq!(b.operating_income.value(), b.member_income.value() + g(Category::OvrigaIntakter));
                prop_assert_eq!(
                    b.result.value(),
                    b.operating_income.value() - b.operating_costs.value() + g(Category::FinansiellaIntakter) - g(Category::FinansiellaKostnader)
                );
                prop_assert_eq!(b.planned_equity_use.value(), (-b.result.value()).max(Decimal::ZERO));
                if let Ok(a) = &y.allocation {
                    // The budget books the decided total; the outcome what the members pay.
                    prop_assert_eq!(b.member_income, a.total);
                    if let Some(o) = &y.outcome {
                        prop_assert_eq!(o.member_income, a.members_total());
                    }
                }
                // Follow-up: every subtotal is the sum of the line rows above it in its group,
                // and the totals match the budget figures.
                let f = &y.follow_up;
                prop_assert_eq!(f.row("Verksamhetens kostnader").map(|r| r.figures.budget), Some(b.operating_costs));
                prop_assert_eq!(f.row("Årets resultat").map(|r| r.figures.budget), Some(b.result));
                let line_rows = sum(f.rows.iter().filter(|r| r.kind == FollowUpRowKind::Line && r.line.is_some()).map(|r| r.figures.budget));
                prop_assert_eq!(line_rows, lines, "line rows cover every line exactly once");
                for c in [Category::Individinsatser, Category::Strukturpaverkande, Category::Processtod, Category::Styrelse, Category::Kansli] {
                    let sub = f.rows.iter().find(|r| r.kind == FollowUpRowKind::Subtotal && r.category == Some(c)).map(|r| r.figures.budget);
                    prop_assert_eq!(sub, Some(b.category(c)));
                    let rows = sum(f.rows.iter().filter(|r| r.kind == FollowUpRowKind::Line && r.category == Some(c)).map(|r| r.figures.budget));
                    prop_assert_eq!(rows, g(c));
                }
                // Outcome figures obey the same identities.
                if let Some(o) = &y.outcome {
                    let outs = sum(resolved.lines.iter().filter_map(|l| OutcomeBasis::Best.of_line(l, y.year)));
                    prop_assert_eq!(sum(o.categories.values().copied()) + o.uncategorized.value(), outs);
                    prop_assert_eq!(f.row("Verksamhetens kostnader").map(|r| r.figures.outcome), Some(o.operating_costs));
                }
                // Distribution: four whole percents sum to 100 under largest remainder.
                let lr: Option<Decimal> = CostGroup::ALL.iter().map(|g| y.distribution.group(*g).whole_largest_remainder).sum();
                if y.distribution.base.is_zero() {
                    prop_assert_eq!(lr, None);
                } else {
                    prop_assert_eq!(lr, Some(Decimal::ONE_HUNDRED));
                }
            }
            // Equity rolls forward.
            let mut ib = p.opening_equity;
            for y in &r.years {
                prop_assert_eq!(y.equity.opening, ib);
                prop_assert_eq!(y.equity.closing, y.equity.opening + y.equity.capital_contribution + y.equity.result);
                if let Some(ratio) = y.equity.ratio {
                    prop_assert_eq!(y.equity.above_ceiling, ratio > p.settings.equity_ceiling_percent);
                }
                ib = y.equity.closing;
            }
        }
    }

    #[test]
    fn comparing_a_scenario_with_itself_gives_zeros(spec in plan_spec()) {
        let p = build(&spec);
        for s in [None, Some(p.scenarios[0].id)] {
            let c = compare(&p, s, s);
            prop_assert!(c.is_zero());
            prop_assert_eq!(c.lines.len(), p.lines.len() * YEARS.len());
        }
        // a vs b is the negation of b vs a.
        let s = Some(p.scenarios[0].id);
        let ab = compare(&p, None, s);
        let ba = compare(&p, s, None);
        for (x, y) in ab.years.iter().zip(&ba.years) {
            prop_assert_eq!(x.equity.diff, -y.equity.diff);
        }
    }
}

#[test]
fn warnings_for_a_broken_plan() {
    let mut p = example_plan();
    p.settings.shares.staten = Decimal::from(49);
    p.lines[0].category = None;
    p.lines[4].split[0].percent = Decimal::from(40);
    p.members[5].values.clear();
    let r = compute(&p);
    let kinds: Vec<&str> = r.warnings.iter().map(Warning::title).collect();
    assert!(kinds.contains(&"Partsandelar"), "{kinds:?}");
    assert!(kinds.contains(&"Post utan kategori"), "{kinds:?}");
    assert!(kinds.contains(&"Fördelad post"), "{kinds:?}");
    assert!(
        !kinds.contains(&"Fördelningen kan inte beräknas"),
        "shares error reported once: {kinds:?}"
    );
    assert!(r.years.iter().all(|y| y.allocation.is_err()));
    let shares = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::PartySharesNot100 { .. }))
        .unwrap();
    assert_eq!(
        shares.message(),
        "Partsandelarna summerar till 99 %, inte 100 %."
    );
    assert_eq!(shares.severity(), Severity::Error);
    // Missing key value: named per member and year, not as a generic allocation error.
    let mut p = example_plan();
    p.members[5].values.clear();
    let r = compute(&p);
    let missing: Vec<String> = r
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::MissingKeyValue { .. }))
        .map(Warning::message)
        .collect();
    assert_eq!(missing.len(), p.years.len());
    assert_eq!(
        missing[0],
        format!(
            "{} saknar värde för nyckeln Invånare 2025.",
            p.members[5].name
        )
    );
    assert!(!r
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::AllocationFailed { .. })));
    // Another allocation error surfaces as a warning for that year, never a panic.
    let mut p = example_plan();
    p.settings.unit = RoundingUnit::Thousand;
    p.year_inputs.get_mut(&2026).unwrap().funding = FundingInput::Total(Amount::kr(12_400_500));
    let r = compute(&p);
    let failed: Vec<Year> = r
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::AllocationFailed { .. }))
        .filter_map(Warning::year)
        .collect();
    // The years built on 2026 ("previous year + 2 %") fail with their own error, never 0.
    assert_eq!(
        failed,
        vec![2026, 2027, 2028, 2029],
        "12 400 500 is not a multiple of 1 000"
    );
    assert!(r.year(2026).unwrap().allocation.is_err());
    assert_eq!(r.year(2026).unwrap().total, None);
    assert_eq!(
        r.year(2027)
            .unwrap()
            .allocation
            .as_ref()
            .unwrap_err()
            .to_string(),
        "medelstilldelningen 2027 bygger på 2026, som inte kan beräknas"
    );
    assert_eq!(r.year(2028).unwrap().total, None);
}
