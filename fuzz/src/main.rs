//! `samplan-fuzz <target|all> --seconds N [--seed S]`: fuzzes one target (or each of them in
//! turn) for N seconds each. Crash inputs at a new panic location are written to
//! `fuzz/regressions/<target>/<hash>.bin`; the exit code is 1 when there was such a new crash,
//! 2 on a usage error, else 0.
//!
//! Run it with the `fuzz` profile (unwinding panics, overflow checks):
//! `cargo run --profile fuzz -p samplan-fuzz -- all --seconds 30`.

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use samplan_fuzz::{fuzz, Target};

const USAGE: &str = "användning: samplan-fuzz <mål|all> --seconds N [--seed S]\n\
mål: plan-file, members-csv, budget-csv, outcome-csv, number, compute";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut target: Option<String> = None;
    let mut seconds: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => seconds = it.next().and_then(|s| s.parse().ok()),
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            t if target.is_none() && !t.starts_with('-') => target = Some(t.to_string()),
            other => {
                eprintln!("okänt argument: {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(target), Some(seconds)) = (target, seconds) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let targets: Vec<Target> = if target == "all" {
        Target::ALL.to_vec()
    } else if let Some(t) = Target::from_name(&target) {
        vec![t]
    } else {
        eprintln!("okänt mål: {target}\n{USAGE}");
        return ExitCode::from(2);
    };
    let seed = seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default()
    });
    if !cfg!(debug_assertions) {
        eprintln!("obs: bygg med --profile fuzz (overflow- och debug-kontroller på)");
    }
    let mut new = 0usize;
    for t in targets {
        let r = fuzz(t, Duration::from_secs(seconds), seed, true);
        println!(
            "{t}: {} körningar på {seconds} s (seed {seed}), {} godtagna, långsammast {} ms, {} nya krascher, {} kända",
            r.executions,
            r.accepted,
            r.slowest.as_millis(),
            r.new_crashes.len(),
            r.known_crashes
        );
        for (file, crash) in &r.new_crashes {
            println!("  NY KRASCH fuzz/regressions/{t}/{file}: {crash}");
        }
        new += r.new_crashes.len();
    }
    if new > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
