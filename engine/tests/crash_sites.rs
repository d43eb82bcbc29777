//! Regression tests for the crash sites found by fuzzing (docs/bounds.md): absurd numbers that
//! used to panic the engine. Each builds the absurd input in memory (past every door) and
//! checks that the engine answers with a typed error or a figure, never a panic, and never a
//! saturated number.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::chart::*;
use samplan_engine::figures::*;
use samplan_engine::format::*;
use samplan_engine::municipality::*;
use samplan_engine::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Every public computation and output over `plan`: report, scenarios, comparison, charts,
/// municipality reports and CSV files.
fn everything(plan: &Plan) {
    let report = compute(plan);
    for w in &report.warnings {
        let _ = w.message();
    }
    for y in &report.years {
        if let Ok(a) = &y.allocation {
            let _ = financing_chart(a);
        }
        let _ = cost_distribution_chart(&y.distribution);
    }
    let points = equity_points(report.years.iter().map(|y| &y.equity));
    let _ = equity_chart(&points, plan.settings.equity_floor);
    for s in &plan.scenarios {
        let _ = compute_scenario(plan, Some(s.id));
        let _ = compare(plan, None, Some(s.id));
    }
    for m in &plan.members {
        if let Ok(r) = municipality_report(plan, None, m.id) {
            let _ = municipality_csv(&r);
        }
    }
    let _ = plan_to_json(plan);
}

fn base() -> Plan {
    let mut p = Plan::empty("Absurd", 2026, 2);
    let sid = p.fresh_id();
    p.members.push(Member {
        id: MemberId(sid),
        name: "Sala".into(),
        kind: MemberKind::Kommun,
        first_year: None,
        last_year: None,
        values: BTreeMap::from([(
            2026,
            KeyValues {
                population: Some(1000),
                percent: Some(Decimal::ONE_HUNDRED),
                amount: Some(Amount::kr(5)),
            },
        )]),
    });
    let lid = p.fresh_id();
    let mut l = BudgetLine::new(LineId(lid), "Kansli", Some(Category::Kansli));
    l.amounts.insert(2026, Amount::kr(1000));
    p.lines.push(l);
    p
}

#[test]
fn absurd_amounts_everywhere() {
    for v in [
        Decimal::MAX,
        Decimal::MIN,
        d("70000000000000000000000000000"),
        d("0.0000000000000000000000000001"),
        d("1234567890123456789012345678"),
    ] {
        let mut p = base();
        p.year_inputs.get_mut(&2026).unwrap().funding = FundingInput::Total(Amount(v));
        everything(&p);
        let mut p = base();
        p.lines[0].amounts.insert(2026, Amount(v));
        p.lines[0].amounts.insert(2027, Amount(v));
        p.lines[0].municipality = Some("Sala".into());
        let mut l2 = p.lines[0].clone();
        l2.id = LineId(p.fresh_id());
        p.lines.push(l2);
        everything(&p);
        let mut p = base();
        p.opening_equity = Amount(v);
        p.year_inputs.get_mut(&2027).unwrap().capital_contribution = Amount(v);
        everything(&p);
        let mut p = base();
        p.settings.kommun_key = Key::Amount;
        p.members[0].values.get_mut(&2026).unwrap().amount = Some(Amount(v));
        everything(&p);
        let mut p = base();
        p.settings.shares.staten = v;
        everything(&p);
        let mut p = base();
        p.year_inputs.get_mut(&2027).unwrap().funding = FundingInput::PreviousPlusPercent(v);
        everything(&p);
        let mut p = base();
        p.settings.equity_ceiling_percent = v;
        p.settings.equity_floor = Some(Amount(v));
        everything(&p);
        let mut p = base();
        p.lines[0].split = vec![
            SplitShare {
                category: Category::Kansli,
                percent: v,
            },
            SplitShare {
                category: Category::Styrelse,
                percent: v,
            },
        ];
        everything(&p);
        let mut p = base();
        p.lines[0].outcome.insert(
            2026,
            Outcome {
                ytd: Some(Amount(v)),
                final_amount: Some(Amount(v)),
                forecast: None,
            },
        );
        everything(&p);
        let mut p = base();
        p.members[0].values.get_mut(&2026).unwrap().percent = Some(v);
        p.settings.kommun_key = Key::single(KeyMethod::Percent);
        everything(&p);
        for f in [
            format_kr(v),
            format_tkr(v),
            format_percent(v),
            format_plain(v, 2),
            format_plain_natural(v),
            format_decimal(v, 4),
            format_decimal(v, 40),
        ] {
            assert!(!f.is_empty());
        }
    }
}

#[test]
fn absurd_populations() {
    let mut p = base();
    let mut m2 = p.members[0].clone();
    m2.id = MemberId(p.fresh_id());
    m2.name = "Heby".into();
    p.members.push(m2);
    for m in &mut p.members {
        m.values.get_mut(&2026).unwrap().population = Some(u64::MAX);
    }
    everything(&p);
}

#[test]
fn budget_sums_too_large_are_an_error_not_a_saturated_figure() {
    let mut p = base();
    let big = Amount(d("60000000000000000000000000000"));
    p.lines[0].amounts.insert(2027, big);
    let mut l2 = p.lines[0].clone();
    l2.id = LineId(p.fresh_id());
    p.lines.push(l2);
    let r = compute(&p);
    let y = r.year(2027).unwrap();
    // 2 × 6·10^28 used to saturate at Decimal::MAX.
    assert_eq!(y.budget.operating_costs, Amount::ZERO);
    assert!(r
        .years
        .iter()
        .all(|y| y.budget.operating_costs.value() != Decimal::MAX));
    let w: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::SumsTooLarge { .. }))
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].year(), Some(2027));
    assert_eq!(w[0].severity(), Severity::Error);
    assert_eq!(
        w[0].message(),
        "Beloppen för 2027 är för stora att räkna med."
    );
    // The other years are computed as usual.
    assert_eq!(
        r.year(2026).unwrap().budget.operating_costs,
        Amount::kr(2000)
    );
    // Warnings stay plan-wide first, then by year.
    let years: Vec<_> = r.warnings.iter().map(Warning::year).collect();
    let mut sorted = years.clone();
    sorted.sort();
    assert_eq!(years, sorted);
}

#[test]
fn figure_functions_called_directly_never_saturate() {
    // The app calls the follow-up directly (not through the report): a year too large to sum
    // exactly gets zero figures there too, like the report's, never Decimal::MAX.
    let mut p = base();
    let big = Amount(d("60000000000000000000000000000"));
    p.lines[0].amounts.insert(2027, big);
    p.lines[0].outcome.insert(
        2027,
        Outcome {
            ytd: None,
            final_amount: Some(big),
            forecast: None,
        },
    );
    let mut l2 = p.lines[0].clone();
    l2.id = LineId(p.fresh_id());
    p.lines.push(l2);
    let b = budget_figures(&p, 2027, Amount::kr(1000));
    assert_eq!(b.operating_costs, Amount::ZERO);
    assert_eq!(b.result, Amount::ZERO);
    let o = outcome_figures(&p, 2027, OutcomeBasis::Final, Amount::kr(1000));
    assert_eq!(o.operating_costs, Amount::ZERO);
    for basis in [
        OutcomeBasis::Best,
        OutcomeBasis::Final,
        OutcomeBasis::YearToDate,
    ] {
        let f = follow_up_with(&p, 2027, basis, Amount::kr(1000), Amount::kr(1000));
        assert!(f.rows.iter().all(|r| r.line.is_none()));
        assert!(f
            .rows
            .iter()
            .all(|r| r.figures.budget == Amount::ZERO && r.figures.outcome == Amount::ZERO));
    }
    // A year of ordinary size is followed up as usual.
    let f = follow_up(&p, 2026, OutcomeBasis::Best, Amount::kr(1000));
    assert!(f.rows.iter().any(|r| r.line.is_some()));
    assert_eq!(
        budget_figures(&p, 2026, Amount::ZERO).operating_costs,
        Amount::kr(2000)
    );
}

#[test]
fn previous_year_plus_absurd_percent_is_a_typed_error() {
    let mut p = base();
    p.year_inputs.get_mut(&2026).unwrap().funding = FundingInput::Total(Amount::kr(1_000_000));
    p.year_inputs.get_mut(&2027).unwrap().funding = FundingInput::PreviousPlusPercent(Decimal::MAX);
    let r = compute(&p);
    // `100 + p` used to panic.
    assert_eq!(
        r.year(2027).unwrap().allocation,
        Err(AllocationError::Overflow)
    );
    // Within the bounds (+1 000 % a year) the total grows past 10^12 kr in time: a typed error.
    p.year_inputs.get_mut(&2026).unwrap().funding =
        FundingInput::Total(Amount::kr(900_000_000_000));
    p.year_inputs.get_mut(&2027).unwrap().funding =
        FundingInput::PreviousPlusPercent(Decimal::from(1000));
    let r = compute(&p);
    assert_eq!(
        r.year(2027).unwrap().allocation,
        Err(AllocationError::TotalTooLarge)
    );
    let msg = r
        .warnings
        .iter()
        .find(|w| w.year() == Some(2027) && w.severity() == Severity::Error)
        .unwrap()
        .message();
    assert_eq!(
        msg,
        "Fördelningen 2027 kan inte beräknas: medelstilldelningen blir större än 1 000 000 000 000 kr (tusen miljarder), det största belopp samplan räknar med."
    );
}

#[test]
fn party_share_sum_that_overflows_still_has_a_message() {
    let mut p = base();
    p.settings.shares.staten = Decimal::MAX;
    p.settings.shares.region = Decimal::MAX;
    let r = compute(&p);
    let w = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::PartySharesNot100 { .. }))
        .unwrap();
    assert_eq!(w.message(), "Partsandelarna summerar inte till 100 %.");
}

#[test]
fn population_sum_beyond_u64_is_an_error_not_a_wrapped_figure() {
    let mut p = base();
    let mut m2 = p.members[0].clone();
    m2.id = MemberId(p.fresh_id());
    m2.name = "Heby".into();
    p.members.push(m2);
    p.year_inputs.get_mut(&2026).unwrap().funding = FundingInput::Total(Amount::kr(1_000_000));
    for m in &mut p.members {
        m.values.get_mut(&2026).unwrap().population = Some(u64::MAX / 2 + 1);
    }
    let r = compute(&p);
    assert_eq!(
        r.year(2026).unwrap().allocation,
        Err(AllocationError::Overflow)
    );
}

#[test]
fn a_members_line_sum_that_overflows_is_empty_not_a_panic() {
    let mut p = base();
    p.lines[0].municipality = Some("Sala".into());
    p.lines[0].amounts.insert(2026, Amount(Decimal::MAX));
    let mut l2 = p.lines[0].clone();
    l2.id = LineId(p.fresh_id());
    p.lines.push(l2);
    let r = municipality_report(&p, None, p.members[0].id).unwrap();
    assert_eq!(r.lines_total(2026), None);
    assert_eq!(r.lines_total(2027), Some(Amount::ZERO));
    let csv = String::from_utf8(municipality_csv(&r)).unwrap();
    assert!(csv.contains("Summa"));
}

#[test]
fn an_empty_plan_at_the_edge_of_i32_does_not_overflow() {
    let p = Plan::empty("x", i32::MAX - 1, 3);
    assert_eq!(p.years, vec![i32::MAX - 1, i32::MAX]);
    let p = Plan::empty("x", 2026, u32::MAX);
    assert_eq!(p.years.len(), 211);
    assert_eq!(
        Plan::empty("x", 2026, 3).years,
        vec![2026, 2027, 2028, 2029]
    );
}
