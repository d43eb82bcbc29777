//! `samplan diff` and the forecast rows of `samplan report` (docs/cli.md, docs/budget.md
//! "Versioner" and "Prognos").

use samplan_engine::figures::*;
use samplan_engine::versions::*;
use samplan_engine::*;

mod common;
use common::cli::{assert_fails, report_value, samplan, stderr, stdout, temp_file};

/// The example plan adopted, then a draft started from it with the first line's 2026 amount
/// 100 000 kr higher and 2027's funding 600 000 kr higher, saved as a förslag.
fn versioned_plan() -> (Plan, LineId) {
    let mut p = example_plan();
    p.freeze(
        2026,
        Some(Decision::new("2025-11-20", DecisionBody::Styrelse, "45", "").expect("d")),
    )
    .expect("adopt");
    p.start_draft(VersionId(1)).expect("draft");
    let line = p.lines[0].id;
    let old = p.lines[0].amount(2026);
    let e = Edit::set_line_amount(
        &p,
        None,
        line,
        2026,
        Amount(old.value() + Amount::kr(100_000).value()),
    )
    .expect("edit");
    apply(&mut p, &e).expect("apply");
    let mut yi = p.year_input(2027);
    yi.funding = FundingInput::Total(Amount::kr(13_000_000));
    p.year_inputs.insert(2027, yi);
    p.freeze(2026, None).expect("förslag");
    (p, line)
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect()
}

#[test]
fn diff_of_two_versions_lists_only_what_changed() {
    let (p, line) = versioned_plan();
    let name = p.line(line).expect("line").shown_name().to_string();
    let old = p.version(VersionId(1)).expect("v1").plan.lines[0].amount(2026);
    let file = temp_file("versioner.samplan.json", &plan_to_json(&p));
    let o = samplan(&["diff", &file, "--from", "beslutad", "--to", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let r = rows(&out);
    assert_eq!(r[0], ["År", "Avsnitt", "Vad", "Från", "Till", "Skillnad"]);
    let line_row = format!(
        "2026;Budgetpost;{name};{};{};100000",
        old.value(),
        old.value() + Amount::kr(100_000).value()
    );
    assert!(out.contains(&line_row), "{out}");
    assert!(out.contains("2026;Budgetpost;Summa;;;100000"), "{out}");
    let funding = r
        .iter()
        .find(|f| f[0] == "2027" && f[1] == "Medelstilldelning")
        .expect("funding row");
    let from: i64 = funding[3].parse().expect("from");
    assert_eq!(funding[4], "13000000");
    assert_eq!(funding[5], (13_000_000 - from).to_string());
    // The members' sum of differences is the change of what they pay together: the change of
    // the funding, give or take each member's rounding (here 599 999 for 600 000).
    let member_rows: Vec<i64> = r
        .iter()
        .filter(|f| f[0] == "2027" && f[1] == "Medlemsbidrag" && f[2] != "Summa")
        .map(|f| f[5].parse().expect("int"))
        .collect();
    let member_sum = r
        .iter()
        .find(|f| f[0] == "2027" && f[1] == "Medlemsbidrag" && f[2] == "Summa")
        .expect("members sum");
    assert_eq!(member_sum[5], member_rows.iter().sum::<i64>().to_string());
    let change = 13_000_000 - from;
    assert!((member_rows.iter().sum::<i64>() - change).abs() <= member_rows.len() as i64);
    // Nothing for 2025 (unchanged).
    assert!(!r.iter().any(|f| f[0] == "2025"), "{out}");
    let err = stderr(&o);
    assert!(
        err.starts_with("Från: Beslutad 2025-11-20, § 45\nTill: Förslag 2 (budget 2026)\n"),
        "{err}"
    );
    // The draft is the förslag: no difference, only the heading.
    let o = samplan(&["diff", &file, "--from", "2"]);
    assert_eq!(stdout(&o), "År;Avsnitt;Vad;Från;Till;Skillnad\n");
    assert!(stderr(&o).ends_with("Inga skillnader\n"), "{}", stderr(&o));
}

#[test]
fn diff_of_two_plan_files_compares_their_drafts() {
    let (p, _) = versioned_plan();
    let a = temp_file("a.samplan.json", &plan_to_json(&example_plan()));
    let b = temp_file("b.samplan.json", &plan_to_json(&p));
    let o = samplan(&["diff", &a, &b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("2026;Budgetpost;Summa;;;100000"), "{out}");
    assert!(
        out.contains("2027;Medelstilldelning;Medelstilldelning;"),
        "{out}"
    );
    assert!(
        out.contains("2027;Eget kapital UB;Eget kapital UB;"),
        "{out}"
    );
}

#[test]
fn diff_errors_are_swedish() {
    let (p, _) = versioned_plan();
    let file = temp_file("fel.samplan.json", &plan_to_json(&p));
    assert_fails(
        &["diff", &file, "--from", "9"],
        1,
        &["version 9 finns inte i planen"],
    );
    assert_fails(
        &["diff", &file, "--from", "igår"],
        2,
        &["--from: \"igår\" är ingen version; skriv ett versionsnummer, beslutad eller utkast"],
    );
    assert_fails(
        &["diff", &file],
        2,
        &["ange två planfiler, eller en planfil med --from VERSION"],
    );
    assert_fails(
        &["diff", &file, "--to", "1"],
        2,
        &["ange versionen att jämföra från: --from VERSION"],
    );
    assert_fails(
        &["diff", &file, &file, "--from", "1"],
        2,
        &["--from och --to gäller en planfil; med två filer jämförs deras utkast"],
    );
    let plain = temp_file("utan.samplan.json", &plan_to_json(&example_plan()));
    assert_fails(
        &["diff", &plain, "--from", "beslutad"],
        1,
        &["planen har ingen beslutad version"],
    );
}

#[test]
fn report_has_forecast_rows_and_the_prognos_basis() {
    let mut p = example_plan();
    let line = p.lines[0].id;
    let name = p.lines[0].shown_name().to_string();
    let budget = p.lines[0].amount(2026);
    let forecast = Amount(budget.value() + Amount::kr(50_000).value());
    p.lines[0].outcome.entry(2026).or_default().forecast = Some(forecast);
    let mut yi = p.year_input(2026);
    yi.forecast_period = Some(ForecastPeriod::T2);
    p.year_inputs.insert(2026, yi);
    assert!(p.line(line).is_some());
    let file = temp_file("prognos.samplan.json", &plan_to_json(&p));
    let o = samplan(&["report", &file, "--year", "2026"]);
    let out = stdout(&o);
    let section = format!("Prognos: {name}");
    assert_eq!(
        report_value(&out, "2026", &section, "Prognos"),
        Some(forecast.value().to_string()),
        "{out}"
    );
    assert_eq!(
        report_value(&out, "2026", &section, "Avvikelse prognos − budget"),
        Some("50000".to_string())
    );
    assert_eq!(
        report_value(&out, "2026", "Prognos", "Period"),
        Some("T2 (delår)".to_string())
    );
    assert_eq!(
        report_value(&out, "2026", "Eget kapital", "Resultatbas"),
        Some("prognos".to_string())
    );
    // Only the year with a forecast has forecast rows.
    let all = stdout(&samplan(&["report", &file]));
    assert!(!all.contains("2027;Prognos"), "{all}");
}
