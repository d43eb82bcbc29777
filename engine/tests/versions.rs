//! Versions, what changed between them, and the forecast (docs/budget.md "Versioner" and
//! "Prognos", docs/plan-file.md version 4), on Södra Dalarna's 2022 budget of 7 195 tkr
//! "efter beslut om reviderad budget" (Tabell 14, GV-21).

use rust_decimal::Decimal;
use samplan_engine::csv::*;
use samplan_engine::diff::*;
use samplan_engine::figures::*;
use samplan_engine::versions::*;
use samplan_engine::*;

mod common;
use common::{d, kr, tkr};

/// Södra Dalarna 2022–2024 (GV-21): EK IB 1 262 tkr, 6 322 tkr each year, the 2022 lines of
/// Tabell 14 after the revised budget (7 195 tkr), 2023–2024 net 6 322 tkr.
fn sd_plan() -> Plan {
    let mut p = common::sd_2022_skeleton();
    for (name, cat, a22, later) in SD_LINES {
        let mut l = BudgetLine::new(LineId(p.fresh_id()), name, Some(cat));
        l.amounts.insert(2022, tkr(a22));
        l.amounts.insert(2023, tkr(later));
        l.amounts.insert(2024, tkr(later));
        p.lines.push(l);
    }
    p
}

/// Tabell 14: ID, 2022 after the revised budget, 2023–2024 (illustrative split of 6 322), and
/// the 2021 budget.
const SD_LINES: [(&str, Category, i64, i64); 7] = [
    ("Styrelse", Category::Styrelse, 160, 160),
    ("Administration", Category::Kansli, 905, 905),
    (
        "Personalinriktade insatser",
        Category::Strukturpaverkande,
        40,
        40,
    ),
    ("Publikationer", Category::Strukturpaverkande, -10, -10),
    (
        "Samverkansteam Avesta",
        Category::Individinsatser,
        2_300,
        1_900,
    ),
    (
        "Samverkansteam Hedemora",
        Category::Individinsatser,
        1_980,
        1_700,
    ),
    (
        "Samverkansteam Säter",
        Category::Individinsatser,
        1_820,
        1_627,
    ),
];
/// The same lines' 2021 budget (Tabell 14, "Årsbudget 2021"): 6 660 tkr.
const SD_2021: [i64; 7] = [230, 1_090, 150, 20, 1_950, 1_670, 1_550];

fn decision(date: &str, paragraph: &str, note: &str) -> Decision {
    Decision::new(date, DecisionBody::Styrelse, paragraph, note).expect("decision")
}

/// The board's year: the first decision uses the 2021 line amounts for 2022 (an illustrative
/// original: the report gives only the revised figures), the revised decision Tabell 14's.
fn sd_year() -> (Plan, VersionId, VersionId) {
    let mut p = sd_plan();
    for (line, old) in p.lines.iter_mut().zip(SD_2021) {
        line.amounts.insert(2022, tkr(old));
    }
    let first = p
        .freeze(2022, Some(decision("2021-11-19", "45", "")))
        .expect("adopt");
    let line_ids: Vec<LineId> = p.lines.iter().map(|l| l.id).collect();
    // Editing the adopted version is refused until a new draft is started.
    let edit = Edit::set_line_amount(&p, None, line_ids[0], 2022, tkr(160)).expect("edit");
    assert!(matches!(
        apply(&mut p, &edit),
        Err(EditError::Frozen { .. })
    ));
    p.start_draft(first).expect("draft");
    let mut undo = UndoStack::new();
    for (id, (_, _, a22, _)) in line_ids.iter().zip(SD_LINES) {
        let e = Edit::set_line_amount(&p, None, *id, 2022, tkr(a22)).expect("edit");
        undo.apply(&mut p, e).expect("apply");
    }
    let revised = p
        .freeze(
            2022,
            Some(decision("2022-04-22", "§ 12", "reviderad budget")),
        )
        .expect("adopt revised");
    (p, first, revised)
}

#[test]
fn revised_decision_is_in_force_and_the_original_is_kept() {
    let (p, first, revised) = sd_year();
    let in_force = p.latest_adopted(2022).expect("adopted");
    assert_eq!(in_force.id, revised);
    assert_eq!(in_force.label(), "Beslutad 2022-04-22, § 12");
    assert_eq!(
        in_force.long_label(),
        "Budget 2022, beslutad av styrelsen 2022-04-22, § 12 (reviderad budget)"
    );
    // Tabell 14: 7 195 tkr after the revised budget, EK 389 tkr each year.
    let r = compute(&in_force.plan);
    assert_eq!(r.multi_year[0].net_costs, tkr(7_195));
    assert_eq!(
        r.multi_year.iter().map(|m| m.equity).collect::<Vec<_>>(),
        vec![tkr(389); 3]
    );
    // The original decision is never lost: 6 660 tkr.
    let original = compute(&p.version(first).expect("first").plan);
    assert_eq!(original.multi_year[0].net_costs, tkr(6_660));
    assert_eq!(
        p.adopted_of(2022).iter().map(|v| v.id).collect::<Vec<_>>(),
        vec![first, revised]
    );
}

#[test]
fn diff_of_the_revision_explains_every_difference() {
    let (p, first, revised) = sd_year();
    let from = p.content_of(VersionRef::Version(first)).expect("from");
    let to = p.content_of(VersionRef::Version(revised)).expect("to");
    let diff = diff_plans(
        &from,
        &to,
        &p.version_label(VersionRef::Version(first)),
        &p.version_label(VersionRef::Version(revised)),
    );
    let lines: Vec<(String, Decimal)> = diff
        .rows_of(DiffSection::Budgetpost, 2022)
        .map(|r| (r.label.clone(), r.diff))
        .collect();
    let want: Vec<(String, Decimal)> = SD_LINES
        .iter()
        .zip(SD_2021)
        .map(|((name, _, a22, _), old)| (name.to_string(), tkr(a22 - old).value()))
        .collect();
    assert_eq!(lines, want);
    // 7 195 − 6 660 = +535 tkr, and equity 535 tkr lower every year.
    assert_eq!(diff.sum(DiffSection::Budgetpost, 2022), tkr(535).value());
    for year in [2022, 2023, 2024] {
        let ek: Vec<&DiffRow> = diff.rows_of(DiffSection::EgetKapital, year).collect();
        assert_eq!(ek.len(), 1, "{year}");
        assert_eq!(ek[0].diff, tkr(-535).value(), "{year}");
        assert_eq!(ek[0].to, Some(tkr(389).value()), "{year}");
    }
    // Later years and the funding did not change: nothing is listed for them.
    assert_eq!(diff.rows_of(DiffSection::Budgetpost, 2023).count(), 0);
    assert_eq!(
        diff.rows_of(DiffSection::Medelstilldelning, 2022).count(),
        0
    );
    assert_eq!(diff.rows_of(DiffSection::Medlemsbidrag, 2022).count(), 0);
    // The ratio: 389 / 6 322 = 6,15 % from 924 / 6 322 = 14,62 %.
    let ratio = diff
        .rows_of(DiffSection::EkKvot, 2022)
        .next()
        .expect("ratio");
    assert_eq!(round_half_up(ratio.to.expect("to"), 2), d("6.15"));
    assert_eq!(round_half_up(ratio.from.expect("from"), 2), d("14.62"));
    let csv = String::from_utf8(write_csv_with(&diff_csv(&diff), CsvWriteOptions::STDOUT))
        .expect("utf-8");
    assert!(
        csv.starts_with("År;Avsnitt;Vad;Från;Till;Skillnad\n"),
        "{csv}"
    );
    assert!(
        csv.contains("2022;Budgetpost;Samverkansteam Avesta;1950000;2300000;350000\n"),
        "{csv}"
    );
    assert!(csv.contains("2022;Budgetpost;Summa;;;535000\n"), "{csv}");
    assert!(
        csv.contains("2022;EK-kvot (%);EK-kvot (%);14,62;6,15;-8,46\n"),
        "{csv}"
    );
}

#[test]
fn diff_of_funding_and_members_per_municipality() {
    let a = sd_plan();
    let mut b = sd_plan();
    b.year_inputs.insert(
        2023,
        YearInput {
            funding: FundingInput::Total(tkr(7_500)),
            ..YearInput::default()
        },
    );
    let diff = diff_plans(&a, &b, "A", "B");
    let funding: Vec<&DiffRow> = diff.rows_of(DiffSection::Medelstilldelning, 2023).collect();
    assert_eq!(funding.len(), 1);
    assert_eq!(funding[0].diff, tkr(1_178).value());
    // The municipalities' quarter, 294,5 tkr, split 44/32/24.
    let members: Vec<(String, Decimal)> = diff
        .rows_of(DiffSection::Medlemsbidrag, 2023)
        .map(|r| (r.label.clone(), r.diff))
        .collect();
    assert_eq!(
        members,
        vec![
            (
                "Staten (Försäkringskassan och Arbetsförmedlingen)".to_string(),
                d("589000")
            ),
            ("Region".to_string(), d("294500")),
            ("Avesta".to_string(), d("129580")),
            ("Hedemora".to_string(), d("94240")),
            ("Säter".to_string(), d("70680")),
        ]
    );
    assert_eq!(
        diff.sum(DiffSection::Medlemsbidrag, 2023),
        tkr(1_178).value()
    );
    assert!(diff_plans(&a, &a, "A", "A").is_empty());
}

#[test]
fn forecast_rolls_the_open_year_labelled_prognos() {
    // Tabell 14's "** = prognos": EK 389 tkr at the end of 2022 on the forecast that every
    // line ends on its revised budget.
    let mut p = sd_plan();
    for line in &mut p.lines {
        let o = line.outcome.entry(2022).or_default();
        o.forecast = Some(line.amounts[&2022]);
    }
    p.year_inputs.get_mut(&2022).expect("2022").forecast_period = Some(ForecastPeriod::T2);
    let r = compute(&p);
    let e = &r.year(2022).expect("2022").equity;
    assert_eq!(e.basis, ResultBasis::Forecast);
    assert_eq!(e.basis.label(), "prognos");
    assert_eq!(e.closing, tkr(389));
    // Avesta forecasts 300 tkr more: the equity falls to 89 tkr, still labelled prognos.
    let avesta = p.lines[4].id;
    p.lines[4].outcome.get_mut(&2022).expect("o").forecast = Some(tkr(2_600));
    p.lines[4].outcome.get_mut(&2022).expect("o").ytd = Some(tkr(1_700));
    let r = compute(&p);
    let y = r.year(2022).expect("2022");
    assert_eq!(y.equity.closing, tkr(89));
    assert_eq!(y.equity.result, tkr(-1_173));
    assert!(y.equity.deficit());
    let f = forecast_follow_up(&p, 2022, tkr(6_322), tkr(6_322));
    assert_eq!(f.heading(), "Prognos T2 (delår)");
    let row = f.rows.iter().find(|r| r.line == Some(avesta)).expect("row");
    assert_eq!(
        (row.budget, row.outcome, row.forecast, row.deviation),
        (tkr(2_300), tkr(1_700), tkr(2_600), tkr(300))
    );
    assert!(row.has_forecast);
    let direct = f.row("Summa direkta insatskostnader").expect("sum");
    assert_eq!(
        (direct.budget, direct.forecast, direct.deviation),
        (tkr(6_130), tkr(6_430), tkr(300))
    );
    let result = f.row("Årets resultat").expect("result");
    assert_eq!(
        (result.budget, result.forecast, result.deviation),
        (tkr(-873), tkr(-1_173), tkr(-300))
    );
    // Once the year is closed, the outcome wins over the forecast.
    p.year_inputs.get_mut(&2022).expect("2022").closed = true;
    assert_eq!(
        compute(&p).year(2022).expect("2022").equity.basis,
        ResultBasis::Outcome
    );
}

#[test]
fn a_forecast_is_imported_like_the_outcome_and_keeps_the_outcome() {
    // The kansli's T2 forecast as a file (docs/csv.md "Outcome CSV"): Avesta 2 600 tkr, the
    // same equity as typed above (89 tkr, "prognos"); an exported follow-up has both Utfall
    // and Prognos, and the forecast import reads Prognos.
    let mut p = sd_plan();
    for line in &mut p.lines {
        line.outcome.entry(2022).or_default().forecast = Some(line.amounts[&2022]);
    }
    let avesta = p.lines[4].id;
    p.lines[4].outcome.get_mut(&2022).expect("o").ytd = Some(tkr(1_700));
    let csv = "Post;Utfall;Prognos\nSamverkansteam Avesta;1 700 000;2 600 000\n";
    let imp =
        read_outcome_csv(csv.as_bytes(), None, &p, 2022, OutcomeKind::Forecast).expect("import");
    assert_eq!(imp.target_label(), "prognos helår");
    assert!(!imp.offers_final_ledger(2030), "a forecast is no ledger");
    assert_eq!(imp.matched.len(), 1);
    assert_eq!(imp.matched[0].amount, tkr(2_600));
    let mut q = p.clone();
    apply(&mut q, &imp.to_edit(&p).expect("edit")).expect("apply");
    let o = q.line(avesta).expect("line").outcome[&2022];
    assert_eq!((o.ytd, o.forecast), (Some(tkr(1_700)), Some(tkr(2_600))));
    let r = compute(&q);
    let e = &r.year(2022).expect("2022").equity;
    assert_eq!((e.basis.label(), e.closing), ("prognos", tkr(89)));
    // A plain ledger (`Konto;Belopp`) read as a forecast sets forecasts too.
    let csv = "Post;Belopp\nSamverkansteam Avesta;2 500 000\n";
    let imp =
        read_outcome_csv(csv.as_bytes(), None, &p, 2022, OutcomeKind::Forecast).expect("import");
    assert_eq!(imp.matched[0].amount, tkr(2_500));
}

#[test]
fn decided_plan_carries_the_known_outcome() {
    let (mut p, _, revised) = sd_year();
    p.unlock_draft();
    let line = p.lines[4].id;
    let e = Edit::set_line_amount(&p, None, line, 2022, tkr(9_999)).expect("edit");
    apply(&mut p, &e).expect("apply");
    p.lines[4].outcome.insert(
        2022,
        Outcome {
            ytd: Some(tkr(1_000)),
            ..Outcome::default()
        },
    );
    let (decided, v) = p.decided_for(2022).expect("decided");
    assert_eq!(v.id, revised);
    assert_eq!(
        decided.lines[4].amount(2022),
        tkr(2_300),
        "the decided budget"
    );
    assert_eq!(
        decided.lines[4].outcome[&2022].ytd,
        Some(tkr(1_000)),
        "today's outcome"
    );
    assert!(decided.versions.is_empty());
}

#[test]
fn plan_file_v4_keeps_versions_and_v3_becomes_the_draft() {
    let (p, first, revised) = sd_year();
    let json = plan_to_json(&p);
    assert!(json.contains("\"version\": 4"));
    let back = plan_from_json(&json).expect("reads");
    assert_eq!(back, p);
    assert_eq!(back.latest_adopted(2022).map(|v| v.id), Some(revised));
    assert!(back.version(first).is_some());
    // A version 3 file is the draft, without versions.
    let v3 = plan_to_json(&sd_plan()).replacen("\"version\": 4", "\"version\": 3", 1);
    let draft = plan_from_json(&v3).expect("v3 reads");
    assert_eq!(draft, sd_plan());
    assert!(draft.versions.is_empty() && !draft.is_frozen());
    // A draft pointing at a version that is not there is refused.
    let bad = json.replace("\"locked\": 2", "\"locked\": 7");
    assert_eq!(
        plan_from_json(&bad).unwrap_err().to_string(),
        "planen i filen är felaktig: utkastet hänvisar till version 7, som inte finns"
    );
    let mut dated = sd_plan();
    dated
        .year_inputs
        .get_mut(&2022)
        .expect("2022")
        .forecast_period = Some(ForecastPeriod::Datum("2022-13-01".into()));
    assert_eq!(
        plan_from_json(&plan_to_json(&dated)).unwrap_err().to_string(),
        "planen i filen är felaktig: prognosdatum 2022: \"2022-13-01\" är inget datum; skriv ÅÅÅÅ-MM-DD"
    );
    let bad = json.replace("\"date\": \"2022-04-22\"", "\"date\": \"22 april\"");
    assert_eq!(
        plan_from_json(&bad).unwrap_err().to_string(),
        "planen i filen är felaktig: version 2: beslutsdatumet \"22 april\" är inget datum (ÅÅÅÅ-MM-DD)"
    );
}

/// docs/plan-file.md "Versions are whole copies": a 60-line plan over 4 years with 10
/// versions. The figures in the doc come from this test (`--nocapture`).
#[test]
fn ten_versions_of_a_sixty_line_plan_stay_small() {
    let mut p = generated_plan(60, 4, 10);
    p.scenarios.clear();
    let one = plan_to_json(&p).len();
    for i in 0..10 {
        let line = p.lines[i].id;
        p.unlock_draft();
        let e = Edit::set_line_amount(&p, None, line, 2026, tkr(100 + i as i64)).expect("e");
        apply(&mut p, &e).expect("apply");
        p.freeze(2026, None).expect("freeze");
    }
    let ten = plan_to_json(&p).len();
    println!("one plan: {one} bytes; with 10 versions: {ten} bytes");
    assert!(one < 60_000, "{one}");
    assert!(ten < 11 * one + 10_000, "{ten}");
    assert!(ten < 700_000, "{ten}");
}

/// The draft after the revised decision: Avesta's 2022 line +100 tkr, the 2022
/// medelstilldelning 6 500 tkr, and a new line "Ny insats" (50 tkr in 2022, utfall 20 tkr).
fn sd_changed_draft() -> (Plan, VersionId, VersionId, LineId) {
    let (mut p, first, revised) = sd_year();
    p.unlock_draft();
    let mut undo = UndoStack::new();
    let avesta = p.lines[4].id;
    let e = Edit::set_line_amount(&p, None, avesta, 2022, tkr(2_400)).expect("edit");
    undo.apply(&mut p, e).expect("apply");
    let e = Edit::set_funding(&p, None, 2022, FundingInput::Total(tkr(6_500))).expect("funding");
    undo.apply(&mut p, e).expect("apply");
    let mut new_line = BudgetLine::new(
        LineId(p.fresh_id()),
        "Ny insats",
        Some(Category::Individinsatser),
    );
    new_line.amounts.insert(2022, tkr(50));
    let new_id = new_line.id;
    let e = Edit::insert_line(&p, p.lines.len(), new_line);
    undo.apply(&mut p, e).expect("apply");
    let e = Edit::set_outcome_final(&p, new_id, 2022, Some(tkr(20))).expect("outcome");
    undo.apply(&mut p, e).expect("apply");
    let e = Edit::set_outcome_ytd(&p, avesta, 2022, Some(tkr(1_700))).expect("outcome");
    undo.apply(&mut p, e).expect("apply");
    (p, first, revised, new_id)
}

/// docs/budget.md "Vyerna och beslutet": Uppföljning, Kommun and Eget kapital show each year's
/// decision in force with the draft's outcome; Södra Dalarna's revised 2022 budget (7 195 tkr)
/// keeps EK 389 tkr whatever the draft says, the original (6 660 tkr) keeps its figures.
#[test]
fn views_show_the_decision_in_force_and_its_equity_chain() {
    let (p, first, revised, new_id) = sd_changed_draft();
    let view = compute_view(&p, ViewVersion::InForce);
    assert_eq!(
        view.sources,
        vec![
            (2022, YearSource::Version(revised)),
            (2023, YearSource::Draft),
            (2024, YearSource::Draft)
        ]
    );
    assert_eq!(
        p.source_label(view.source(2022)),
        "Beslutad 2022-04-22, § 12"
    );
    assert_eq!(p.source_label(view.source(2023)), "Utkast");
    let r = &view.report;
    assert_eq!(r.multi_year[0].net_costs, tkr(7_195));
    assert_eq!(
        r.multi_year[0].total,
        Some(tkr(6_322)),
        "the decided funding"
    );
    // Each year's EK IB is the previous year's EK UB as the chain computes it: 389 tkr after
    // 2022, then the draft's 2023–2024 (6 500 tkr a year carried on, net 6 322): +178 a year.
    let closing: Vec<Amount> = r.years.iter().map(|y| y.equity.closing).collect();
    assert_eq!(closing, vec![tkr(389), tkr(567), tkr(745)]);
    assert_eq!(r.years[1].equity.opening, tkr(389));
    // The equity CSV of the view is the table the view shows (docs/budget.md "Vyerna och
    // beslutet"): EK UB 2022 389 tkr, where the draft's own export says 417 tkr.
    let row_2022 = |bytes: Vec<u8>| {
        String::from_utf8_lossy(&bytes)
            .lines()
            .find(|l| l.starts_with("2022;"))
            .map(str::to_string)
            .expect("a 2022 row")
    };
    let shown = row_2022(export_equity_csv_of(&p, r));
    assert!(shown.contains(";389000;"), "{shown}");
    let own = row_2022(export_equity_csv(&p, None));
    assert!(own.contains(";417000;"), "{own}");
    // The draft alone: 7 345 tkr of lines against 6 500 tkr.
    let draft = compute_view(&p, ViewVersion::Draft);
    assert!(draft.all_draft());
    assert_eq!(draft.report, compute(&p));
    assert_eq!(draft.report.multi_year[0].net_costs, tkr(7_345));
    assert_eq!(draft.report.years[0].equity.closing, tkr(417));
    // The original decision of 2022: 6 660 tkr, EK 1 262 + 6 322 − 6 660 = 924 tkr, and the
    // draft's 2023–2024 roll on from it.
    let original = compute_view(&p, ViewVersion::Adopted(first));
    assert_eq!(original.source(2022), YearSource::Version(first));
    assert_eq!(original.report.multi_year[0].net_costs, tkr(6_660));
    let closing: Vec<Amount> = original
        .report
        .years
        .iter()
        .map(|y| y.equity.closing)
        .collect();
    assert_eq!(closing, vec![tkr(924), tkr(1_102), tkr(1_280)]);
    // The switch of 2022: the decision in force, the original, the draft; 2023 has none.
    let labels: Vec<String> = p.view_options(2022).into_iter().map(|o| o.label).collect();
    assert_eq!(
        labels,
        vec![
            "Beslutad (gäller): Beslutad 2022-04-22, § 12",
            "Beslutad 2021-11-19, § 45",
            "Utkast"
        ]
    );
    assert!(p.view_options(2023).is_empty());
    let across: Vec<String> = p
        .view_options_across(2023)
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert_eq!(across, vec!["Beslutad (gäller) för varje år", "Utkast"]);
    assert_eq!(p.view_options_across(2022).len(), 3);
    assert_eq!(
        p.view_note(2022, ViewVersion::InForce).as_deref(),
        Some("Visar Budget 2022, beslutad av styrelsen 2022-04-22, § 12 (reviderad budget). Utfall, prognos och bokslut är utkastets.")
    );
    assert_eq!(
        p.view_note(2022, ViewVersion::Draft).as_deref(),
        Some("Visar utkastet (skiljer sig från Beslutad 2022-04-22, § 12).")
    );
    assert_eq!(
        p.view_note(2023, ViewVersion::InForce).as_deref(),
        Some("Visar utkastet (inget beslut för 2023).")
    );
    assert_eq!(sd_plan().view_note(2022, ViewVersion::InForce), None);
    assert_eq!(
        p.view_sources_text(ViewVersion::InForce).as_deref(),
        Some("Budget enligt Beslutad 2022-04-22, § 12: 2022. Enligt utkastet: 2023 och 2024.")
    );
    assert_eq!(
        p.view_sources_text(ViewVersion::Draft).as_deref(),
        Some("Budget enligt utkastet för alla år.")
    );
    assert_eq!(sd_plan().view_sources_text(ViewVersion::InForce), None);
    // A version of another year, or one the plan lacks, is the version in force.
    assert_eq!(
        p.view_choice_for(2023, ViewVersion::Adopted(first)),
        ViewVersion::InForce
    );
    assert_eq!(
        p.view_choice_for(2022, ViewVersion::Adopted(first)),
        ViewVersion::Adopted(first)
    );
    assert_eq!(
        p.year_source(2022, ViewVersion::Adopted(VersionId(99))),
        YearSource::Version(revised)
    );
    for choice in [
        ViewVersion::InForce,
        ViewVersion::Draft,
        ViewVersion::Adopted(first),
    ] {
        assert_eq!(
            ViewVersion::from_option_value(&choice.option_value()),
            choice
        );
    }

    // Uppföljning: the decided budget with the draft's outcome; the new line is listed
    // without a decided budget, with its outcome.
    let fu = view.follow_up(2022, OutcomeBasis::Best).expect("follow-up");
    let avesta = fu.line(p.lines[4].id).expect("Avesta");
    assert_eq!(
        (avesta.figures.budget, avesta.figures.outcome),
        (tkr(2_300), tkr(1_700))
    );
    let new_row = fu.line(new_id).expect("the new line is listed");
    assert_eq!(
        (new_row.figures.budget, new_row.figures.outcome),
        (Amount::ZERO, tkr(20))
    );
    assert_eq!(
        p.lines_without_decided_budget(2022, ViewVersion::InForce)
            .into_iter()
            .collect::<Vec<_>>(),
        vec![new_id]
    );
    assert!(p
        .lines_without_decided_budget(2022, ViewVersion::Draft)
        .is_empty());
    assert!(p
        .lines_without_decided_budget(2023, ViewVersion::InForce)
        .is_empty());

    // Kommun: Avesta pays 44 % of the municipalities' quarter of the decided 6 322 tkr.
    let avesta_member = p
        .members
        .iter()
        .find(|m| m.name == "Avesta")
        .expect("Avesta")
        .id;
    let k = municipality::municipality_report_view(&p, ViewVersion::InForce, avesta_member)
        .expect("report");
    assert_eq!(k.year(2022).and_then(|y| y.amount), Some(kr(695_420)));
    let k_draft = municipality::municipality_report_view(&p, ViewVersion::Draft, avesta_member)
        .expect("report");
    assert_eq!(k_draft.year(2022).and_then(|y| y.amount), Some(kr(715_000)));
    assert_eq!(
        k_draft,
        municipality::municipality_report(&p, None, avesta_member).expect("report")
    );
}

/// A plan without an adopted version: every view is the draft's, exactly as before.
#[test]
fn views_of_a_plan_without_decisions_are_the_drafts() {
    let p = sd_plan();
    let view = compute_view(&p, ViewVersion::InForce);
    assert!(view.all_draft());
    assert_eq!(view.report, compute(&p));
    assert!(!p.has_adopted());
    assert!(p.view_options(2022).is_empty());
    assert!(p.view_options_across(2022).is_empty());
}

/// docs/budget.md "Ångra efter ett beslut": adopting is one undo step. Ångra right after it
/// removes the version and gives the draft back its state; Gör om adopts it again.
#[test]
fn undo_right_after_adopting_removes_the_version() {
    use samplan_engine::workbook::Workbook;
    let mut book = Workbook::new(sd_plan());
    let line = book.plan().lines[0].id;
    let e = Edit::set_line_amount(book.plan(), None, line, 2022, tkr(170)).expect("edit");
    book.apply(e).expect("apply");
    let id = book
        .freeze(2022, Some(decision("2021-11-19", "45", "")))
        .expect("adopt");
    assert!(book.plan().is_frozen());
    assert_eq!(
        book.history().peek_undo().map(Edit::label),
        Some("anta budget")
    );
    book.undo().expect("undo").expect("a step");
    assert!(book.plan().versions.is_empty(), "the version is gone");
    assert!(!book.plan().is_frozen());
    assert_eq!(
        book.plan().lines[0].amount(2022),
        tkr(170),
        "the draft is kept"
    );
    book.redo().expect("redo").expect("a step");
    assert_eq!(book.plan().latest_adopted(2022).map(|v| v.id), Some(id));
    assert!(book.plan().is_frozen());
    // Undo goes on past the decision: first the decision, then the edit before it.
    book.undo().expect("undo");
    book.undo().expect("undo");
    assert_eq!(book.plan().lines[0].amount(2022), tkr(160));
    // A second decision of a locked draft (medlemssamrådet) is undone alone.
    let first = book
        .freeze(2022, Some(decision("2021-11-19", "45", "")))
        .expect("adopt");
    book.freeze(2022, Some(decision("2021-12-01", "7", "")))
        .expect("adopt again");
    book.undo().expect("undo");
    assert_eq!(book.plan().versions.locked, Some(first));
    assert_eq!(book.plan().versions.list.len(), 1);
}
