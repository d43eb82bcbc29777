//! Any plan within the input bounds (docs/bounds.md) computes: random plans whose every value is
//! in range, often exactly at a bound (10^12 kr, 10^9 invånare, 1990 and 2200, 0 / 100 / −100 /
//! 1 000 %), never panic in any computation or output, never give an error for size reasons
//! (no `Overflow`, no "för stora belopp"), and survive the plan file unchanged. The only
//! size-related refusal allowed is a *derived* total above 10^12 kr (state amount / a tiny state
//! share, or years of "föregående år + 1 000 %"), which is itself the money bound.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::bounds::*;
use samplan_engine::chart::*;
use samplan_engine::csv::*;
use samplan_engine::lever::*;
use samplan_engine::municipality::*;
use samplan_engine::*;

fn cents(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

/// An amount within ±10^12 kr with öre, often at a bound.
fn amount() -> impl Strategy<Value = Amount> {
    let max = MAX_AMOUNT_KR * 100;
    prop_oneof![
        Just(Amount::kr(MAX_AMOUNT_KR)),
        Just(Amount::kr(-MAX_AMOUNT_KR)),
        Just(Amount::ZERO),
        (-max..=max).prop_map(|v| Amount(cents(v))),
        (-1_000_000i64..=1_000_000).prop_map(Amount::kr),
    ]
}

fn non_negative_amount() -> impl Strategy<Value = Amount> {
    amount().prop_map(Amount::abs)
}

/// A percentage with up to six decimals in `min..=max` percent points, often at the ends.
fn percent(min: i64, max: i64) -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::from(min)),
        Just(Decimal::from(max)),
        (min * 1_000_000..=max * 1_000_000).prop_map(|v| Decimal::new(v, 6)),
        (min..=max).prop_map(Decimal::from),
    ]
}

fn share() -> impl Strategy<Value = Decimal> {
    percent(0, 100)
}

fn population() -> impl Strategy<Value = u64> {
    prop_oneof![Just(MAX_POPULATION), Just(0u64), 0..=MAX_POPULATION]
}

fn year() -> impl Strategy<Value = Year> {
    prop_oneof![Just(MIN_YEAR), Just(MAX_YEAR), MIN_YEAR..=MAX_YEAR]
}

fn shares() -> impl Strategy<Value = PartyShares> {
    prop_oneof![
        Just(PartyShares::default()),
        (share(), share(), share()).prop_map(|(staten, region, kommuner)| PartyShares {
            staten,
            region,
            kommuner
        }),
        // Sums to 100 with a tiny state share: the derived total can pass 10^12 kr.
        Just(PartyShares {
            staten: Decimal::new(1, 6),
            region: Decimal::new(99_999_999, 6),
            kommuner: Decimal::ZERO,
        }),
    ]
}

fn key() -> impl Strategy<Value = Key> {
    let method = prop_oneof![
        Just(KeyMethod::Population),
        Just(KeyMethod::Percent),
        Just(KeyMethod::Equal)
    ];
    prop_oneof![
        Just(Key::Amount),
        method.clone().prop_map(Key::single),
        proptest::collection::vec(
            (method, share()).prop_map(|(method, weight)| KeyPart { method, weight }),
            0..4
        )
        .prop_map(Key::Mix),
    ]
}

fn funding() -> impl Strategy<Value = FundingInput> {
    prop_oneof![
        non_negative_amount().prop_map(FundingInput::Total),
        non_negative_amount().prop_map(FundingInput::State),
        percent(-100, 1000).prop_map(FundingInput::PreviousPlusPercent),
    ]
}

fn year_input() -> impl Strategy<Value = YearInput> {
    (
        funding(),
        proptest::option::of(non_negative_amount()),
        amount(),
        proptest::option::of(amount()),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(amount()),
    )
        .prop_map(
            |(
                funding,
                requested,
                capital_contribution,
                actual_result,
                closed,
                allow_difference,
                closing_equity,
            )| {
                YearInput {
                    funding,
                    requested,
                    capital_contribution,
                    actual_result,
                    closed,
                    closing_equity,
                    allow_difference,
                    forecast_period: None,
                }
            },
        )
}

fn key_values() -> impl Strategy<Value = KeyValues> {
    (
        proptest::option::of(population()),
        proptest::option::of(share()),
        proptest::option::of(non_negative_amount()),
    )
        .prop_map(|(population, percent, amount)| KeyValues {
            population,
            percent,
            amount,
        })
}

fn category() -> impl Strategy<Value = Category> {
    (0usize..8).prop_map(|i| Category::ALL[i])
}

#[derive(Clone, Debug)]
struct MemberSpec {
    name: String,
    kind: MemberKind,
    first_year: Option<Year>,
    last_year: Option<Year>,
    values: Vec<(Year, KeyValues)>,
}

fn member() -> impl Strategy<Value = MemberSpec> {
    (
        "[A-Ö<&\"=+ ]{0,12}",
        prop_oneof![
            Just(MemberKind::Stat),
            Just(MemberKind::Region),
            Just(MemberKind::Kommun),
            Just(MemberKind::Kommun)
        ],
        proptest::option::of(year()),
        proptest::option::of(year()),
        proptest::collection::vec((year(), key_values()), 0..4),
    )
        .prop_map(|(name, kind, first_year, last_year, values)| MemberSpec {
            name,
            kind,
            first_year,
            last_year,
            values,
        })
}

#[derive(Clone, Debug)]
struct LineSpec {
    name: String,
    category: Option<Category>,
    split: Vec<(Category, Decimal)>,
    amounts: Vec<(Year, Amount)>,
    outcome: Vec<(Year, Option<Amount>, Option<Amount>)>,
    municipality: Option<usize>,
}

fn line() -> impl Strategy<Value = LineSpec> {
    (
        "[a-ö=+@\t ]{0,10}",
        proptest::option::of(category()),
        proptest::collection::vec((category(), share()), 0..9),
        proptest::collection::vec((year(), amount()), 0..5),
        proptest::collection::vec(
            (
                year(),
                proptest::option::of(amount()),
                proptest::option::of(amount()),
            ),
            0..3,
        ),
        proptest::option::of(0usize..6),
    )
        .prop_map(
            |(name, category, split, amounts, outcome, municipality)| LineSpec {
                name,
                category,
                split,
                amounts,
                outcome,
                municipality,
            },
        )
}

#[derive(Clone, Debug)]
struct PlanSpec {
    first: Year,
    count: usize,
    extra_years: Vec<Year>,
    shares: PartyShares,
    unit: RoundingUnit,
    balanced: bool,
    kommun_key: Key,
    region_key: Key,
    ceiling: Decimal,
    floor: Option<Amount>,
    inputs: Vec<YearInput>,
    opening: Amount,
    members: Vec<MemberSpec>,
    lines: Vec<LineSpec>,
    scenario: Option<(PartyShares, Key, FundingInput, Amount, KeyValues)>,
}

fn plan_spec() -> impl Strategy<Value = PlanSpec> {
    (
        (
            year(),
            1usize..6,
            proptest::collection::vec(year(), 0..2),
            shares(),
            prop_oneof![
                Just(RoundingUnit::One),
                Just(RoundingUnit::Hundred),
                Just(RoundingUnit::Thousand)
            ],
            any::<bool>(),
            key(),
            key(),
        ),
        (
            share(),
            proptest::option::of(non_negative_amount()),
            proptest::collection::vec(year_input(), 8),
            amount(),
            proptest::collection::vec(member(), 0..7),
            proptest::collection::vec(line(), 0..10),
            proptest::option::of((shares(), key(), funding(), amount(), key_values())),
        ),
    )
        .prop_map(
            |(
                (first, count, extra_years, shares, unit, balanced, kommun_key, region_key),
                (ceiling, floor, inputs, opening, members, lines, scenario),
            )| PlanSpec {
                first,
                count,
                extra_years,
                shares,
                unit,
                balanced,
                kommun_key,
                region_key,
                ceiling,
                floor,
                inputs,
                opening,
                members,
                lines,
                scenario,
            },
        )
}

fn build(spec: &PlanSpec) -> Plan {
    let mut p = Plan::empty("Inom gränserna", MIN_YEAR, 0);
    let mut years: Vec<Year> = (0..spec.count as i32)
        .map(|i| (spec.first + i).min(MAX_YEAR))
        .chain(spec.extra_years.iter().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    p.years = years.clone();
    p.year_inputs = years
        .iter()
        .zip(spec.inputs.iter().cycle())
        .map(|(y, i)| (*y, i.clone()))
        .collect();
    p.settings.shares = spec.shares;
    p.settings.unit = spec.unit;
    p.settings.rounding = if spec.balanced {
        MemberRounding::Balanced
    } else {
        MemberRounding::Each
    };
    p.settings.kommun_key = spec.kommun_key.clone();
    p.settings.region_key = spec.region_key.clone();
    p.settings.equity_ceiling_percent = spec.ceiling;
    p.settings.equity_floor = spec.floor;
    p.opening_equity = spec.opening;
    for m in &spec.members {
        let id = MemberId(p.fresh_id());
        p.members.push(Member {
            id,
            name: m.name.clone(),
            kind: m.kind,
            first_year: m.first_year,
            last_year: m.last_year,
            values: m.values.iter().cloned().collect(),
        });
    }
    for l in &spec.lines {
        let id = LineId(p.fresh_id());
        let mut line = BudgetLine::new(id, l.name.clone(), l.category);
        line.split = l
            .split
            .iter()
            .map(|(category, percent)| SplitShare {
                category: *category,
                percent: *percent,
            })
            .collect();
        line.amounts = l.amounts.iter().copied().collect();
        line.outcome = l
            .outcome
            .iter()
            .map(|(y, ytd, final_amount)| {
                (
                    *y,
                    Outcome {
                        ytd: *ytd,
                        final_amount: *final_amount,
                        forecast: None,
                    },
                )
            })
            .collect();
        line.municipality = l
            .municipality
            .and_then(|i| spec.members.get(i))
            .map(|m| m.name.clone());
        p.lines.push(line);
    }
    if let Some((shares, key, funding, amount, values)) = &spec.scenario {
        let id = ScenarioId(p.fresh_id());
        let mut o = Overrides {
            shares: Some(*shares),
            kommun_key: Some(key.clone()),
            ..Overrides::default()
        };
        if let Some(y) = years.last() {
            o.funding.insert(*y, *funding);
            if let Some(l) = p.lines.first() {
                o.line_amounts.insert(l.id, BTreeMap::from([(*y, *amount)]));
            }
            if let Some(m) = p.members.first() {
                o.member_values
                    .insert(m.id, BTreeMap::from([(*y, values.clone())]));
            }
        }
        p.scenarios.push(Scenario {
            id,
            name: "Scenario".into(),
            overrides: o,
        });
    }
    p
}

/// True when `year`'s total is derived (state amount, or previous year + %), so it may pass
/// the money bound.
fn derived(plan: &Plan, year: Year) -> bool {
    !matches!(plan.year_input(year).funding, FundingInput::Total(_))
}

fn check_report(plan: &Plan, report: &Report) -> Result<(), TestCaseError> {
    for y in &report.years {
        match &y.allocation {
            Err(AllocationError::Overflow) => {
                return Err(TestCaseError::fail(format!("{}: overflow", y.year)))
            }
            Err(AllocationError::TotalTooLarge) => {
                prop_assert!(
                    derived(plan, y.year),
                    "{}: a given total is in bounds",
                    y.year
                )
            }
            _ => {}
        }
        if let Ok(a) = &y.allocation {
            let _ = financing_chart(a);
        }
        let _ = cost_distribution_chart(&y.distribution);
    }
    for w in &report.warnings {
        prop_assert!(
            !matches!(w, Warning::SumsTooLarge { .. }),
            "{}",
            w.message()
        );
        prop_assert!(!w.message().is_empty());
    }
    let points = equity_points(report.years.iter().map(|y| &y.equity));
    let _ = equity_chart(&points, plan.settings.equity_floor);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn any_plan_within_the_bounds_computes(spec in plan_spec()) {
        let plan = build(&spec);
        prop_assert_eq!(check_plan_bounds(&plan), Ok(()));
        let report = compute(&plan);
        check_report(&plan, &report)?;
        for s in &plan.scenarios {
            let resolved = plan.resolved(Some(s.id));
            check_report(&resolved, &compute_scenario(&plan, Some(s.id)))?;
            let c = compare(&plan, None, Some(s.id));
            let _ = c.is_zero();
            let _ = report_to_csv(&plan, None, Some(&s.name));
        }
        let _ = report_to_csv(&plan, None, None);
        if let Some(y) = plan.years.first() {
            let _ = report_to_csv(&plan, Some(*y), None);
            let _ = lever_index_lines(&plan, None, *y, Decimal::from(1000));
            let _ = lever_change_total(&plan, None, *y, Decimal::from(-100));
            let _ = lever_copy_forward(&plan, None, *y);
        }
        for m in &plan.members {
            if let Ok(r) = municipality_report(&plan, None, m.id) {
                let _ = municipality_csv(&r);
                for y in &plan.years {
                    prop_assert!(r.lines_total(*y).is_some());
                }
            }
        }
        // The plan file keeps it exactly.
        let read = plan_from_json(&plan_to_json(&plan));
        prop_assert_eq!(read, Ok(plan));
    }
}
