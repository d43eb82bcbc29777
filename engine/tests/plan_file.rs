//! The plan file (docs/plan-file.md): round trips, version 1 migration, refusals with clear Swedish
//! messages, and the shipped example `examples/vm2024.samplan.json`.
//!
//! Run with `SAMPLAN_BLESS=1` to regenerate the example file from [`vm2024_plan`].

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::*;

const V1: &str = include_str!("fixtures/plan_v1.samplan.json");
const VM2024_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/vm2024.samplan.json"
);

#[test]
fn example_plans_round_trip() {
    for p in [
        example_plan(),
        vm2024_plan(),
        Plan::empty("Ny plan", 2026, 3),
    ] {
        let json = plan_to_json(&p);
        assert_eq!(plan_from_json(&json), Ok(p.clone()), "{}", p.settings.name);
        // Pretty, versioned envelope.
        assert!(json
            .starts_with("{\n  \"format\": \"samplan-plan\",\n  \"version\": 4,\n  \"plan\": {"));
    }
}

#[test]
fn a_byte_order_mark_is_ignored() {
    // Windows Notepad saves UTF-8 with a BOM; the file is still the same plan.
    let p = vm2024_plan();
    let json = format!("\u{feff}{}", plan_to_json(&p));
    assert_eq!(plan_from_json(&json), Ok(p));
}

#[test]
fn decimals_are_strings() {
    let json = plan_to_json(&vm2024_plan());
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let plan = &v["plan"];
    assert_eq!(plan["opening_equity"], serde_json::json!("427565"));
    assert_eq!(
        plan["year_inputs"]["2024"]["capital_contribution"],
        serde_json::json!("3519143")
    );
    assert_eq!(
        plan["settings"]["equity_ceiling_percent"],
        serde_json::json!("20")
    );
    assert_eq!(
        plan["lines"][0]["amounts"]["2024"],
        serde_json::json!("606000")
    );
    fn no_floats(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.is_i64() || n.is_u64(),
            serde_json::Value::Array(a) => a.iter().all(no_floats),
            serde_json::Value::Object(o) => o.values().all(no_floats),
            _ => true,
        }
    }
    assert!(no_floats(&v));
}

#[test]
fn version_1_is_migrated() {
    let p = plan_from_json(V1).expect("v1 migrates");
    assert_eq!(p.settings.name, "Norra Västmanlands Samordningsförbund");
    assert_eq!(p.years, vec![2021, 2022]);
    assert_eq!(
        p.year_input(2021).funding,
        FundingInput::Total(Amount::kr(7_046_000))
    );
    assert_eq!(
        p.year_input(2022).funding,
        FundingInput::Total(Amount::kr(7_046_000))
    );
    assert_eq!(p.settings.kommun_key, Key::Amount);
    assert_eq!(p.settings.equity_floor, Some(Amount::kr(500_000)));
    assert_eq!(p.settings.equity_ceiling_percent, Decimal::from(20));
    assert_eq!(p.opening_equity, Amount::kr(1_347_512));
    assert_eq!(p.members.len(), 8);
    assert_eq!(
        p.members[2].values_for(2022).amount,
        Some(Amount::kr(321_290))
    );
    assert_eq!(p.lines.len(), 6);
    assert_eq!(p.lines[1].account.as_deref(), Some("1003"));
    assert_eq!(p.lines[2].category, Some(Category::Individinsatser));
    assert_eq!(p.lines[2].municipality.as_deref(), Some("Sala"));
    assert_eq!(p.lines[3].note, "Länsgemensam");
    assert_eq!(p.lines[4].amount(2021), Amount::kr(418_000));
    assert_eq!(
        p.lines[5].outcome[&2021].final_amount,
        Some(Amount::kr(8_857))
    );
    // Fresh, unique ids.
    let mut ids: Vec<u32> = p
        .lines
        .iter()
        .map(|l| l.id.0)
        .chain(p.members.iter().map(|m| m.id.0))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 14);
    assert!(p.next_id > *ids.last().expect("ids"));
    // The migrated plan computes (GV-03: the budget books the decided 7 046 000, the members
    // pay 7 045 999) …
    let r = compute(&p);
    let y = r.year(2021).expect("2021");
    assert_eq!(y.budget.member_income, Amount::kr(7_046_000));
    assert_eq!(
        y.outcome.as_ref().expect("outcome").member_income,
        Amount::kr(7_045_999)
    );
    assert_eq!(
        y.outcome.as_ref().expect("outcome").operating_income,
        Amount::kr(7_054_856)
    );
    // … and is saved as the current version.
    let json = plan_to_json(&p);
    assert!(json.contains("\"version\": 4"));
    assert_eq!(plan_from_json(&json), Ok(p));
}

#[test]
fn version_2_is_migrated_with_its_key_in_every_year() {
    let v2 = include_str!("fixtures/plan_v2.samplan.json");
    assert!(v2.contains("\"version\": 2"));
    let p = plan_from_json(v2).expect("a version 2 file reads");
    assert!(p.settings.year_keys.is_empty());
    for year in [2023, 2024, 2025] {
        assert_eq!(p.settings.kommun_key_for(year), Key::Amount, "{year}");
        assert_eq!(
            p.settings.region_key_for(year),
            Key::single(KeyMethod::Population),
            "{year}"
        );
    }
    assert_eq!(p.settings.distribution_base, DistributionBase::GrossCosts);
    assert!(!p.year_input(2024).closed);
    assert!(!p.year_input(2024).allow_difference);
    // It computes as before (GV-18) and is saved as version 4.
    let e = compute(&p).year(2024).expect("2024").equity.clone();
    assert_eq!(e.closing, Amount::kr(4_028_486));
    let json = plan_to_json(&p);
    assert!(json.contains("\"version\": 4"));
    assert_eq!(plan_from_json(&json), Ok(p));
}

#[test]
fn version_1_errors_are_clear() {
    let bad = V1.replace("\"Individ\"", "\"Individuellt\"");
    assert_eq!(
        plan_from_json(&bad).map(|_| ()).unwrap_err().to_string(),
        "filen (version 1) kan inte läsas: posten \"Samordningsteam Sala\": okänd kategori \"Individuellt\""
    );
    let bad = V1.replace("\"418 000\"", "\"418 tusen\"");
    assert!(plan_from_json(&bad)
        .unwrap_err()
        .to_string()
        .contains("\"418 tusen\" är inget tal"));
}

#[test]
fn newer_and_unknown_files_are_refused() {
    let mut v3 = plan_to_json(&example_plan()).replacen("\"version\": 4", "\"version\": 5", 1);
    let err = plan_from_json(&v3).unwrap_err();
    assert_eq!(err, PlanFileError::TooNew { version: 5 });
    assert_eq!(
        err.to_string(),
        "filen är från en nyare version av samplan (version 5); uppdatera samplan"
    );
    // Even when the newer plan would parse, nothing is read.
    v3 = v3.replace("\"plan\": {", "\"plan\": {\"nytt_fält\": 1,");
    assert!(matches!(
        plan_from_json(&v3),
        Err(PlanFileError::TooNew { .. })
    ));
    let other = "{\"format\": \"budget-x\", \"version\": 1, \"plan\": {}}";
    assert_eq!(
        plan_from_json(other).unwrap_err().to_string(),
        "filen är ingen samplan-plan (formatet är \"budget-x\", väntade \"samplan-plan\")"
    );
    assert_eq!(
        plan_from_json("{\"lines\": []}"),
        Err(PlanFileError::MissingFormat)
    );
    assert_eq!(
        plan_from_json("\"text\""),
        Err(PlanFileError::MissingFormat)
    );
    assert_eq!(
        plan_from_json("{\"format\": \"samplan-plan\", \"version\": \"två\"}"),
        Err(PlanFileError::MissingVersion)
    );
    assert_eq!(
        plan_from_json("{\"format\": \"samplan-plan\", \"version\": 0}"),
        Err(PlanFileError::UnknownVersion { version: 0 })
    );
}

#[test]
fn json_errors_have_line_and_column() {
    match plan_from_json("{\n  \"format\": \"samplan-plan\"\n  \"version\": 2\n}") {
        Err(PlanFileError::Json { line, column, .. }) => assert_eq!((line, column), (3, 3)),
        other => panic!("{other:?}"),
    }
    match plan_from_json("") {
        Err(e @ PlanFileError::Json { .. }) => {
            assert!(e.to_string().contains("filen tar slut för tidigt"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    // Valid JSON of the wrong shape: the position of the bad value.
    let json = plan_to_json(&Plan::empty("X", 2026, 0))
        .replace("\"years\": [\n      2026\n    ]", "\"years\": \"2026\"");
    match plan_from_json(&json) {
        Err(e @ PlanFileError::Invalid { .. }) => {
            assert!(
                e.to_string()
                    .starts_with("planen i filen är felaktig (rad "),
                "{e}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inconsistent_plans_are_refused() {
    let mut p = example_plan();
    let dup = p.lines[0].clone();
    p.lines.push(dup);
    let err = plan_from_json(&plan_to_json(&p)).unwrap_err();
    assert!(matches!(err, PlanFileError::Inconsistent(_)), "{err:?}");
    assert!(err.to_string().contains("finns två gånger"), "{err}");
    let mut p = example_plan();
    p.years.reverse();
    p.years.push(2026);
    let read = plan_from_json(&plan_to_json(&p)).expect("years are repaired");
    assert_eq!(read.years, example_plan().years);
}

#[test]
fn next_id_is_repaired() {
    let mut p = example_plan();
    p.next_id = 3;
    let read = plan_from_json(&plan_to_json(&p)).expect("read");
    assert_eq!(read.next_id, example_plan().next_id);
}

#[test]
fn shipped_vm2024_example_is_current() {
    let want = plan_to_json(&vm2024_plan()) + "\n";
    if std::env::var_os("SAMPLAN_BLESS").is_some() {
        std::fs::write(VM2024_PATH, &want).expect("write example");
    }
    let have = std::fs::read_to_string(VM2024_PATH)
        .expect("examples/vm2024.samplan.json exists (run with SAMPLAN_BLESS=1 to create it)");
    assert_eq!(
        have, want,
        "regenerate with SAMPLAN_BLESS=1 cargo test --test plan_file"
    );
    assert_eq!(plan_from_json(&have), Ok(vm2024_plan()));
}

/// The example plan with one piece of text replaced.
fn example_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/vm2024.samplan.json"
    ))
    .expect("example plan");
    assert!(text.contains(from), "{from} in the example");
    text.replacen(from, to, 1)
}

#[test]
fn malformed_values_are_refused_in_swedish_naming_the_field() {
    let refused = |text: &str| {
        let e = plan_from_json(text).expect_err("refused").to_string();
        // The position prefix varies with the layout; the reason must be Swedish.
        e.split_once("): ")
            .map(|(_, reason)| reason.to_string())
            .unwrap_or(e)
    };
    assert_eq!(
        refused(&example_with(
            "\"amount\": \"236975\"",
            "\"amount\": \"1000000000000000000000000000000\""
        )),
        "fältet \"belopp\": talet är för stort eller inget giltigt tal"
    );
    assert_eq!(
        refused(&example_with(
            "\"amount\": \"236975\"",
            "\"population\": -5"
        )),
        "fältet \"invånare\": talet får inte vara negativt (-5)"
    );
    assert_eq!(
        refused(&example_with(
            "\"amount\": \"236975\"",
            "\"population\": 1e30"
        )),
        "fältet \"invånare\": talet är för stort eller inget heltal"
    );
    assert_eq!(
        refused(&example_with("\"kind\": \"Stat\"", "\"kind\": \"Kejsare\"")),
        "fältet \"kind\": okänt värde \"Kejsare\""
    );
    assert_eq!(
        refused(&example_with("\"unit\": 1,", "\"unit\": ,")),
        "ett värde väntades här"
    );
    // Out of the bounds but well-formed: the bounds' own message with the place.
    let e = plan_from_json(&example_with(
        "\"amount\": \"236975\"",
        "\"population\": 1000000001",
    ))
    .expect_err("refused")
    .to_string();
    assert!(
        e.contains("medlemmen \"Arboga\", invånare 2024: antalet invånare är för stort"),
        "{e}"
    );
}
