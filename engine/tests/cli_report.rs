//! `samplan report` as a user runs it (docs/cli.md): the key figures as CSV on stdout, the
//! summary and errors on stderr, exit codes.

mod common;
use common::cli::{assert_fails, example, report_value, samplan, stderr, stdout, temp_file};

#[test]
fn report_reproduces_vm2024_figures() {
    let o = samplan(&["report", &example("vm2024.samplan.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("År;Avsnitt;Post;Värde"), "{text}");
    let v = |s: &str, p: &str| report_value(&text, "2024", s, p);
    // GV-01: allocation and the −1 kr rounding difference.
    assert_eq!(
        v("Finansiering", "Medelstilldelning").as_deref(),
        Some("19038000"),
        "GV-01 T"
    );
    assert_eq!(
        v("Finansiering", "Västerås").as_deref(),
        Some("2698345"),
        "GV-01 Västerås"
    );
    assert_eq!(
        v("Finansiering", "Summa medlemmar").as_deref(),
        Some("19037999"),
        "GV-01 sum"
    );
    assert_eq!(
        v("Finansiering", "Avrundningsdifferens").as_deref(),
        Some("-1"),
        "GV-01 diff"
    );
    // GV-11: outcome cost distribution, largest remainder 66/11/10/13.
    assert_eq!(
        v(
            "Kostnadsfördelning utfall",
            "Processtöd samverkansinsatser hela %"
        )
        .as_deref(),
        Some("10"),
        "GV-11"
    );
    assert_eq!(
        v("Kostnadsfördelning utfall", "Direkta insatskostnader %").as_deref(),
        Some("87,28"),
        "GV-11 direct"
    );
    // GV-14: outcome total costs and result before financial items.
    assert_eq!(
        v("Utfall", "Verksamhetens kostnader").as_deref(),
        Some("19147198"),
        "GV-14"
    );
    assert_eq!(
        v("Utfall", "Verksamhetens resultat").as_deref(),
        Some("-104635"),
        "GV-14"
    );
    // GV-18: equity with the merger contribution, above the 20 % ceiling.
    assert_eq!(
        v("Eget kapital", "EK UB").as_deref(),
        Some("4028486"),
        "GV-18"
    );
    assert_eq!(
        v("Eget kapital", "EK-kvot %").as_deref(),
        Some("21,16"),
        "GV-18 ratio"
    );
    assert_eq!(
        v("Eget kapital", "Över taket").as_deref(),
        Some("Ja"),
        "GV-18 flag"
    );
    // --year filters.
    let o = samplan(&["report", &example("vm2024.samplan.json"), "--year", "2024"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).lines().skip(1).all(|l| l.starts_with("2024;")));
}

#[test]
fn report_errors_are_swedish_with_nothing_on_stdout() {
    assert_fails(
        &["report", "finns-inte.samplan.json"],
        1,
        &["filen finns inte"],
    );
    assert_fails(&["report"], 2, &["samplan report FIL.samplan.json"]);
    assert_fails(&["report", "p.json", "--year", "tjugo"], 2, &["--year"]);
    let dir = std::env::temp_dir().join(format!("samplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let newer = dir.join("newer.samplan.json");
    std::fs::write(
        &newer,
        r#"{"format":"samplan-plan","version":99,"plan":{}}"#,
    )
    .expect("write");
    assert_fails(
        &["report", newer.to_str().expect("utf-8 path")],
        1,
        &["nyare version"],
    );
    let broken = dir.join("broken.samplan.json");
    std::fs::write(&broken, "{ inte json").expect("write");
    assert_fails(
        &["report", broken.to_str().expect("utf-8 path")],
        1,
        &["fel i", "rad 1"],
    );
    assert_fails(
        &[
            "report",
            &example("vm2024.samplan.json"),
            "--scenario",
            "Finns inte",
        ],
        1,
        &["Finns inte"],
    );
    assert_fails(
        &["report", &example("vm2024.samplan.json"), "--year", "1999"],
        1,
        &["1999"],
    );
}
#[test]
fn report_gives_each_member_its_shares_and_the_follow_up() {
    let o = samplan(&["report", &example("vm2024.samplan.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let v = |s: &str, p: &str| report_value(&text, "2024", s, p);
    assert_eq!(v("Medlem: Västerås", "Belopp").as_deref(), Some("2698345"));
    assert_eq!(
        v("Medlem: Västerås", "Andel av medelstilldelningen %").as_deref(),
        Some("14,17"),
        "docs/allocation.md: Västerås 14,17 % of the 2024 total"
    );
    // The closed year shares the outcome: costs 19 147 198, result 81 778, EK UB 4 028 486,
    // each × 2 698 345 / 19 038 000.
    assert_eq!(
        v("Medlem: Västerås", "Andel av kostnaderna").as_deref(),
        Some("2713822,14")
    );
    assert_eq!(
        v("Medlem: Västerås", "Andel av resultatet").as_deref(),
        Some("11590,78")
    );
    assert_eq!(
        v("Medlem: Västerås", "Andel av eget kapital UB").as_deref(),
        Some("570976,21")
    );
    assert_eq!(v("Eget kapital", "Resultatbas").as_deref(), Some("angivet"));
    assert_eq!(
        v("Eget kapital", "Kvotens bas").as_deref(),
        Some("årets medelstilldelning")
    );
    assert_eq!(
        v("Uppföljning: Styrelse", "Förbrukad %").as_deref(),
        Some("112,05")
    );
    assert_eq!(
        v("Uppföljning: Styrelse", "Avvikelse").as_deref(),
        Some("-73000")
    );
    assert_eq!(
        v("Uppföljning: Medel från huvudmännen", "Budget").as_deref(),
        Some("19038000"),
        "the budget books the decided total"
    );
    assert_eq!(
        v("Uppföljning: Medel från huvudmännen", "Utfall").as_deref(),
        Some("19037999"),
        "the outcome what the members pay"
    );
    assert_eq!(
        v("Budget", "Planerad användning av eget kapital").as_deref(),
        Some("1945000")
    );
    let o = samplan(&["--help"]);
    let help = stdout(&o);
    for needle in [
        "--allow-difference",
        "Medlem: NAMN",
        "Andel av kostnaderna",
        "Andel av eget kapital UB",
        "Kr per invånare",
        "Förändring %",
        "Uppföljning: POST",
        "Förbrukad %",
        "Resultatbas",
    ] {
        assert!(help.contains(needle), "help lacks {needle:?}");
    }
}

#[test]
fn report_prints_what_it_can_and_exits_2_on_a_broken_year() {
    let text = std::fs::read_to_string(example("vm2024.samplan.json")).expect("example");
    // A second plan year without any funding input.
    let broken = text.replacen(
        "\"years\": [\n      2024\n    ]",
        "\"years\": [2024, 2025]",
        1,
    );
    assert_ne!(broken, text);
    let dir = std::env::temp_dir().join(format!("samplan-cli-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("tva-ar.samplan.json");
    std::fs::write(&path, broken).expect("write");
    let o = samplan(&["report", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        report_value(&out, "2024", "Eget kapital", "EK UB").as_deref(),
        Some("4028486"),
        "2024 is still reported"
    );
    assert_eq!(
        report_value(&out, "2025", "Finansiering", "Fel").as_deref(),
        Some("Medelstilldelning saknas för 2025")
    );
    // No figure that depends on the missing funding is printed as if it were 0.
    assert_eq!(
        report_value(&out, "2025", "Eget kapital", "Fel").as_deref(),
        Some("eget kapital kan inte beräknas: årets fördelning kan inte beräknas")
    );
    for (section, post) in [
        ("Budget", "Årets resultat"),
        ("Budget", "Verksamhetens intäkter"),
        ("Eget kapital", "EK UB"),
        ("Uppföljning: Medel från huvudmännen", "Budget"),
    ] {
        assert_eq!(
            report_value(&out, "2025", section, post),
            None,
            "{section} {post}"
        );
    }
    assert!(
        stderr(&o).contains(
            "samplan report: fel: Fördelningen 2025 kan inte beräknas: Medelstilldelning saknas \
             för 2025.\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = samplan(&[
        "report",
        path.to_str().expect("utf-8 path"),
        "--year",
        "2024",
    ]);
    assert_eq!(o.status.code(), Some(0), "only 2024: {}", stderr(&o));
}
#[test]
fn report_summary_counts_warnings_and_errors_apart() {
    let o = samplan(&["report", &example("vm2024.samplan.json")]);
    let first = stderr(&o).lines().next().unwrap_or_default().to_string();
    assert!(
        first.ends_with(": 1 varning, 0 fel") || first.ends_with("varningar, 0 fel"),
        "{first}"
    );
    let text = std::fs::read_to_string(example("vm2024.samplan.json")).expect("example");
    let broken = text.replacen(
        "\"years\": [\n      2024\n    ]",
        "\"years\": [2024, 2025]",
        1,
    );
    let path = temp_file("tva-ar.samplan.json", &broken);
    let o = samplan(&["report", &path]);
    let first = stderr(&o).lines().next().unwrap_or_default().to_string();
    assert!(first.ends_with(", 1 fel"), "{first}");
    assert!(!first.contains("1 varningar"), "{first}");
}
