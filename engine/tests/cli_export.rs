//! `samplan export` as a user runs it (docs/cli.md, docs/xlsx.md): the same workbook as the
//! engine's export, nothing on standard output, and clear refusals.

mod common;

use common::cli::{assert_fails, example, samplan, stderr};
use samplan_engine::plan_from_json;
use samplan_engine::xlsx::export_plan_xlsx;

#[test]
fn export_writes_the_engines_workbook() {
    let dir = std::env::temp_dir().join(format!("samplan-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("vm2024.xlsx");
    let o = samplan(&[
        "export",
        &example("vm2024.samplan.json"),
        "--xlsx",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = std::fs::read(&out).unwrap();
    assert!(stderr(&o).contains(&format!("({} byte)", written.len())));
    let plan =
        plan_from_json(&std::fs::read_to_string(example("vm2024.samplan.json")).unwrap()).unwrap();
    assert_eq!(written, export_plan_xlsx(&plan, None).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_refuses_a_missing_target_and_an_unknown_scenario() {
    let plan = example("vm2024.samplan.json");
    assert_fails(
        &["export", &plan],
        2,
        &["ange filen att skriva: --xlsx UT.xlsx"],
    );
    assert_fails(
        &[
            "export",
            &plan,
            "--xlsx",
            "/tmp/never.xlsx",
            "--scenario",
            "Finns inte",
        ],
        1,
        &["scenariot \"Finns inte\" finns inte i planen"],
    );
    assert!(!std::path::Path::new("/tmp/never.xlsx").exists());
    assert_fails(&["export"], 2, &["ange planfilen"]);
}
