//! Trustworthy figures: the rules that keep a board from adopting a silently wrong number,
//! each with a golden test from the annual reports' figures (docs/README.md section 3) and each
//! refusal with its exact Swedish message. See docs/allocation.md, docs/budget.md and
//! docs/equity.md.

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::municipality::*;
use samplan_engine::*;

mod common;
use common::{d, fixture, kr, one_member_plan};

fn titles(r: &Report) -> Vec<&'static str> {
    r.warnings.iter().map(Warning::title).collect()
}

fn member_id(plan: &Plan, name: &str) -> MemberId {
    plan.members
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("member {name}"))
        .id
}

fn set_amount(plan: &mut Plan, name: &str, year: Year, amount: Amount) {
    let id = member_id(plan, name);
    let edit = Edit::set_member_amount(plan, None, id, year, Some(amount)).expect("edit");
    apply(plan, &edit).expect("apply");
}

fn allocation_error(plan: &Plan, year: Year) -> String {
    compute(plan)
        .year(year)
        .expect("year")
        .allocation
        .as_ref()
        .expect_err("the year must fail")
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// 1. Equity on the right basis

#[test]
fn closed_year_rolls_equity_on_the_outcome() {
    // VM 2024 without a typed result: every budgeted line has its final outcome, so the year is
    // closed and equity rolls on the outcome result +81 778 (GV-18), not the budget's −1 945 000.
    let mut p = vm2024_plan();
    {
        let e = Edit::set_actual_result(&p, 2024, None);
        apply(&mut p, &e).expect("apply");
    }
    let r = compute(&p);
    let y = r.year(2024).expect("2024");
    assert!(year_is_closed(&p, 2024));
    assert_eq!(y.equity.basis, ResultBasis::Outcome);
    assert_eq!(y.equity.basis.label(), "utfall");
    assert_eq!(y.equity.outcome_result, Some(kr(81_778)));
    assert_eq!(y.equity.result, kr(81_778));
    assert_eq!(y.equity.closing, kr(4_028_486));
    assert_eq!(round_half_up(y.equity.ratio.expect("ratio"), 2), d("21.16"));
    assert!(y.equity.above_ceiling);
    assert!(titles(&r).contains(&"Eget kapital över taket"));
    assert!(
        !titles(&r).contains(&"Underskott"),
        "the outcome result is positive: {:?}",
        titles(&r)
    );
    // The budget is still the budget: −1 945 000 planned use of equity.
    assert_eq!(y.budget.result, kr(-1_945_000));
    assert_eq!(y.budget.planned_equity_use, kr(1_945_000));
    // The outcome's member revenue is what the members pay (−1 kr, GV-01).
    assert_eq!(
        y.outcome.as_ref().expect("outcome").member_income,
        kr(19_037_999)
    );
}

#[test]
fn open_year_rolls_on_the_budget_until_closed() {
    let mut p = vm2024_plan();
    {
        let e = Edit::set_actual_result(&p, 2024, None);
        apply(&mut p, &e).expect("apply");
    }
    // Styrelse has only a year-to-date outcome: the year is open.
    let styrelse = p.lines[0].id;
    let e = Edit::set_outcome(
        &p,
        styrelse,
        2024,
        Some(Outcome {
            ytd: Some(kr(400_000)),
            final_amount: None,
            forecast: None,
        }),
    )
    .expect("edit");
    apply(&mut p, &e).expect("apply");
    let y = compute(&p).year(2024).expect("2024").equity.clone();
    assert_eq!(y.basis, ResultBasis::Budget);
    assert_eq!(y.basis.label(), "budget");
    assert_eq!(y.result, kr(-1_945_000));
    assert_eq!(y.closing, kr(2_001_708), "427 565 + 3 519 143 − 1 945 000");
    // "Bokslut klart" closes it: the outcome result with Styrelse's best outcome.
    {
        let e = Edit::set_closed(&p, 2024, true);
        apply(&mut p, &e).expect("apply");
    }
    let y = compute(&p).year(2024).expect("2024").equity.clone();
    assert_eq!(y.basis, ResultBasis::Outcome);
    assert_eq!(
        y.result,
        kr(81_778 + 279_000),
        "Styrelse 400 000 instead of 679 000"
    );
}

#[test]
fn typed_result_wins_and_a_difference_is_shown() {
    let mut p = vm2024_plan();
    let r = compute(&p);
    let y = r.year(2024).expect("2024");
    assert_eq!(y.equity.basis, ResultBasis::Typed);
    assert_eq!(y.equity.basis.label(), "angivet");
    assert!(
        !titles(&r).contains(&"Angivet resultat skiljer sig från utfallet"),
        "81 778 typed = 81 778 outcome"
    );
    {
        let e = Edit::set_actual_result(&p, 2024, Some(kr(80_000)));
        apply(&mut p, &e).expect("apply");
    }
    let r = compute(&p);
    let y = r.year(2024).expect("2024");
    assert_eq!(y.equity.result, kr(80_000));
    assert_eq!(y.equity.outcome_result, Some(kr(81_778)));
    let w = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::ResultDiffersFromOutcome { .. }))
        .expect("warning");
    assert_eq!(w.severity(), Severity::Warning);
    assert_eq!(
        w.message(),
        "Angivet resultat 2024 är 80\u{a0}000 kr men utfallets resultat är 81\u{a0}778 kr; \
         eget kapital räknas på det angivna resultatet."
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Belopp that do not add up

#[test]
fn belopp_typed_ten_times_too_large_is_an_error_naming_the_member() {
    let mut p = vm2024_plan();
    set_amount(&mut p, "Fagersta", 2024, kr(2_241_960));
    let r = compute(&p);
    assert_eq!(
        allocation_error(&p, 2024),
        "beloppen för Kommuner summerar till 6\u{a0}777\u{a0}263 kr men partens belopp är \
         4\u{a0}759\u{a0}500 kr (skillnad +2\u{a0}017\u{a0}763 kr), mer än avrundning kan \
         förklara; troligen är beloppet för Fagersta fel"
    );
    let w = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::AllocationFailed { .. }))
        .expect("error on the year");
    assert_eq!(w.severity(), Severity::Error);
    assert!(!titles(&r).contains(&"Avrundningsdifferens"));
    // Accepted explicitly, it is a deviation, never a rounding difference.
    {
        let e = Edit::set_allow_difference(&p, 2024, true);
        apply(&mut p, &e).expect("apply");
    }
    let r = compute(&p);
    let w = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::AmountDeviation { .. }))
        .expect("deviation");
    assert_eq!(w.title(), "Avvikelse från partens andel");
    assert_eq!(w.severity(), Severity::Warning);
    assert_eq!(
        w.message(),
        "Avvikelse från partens andel 2024: medlemmarna i Kommuner betalar tillsammans \
         2\u{a0}017\u{a0}763 kr mer än partens belopp, enligt beslut (avvikelse tillåten)."
    );
    assert!(!titles(&r).contains(&"Avrundningsdifferens"));
}

#[test]
fn likely_member_from_population_and_from_the_previous_year() {
    // Populations known: the reference is the population share.
    let import = read_members_csv(&fixture("vm2024_invanare.csv"), None).expect("import");
    let mut members = import.members;
    let amounts = read_members_csv(&fixture("vm2024_belopp.csv"), None).expect("import");
    for m in &mut members {
        m.amount = amounts
            .members
            .iter()
            .find(|a| a.name == m.name)
            .and_then(|a| a.amount);
        if m.name == "Sala" {
            m.amount = Some(kr(40_606));
        }
    }
    let mut input = AllocationInput::new(Funding::Total(kr(19_038_000)), members);
    input.kommun_key = Key::Amount;
    let e = allocate(&input).expect_err("−365 458 kr is not rounding");
    assert!(
        e.to_string()
            .ends_with("; troligen är beloppet för Sala fel"),
        "{e}"
    );
    // No populations: the previous year's shares.
    for m in &mut input.members {
        m.population = None;
    }
    input.previous = amounts
        .members
        .iter()
        .filter_map(|m| Some((m.name.clone(), m.amount?)))
        .collect();
    let e = allocate(&input).expect_err("still refused");
    assert!(
        e.to_string()
            .ends_with("; troligen är beloppet för Sala fel"),
        "{e}"
    );
}

#[test]
fn gv01_minus_one_stays_rounding() {
    let r = compute(&vm2024_plan());
    let w = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::RoundingDifference { .. }))
        .expect("rounding");
    assert_eq!(w.title(), "Avrundningsdifferens");
    assert_eq!(w.severity(), Severity::Info);
    assert!(!titles(&r).contains(&"Avvikelse från partens andel"));
}

#[test]
fn negative_belopp_is_refused() {
    let mut p = vm2024_plan();
    // Typed (or pasted): the edit is refused at the door and nothing changes.
    let id = member_id(&p, "Norberg");
    let before = p.clone();
    let refused = Edit::set_member_amount(&p, None, id, 2024, Some(kr(-93_732)))
        .and_then(|edit| apply(&mut p, &edit))
        .expect_err("a negative Belopp is refused");
    assert_eq!(
        refused.to_string(),
        "medlemmen \"Norberg\", belopp 2024: beloppet får inte vara negativt"
    );
    assert_eq!(p, before);
    // Built in memory past the doors: the allocation refuses it too.
    let m = p.members.iter_mut().find(|m| m.id == id).expect("Norberg");
    if let Some(v) = m.values.get_mut(&2024) {
        v.amount = Some(kr(-93_732));
    }
    assert_eq!(
        allocation_error(&p, 2024),
        "Norberg har ett negativt värde för nyckeln Belopp"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Party rows and units

#[test]
fn belopp_on_the_state_or_region_row_must_match_the_split() {
    let mut p = vm2024_plan();
    set_amount(
        &mut p,
        "Staten (Försäkringskassan och Arbetsförmedlingen)",
        2024,
        kr(9_519_000),
    );
    assert!(compute(&p).year(2024).expect("2024").allocation.is_ok());
    set_amount(
        &mut p,
        "Staten (Försäkringskassan och Arbetsförmedlingen)",
        2024,
        kr(9_000_000),
    );
    assert_eq!(
        allocation_error(&p, 2024),
        "Staten (Försäkringskassan och Arbetsförmedlingen) har beloppet 9\u{a0}000\u{a0}000 kr, \
         men Statens andel av medelstilldelningen är 9\u{a0}519\u{a0}000 kr"
    );
    let mut p = vm2024_plan();
    set_amount(&mut p, "Region Västmanland", 2024, kr(4_760_000));
    assert_eq!(
        allocation_error(&p, 2024),
        "Region Västmanland har beloppet 4\u{a0}760\u{a0}000 kr, men Regionens andel av \
         medelstilldelningen är 4\u{a0}759\u{a0}500 kr"
    );
}

#[test]
fn amounts_off_the_unit_are_refused_with_the_nearest_valid_amounts() {
    let members = read_members_csv(&fixture("vm2024_invanare.csv"), None)
        .expect("import")
        .members;
    let mut input = AllocationInput::new(Funding::State(kr(9_519_500)), members);
    input.unit = RoundingUnit::Thousand;
    assert_eq!(
        allocate(&input).expect_err("off the unit").to_string(),
        "statens belopp 9\u{a0}519\u{a0}500 kr går inte att fördela med avrundningsenheten \
         1000 kr; närmaste giltiga belopp är 9\u{a0}519\u{a0}000 kr och 9\u{a0}520\u{a0}000 kr"
    );
    input.funding = Funding::State(kr(9_519_000));
    let a = allocate(&input).expect("a multiple of the unit");
    assert_eq!(a.total, kr(19_038_000));
    assert_eq!(a.party(Party::Staten).expect("state").amount, kr(9_519_000));
    // A state amount that cannot come back as Staten's part (shares 40/30/30, unit 1 000):
    // 1 000 kr → T = 2 500 kr, not a multiple of 1 000.
    input.shares = PartyShares {
        staten: d("40"),
        region: d("30"),
        kommuner: d("30"),
    };
    input.funding = Funding::State(kr(1_000));
    assert_eq!(
        allocate(&input).expect_err("not reproducible").to_string(),
        "statens belopp 1\u{a0}000 kr går inte att fördela med avrundningsenheten 1000 kr; \
         närmaste giltiga belopp är 0 kr och 2\u{a0}000 kr"
    );
    input.shares = PartyShares::default();
    input.funding = Funding::Total(kr(19_038_500));
    assert_eq!(
        allocate(&input)
            .expect_err("total off the unit")
            .to_string(),
        "medelstilldelningen 19\u{a0}038\u{a0}500 kr är inte en jämn multipel av \
         avrundningsenheten 1000 kr; närmaste giltiga belopp är 19\u{a0}038\u{a0}000 kr och \
         19\u{a0}039\u{a0}000 kr"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Dependent and missing years

#[test]
fn a_broken_year_fails_the_years_built_on_it() {
    let mut p = example_plan();
    // 2025: Andel summing to 99 % instead of a population key.
    {
        let e = Edit::set_kommun_key_from(&p, 2025, Key::single(KeyMethod::Percent));
        apply(&mut p, &e).expect("apply");
    }
    let kommuner: Vec<MemberId> = p
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun)
        .map(|m| m.id)
        .collect();
    let n = Decimal::from(kommuner.len() as u64);
    for (i, id) in kommuner.iter().enumerate() {
        let pct = if i == 0 {
            Decimal::ONE_HUNDRED - (n - Decimal::ONE) * (Decimal::ONE_HUNDRED / n).floor() - d("1")
        } else {
            (Decimal::ONE_HUNDRED / n).floor()
        };
        let e = Edit::set_member_percent(&p, None, *id, 2025, Some(pct)).expect("edit");
        apply(&mut p, &e).expect("apply");
    }
    // Back to population from 2026 on, whose funding is "previous year + x %".
    {
        let e = Edit::set_kommun_key_from(&p, 2026, Key::single(KeyMethod::Population));
        apply(&mut p, &e).expect("apply");
    }
    {
        let e = Edit::set_funding(&p, None, 2026, FundingInput::PreviousPlusPercent(d("2")))
            .expect("edit");
        apply(&mut p, &e).expect("apply");
    }
    let r = compute(&p);
    assert_eq!(
        allocation_error(&p, 2025),
        "andelarna för Kommuner summerar till 99 %, inte 100 %"
    );
    assert_eq!(
        allocation_error(&p, 2026),
        "medelstilldelningen 2026 bygger på 2025, som inte kan beräknas"
    );
    assert_eq!(
        allocation_error(&p, 2027),
        "medelstilldelningen 2027 bygger på 2026, som inte kan beräknas"
    );
    for y in [2025, 2026, 2027] {
        assert_eq!(r.year(y).expect("year").total, None, "{y}: never 0");
    }
    let failed: Vec<Year> = r
        .warnings
        .iter()
        .filter(|w| w.severity() == Severity::Error)
        .filter_map(Warning::year)
        .collect();
    assert!(failed.starts_with(&[2025, 2026, 2027]), "{failed:?}");
}

#[test]
fn a_year_without_funding_is_an_error() {
    let mut p = example_plan();
    p.year_inputs.remove(&2027);
    assert_eq!(
        allocation_error(&p, 2027),
        "Medelstilldelning saknas för 2027"
    );
    assert_eq!(
        allocation_error(&p, 2028),
        "medelstilldelningen 2028 bygger på 2027, som inte kan beräknas"
    );
    let r = compute(&p);
    let w = r
        .warnings
        .iter()
        .find(|w| w.year() == Some(2027) && w.severity() == Severity::Error)
        .expect("error");
    assert_eq!(
        w.message(),
        "Fördelningen 2027 kan inte beräknas: Medelstilldelning saknas för 2027."
    );
    // The first plan year cannot build on a previous year.
    let mut p = example_plan();
    let first = p.years[0];
    let e = Edit::set_funding(&p, None, first, FundingInput::PreviousPlusPercent(d("2")))
        .expect("edit");
    apply(&mut p, &e).expect("apply");
    assert_eq!(
        allocation_error(&p, first),
        format!(
            "Medelstilldelningen {first} bygger på föregående år, men {first} är planens första \
             år: ange ett belopp"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Ceiling in the last year

#[test]
fn next_year_base_assumes_unchanged_funding_in_the_last_year() {
    let mut p = vm2024_plan();
    p.settings.equity_base = EquityBase::NextYear;
    let r = compute(&p);
    let e = &r.year(2024).expect("2024").equity;
    assert!(e.base_assumed);
    assert_eq!(e.base, Some(kr(19_038_000)));
    assert!(e.above_ceiling, "checked against the ceiling");
    let w = r
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::EquityAboveCeiling { .. }))
        .expect("ceiling");
    assert_eq!(
        w.message(),
        "Eget kapital 2024 (4\u{a0}028\u{a0}486 kr) är 21,2\u{a0}% av nästa års \
         medelstilldelning (antagande), över taket 20,0\u{a0}%."
    );
    {
        let e = Edit::set_setting(&p, None, Setting::ExpectedNextFunding(Some(kr(25_000_000))))
            .expect("edit");
        apply(&mut p, &e).expect("apply");
    }
    let e = compute(&p).year(2024).expect("2024").equity.clone();
    assert_eq!(e.base, Some(kr(25_000_000)));
    assert!(e.base_assumed);
    assert!(!e.above_ceiling, "16,11 %");
}

// ---------------------------------------------------------------------------------------------
// 8. Bases the reports use

fn plan_with(year: Year, t: Amount, lines: &[(Category, Amount)]) -> Plan {
    let mut p = one_member_plan(year, t);
    for (i, (c, a)) in lines.iter().enumerate() {
        let id = LineId(p.fresh_id());
        let mut l = BudgetLine::new(id, format!("Post {i}"), Some(*c));
        l.amounts.insert(year, *a);
        p.lines.push(l);
    }
    p
}

fn wholes(dist: &CostDistribution) -> Vec<Decimal> {
    CostGroup::ALL
        .iter()
        .filter_map(|g| dist.group(*g).whole(dist.rounding))
        .collect()
}

#[test]
fn gv11_vm2023_net_costs_69_4_8_19() {
    use Category::*;
    let mut p = plan_with(
        2023,
        kr(7_030_000),
        &[
            (Individinsatser, kr(5_386_783)),
            (Strukturpaverkande, kr(333_719)),
            (Processtod, kr(639_436)),
            (Kansli, kr(1_560_925)),
            (OvrigaIntakter, kr(100_000)),
        ],
    );
    let gross = compute(&p).year(2023).expect("2023").distribution.clone();
    assert_eq!(gross.basis, DistributionBase::GrossCosts);
    let ints = |v: &[i64]| v.iter().map(|x| Decimal::from(*x)).collect::<Vec<_>>();
    assert_eq!(wholes(&gross), ints(&[68, 4, 8, 20]));
    {
        let e = Edit::set_setting(
            &p,
            None,
            Setting::DistributionBase(DistributionBase::NetCosts),
        )
        .expect("edit");
        apply(&mut p, &e).expect("apply");
    }
    let net = compute(&p).year(2023).expect("2023").distribution.clone();
    assert_eq!(net.base, kr(7_820_863));
    assert_eq!(
        wholes(&net),
        ints(&[69, 4, 8, 19]),
        "as printed (VM årsredovisning 2024)"
    );
    assert_eq!(
        round_half_up(net.group(CostGroup::Administration).percent.expect("%"), 2),
        d("18.68")
    );
    assert_eq!(
        net.caption(),
        "Kostnadsfördelning, andel av kostnaderna netto (övriga intäkter avräknade från \
         administrationen)"
    );
}

#[test]
fn gv12_vasteras_share_of_the_allocation_81_11_11() {
    use Category::*;
    let mut p = plan_with(
        2021,
        kr(13_310_000),
        &[
            (Individinsatser, kr(10_829_394)),
            (Strukturpaverkande, kr(1_466_777)),
            (Kansli, kr(1_485_761)),
        ],
    );
    p.settings.distribution_base = DistributionBase::Allocation;
    let dist = compute(&p).year(2021).expect("2021").distribution.clone();
    assert_eq!(dist.base, kr(13_310_000));
    let pct = |g: CostGroup| round_half_up(dist.group(g).percent.expect("%"), 2);
    assert_eq!(pct(CostGroup::Individinsatser), d("81.36"));
    assert_eq!(pct(CostGroup::Strukturpaverkande), d("11.02"));
    assert_eq!(pct(CostGroup::Administration), d("11.16"));
    // Not forced to 100: 81 + 11 + 0 + 11 = 103, for both roundings.
    for rounding in [
        PercentRounding::LargestRemainder,
        PercentRounding::Independent,
    ] {
        let w: Vec<Decimal> = CostGroup::ALL
            .iter()
            .filter_map(|g| dist.group(*g).whole(rounding))
            .collect();
        assert_eq!(w, vec![d("81"), d("11"), d("0"), d("11")]);
    }
    assert!(dist.caption().contains("behöver inte summera till 100"));
}

#[test]
fn gv19_budgeted_contributions_and_nv2022_budgeted_revenue() {
    use Category::*;
    // NV 2021: EK 1 312 284 against the budgeted member contributions 7 046 000 = 18,62 %.
    let mut p = plan_with(2021, kr(7_046_000), &[(Individinsatser, kr(7_046_000))]);
    p.opening_equity = kr(1_347_512);
    p.year_inputs.get_mut(&2021).expect("2021").actual_result = Some(kr(-35_228));
    p.settings.equity_base = EquityBase::BudgetedContributions;
    let e = compute(&p).year(2021).expect("2021").equity.clone();
    assert_eq!(e.closing, kr(1_312_284));
    assert_eq!(e.base, Some(kr(7_046_000)));
    assert_eq!(round_half_up(e.ratio.expect("ratio"), 2), d("18.62"));
    // NV 2022: 1 139 518 against the budgeted revenue "16 %" (7 046 000, no other income).
    let mut p = plan_with(2022, kr(7_046_000), &[(Individinsatser, kr(7_046_000))]);
    p.opening_equity = kr(1_139_518);
    p.settings.equity_base = EquityBase::BudgetedRevenue;
    let e = compute(&p).year(2022).expect("2022").equity.clone();
    assert_eq!(round_half_up(e.ratio.expect("ratio"), 2), d("16.17"));
    // With budgeted other income the revenue base includes it.
    let mut p = plan_with(
        2022,
        kr(7_046_000),
        &[
            (Individinsatser, kr(7_146_000)),
            (OvrigaIntakter, kr(100_000)),
        ],
    );
    p.opening_equity = kr(1_139_518);
    p.settings.equity_base = EquityBase::BudgetedRevenue;
    let e = compute(&p).year(2022).expect("2022").equity.clone();
    assert_eq!(e.base, Some(kr(7_146_000)));
    assert_eq!(EquityBase::BudgetedRevenue.label(), "budgeterade intäkter");
}

// ---------------------------------------------------------------------------------------------
// 7. Keys per year: the 2023 → 2024 merger (docs/allocation.md, 5.4)

#[test]
fn merger_belopp_2023_invanare_2024() {
    let p = common::merger_plan();
    assert_eq!(p.settings.kommun_key_for(2023), Key::Amount);
    assert_eq!(
        p.settings.kommun_key_for(2024),
        Key::single(KeyMethod::Population)
    );
    let r = compute(&p);
    let a23 = r
        .year(2023)
        .expect("2023")
        .allocation
        .as_ref()
        .expect("2023");
    assert_eq!(a23.member("Fagersta").expect("F").amount, kr(321_172));
    assert!(
        a23.party(Party::Kommuner).expect("K").deviation,
        "GV-06 +4 kr"
    );
    let a24 = r
        .year(2024)
        .expect("2024")
        .allocation
        .as_ref()
        .expect("2024");
    assert_eq!(a24.member("Fagersta").expect("F").amount, kr(224_196));
    assert_eq!(a24.member("Västerås").expect("V").amount, kr(2_698_345));
    assert_eq!(
        a24.party(Party::Kommuner).expect("K").rounding_difference,
        kr(-1),
        "GV-01"
    );
    // Change from the previous year (docs/allocation.md): −30,2 % and −26,5 %.
    let fagersta = municipality_report(&p, None, member_id(&p, "Fagersta")).expect("report");
    let y = fagersta.year(2024).expect("2024");
    assert_eq!(y.change, Some(kr(-96_976)));
    assert_eq!(round_half_up(y.change_percent.expect("%"), 1), d("-30.2"));
    assert_eq!(y.key_label, "Invånare");
    assert_eq!(fagersta.year(2023).expect("2023").key_label, "Belopp");
    let sala = municipality_report(&p, None, member_id(&p, "Sala")).expect("report");
    let y = sala.year(2024).expect("2024");
    assert_eq!(y.change, Some(kr(-146_624)));
    assert_eq!(round_half_up(y.change_percent.expect("%"), 1), d("-26.5"));
    // Exports call the accepted +4 kr a deviation, never a rounding difference.
    let csv = report_to_csv(&p, Some(2023), None).expect("csv");
    assert!(
        csv.contains("\n2023;Finansiering;Avrundningsdifferens;0\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\n2023;Finansiering;Avvikelse från partens andel;4\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\n2023;Varning;Avvikelse från partens andel;"),
        "{csv}"
    );
    let alloc = String::from_utf8(export_allocation_csv(&p, None)).expect("utf-8");
    assert!(
        alloc.contains("\r\nAvvikelse från partens andel;;4;0\r\n"),
        "{alloc}"
    );
    assert!(
        alloc.contains("\r\nAvrundningsdifferens;;0;-1\r\n"),
        "{alloc}"
    );
    // The plan file keeps the keys per year.
    assert_eq!(plan_from_json(&plan_to_json(&p)), Ok(p));
}

#[test]
fn key_for_a_year_and_later_and_its_undo() {
    let mut p = common::merger_plan();
    let before = p.clone();
    // Setting Belopp from 2023 on replaces the 2024 entry.
    let e = Edit::set_kommun_key_from(&p, 2023, Key::Amount);
    apply(&mut p, &e).expect("apply");
    assert_eq!(p.settings.kommun_key_for(2024), Key::Amount);
    revert(&mut p, &e).expect("revert");
    assert_eq!(p, before);
    // A scenario's key applies to every year.
    let mut p = common::merger_plan();
    let add = Edit::add_scenario(&p, "Lika delar");
    apply(&mut p, &add).expect("apply");
    let sid = p.scenarios[0].id;
    let e = Edit::set_setting(
        &p,
        Some(sid),
        Setting::KommunKey(Key::single(KeyMethod::Equal)),
    )
    .expect("edit");
    apply(&mut p, &e).expect("apply");
    let resolved = p.resolved(Some(sid));
    for y in [2023, 2024] {
        assert_eq!(
            resolved.settings.kommun_key_for(y),
            Key::single(KeyMethod::Equal)
        );
    }
    let r = compute_scenario(&p, Some(sid));
    let a = r.year(2024).expect("2024").allocation.as_ref().expect("ok");
    assert_eq!(
        a.member("Fagersta").expect("F").amount,
        kr(475_950),
        "4 759 500 / 10"
    );
}

#[test]
fn example_plan_key_from_the_second_year_on() {
    let mut p = example_plan();
    let second = p.years[1];
    let e = Edit::set_kommun_key_from(&p, second, Key::single(KeyMethod::Equal));
    apply(&mut p, &e).expect("apply");
    assert_eq!(
        p.settings.kommun_key_for(p.years[0]),
        Key::single(KeyMethod::Population)
    );
    for y in &p.years[1..] {
        assert_eq!(
            p.settings.kommun_key_for(*y),
            Key::single(KeyMethod::Equal),
            "{y}"
        );
    }
    let r = compute(&p);
    for y in &p.years[1..] {
        let a = r.year(*y).expect("year").allocation.as_ref().expect("ok");
        assert_eq!(
            a.party(Party::Kommuner).expect("K").key,
            Key::single(KeyMethod::Equal),
            "{y}"
        );
    }
}

#[test]
fn plan_file_refuses_bad_per_year_settings() {
    let mut p = example_plan();
    p.settings.expected_next_funding = Some(kr(-1));
    assert_eq!(
        plan_from_json(&plan_to_json(&p))
            .expect_err("negative")
            .to_string(),
        "planen i filen är felaktig: förväntad medelstilldelning: beloppet får inte vara negativt"
    );
}

#[test]
fn comparison_names_a_year_that_cannot_be_computed() {
    let mut p = example_plan();
    let add = Edit::add_scenario(&p, "Fel belopp");
    apply(&mut p, &add).expect("apply");
    let sid = p.scenarios.last().expect("scenario").id;
    let year = p.years[1];
    let e = Edit::set_funding(
        &p,
        Some(sid),
        year,
        FundingInput::PreviousPlusPercent(d("2")),
    )
    .expect("edit");
    apply(&mut p, &e).expect("apply");
    p.year_inputs.remove(&p.years[0]);
    let c = compare(&p, None, Some(sid));
    let y = c.years.iter().find(|y| y.year == p.years[0]).expect("year");
    let want = format!("Medelstilldelning saknas för {}", p.years[0]);
    assert_eq!(y.error_a.as_deref(), Some(want.as_str()));
    assert_eq!(y.error_b.as_deref(), Some(want.as_str()));
    let y = c.years.iter().find(|y| y.year == year).expect("year");
    assert_eq!(y.error_a, None, "the base plan's own funding for {year}");
    assert_eq!(
        y.error_b.as_deref(),
        Some(
            format!(
                "medelstilldelningen {year} bygger på {}, som inte kan beräknas",
                p.years[0]
            )
            .as_str()
        )
    );
}
