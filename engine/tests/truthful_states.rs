//! A plan that is not complete never shows a wrong figure (docs/equity.md "No result, no
//! equity", "Closing a year", "Negative equity"; docs/scenarios.md "From a year";
//! docs/allocation.md "A member's andel"; docs/budget.md follow-up of split lines), built from
//! the annual reports' figures.

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::municipality::*;
use samplan_engine::new_plan::*;
use samplan_engine::*;

mod common;
use common::{d, fixture, kr, one_member_plan, tkr};

fn warnings_of<'a>(r: &'a Report, pick: impl Fn(&Warning) -> bool + 'a) -> Vec<&'a Warning> {
    r.warnings.iter().filter(|w| pick(w)).collect()
}

// ---------------------------------------------------------------------------------------------
// 1. No result, no equity

/// Södra Dalarna's new plan: base year 2026 with 7 200 000 kr, three plan years, no lines.
fn sd_new_plan(closing: Option<Amount>) -> Plan {
    let members = read_members_csv(&fixture("sd2021_andel.csv"), None).expect("members");
    Plan::from_seed(&NewPlanSeed {
        name: "Södra Dalarnas Samordningsförbund".into(),
        base_funding: kr(7_200_000),
        kommun_key: Key::single(KeyMethod::Percent),
        members: Some(members),
        base_closing_equity: closing,
        ..NewPlanSeed::with_defaults(2026)
    })
    .expect("plan")
}

#[test]
fn a_new_plan_without_budget_has_no_equity() {
    let p = sd_new_plan(None);
    let r = compute(&p);
    for y in &r.years {
        let e = &y.equity;
        assert!(y.allocation.is_ok(), "{}", y.year);
        assert!(!e.known, "{}: no result, no equity", y.year);
        assert_eq!(e.ratio, None, "{}", y.year);
        assert_eq!(
            e.above_ceiling_known(),
            None,
            "{}: never \"över taket\"",
            y.year
        );
        assert!(e.flags().is_empty());
        assert_eq!(e.missing_result, Some(2026));
        assert!(e.no_result);
        assert!(!e.result_known);
    }
    assert_eq!(
        r.year(2027)
            .and_then(|y| y.equity.unknown_reason())
            .as_deref(),
        Some("bygger på 2026, som saknar resultat")
    );
    assert_eq!(
        r.year(2026).and_then(|y| y.equity.unknown_reason()).as_deref(),
        Some("2026 saknar resultat: lägg in budgetposter eller ange faktiskt resultat eller eget kapital vid årets slut")
    );
    // One warning, naming the years and both ways out; no "Ofördelad budget", no "över taket".
    let w = warnings_of(&r, |w| matches!(w, Warning::NoResult { .. }));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].title(), "Resultat saknas");
    assert_eq!(w[0].severity(), Severity::Warning);
    assert_eq!(
        w[0].message(),
        "Eget kapital kan inte beräknas från 2026: 2026, 2027, 2028 och 2029 har medelstilldelning men varken budgetposter, utfall eller angivet resultat. Lägg in budgetposter, eller ange faktiskt resultat eller eget kapital vid årets slut för 2026."
    );
    assert!(warnings_of(&r, |w| matches!(
        w,
        Warning::UnallocatedBudget { .. } | Warning::EquityAboveCeiling { .. }
    ))
    .is_empty());
    // The multi-year table and the CLI say "–", never 100 %, 184 % or "Ja".
    assert!(r
        .multi_year
        .iter()
        .all(|m| !m.known && m.flags().is_empty()));
    let csv = report_to_csv(&p, Some(2028), None).expect("csv");
    assert!(!csv.contains("Över taket"), "{csv}");
    assert!(!csv.contains("EK-kvot"), "{csv}");
    assert!(!csv.contains("2028;Budget;Årets resultat"), "{csv}");
    assert!(
        csv.contains("2028;Eget kapital;Fel;eget kapital kan inte beräknas: bygger på 2026, som saknar resultat"),
        "{csv}"
    );
}

#[test]
fn one_year_without_result_has_its_own_message() {
    let mut p = one_member_plan(2025, kr(1_000_000));
    p.opening_equity = kr(100_000);
    let r = compute(&p);
    let w = warnings_of(&r, |w| matches!(w, Warning::NoResult { .. }));
    assert_eq!(
        w[0].message(),
        "Eget kapital kan inte beräknas från 2025: året har medelstilldelning men varken budgetposter, utfall eller angivet resultat. Lägg in budgetposter för 2025, eller ange årets faktiska resultat eller eget kapital vid årets slut."
    );
    // A typed result resolves it.
    let e = Edit::set_actual_result(&p, 2025, Some(kr(-5_000)));
    apply(&mut p, &e).expect("apply");
    let r = compute(&p);
    assert!(warnings_of(&r, |w| matches!(w, Warning::NoResult { .. })).is_empty());
    assert_eq!(r.year(2025).expect("2025").equity.closing, kr(95_000));
}

#[test]
fn the_base_years_closing_equity_gives_the_first_plan_year_its_opening() {
    let p = sd_new_plan(Some(kr(1_262_000)));
    assert_eq!(p.year_input(2026).closing_equity, Some(kr(1_262_000)));
    let r = compute(&p);
    let base = &r.year(2026).expect("2026").equity;
    assert!(base.known);
    assert_eq!(base.basis, ResultBasis::ClosingEquity);
    assert_eq!(base.basis.label(), "angivet EK UB");
    assert_eq!(base.closing, kr(1_262_000));
    assert!(
        !base.result_known,
        "no result is derived from an untyped opening equity"
    );
    assert_eq!(round_half_up(base.ratio.expect("ratio"), 2), d("17.53"));
    let first = &r.year(2027).expect("2027").equity;
    assert_eq!(first.opening, kr(1_262_000));
    assert!(first.opening_known);
    // 2027 has no budget yet: still unknown, and the warning now starts there.
    assert!(!first.known);
    let w = warnings_of(&r, |w| matches!(w, Warning::NoResult { .. }));
    assert_eq!(w[0].year(), Some(2027));
    // Lines for the plan years: the figures appear (1 262 000 + 7 200 000 − 7 000 000).
    let mut p = p;
    let mut line = BudgetLine::new(
        LineId(p.fresh_id()),
        "Samverkansteam",
        Some(Category::Individinsatser),
    );
    for y in [2027, 2028, 2029] {
        line.amounts.insert(y, kr(7_000_000));
    }
    let e = Edit::insert_line(&p, p.lines.len(), line);
    apply(&mut p, &e).expect("apply");
    let r = compute(&p);
    let e = &r.year(2027).expect("2027").equity;
    assert!(e.known);
    assert_eq!(e.closing, kr(1_462_000));
    assert_eq!(e.above_ceiling_known(), Some(true), "20,3 % of 7 200 000");
    assert!(warnings_of(&r, |w| matches!(w, Warning::NoResult { .. })).is_empty());
    // A bad closing equity is refused by the form.
    let err = Plan::from_seed(&NewPlanSeed {
        name: "X".into(),
        base_closing_equity: Some(Amount(Decimal::from(10_i64.pow(13)))),
        ..NewPlanSeed::with_defaults(2026)
    })
    .expect_err("refused");
    assert_eq!(err[0].field(), NewPlanField::BaseClosingEquity);
}

// ---------------------------------------------------------------------------------------------
// 2. Closing a year: Norra Västmanland 2021, Webportal without bookings

const WEBPORTAL: &str = "Lösningsfokus och Samverkan – Webportal";

/// NV 2021 (årsredovisning 2021, driftredovisning, tkr; the financial costs 12 085 kr and the
/// other income 8 857 kr give the printed result −35 228 kr). Every line has its final outcome
/// except Webportal (budget 2 tkr, no bookings). EK IB 1 347 512.
fn nv2021_plan() -> Plan {
    use Category::*;
    let lines: [(&str, Category, i64, Option<i64>); 18] = [
        ("Styrelse", Styrelse, 423_000, Some(426_000)),
        ("Kansli + Bilkonto (1003)", Kansli, 786_000, Some(750_000)),
        (
            "Samordningsteam Surahammar",
            Individinsatser,
            958_000,
            Some(963_000),
        ),
        (
            "Samordningsteam Hallstahammar",
            Individinsatser,
            1_060_000,
            Some(1_044_000),
        ),
        (
            "Samordningsteamet FNS",
            Individinsatser,
            1_457_000,
            Some(1_402_000),
        ),
        (
            "Samordningsteam Sala",
            Individinsatser,
            1_590_000,
            Some(1_536_000),
        ),
        (
            "Kurator Samordningsteam",
            Individinsatser,
            235_000,
            Some(130_000),
        ),
        (
            "Samverkansmedel ofördelat",
            Strukturpaverkande,
            90_000,
            Some(102_000),
        ),
        ("Extern medbedömning", Strukturpaverkande, 0, Some(35_000)),
        (
            "Övriga utvärderingsinsatser",
            Strukturpaverkande,
            100_000,
            Some(13_000),
        ),
        (
            "Utvecklingsdagar samordningsteam",
            Strukturpaverkande,
            0,
            Some(5_000),
        ),
        (
            "Länsgem utbildningsinsatser",
            Strukturpaverkande,
            125_000,
            Some(153_000),
        ),
        (WEBPORTAL, Strukturpaverkande, 2_000, None),
        (
            "Andra utbildningsinsatser",
            Strukturpaverkande,
            80_000,
            Some(15_000),
        ),
        ("Insatskatalogen", Strukturpaverkande, 75_000, Some(72_000)),
        (
            "Processtöd samverkansinsatser",
            Processtod,
            418_000,
            Some(432_000),
        ),
        ("Övriga intäkter", OvrigaIntakter, 0, Some(8_857)),
        (
            "Finansiella kostnader",
            FinansiellaKostnader,
            0,
            Some(12_085),
        ),
    ];
    let mut p = one_member_plan(2021, kr(7_046_000));
    p.opening_equity = kr(1_347_512);
    for (name, cat, budget, outcome) in lines {
        let mut l = BudgetLine::new(LineId(p.fresh_id()), name, Some(cat));
        l.amounts.insert(2021, kr(budget));
        if let Some(o) = outcome {
            l.outcome.insert(
                2021,
                Outcome {
                    ytd: None,
                    final_amount: Some(kr(o)),
                    forecast: None,
                },
            );
        }
        p.lines.push(l);
    }
    p
}

#[test]
fn nv2021_webportal_without_outcome_names_the_line_and_the_equity_if_closed() {
    let p = nv2021_plan();
    let r = compute(&p);
    let e = &r.year(2021).expect("2021").equity;
    assert_eq!(
        e.basis,
        ResultBasis::Budget,
        "not every budgeted line has its outcome"
    );
    assert_eq!(e.closing, kr(994_512), "1 347 512 − 353 000 on the budget");
    let w = warnings_of(&r, |w| matches!(w, Warning::OutcomeMissing { .. }));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].title(), "Utfall saknas för poster");
    assert_eq!(
        w[0].message(),
        "Utfall saknas 2021 för 1 post (Lösningsfokus och Samverkan – Webportal). Med utfall 0 blir eget kapital 1\u{a0}312\u{a0}284 kr – markera Bokslut klart för 2021 om bokslutet är klart; tills dess räknas eget kapital på budgeten."
    );
    // Closed: the annual report's 1 312 284 kr, and the closed-year warning names Webportal.
    let mut closed = p.clone();
    let e = Edit::set_closed(&closed, 2021, true);
    apply(&mut closed, &e).expect("apply");
    let r = compute(&closed);
    let e = &r.year(2021).expect("2021").equity;
    assert_eq!(e.basis, ResultBasis::Outcome);
    assert_eq!(e.result, kr(-35_228));
    assert_eq!(e.closing, kr(1_312_284));
    assert!(warnings_of(&r, |w| matches!(w, Warning::OutcomeMissing { .. })).is_empty());
    let w = warnings_of(&r, |w| {
        matches!(w, Warning::ClosedWithoutFinalOutcome { .. })
    });
    assert_eq!(
        w[0].message(),
        "Bokslut klart för 2021, men slutligt utfall saknas för 1 post: Lösningsfokus och Samverkan – Webportal; de räknas med sitt utfall hittills eller 0 kr."
    );
}

#[test]
fn outcome_missing_with_year_to_date_and_many_lines() {
    let mut p = nv2021_plan();
    // Two more lines lose their final outcome; one keeps a year-to-date figure.
    for name in ["Insatskatalogen", "Styrelse", "Samordningsteam Sala"] {
        let l = p.lines.iter_mut().find(|l| l.name == name).expect("line");
        let o = l.outcome.get_mut(&2021).expect("outcome");
        o.ytd = (name == "Styrelse").then_some(kr(400_000));
        o.final_amount = None;
    }
    let r = compute(&p);
    let w = warnings_of(&r, |w| matches!(w, Warning::OutcomeMissing { .. }));
    // Styrelse counts 400 000, Sala and Insatskatalogen 0: −35 228 + 26 000 + 1 536 000 + 72 000.
    assert_eq!(
        w[0].message(),
        "Utfall saknas 2021 för 4 poster (Styrelse, Samordningsteam Sala, Lösningsfokus och Samverkan – Webportal och 1 till). Med utfallet hittills (0 där inget finns) blir eget kapital 2\u{a0}946\u{a0}284 kr – markera Bokslut klart för 2021 om bokslutet är klart; tills dess räknas eget kapital på budgeten."
    );
}

#[test]
fn a_final_ledger_gives_absent_budgeted_lines_outcome_0() {
    let mut p = nv2021_plan();
    // Start from no outcome at all; the ledger has every booked line (Webportal has none).
    for l in &mut p.lines {
        l.outcome.clear();
    }
    let mut csv = String::from("Post;Utfall\n");
    for (name, amount) in nv2021_plan().lines.iter().filter_map(|l| {
        l.outcome
            .get(&2021)
            .and_then(|o| o.final_amount)
            .map(|a| (l.name.clone(), a))
    }) {
        csv.push_str(&format!("{name};{}\n", amount.value()));
    }
    let mut imp =
        read_outcome_csv(csv.as_bytes(), None, &p, 2021, OutcomeKind::Final).expect("read");
    assert!(imp.unmatched.is_empty());
    assert!(imp.offers_final_ledger(2021));
    let webportal = p
        .lines
        .iter()
        .find(|l| l.name == WEBPORTAL)
        .expect("line")
        .id;
    assert_eq!(imp.absent_budgeted(&p), vec![webportal]);
    assert_eq!(imp.final_ledger_note(&p), None, "not marked");
    // Not marked: Webportal keeps no outcome, the year stays on the budget.
    let mut plain = p.clone();
    let e = imp.to_edit(&plain).expect("edit");
    apply(&mut plain, &e).expect("apply");
    assert_eq!(
        compute(&plain).year(2021).expect("2021").equity.closing,
        kr(994_512)
    );
    // Marked: Webportal gets 0 kr, the year closes on its outcome.
    imp.set_final_ledger(true);
    assert_eq!(
        imp.final_ledger_note(&p).as_deref(),
        Some("Slutlig huvudbok för 2021: 1 post med budget finns inte i filen och får utfall 0 kr: Lösningsfokus och Samverkan – Webportal. Beloppen blir utfall för helår.")
    );
    let edit = imp.to_edit(&p).expect("edit");
    apply(&mut p, &edit).expect("apply");
    let line = p.line(webportal).expect("line");
    assert_eq!(
        line.outcome.get(&2021).and_then(|o| o.final_amount),
        Some(Amount::ZERO)
    );
    let r = compute(&p);
    let e = &r.year(2021).expect("2021").equity;
    assert_eq!(e.basis, ResultBasis::Outcome);
    assert_eq!(e.closing, kr(1_312_284));
    assert!(warnings_of(&r, |w| matches!(
        w,
        Warning::OutcomeMissing { .. } | Warning::ClosedWithoutFinalOutcome { .. }
    ))
    .is_empty());
    // One edit: undo gives the plan back.
    revert(&mut p, &edit).expect("revert");
    assert!(p.lines.iter().all(|l| l.outcome.is_empty()));
}

/// Södra Dalarna 2021 (årsredovisning 2021, driftsredovisning, tkr): T 6 322, net lines, EK IB
/// 1 326; members by `Andel` 44 / 32 / 24 with a 1 000 kr unit.
fn sd2021_plan() -> Plan {
    use Category::*;
    let mut p = Plan::empty("Södra Dalarnas Samordningsförbund", 2021, 0);
    p.year_inputs.insert(
        2021,
        YearInput {
            funding: FundingInput::Total(tkr(6_322)),
            ..YearInput::default()
        },
    );
    p.opening_equity = tkr(1_326);
    p.settings.unit = RoundingUnit::Thousand;
    p.settings.kommun_key = Key::single(KeyMethod::Percent);
    let members = read_members_csv(&fixture("sd2021_andel.csv"), None).expect("members");
    let (edit, _) = members.to_edit(&p, 2021).expect("edit");
    apply(&mut p, &edit).expect("apply");
    for (account, name, cat, budget) in [
        ("10000", "Styrelse", Styrelse, 230),
        ("20000", "Administration", Kansli, 1_090),
        (
            "21000",
            "Personalinriktade insatser",
            Strukturpaverkande,
            150,
        ),
        ("29000", "Publikationer", Strukturpaverkande, 20),
        ("35000", "Samverkansteam Avesta", Individinsatser, 1_950),
        ("36000", "Samverkansteam Hedemora", Individinsatser, 1_670),
        ("37000", "Samverkansteam Säter", Individinsatser, 1_550),
    ] {
        let mut l = BudgetLine::new(LineId(p.fresh_id()), name, Some(cat));
        l.account = Some(account.into());
        l.amounts.insert(2021, tkr(budget));
        p.lines.push(l);
    }
    p
}

/// The year-end table as the report prints it, headed "Ack utfall" (costs positive).
const SD2021_YEAR_END: &str = "ID;Beskrivning;Ack utfall
10000;Styrelse;115000
20000;Administration;897000
21000;Personalinriktade insatser;260000
29000;Publikationer;-5000
35000;Samverkansteam Avesta;1950000
36000;Samverkansteam Hedemora;1619000
37000;Samverkansteam Säter;1550000
";

#[test]
fn sd2021_year_end_table_as_final_ledger_gives_1_262_tkr() {
    let p = sd2021_plan();
    let imp = read_outcome_csv(
        SD2021_YEAR_END.as_bytes(),
        None,
        &p,
        2021,
        OutcomeKind::YearToDate,
    )
    .expect("read");
    // As year-to-date the year stays on its budget: 1 326 − 338 = 988 tkr.
    let mut ytd = p.clone();
    let e = imp.to_edit(&ytd).expect("edit");
    apply(&mut ytd, &e).expect("apply");
    assert_eq!(
        compute(&ytd).year(2021).expect("2021").equity.closing,
        tkr(988)
    );
    // A year that has ended offers the final ledger; the current year does not (year-to-date).
    assert!(imp.offers_final_ledger(2022));
    assert!(!imp.offers_final_ledger(2021));
    let mut imp = imp;
    imp.set_final_ledger(true);
    assert_eq!(
        imp.final_ledger_note(&p).as_deref(),
        Some("Slutlig huvudbok för 2021: alla poster med budget finns i filen; beloppen blir utfall för helår.")
    );
    let mut closed = p.clone();
    let e = imp.to_edit(&closed).expect("edit");
    apply(&mut closed, &e).expect("apply");
    let r = compute(&closed);
    let e = &r.year(2021).expect("2021").equity;
    assert_eq!(e.basis, ResultBasis::Outcome);
    assert_eq!(e.result, tkr(-64));
    assert_eq!(e.closing, tkr(1_262), "the annual report's 1 262 tkr");
}

// ---------------------------------------------------------------------------------------------
// 3. Negative equity

#[test]
fn negative_equity_is_always_a_warning() {
    // Västmanland 2025 if the whole equity and more were spent: 4 028 486 − 9 945 000.
    let mut p = common::plan(
        2025,
        kr(19_038_000),
        &[("Insatser", Category::Individinsatser, kr(28_983_000), None)],
    );
    p.opening_equity = kr(4_028_486);
    let r = compute(&p);
    let e = &r.year(2025).expect("2025").equity;
    assert_eq!(e.closing, kr(-5_916_514));
    assert_eq!(round_half_up(e.ratio.expect("ratio"), 0), d("-31"));
    assert_eq!(e.flags(), vec!["Negativt eget kapital", "Underskott"]);
    let w = warnings_of(&r, |w| matches!(w, Warning::NegativeEquity { .. }));
    assert_eq!(w.len(), 1, "no floor set, still a warning");
    assert_eq!(w[0].title(), "Negativt eget kapital");
    assert_eq!(w[0].severity(), Severity::Warning);
    assert_eq!(
        w[0].message(),
        "Eget kapital 2025 blir negativt: \u{2212}5\u{a0}916\u{a0}514 kr."
    );
    assert_eq!(
        r.multi_year[0].flags(),
        vec!["Negativt eget kapital", "Underskott"]
    );
    let csv = report_to_csv(&p, None, None).expect("csv");
    assert!(
        csv.contains("2025;Varning;Negativt eget kapital;Eget kapital 2025 blir negativt"),
        "{csv}"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Scenario overrides from a year: the merger what-if

#[test]
fn merger_scenario_from_2024_keeps_2023_as_decided() {
    let mut p = common::merger_plan();
    let mix = Key::Mix(vec![
        KeyPart {
            method: KeyMethod::Equal,
            weight: d("20"),
        },
        KeyPart {
            method: KeyMethod::Population,
            weight: d("80"),
        },
    ]);
    let add = Edit::add_named_scenario(&p, "Lika delar 20 %").expect("edit");
    let e = add;
    apply(&mut p, &e).expect("apply");
    let id = p.scenario_by_name("Lika delar 20 %").expect("id");
    let e = Edit::set_setting(&p, Some(id), Setting::KommunKey(mix.clone())).expect("edit");
    apply(&mut p, &e).expect("apply");
    // Applied to every year (as before): 2023 fails, six members lack population figures.
    let every = compute_scenario(&p, Some(id));
    assert!(every.year(2023).expect("2023").allocation.is_err());
    let missing = warnings_of(&every, |w| {
        matches!(w, Warning::MissingKeyValue { year: 2023, .. })
    });
    assert_eq!(missing.len(), 6);
    // From 2024: 2023 as decided, 2024 on the mix.
    let e =
        Edit::set_scenario_setting(&p, id, ScenarioSetting::FromYear(Some(2024))).expect("edit");
    apply(&mut p, &e).expect("apply");
    assert_eq!(
        p.scenario(id).expect("s").overrides.summary(),
        "Från 2024: Fördelningsnyckel"
    );
    let base = compute(&p);
    let from = compute_scenario(&p, Some(id));
    let a23 = |r: &Report| {
        r.year(2023)
            .expect("2023")
            .allocation
            .clone()
            .expect("2023")
    };
    assert_eq!(a23(&from), a23(&base), "2023 as decided");
    let resolved = p.resolved(Some(id));
    assert_eq!(resolved.settings.kommun_key_for(2023), Key::Amount);
    assert_eq!(resolved.settings.kommun_key_for(2024), mix);
    let a24 = from
        .year(2024)
        .expect("2024")
        .allocation
        .clone()
        .expect("2024");
    assert_eq!(a24.party(Party::Kommuner).expect("K").key, mix);
    // Equal parts move money to the small members: Skinnskatteberg pays more than on Invånare.
    let b24 = base
        .year(2024)
        .expect("2024")
        .allocation
        .clone()
        .expect("2024");
    let skb = |a: &Allocation| a.member("Skinnskatteberg").expect("S").amount;
    assert!(skb(&a24) > skb(&b24));
    // The plan file keeps the year; a file without it applies the overrides to every year.
    let json = plan_to_json(&p);
    assert!(json.contains("\"from_year\": 2024"), "{json}");
    let back = plan_from_json(&json).expect("read");
    assert_eq!(back, p);
    let old = plan_from_json(&json.replace("\"from_year\": 2024,", "")).expect("old file");
    assert_eq!(old.scenario(id).expect("s").overrides.from_year, None);
    assert!(compute_scenario(&old, Some(id))
        .year(2023)
        .expect("2023")
        .allocation
        .is_err());
}

// ---------------------------------------------------------------------------------------------
// 5. Split lines in the CLI follow-up; Utfall category sums

#[test]
fn split_lines_are_one_row_per_share_unique_in_the_cli() {
    let mut p = common::plan(2024, kr(1_000_000), &[]);
    let mut chef = BudgetLine::new(LineId(p.fresh_id()), "Förbundschef", Some(Category::Kansli));
    chef.split = vec![
        SplitShare {
            category: Category::Processtod,
            percent: d("50"),
        },
        SplitShare {
            category: Category::Kansli,
            percent: d("50"),
        },
    ];
    chef.amounts.insert(2024, kr(1_001));
    chef.outcome.insert(
        2024,
        Outcome {
            ytd: None,
            final_amount: Some(kr(900)),
            forecast: None,
        },
    );
    p.lines.push(chef);
    let r = compute(&p);
    let f = &r.year(2024).expect("2024").follow_up;
    let shares: Vec<&FollowUpRow> = f
        .rows
        .iter()
        .filter(|r| r.kind == FollowUpRowKind::Line && r.line.is_some())
        .collect();
    assert_eq!(shares.len(), 2);
    assert!(shares
        .iter()
        .all(|r| r.display_label() == "Förbundschef (50 %)"));
    let sum = shares
        .iter()
        .fold(Decimal::ZERO, |s, r| s + r.figures.budget.value());
    assert_eq!(sum, d("1001"), "the shares sum to the line");
    let csv = report_to_csv(&p, Some(2024), None).expect("csv");
    assert!(
        csv.contains("2024;Uppföljning: Förbundschef (50 %) – Kansli;Budget;500,5"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "2024;Uppföljning: Förbundschef (50 %) – Processtöd samverkansinsatser;Budget;500,5"
        ),
        "{csv}"
    );
    // Every section and post of the year is unique.
    let mut keys: Vec<(&str, &str)> = csv
        .lines()
        .filter_map(|l| {
            let mut c = l.splitn(4, ';');
            let _year = c.next()?;
            Some((c.next()?, c.next()?))
        })
        .filter(|(s, _)| *s != "Varning")
        .collect();
    let n = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), n, "{csv}");
    // The Utfall section has the category sums docs/cli.md lists.
    assert!(csv.contains("2024;Utfall;Kansli;450"), "{csv}");
    assert!(
        csv.contains("2024;Utfall;Processtöd samverkansinsatser;450"),
        "{csv}"
    );
    assert!(csv.contains("2024;Utfall;Individinsatser;0"), "{csv}");
}

// ---------------------------------------------------------------------------------------------
// 6. History years

#[test]
fn a_history_year_has_no_unallocated_budget() {
    // Closed, with outcome, no budget: the outcome result is the year's, nothing "unplanned".
    let mut p = common::plan(
        2021,
        kr(7_046_000),
        &[(
            "Insatser",
            Category::Individinsatser,
            Amount::ZERO,
            Some(kr(7_078_000)),
        )],
    );
    p.opening_equity = kr(1_347_512);
    let r = compute(&p);
    assert!(warnings_of(&r, |w| matches!(w, Warning::UnallocatedBudget { .. })).is_empty());
    let e = &r.year(2021).expect("2021").equity;
    assert_eq!(e.basis, ResultBasis::Outcome);
    assert_eq!(e.closing, kr(1_315_512));
    // A budgeted surplus still warns.
    let p = common::plan(
        2021,
        kr(7_046_000),
        &[("Insatser", Category::Individinsatser, kr(7_000_000), None)],
    );
    let w = warnings_of(&compute(&p), |w| {
        matches!(w, Warning::UnallocatedBudget { .. })
    })
    .into_iter()
    .map(Warning::message)
    .collect::<Vec<_>>();
    assert_eq!(
        w,
        vec!["Ofördelad budget 2021: intäkterna överstiger kostnaderna med 46\u{a0}000 kr som inte är planerade att användas."]
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Äskande

#[test]
fn the_request_is_shown_beside_the_decision() {
    let mut p = sd2021_plan();
    let e = Edit::set_requested(&p, 2021, Some(tkr(7_500)));
    apply(&mut p, &e).expect("apply");
    assert_eq!(
        p.request_text(2021, Some(tkr(6_322))).as_deref(),
        Some("Äskat 7\u{a0}500\u{a0}000 kr, beslutat 6\u{a0}322\u{a0}000 kr (1\u{a0}178\u{a0}000 kr mindre än äskat).")
    );
    assert_eq!(
        p.request_text(2021, Some(tkr(7_500))).as_deref(),
        Some("Äskat 7\u{a0}500\u{a0}000 kr, beslutat som äskat.")
    );
    assert_eq!(p.request_text(2022, Some(tkr(6_322))), None);
    let csv = report_to_csv(&p, Some(2021), None).expect("csv");
    assert!(csv.contains("2021;Finansiering;Äskande;7500000"), "{csv}");
    let avesta = p
        .members
        .iter()
        .find(|m| m.name == "Avesta")
        .expect("Avesta")
        .id;
    let y = municipality_report(&p, None, avesta).expect("report");
    assert_eq!(y.year(2021).expect("2021").requested, Some(tkr(7_500)));
    let c = compare(&p, None, None);
    assert_eq!(c.years[0].requested, Some(tkr(7_500)));
    // Negative requests are refused.
    let e = Edit::set_requested(&p, 2021, Some(kr(-1)));
    assert!(apply(&mut p, &e).is_err());
}

// ---------------------------------------------------------------------------------------------
// 8. A member's andel: Södra Dalarna 2021, Avesta 11 %

#[test]
fn sd2021_avesta_andel_is_the_keys_11_percent() {
    let p = sd2021_plan();
    let r = compute(&p);
    let a = r
        .year(2021)
        .expect("2021")
        .allocation
        .clone()
        .expect("2021");
    let avesta = a.member("Avesta").expect("Avesta");
    assert_eq!(avesta.amount, kr(695_000), "1 000 kr unit");
    assert_eq!(avesta.share_basis, ShareBasis::Key);
    assert_eq!(
        avesta.share_of_total,
        Some(d("11")),
        "44 % of the municipal 25 %"
    );
    assert_eq!(avesta.share_of_party, Some(d("44")));
    let id = p
        .members
        .iter()
        .find(|m| m.name == "Avesta")
        .expect("Avesta")
        .id;
    let m = municipality_report(&p, None, id).expect("report");
    let y = m.year(2021).expect("2021");
    assert_eq!(y.share_of_total, Some(d("11")));
    assert_eq!(y.share_basis, Some(ShareBasis::Key));
    assert_eq!(y.share_basis.map(ShareBasis::label), Some("enligt nyckeln"));
    // 11 % of the budgeted costs 6 660 tkr.
    assert_eq!(y.share_of_costs, Some(kr(732_600)));
    // Under decided Belopp the andel is what the member pays.
    let mut nv = one_member_plan(2021, kr(7_046_000));
    nv.members.clear();
    nv.settings.kommun_key = Key::Amount;
    let members = read_members_csv(&fixture("nv2021_belopp.csv"), None).expect("members");
    let (edit, _) = members.to_edit(&nv, 2021).expect("edit");
    let e = edit;
    apply(&mut nv, &e).expect("apply");
    let r = compute(&nv);
    let a = r.years[0].allocation.clone().expect("alloc");
    let m = &a
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Kommun)
        .expect("kommun");
    assert_eq!(m.share_basis, ShareBasis::Paid);
    assert_eq!(m.share_basis.label(), "enligt beslutade belopp");
    assert_eq!(
        m.share_of_total,
        Some(m.amount.value() * Decimal::ONE_HUNDRED / a.total.value())
    );
}

// ---------------------------------------------------------------------------------------------
// The CLI: negative equity and a year without result are warnings, exit code 0

#[test]
fn cli_exit_code_stays_0_for_negative_equity_and_missing_results() {
    let mut negative = common::plan(
        2025,
        kr(19_038_000),
        &[("Insatser", Category::Individinsatser, kr(28_983_000), None)],
    );
    negative.opening_equity = kr(4_028_486);
    for (name, plan) in [("negativ", negative), ("ny", sd_new_plan(None))] {
        let path = std::env::temp_dir().join(format!(
            "samplan-truthful-{name}-{}.samplan.json",
            std::process::id()
        ));
        std::fs::write(&path, plan_to_json(&plan)).expect("write");
        let o = common::cli::samplan(&["report", path.to_str().expect("path")]);
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            common::cli::stderr(&o)
        );
        assert!(common::cli::stderr(&o).contains(", 0 fel"), "{name}");
    }
}

#[test]
fn a_year_to_date_file_marked_as_the_final_ledger_is_previewed_as_utfall_helar() {
    let p = nv2021_plan();
    let csv = format!("Post;Utfall\n{};100\n", p.lines[0].name);
    let mut imp =
        read_outcome_csv(csv.as_bytes(), None, &p, 2021, OutcomeKind::YearToDate).expect("read");
    assert_eq!(imp.target_label(), "ack. utfall");
    assert!(imp.offers_final_ledger(2022), "2021 has ended");
    imp.set_final_ledger(true);
    assert_eq!(imp.target_label(), "utfall helår");
}
