//! Golden vectors (docs/README.md#golden-vectors) for equity: the merger contribution (GV-18), NV 2021
//! (GV-19), Södra Dalarna's ceiling case (GV-20) and multi-year forecast (GV-21).

use rust_decimal::Decimal;
use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::format::*;
use samplan_engine::*;

mod common;
use common::{d, kr, tkr};

fn input(
    year: Year,
    total: Amount,
    result: Amount,
    actual: Option<Amount>,
    capital: Amount,
) -> EquityInput {
    EquityInput {
        year,
        total: Some(total),
        budgeted_result: result,
        actual_result: actual,
        capital_contribution: capital,
        ..EquityInput::default()
    }
}

#[test]
fn gv18_merger_contribution_above_ceiling() {
    let r = compute(&vm2024_plan());
    let e = &r.year(2024).expect("year").equity;
    assert_eq!(e.opening, kr(427_565));
    assert_eq!(e.capital_contribution, kr(3_519_143));
    assert_eq!(e.actual_result, Some(kr(81_778)));
    assert_eq!(
        e.result,
        kr(81_778),
        "the actual result overrides the budgeted −1 945 001"
    );
    assert_eq!(e.closing, kr(4_028_486), "427 565 + 3 519 143 + 81 778");
    assert_eq!(e.base, Some(kr(19_038_000)));
    assert_eq!(round_half_up(e.ratio.expect("ratio"), 2), d("21.16"));
    assert!(e.above_ceiling, "21,16 % > 20 %");
    assert!(!e.below_floor);
    let w: Vec<&Warning> = r
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::EquityAboveCeiling { .. }))
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].message(),
        "Eget kapital 2024 (4\u{a0}028\u{a0}486 kr) är 21,2\u{a0}% av medelstilldelningen, över taket 20,0\u{a0}%."
    );
    // The closed year's actual result is positive: no deficit warning despite the budget's −1 945.
    assert!(!r
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::Deficit { .. })));
    // Without the contribution: 509 343 = 2,68 %.
    let mut p = vm2024_plan();
    let edit = Edit::set_capital_contribution(&p, 2024, Amount::ZERO);
    apply(&mut p, &edit).expect("apply");
    let e = compute(&p).year(2024).expect("year").equity.clone();
    assert_eq!(e.closing, kr(509_343));
    assert_eq!(round_half_up(e.ratio.expect("ratio"), 2), d("2.68"));
    assert!(!e.above_ceiling);
}

#[test]
fn gv19_nv_equity_2021() {
    let s = Settings {
        equity_floor: Some(tkr(500)),
        ..Settings::default()
    };
    let rows = equity_roll_forward(
        kr(1_099_113),
        &s,
        &[
            input(2020, kr(7_046_000), kr(0), Some(kr(248_399)), Amount::ZERO),
            input(
                2021,
                kr(7_046_000),
                tkr(-353),
                Some(kr(-35_228)),
                Amount::ZERO,
            ),
        ],
    );
    assert_eq!(rows[0].closing, kr(1_347_512));
    assert_eq!(rows[1].opening, kr(1_347_512), "IB(y+1) = UB(y)");
    assert_eq!(rows[1].closing, kr(1_312_284));
    assert_eq!(round_half_up(rows[1].ratio.expect("ratio"), 2), d("18.62"));
    assert_eq!(
        round_half_up(rows[1].ratio.expect("ratio"), 0),
        d("19"),
        "printed \"19 %\""
    );
    assert!(
        !rows[1].above_ceiling && !rows[1].below_floor,
        "below 20 %, above 500 tkr"
    );
}

#[test]
fn gv20_sd_ratio_just_below_ceiling_next_year_base() {
    let s = Settings {
        equity_base: EquityBase::NextYear,
        ..Settings::default()
    };
    let rows = equity_roll_forward(
        tkr(1_326),
        &s,
        &[
            input(2021, tkr(6_322), tkr(-338), Some(tkr(-64)), Amount::ZERO),
            input(2022, tkr(6_322), tkr(-873), None, Amount::ZERO),
        ],
    );
    assert_eq!(rows[0].closing, tkr(1_262));
    assert_eq!(rows[0].base, Some(tkr(6_322)), "the 2022 allocation");
    let ratio = rows[0].ratio.expect("ratio");
    assert_eq!(round_half_up(ratio, 2), d("19.96"));
    assert_eq!(
        format_percent(ratio),
        "20,0\u{a0}%",
        "correct one-decimal display (printed 19,9 %)"
    );
    assert!(
        !rows[0].above_ceiling,
        "strictly below 20 % → \"precis under gränsen\""
    );
    // The last year has no next year in the table: unchanged funding is assumed and labelled.
    assert!(!rows[0].base_assumed);
    assert_eq!(rows[1].base, Some(tkr(6_322)), "assumed unchanged funding");
    assert!(rows[1].base_assumed);
    assert_eq!(rows[1].closing, tkr(389));
    assert_eq!(round_half_up(rows[1].ratio.expect("ratio"), 2), d("6.15"));
    // An expected figure typed by the user replaces the assumption.
    let s = Settings {
        equity_base: EquityBase::NextYear,
        expected_next_funding: Some(tkr(1_900)),
        ..Settings::default()
    };
    let rows = equity_roll_forward(
        tkr(1_326),
        &s,
        &[
            input(2021, tkr(6_322), tkr(-338), Some(tkr(-64)), Amount::ZERO),
            input(2022, tkr(6_322), tkr(-873), None, Amount::ZERO),
        ],
    );
    assert_eq!(rows[1].base, Some(tkr(1_900)));
    assert!(rows[1].base_assumed);
    assert!(rows[1].above_ceiling, "389 / 1 900 = 20,47 % > 20 %");
}

#[test]
fn gv20_floor_breach_vm_2023() {
    // VM/NV equity 2023-12-31 was 427 565 kr, below NV's own 500 tkr floor.
    let s = Settings {
        equity_floor: Some(tkr(500)),
        ..Settings::default()
    };
    let rows = equity_roll_forward(
        kr(1_139_518),
        &s,
        &[input(
            2023,
            kr(7_030_000),
            Amount::ZERO,
            Some(kr(-711_953)),
            Amount::ZERO,
        )],
    );
    assert_eq!(rows[0].closing, kr(427_565));
    assert!(rows[0].below_floor);
}

fn sd_plan() -> Plan {
    use Category::*;
    let mut p = common::sd_2022_skeleton();
    // Net budget lines 2022 (SD årsrapport 2021); 2023–2024 total 6 322 (forecast, illustrative split).
    let lines: [(&str, Category, i64, i64); 7] = [
        ("Styrelse", Styrelse, 160, 160),
        ("Administration", Kansli, 905, 905),
        ("Personalinriktade insatser", Strukturpaverkande, 40, 40),
        ("Publikationer", Strukturpaverkande, -10, -10),
        ("Samverkansteam Avesta", Individinsatser, 2_300, 1_900),
        ("Samverkansteam Hedemora", Individinsatser, 1_980, 1_700),
        ("Samverkansteam Säter", Individinsatser, 1_820, 1_627),
    ];
    for (name, cat, a22, later) in lines {
        let mut l = BudgetLine::new(LineId(p.fresh_id()), name, Some(cat));
        l.amounts.insert(2022, tkr(a22));
        l.amounts.insert(2023, tkr(later));
        l.amounts.insert(2024, tkr(later));
        p.lines.push(l);
    }
    p
}

#[test]
fn gv21_multi_year_forecast() {
    let p = sd_plan();
    let r = compute(&p);
    let rows = &r.multi_year;
    assert_eq!(
        rows.iter().map(|r| r.year).collect::<Vec<_>>(),
        vec![2022, 2023, 2024]
    );
    for row in rows {
        assert_eq!(row.total, Some(tkr(6_322)), "{}", row.year);
    }
    assert_eq!(rows[0].net_costs, tkr(7_195));
    assert_eq!(rows[1].net_costs, tkr(6_322));
    // EK(y) = EK(y−1) + T(y) − Budget_net(y): 389, 389, 389.
    assert_eq!(
        rows.iter().map(|r| r.equity).collect::<Vec<_>>(),
        vec![tkr(389); 3]
    );
    assert_eq!(round_half_up(rows[2].ratio.expect("ratio"), 2), d("6.15"));
    assert!(rows.iter().all(|r| !r.above_ceiling && !r.below_floor));
    // Publikationer −10 is net income on a cost line and lowers the costs.
    assert_eq!(
        r.year(2022)
            .expect("year")
            .budget
            .category(Category::Strukturpaverkande),
        tkr(30)
    );
    // Deficit warning for 2022 only.
    let deficits: Vec<Year> = r
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::Deficit { .. }))
        .filter_map(|w| w.year())
        .collect();
    assert_eq!(deficits, vec![2022]);
}

#[test]
fn gv21_scenario_requested_allocation() {
    // The board requests 7 500 tkr from 2023 (SD årsrapport 2021): a scenario, compared to the base.
    let mut p = sd_plan();
    let add = Edit::add_scenario(&p, "Äskande 7 500 tkr");
    apply(&mut p, &add).expect("apply");
    let id = p.scenario_by_name("äskande 7 500 tkr").expect("scenario");
    let e = Edit::set_funding(&p, Some(id), 2023, FundingInput::Total(tkr(7_500))).expect("edit");
    apply(&mut p, &e).expect("apply");
    let r = compute_scenario(&p, Some(id));
    let eq: Vec<Amount> = r.multi_year.iter().map(|r| r.equity).collect();
    // 2023: 389 + 7 500 − 6 322 = 1 567; 2024 builds on 7 500 (previous + 0 %): 2 745.
    assert_eq!(eq, vec![tkr(389), tkr(1_567), tkr(2_745)]);
    assert_eq!(compute(&p).multi_year[2].equity, tkr(389), "base unchanged");
    let c = compare(&p, None, Some(id));
    let y23 = c.years.iter().find(|y| y.year == 2023).expect("2023");
    assert_eq!(y23.total.diff, tkr(1_178));
    assert_eq!(y23.equity.diff, tkr(1_178));
    // The equity ratio's change in percentage points is b − a, exactly.
    let (ra, rb) = (y23.ratio_a.expect("ratio a"), y23.ratio_b.expect("ratio b"));
    assert_eq!(y23.ratio_diff(), Some(rb - ra));
    assert!(y23.ratio_diff().expect("diff") > Decimal::ZERO);
    let avesta = c
        .members
        .iter()
        .find(|m| m.year == 2023 && m.name == "Avesta")
        .expect("Avesta");
    assert_eq!(avesta.amount.a, kr(695_420));
    assert_eq!(avesta.amount.b, kr(825_000), "44 % of 1 875 000");
    assert!(c.lines.iter().all(|l| l.amount.diff.is_zero()));
    assert!(compare(&p, Some(id), Some(id)).is_zero());
}

/// VM 2024 marked *Bokslut klart* without the typed result, with `keep` deciding per line
/// which 2024 outcome to keep (`None` removes it).
fn vm2024_closed(keep: impl Fn(&str, Outcome) -> Option<Outcome>) -> Plan {
    let mut p = vm2024_plan();
    let yi = p.year_inputs.entry(2024).or_default();
    yi.actual_result = None;
    yi.closed = true;
    for l in &mut p.lines {
        let kept = l.outcome.get(&2024).copied().and_then(|o| keep(&l.name, o));
        match kept {
            Some(o) => l.outcome.insert(2024, o),
            None => l.outcome.remove(&2024),
        };
    }
    p
}

fn closed_warnings(r: &Report) -> Vec<(Severity, String)> {
    r.warnings
        .iter()
        .filter(|w| {
            matches!(
                w,
                Warning::ClosedWithoutFinalOutcome { .. } | Warning::ClosedWithoutOutcome { .. }
            )
        })
        .map(|w| (w.severity(), w.message()))
        .collect()
}

#[test]
fn closed_year_without_any_outcome_rolls_on_the_budget() {
    let r = compute(&vm2024_closed(|_, _| None));
    let e = &r.year(2024).expect("year").equity;
    assert_eq!(e.basis, ResultBasis::Budget, "no fictitious outcome");
    assert_eq!(e.outcome_result, None);
    assert_eq!(e.result, e.budgeted_result);
    assert_ne!(e.result, kr(19_037_999), "never the funding as profit");
    assert_eq!(
        closed_warnings(&r),
        [(
            Severity::Error,
            "Bokslut klart för 2024, men inget utfall är inläst: eget kapital räknas på budgeten tills utfallet finns."
                .to_string()
        )]
    );
}

#[test]
fn closed_year_names_the_line_without_final_outcome() {
    let r = compute(&vm2024_closed(|name, o| (name != "Styrelse").then_some(o)));
    let e = &r.year(2024).expect("year").equity;
    assert_eq!(e.basis, ResultBasis::Outcome);
    assert_eq!(e.result, kr(760_778));
    assert_eq!(
        closed_warnings(&r),
        [(
            Severity::Warning,
            "Bokslut klart för 2024, men slutligt utfall saknas för 1 post: Styrelse; de räknas med sitt utfall hittills eller 0 kr."
                .to_string()
        )]
    );
}

#[test]
fn closed_year_names_two_lines_without_final_outcome() {
    let r = compute(&vm2024_closed(|name, o| {
        (name != "Styrelse" && name != "Kansli + bilkonto").then_some(o)
    }));
    assert_eq!(
        closed_warnings(&r),
        [(
            Severity::Warning,
            "Bokslut klart för 2024, men slutligt utfall saknas för 2 poster: Styrelse, Kansli + bilkonto; de räknas med sitt utfall hittills eller 0 kr."
                .to_string()
        )]
    );
}

#[test]
fn closed_year_with_only_ytd_outcomes_shortens_the_list() {
    let p = vm2024_closed(|_, o| {
        Some(Outcome {
            ytd: o.final_amount.or(o.ytd),
            final_amount: None,
            forecast: None,
        })
    });
    let budgeted = p.lines.iter().filter(|l| !l.amount(2024).is_zero()).count();
    assert!(budgeted > 3);
    let r = compute(&p);
    assert_eq!(
        r.year(2024).expect("year").equity.basis,
        ResultBasis::Outcome
    );
    assert_eq!(
        closed_warnings(&r),
        [(
            Severity::Warning,
            format!(
                "Bokslut klart för 2024, men slutligt utfall saknas för {budgeted} poster: Styrelse, Kansli + bilkonto, Samordningsteam Surahammar och {} till; de räknas med sitt utfall hittills eller 0 kr.",
                budgeted - 3
            )
        )]
    );
}

#[test]
fn closed_year_with_typed_result_or_all_final_outcomes_has_no_closing_warning() {
    // The example: typed result, final outcomes.
    assert!(closed_warnings(&compute(&vm2024_plan())).is_empty());
    // Closed with every final outcome.
    let r = compute(&vm2024_closed(|_, o| Some(o)));
    assert!(closed_warnings(&r).is_empty());
    assert_eq!(
        r.year(2024).expect("year").equity.basis,
        ResultBasis::Outcome
    );
    // Closed without outcomes but a typed result: equity rolls on the typed result.
    let mut p = vm2024_closed(|_, _| None);
    p.year_inputs.entry(2024).or_default().actual_result = Some(kr(81_778));
    let r = compute(&p);
    assert!(closed_warnings(&r).is_empty());
    assert_eq!(r.year(2024).expect("year").equity.basis, ResultBasis::Typed);
}

#[test]
fn ceiling_flag_is_unknown_when_the_ratio_is() {
    // Party shares not summing to 100 %: no allocation, no base, the typed result still known.
    let mut p = vm2024_plan();
    p.settings.shares.staten = Decimal::ZERO;
    let r = compute(&p);
    let e = &r.year(2024).expect("year").equity;
    assert!(e.known);
    assert_eq!(e.ratio, None);
    assert_eq!(e.above_ceiling_known(), None);
    assert_eq!(e.below_floor_known(), Some(false));
    let csv = report_to_csv(&p, Some(2024), None).expect("report");
    assert!(csv.contains("2024;Eget kapital;Över taket;–\n"), "{csv}");
    assert!(!csv.contains("Över taket;Nej"), "{csv}");
    assert!(
        csv.contains("2024;Eget kapital;Under golvet;Nej\n"),
        "{csv}"
    );
    let eq = String::from_utf8(export_equity_csv(&p, None)).expect("utf-8");
    let row = eq
        .lines()
        .find(|l| l.starts_with("2024;"))
        .expect("2024 row");
    assert!(row.contains(";–;Nej;angivet;"), "{row}");
    // The example itself: known ratio, 21,16 % > 20 %.
    let csv = report_to_csv(&vm2024_plan(), Some(2024), None).expect("report");
    assert!(csv.contains("2024;Eget kapital;Över taket;Ja\n"), "{csv}");
}
