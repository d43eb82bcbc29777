//! The `samplan` binary as a user runs it (docs/cli.md): output on stdout, summary and errors on
//! stderr, exit codes, nothing on stdout when something is wrong.

use std::process::{Command, Output};

mod common;
use common::cli::{assert_fails, fixture, samplan, stderr, stdout, temp_file};

/// Parses the CSV on stdout into (Medlem, Typ, Belopp) rows after checking the header.
fn rows(o: &Output) -> Vec<(String, String, String)> {
    let text = stdout(o);
    assert!(!text.starts_with('\u{feff}'), "stdout has no BOM");
    let mut lines = text.lines();
    let header = lines.next().expect("a header line");
    assert!(
        header.starts_with("Medlem;Typ;Belopp"),
        "header first: {header}"
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(';').collect();
            assert!(f.len() >= 3, "row {l}");
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

fn assert_gv01(gv: &str, o: &Output) {
    assert_eq!(o.status.code(), Some(0), "{gv}: {}", stderr(o));
    let rows = rows(o);
    let expected = [
        (
            "Staten (Försäkringskassan och Arbetsförmedlingen)",
            "Stat",
            "9519000",
        ),
        ("Region Västmanland", "Region", "4759500"),
        ("Arboga", "Kommun", "236975"),
        ("Fagersta", "Kommun", "224196"),
        ("Hallstahammar", "Kommun", "288938"),
        ("Kungsör", "Kommun", "146015"),
        ("Köping", "Kommun", "423391"),
        ("Norberg", "Kommun", "93732"),
        ("Skinnskatteberg", "Kommun", "73599"),
        ("Sala", "Kommun", "406064"),
        ("Surahammar", "Kommun", "168244"),
        ("Västerås", "Kommun", "2698345"),
    ];
    assert_eq!(rows.len(), expected.len(), "{gv}: one row per member");
    for (row, (name, kind, amount)) in rows.iter().zip(expected) {
        assert_eq!(
            (row.0.as_str(), row.1.as_str(), row.2.as_str()),
            (name, kind, amount),
            "{gv}: {name}"
        );
    }
    let err = stderr(o).replace('\u{a0}', " ");
    assert!(
        err.contains("Kommuner: 4 759 499 kr av 4 759 500 kr, avrundningsdifferens \u{2212}1 kr"),
        "{gv}: stderr reports the −1 kr difference: {err}"
    );
    assert!(err.contains("19 037 999"), "{gv}: members' total: {err}");
}

#[test]
fn gv01_allocate_by_total() {
    let members = fixture("vm2024_belopp.csv");
    assert_gv01(
        "GV-01 --total",
        &samplan(&["allocate", "--total", "19038000", "--members", &members]),
    );
    assert_gv01(
        "GV-01 --total \"19 038 tkr\"",
        &samplan(&["allocate", "--members", &members, "--total=19 038 tkr"]),
    );
}

#[test]
fn gv01_allocate_by_state_with_population_weights() {
    let o = samplan(&[
        "allocate",
        "--state",
        "9 519 000",
        "--members",
        &fixture("vm2024_invanare.csv"),
        "--rounding",
        "each",
        "--unit",
        "1",
    ]);
    assert_gv01("GV-01 --state", &o);
    assert!(stderr(&o).contains("kr per invånare"), "{}", stderr(&o));
}

#[test]
fn gv08_unit_thousand_and_balanced() {
    let o = samplan(&[
        "allocate",
        "--total",
        "6 322 tkr",
        "--members",
        &fixture("sd2021_andel.csv"),
        "--unit",
        "1000",
        "--rounding",
        "balanced",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let amounts: Vec<String> = rows(&o).into_iter().map(|r| r.2).collect();
    assert_eq!(
        amounts,
        ["3161000", "1581000", "695000", "506000", "379000"],
        "GV-08 at 1 000 kr"
    );
}

#[test]
fn implied_state_and_region_rows() {
    let o = samplan(&[
        "allocate",
        "--total",
        "7046000",
        "--members",
        &fixture("nv2021_invanare.csv"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = rows(&o);
    assert_eq!(
        rows[0],
        (
            "Staten (Försäkringskassan och Arbetsförmedlingen)".to_string(),
            "Stat".to_string(),
            "3523000".to_string()
        )
    );
    assert_eq!(
        rows[1],
        (
            "Region".to_string(),
            "Region".to_string(),
            "1761500".to_string()
        )
    );
    assert_eq!(rows.len(), 8, "GV-03: state, region and six municipalities");
}

#[test]
fn bad_number_in_csv_names_file_line_and_column() {
    let members = fixture("members_bad_number.csv");
    assert_fails(
        &["allocate", "--total", "19038000", "--members", &members],
        1,
        &[
            "members_bad_number.csv",
            "rad 5, kolumn \"Invånare\": \"12a\" är inget tal",
        ],
    );
}

#[test]
fn usage_and_data_errors() {
    let members = fixture("vm2024_belopp.csv");
    let cases: Vec<(Vec<&str>, i32, Vec<&str>)> = vec![
        (
            vec!["allocate", "--total", "1", "--members", "finns-inte.csv"],
            1,
            vec!["finns-inte.csv", "filen finns inte"],
        ),
        (
            vec![
                "allocate",
                "--total",
                "1",
                "--state",
                "1",
                "--members",
                &members,
            ],
            2,
            vec!["--total", "--state", "inte båda"],
        ),
        (
            vec!["allocate", "--members", &members],
            2,
            vec!["--total", "--state"],
        ),
        (vec!["allocate", "--total", "1000"], 2, vec!["--members"]),
        (
            vec![
                "allocate",
                "--total",
                "19038000",
                "--members",
                &members,
                "--unit",
                "7",
            ],
            2,
            vec!["\"7\"", "1, 100 eller 1000"],
        ),
        (
            vec!["allocate", "--total", "12a", "--members", &members],
            2,
            vec!["--total", "\"12a\" är inget tal"],
        ),
        (
            vec!["allocate", "--total", "1.234", "--members", &members],
            2,
            vec!["tvetydigt"],
        ),
        (
            vec![
                "allocate",
                "--total",
                "1",
                "--members",
                &members,
                "--rounding",
                "x",
            ],
            2,
            vec!["each eller balanced"],
        ),
        (
            vec![
                "allocate",
                "--total",
                "1",
                "--members",
                &members,
                "--frobnicate",
            ],
            2,
            vec!["okänd flagga \"--frobnicate\""],
        ),
        (
            vec!["allocate", "--total"],
            2,
            vec!["--total kräver ett värde"],
        ),
        (vec!["fördela"], 2, vec!["okänt kommando \"fördela\""]),
        (vec![], 2, vec!["allocate, report, export eller diff"]),
        (
            vec![
                "allocate",
                "--total",
                "19038500",
                "--members",
                &members,
                "--unit",
                "1000",
            ],
            1,
            vec!["jämn multipel", "1000 kr"],
        ),
        (
            vec!["allocate", "--total", "-5", "--members", &members],
            1,
            vec!["negativ"],
        ),
    ];
    for (args, code, needles) in cases {
        assert_fails(&args, code, &needles);
    }
}

#[test]
fn help_documents_allocate_and_report() {
    for flag in ["--help", "-h", "help"] {
        let o = samplan(&[flag]);
        assert_eq!(o.status.code(), Some(0), "{flag}");
        let text = stdout(&o);
        for needle in [
            "samplan allocate (--total KR | --state KR) --members FIL",
            "--rounding each|balanced",
            "--unit 1|100|1000",
            "samplan report FIL.samplan.json",
            "--year",
            "--scenario",
        ] {
            assert!(text.contains(needle), "{flag}: help lacks {needle:?}");
        }
    }
    let o = samplan(&["allocate", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("allocate"));
}

#[test]
fn allocate_refuses_amounts_off_the_unit_with_suggestions() {
    let o = samplan(&[
        "allocate",
        "--state",
        "9519500",
        "--unit",
        "1000",
        "--members",
        &fixture("vm2024_invanare.csv"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "nothing on stdout");
    assert_eq!(
        stderr(&o),
        "samplan allocate: kan inte fördela: statens belopp 9\u{a0}519\u{a0}500 kr går inte att \
         fördela med avrundningsenheten 1000 kr; närmaste giltiga belopp är 9\u{a0}519\u{a0}000 \
         kr och 9\u{a0}520\u{a0}000 kr\n"
    );
}

#[test]
fn allocate_belopp_beyond_rounding_needs_allow_difference() {
    // GV-06: +4 kr over six municipalities is more than 6 × 0,5 kr.
    let args = [
        "allocate",
        "--total",
        "7030000",
        "--members",
        &fixture("nv2023_belopp.csv"),
    ];
    let o = samplan(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "nothing on stdout");
    assert_eq!(
        stderr(&o),
        "samplan allocate: kan inte fördela: beloppen för Kommuner summerar till \
         1\u{a0}757\u{a0}504 kr men partens belopp är 1\u{a0}757\u{a0}500 kr (skillnad +4 kr), \
         mer än avrundning kan förklara\n"
    );
    let mut allowed = args.to_vec();
    allowed.push("--allow-difference");
    let o = samplan(&allowed);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\nFagersta;Kommun;321172;"));
    let err = stderr(&o).replace('\u{a0}', " ");
    assert!(
        err.contains("Kommuner: 1 757 504 kr av 1 757 500 kr, avvikelse från partens andel +4 kr"),
        "{err}"
    );
    assert!(!err.contains("Kommuner: 1 757 504 kr av 1 757 500 kr, avrundningsdifferens"));
    // GV-01's −1 kr stays a rounding difference without the flag.
    let o = samplan(&[
        "allocate",
        "--total",
        "19038000",
        "--members",
        &fixture("vm2024_belopp.csv"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_fails(
        &[
            "allocate",
            "--total",
            "7030000",
            "--members",
            &fixture("nv2023_belopp.csv"),
            "--allow-difference=ja",
        ],
        2,
        &["flaggan --allow-difference tar inget värde"],
    );
}

/// Runs samplan with stdout and/or stderr as a pipe nobody reads (the reading end closed
/// before the program starts, so every write fails with a broken pipe).
#[cfg(unix)]
fn samplan_with_closed_pipes(args: &[&str], close_stdout: bool, close_stderr: bool) -> Output {
    use std::process::Stdio;
    // The writing end of a pipe whose only reader (a `true` process) has already exited.
    let broken = || {
        let mut reader = Command::new("true")
            .stdin(Stdio::piped())
            .spawn()
            .expect("true runs");
        let writer = reader.stdin.take().expect("a pipe");
        reader.wait().expect("true exits");
        Stdio::from(writer)
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samplan"));
    cmd.args(args);
    if close_stdout {
        cmd.stdout(broken());
    }
    if close_stderr {
        cmd.stderr(broken());
    }
    cmd.output().expect("the samplan binary runs")
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_is_quiet_and_never_exit_0() {
    let members = fixture("vm2024_belopp.csv");
    let allocate = [
        "allocate",
        "--total",
        "19038000",
        "--members",
        members.as_str(),
    ];
    for args in [&["--help"][..], &allocate[..]] {
        // Another test's process, forked at the wrong moment, can briefly hold a copy of the
        // pipe's reading end; then the write succeeds. Retry a few times for that.
        let mut code = None;
        for _ in 0..5 {
            let o = samplan_with_closed_pipes(args, true, false);
            assert_eq!(stderr(&o), "", "{args:?}: quiet");
            code = o.status.code();
            if code == Some(141) {
                break;
            }
            assert_eq!(code, Some(0), "{args:?}: only a race with a reader gives 0");
        }
        assert_eq!(code, Some(141), "{args:?}");
    }
}

/// Issue 21: `samplan report x.json >&-` exited 0 and lost the report. A descriptor closed
/// before the start is reopened read-write on /dev/null by the Rust runtime; `> /dev/null`
/// (write-only) is a wish to discard the output and still succeeds.
#[cfg(target_os = "linux")]
#[test]
fn a_stdout_closed_before_the_start_is_never_exit_0() {
    let members = fixture("vm2024_belopp.csv");
    let run = |redirect: &str| {
        Command::new("sh")
            .args([
                "-c",
                &format!("exec \"$0\" allocate --total 19038000 --members \"$1\" {redirect}"),
            ])
            .arg(env!("CARGO_BIN_EXE_samplan"))
            .arg(&members)
            .output()
            .expect("sh runs")
    };
    let closed = run(">&-");
    assert_eq!(closed.status.code(), Some(141));
    assert_eq!(stderr(&closed), "");
    let discarded = run("> /dev/null");
    assert_eq!(discarded.status.code(), Some(0));
    let help = Command::new("sh")
        .args(["-c", "exec \"$0\" --help >&-"])
        .arg(env!("CARGO_BIN_EXE_samplan"))
        .output()
        .expect("sh runs");
    assert_eq!(help.status.code(), Some(141));
}

#[cfg(unix)]
#[test]
fn a_closed_stderr_never_aborts() {
    let members = fixture("vm2024_belopp.csv");
    // Success with a summary on stderr: the CSV still comes out, exit 0.
    let o = samplan_with_closed_pipes(
        &["allocate", "--total", "19038000", "--members", &members],
        false,
        true,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("Medlem;Typ;Belopp"));
    // Errors keep their exit codes (never 101 or 134).
    let o = samplan_with_closed_pipes(&["nonsense"], false, true);
    assert_eq!(o.status.code(), Some(2));
    let o = samplan_with_closed_pipes(&["report", "/finns/inte.samplan.json"], true, true);
    assert_eq!(o.status.code(), Some(1));
    // A closed stderr by descriptor too.
    let o = Command::new("sh")
        .args(["-c", "exec \"$0\" nonsense 2>&-"])
        .arg(env!("CARGO_BIN_EXE_samplan"))
        .output()
        .expect("sh runs");
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn non_utf8_paths_are_accepted() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("samplan-cli-non-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = OsStr::from_bytes(b"medlemmar-\xff\xfe.csv");
    let path = dir.join(name);
    std::fs::copy(fixture("vm2024_belopp.csv"), &path).unwrap();
    let run = |args: Vec<&OsStr>| {
        Command::new(env!("CARGO_BIN_EXE_samplan"))
            .args(args)
            .output()
            .expect("the samplan binary runs")
    };
    let o = run(vec![
        OsStr::new("allocate"),
        OsStr::new("--total"),
        OsStr::new("19038000"),
        OsStr::new("--members"),
        path.as_os_str(),
    ]);
    assert_gv01("non-UTF-8 path", &o);
    let mut inline = std::ffi::OsString::from("--members=");
    inline.push(path.as_os_str());
    let o = run(vec![
        OsStr::new("allocate"),
        OsStr::new("--total=19038000"),
        inline.as_os_str(),
    ]);
    assert_gv01("non-UTF-8 path after =", &o);
    // A missing non-UTF-8 plan file is a data error naming the file, not a usage error.
    let missing = dir.join(OsStr::from_bytes(b"plan-\xff.samplan.json"));
    let o = run(vec![OsStr::new("report"), missing.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("filen finns inte"), "{err}");
    assert!(err.contains("plan-\u{fffd}.samplan.json"), "{err}");
    // Other values must still be text.
    let o = run(vec![
        OsStr::new("allocate"),
        OsStr::new("--total"),
        OsStr::from_bytes(b"19\xff"),
        OsStr::new("--members"),
        path.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("är inte giltig text"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_poisoned_plan_file_is_a_data_error_not_an_abort() {
    use samplan_engine::{example_plan, plan_to_json, Amount};
    let dir = std::env::temp_dir().join(format!("samplan-cli-poison-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plan = example_plan();
    let year = plan.years[0];
    let name = plan.lines[0].name.clone();
    plan.lines[0].amounts.insert(
        year,
        Amount("1234567890123456789012345678".parse().unwrap()),
    );
    let path = dir.join("gift.samplan.json");
    std::fs::write(&path, plan_to_json(&plan)).unwrap();
    let o = samplan(&["report", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "posten \"{name}\", budget {year}: beloppet är för stort"
        )),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn funding_flags_keep_the_two_decimal_bound() {
    let members = fixture("vm2024_belopp.csv");
    for flag in ["--total", "--state"] {
        assert_fails(
            &["allocate", flag, "19038000,005", "--members", &members],
            2,
            &[&format!(
                "samplan: {flag}: beloppet har fler än två decimaler (ören)"
            )],
        );
    }
}

#[test]
fn a_zero_belopp_names_its_member() {
    let text = std::fs::read_to_string(fixture("vm2024_belopp.csv")).expect("fixture");
    let zero = text.replacen("Arboga;Kommun;236 975", "Arboga;Kommun;0", 1);
    assert_ne!(zero, text);
    let path = temp_file("arboga-noll.csv", &zero);
    assert_fails(
        &["allocate", "--total", "19038000", "--members", &path],
        1,
        &["; troligen är beloppet för Arboga fel"],
    );
}

#[test]
fn summary_shows_ore_when_belopp_has_ore() {
    let text = std::fs::read_to_string(fixture("vm2024_belopp.csv")).expect("fixture");
    let ore = text.replacen("Arboga;Kommun;236 975", "Arboga;Kommun;236975,51", 1);
    assert_ne!(ore, text);
    let path = temp_file("arboga-ore.csv", &ore);
    let o = samplan(&["allocate", "--total", "19038000", "--members", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "Kommuner: 4\u{a0}759\u{a0}499,51 kr av 4\u{a0}759\u{a0}500 kr, avrundningsdifferens \
             −0,49 kr"
        ),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("Medlemmarna betalar 19\u{a0}037\u{a0}999,51 kr"),
        "{}",
        stderr(&o)
    );
}
