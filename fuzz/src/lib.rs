//! # samplan-fuzz
//!
//! Fuzzing of samplan's input doors with stable Rust: a small mutation driver (no compiler
//! instrumentation) over seeds from the repository's fixtures, example plans and the engine's
//! own exports. Every target feeds bytes to one door and then exercises what a user can do with
//! what the door accepted; a panic anywhere is a crash.
//!
//! Targets ([`Target`]):
//! - `plan-file`: [`plan_from_json`]; an accepted plan must write and read back unchanged.
//! - `members-csv`: [`read_members_csv`] in every dialect; an accepted file is applied to the
//!   example plan and allocated.
//! - `budget-csv`: [`read_budget_csv`] against the example plan; an accepted file is applied,
//!   and exporting and importing the result again must change nothing.
//! - `outcome-csv`: [`read_outcome_csv`] (both kinds); unmatched keys are mapped or ignored and
//!   the import is applied.
//! - `number`: [`parse_amount`], [`parse_percent`], [`parse_count`], [`parse_number`]; an
//!   accepted number is formatted, and the CSV form must parse back to the same value.
//! - `compute`: any plan file that loads is computed (every scenario), compared, exported in
//!   every format, reported per municipality and drawn.
//!
//! Crashes are caught with `catch_unwind` (build with `--profile fuzz`, which unwinds and
//! checks overflow) and written to `fuzz/regressions/<target>/<hash>.bin`, one input per new
//! panic location; `fuzz/tests/regressions.rs` replays them all in `cargo test --workspace`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use samplan_engine::allocation::*;
use samplan_engine::bounds::*;
use samplan_engine::chart::*;
use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::format::*;
use samplan_engine::input::*;
use samplan_engine::municipality::*;
use samplan_engine::*;

/// A fuzz target: one input door and what follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The plan file.
    PlanFile,
    /// The members CSV.
    MembersCsv,
    /// The budget CSV.
    BudgetCsv,
    /// The outcome CSV (per line and ledger).
    OutcomeCsv,
    /// Swedish number parsing and formatting.
    Number,
    /// Computing, exporting and drawing any plan that loads.
    Compute,
}

impl Target {
    /// Every target, in the order `all` runs them.
    pub const ALL: [Target; 6] = [
        Target::PlanFile,
        Target::MembersCsv,
        Target::BudgetCsv,
        Target::OutcomeCsv,
        Target::Number,
        Target::Compute,
    ];

    /// The target's name on the command line and in `fuzz/regressions/`.
    pub fn name(self) -> &'static str {
        match self {
            Target::PlanFile => "plan-file",
            Target::MembersCsv => "members-csv",
            Target::BudgetCsv => "budget-csv",
            Target::OutcomeCsv => "outcome-csv",
            Target::Number => "number",
            Target::Compute => "compute",
        }
    }

    /// The target named `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a door did with an input that did not crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The door accepted the input (and everything after it ran).
    Accepted,
    /// The door refused the input with an error.
    Refused,
}

/// A panic caught while running a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crash {
    /// The panic message.
    pub message: String,
    /// `file:line:column` of the panic, or `?` when unknown.
    pub location: String,
}

impl fmt::Display for Crash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "panic at {}: {}", self.location, self.message)
    }
}

thread_local! {
    static LAST_PANIC: RefCell<Option<Crash>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that records the panic instead of printing it.
fn install_hook() {
    HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_string());
            let raw = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_else(|| "?".to_string());
            let (location, message) = if in_workspace(&raw) {
                (workspace_relative(&raw), message)
            } else {
                // A panic inside a dependency (e.g. rust_decimal's `+`): the first frame in
                // samplan's own code says where it came from.
                let bt = std::backtrace::Backtrace::force_capture().to_string();
                let frame = bt
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("at "))
                    .find(|f| in_workspace(f) && !f.contains("fuzz/src/"))
                    .map(workspace_relative);
                let short = raw.rsplit("/src/").next().unwrap_or(&raw).to_string();
                match frame {
                    Some(f) => (f, format!("{message} (i {short})")),
                    None => (raw, message),
                }
            };
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(Crash { message, location }));
        }));
    });
}

const SOURCE_DIRS: [&str; 3] = ["engine/src/", "fuzz/src/", "app/src/"];

fn in_workspace(path: &str) -> bool {
    !path.contains(".cargo/registry") && SOURCE_DIRS.iter().any(|d| path.contains(d))
}

fn workspace_relative(path: &str) -> String {
    SOURCE_DIRS
        .iter()
        .filter_map(|d| path.find(d).map(|i| path[i..].to_string()))
        .next()
        .unwrap_or_else(|| path.to_string())
}

/// Runs `target` on `input`, catching a panic.
pub fn check(target: Target, input: &[u8]) -> Result<Verdict, Crash> {
    install_hook();
    LAST_PANIC.with(|p| *p.borrow_mut() = None);
    match panic::catch_unwind(AssertUnwindSafe(|| run(target, input))) {
        Ok(v) => Ok(v),
        Err(_) => Err(LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| Crash {
                message: "(panic without hook)".to_string(),
                location: "?".to_string(),
            })),
    }
}

/// Fails the run with a message: a broken property is a crash like a panic in the engine.
macro_rules! require {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            panic!($($arg)+);
        }
    };
}

fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

/// Runs `target` on `input` (panics propagate).
pub fn run(target: Target, input: &[u8]) -> Verdict {
    match target {
        Target::PlanFile => run_plan_file(input),
        Target::MembersCsv => run_members(input),
        Target::BudgetCsv => run_budget(input),
        Target::OutcomeCsv => run_outcome(input),
        Target::Number => run_number(input),
        Target::Compute => run_compute(input),
    }
}

fn run_plan_file(input: &[u8]) -> Verdict {
    let Ok(plan) = plan_from_json(&text(input)) else {
        return Verdict::Refused;
    };
    let json = plan_to_json(&plan);
    let back = plan_from_json(&json);
    require!(
        back.as_ref() == Ok(&plan),
        "plan file round trip changed the plan: {:?}",
        back.err()
    );
    Verdict::Accepted
}

const DELIMITERS: [Option<u8>; 4] = [None, Some(b';'), Some(b','), Some(b'\t')];

fn run_members(input: &[u8]) -> Verdict {
    let base = example_plan();
    let year = base.years.first().copied().unwrap_or(2026);
    let mut verdict = Verdict::Refused;
    for d in DELIMITERS {
        let Ok(import) = read_members_csv(input, d) else {
            continue;
        };
        verdict = Verdict::Accepted;
        let input = AllocationInput {
            funding: Funding::Total(Amount::kr(19_038_000)),
            shares: PartyShares::default(),
            unit: RoundingUnit::One,
            rounding: MemberRounding::Each,
            kommun_key: import.kommun_key.clone(),
            region_key: import.region_key.clone().unwrap_or_default(),
            members: import.members.clone(),
            year: Some(year),
            allow_difference: false,
            previous: Vec::new(),
        };
        let _ = allocate(&input);
        if let Ok((edit, _)) = import.to_edit(&base, year) {
            let mut plan = base.clone();
            if apply(&mut plan, &edit).is_ok() {
                let _ = compute(&plan);
                // Exporting and importing the result again changes nothing.
                let csv = export_members_csv(&plan, None, year);
                // As the app reads it: against the plan (its key settles a tie of columns).
                if let Ok(again) = read_members_csv_for(&csv, None, &plan, year) {
                    if let Ok((edit, _)) = again.to_edit(&plan, year) {
                        require!(edit.is_noop(), "members re-import is not a no-op: {edit:?}");
                    }
                }
            }
        }
    }
    verdict
}

fn run_budget(input: &[u8]) -> Verdict {
    let base = example_plan();
    let mut verdict = Verdict::Refused;
    for d in DELIMITERS {
        let Ok(import) = read_budget_csv(input, d, &base) else {
            continue;
        };
        verdict = Verdict::Accepted;
        let Ok(edit) = import.to_edit(&base) else {
            continue;
        };
        let mut plan = base.clone();
        if apply(&mut plan, &edit).is_err() {
            continue;
        }
        let _ = compute(&plan);
        let mut undone = plan.clone();
        require!(
            revert(&mut undone, &edit).is_ok(),
            "import cannot be undone"
        );
        require!(
            undone == base,
            "undoing the import does not restore the plan"
        );
        // Export → import of the result changes nothing.
        let csv = export_budget_csv(&plan, None);
        match read_budget_csv(&csv, None, &plan) {
            Ok(again) => {
                let edit = again.to_edit(&plan);
                require!(
                    edit.as_ref().is_ok_and(Edit::is_noop),
                    "budget re-import is not a no-op: {edit:?}"
                );
            }
            Err(e) => panic!("own budget export is refused: {e}"),
        }
    }
    verdict
}

fn run_outcome(input: &[u8]) -> Verdict {
    let base = example_plan();
    let year = base.years.first().copied().unwrap_or(2026);
    let mut verdict = Verdict::Refused;
    for kind in [OutcomeKind::YearToDate, OutcomeKind::Final] {
        for d in DELIMITERS {
            let Ok(mut import) = read_outcome_csv(input, d, &base, year, kind) else {
                continue;
            };
            verdict = Verdict::Accepted;
            let keys: Vec<String> = import.unmatched.iter().map(|u| u.key.clone()).collect();
            for (i, key) in keys.iter().enumerate() {
                match base.lines.get(i % base.lines.len().max(1)) {
                    Some(line) if i % 2 == 0 => {
                        let _ = import.try_map(key, line.id);
                    }
                    _ => {
                        import.ignore(key);
                    }
                }
            }
            import.negate_income(&base);
            if let Ok(edit) = import.to_edit(&base) {
                let mut plan = base.clone();
                if apply(&mut plan, &edit).is_ok() {
                    let _ = compute(&plan);
                    let _ = export_follow_up_csv(&plan, None, year, OutcomeBasis::Final);
                }
            }
        }
    }
    verdict
}

fn run_number(input: &[u8]) -> Verdict {
    let s = text(input);
    let mut verdict = Verdict::Refused;
    let mut values = Vec::new();
    if let Ok(a) = parse_amount(&s) {
        values.push(a.value());
    }
    if let Ok(p) = parse_percent(&s) {
        values.push(p);
    }
    if let Ok(n) = parse_number(&s) {
        values.push(n);
    }
    if let Ok(c) = parse_count(&s) {
        values.push(c.into());
    }
    for v in values {
        verdict = Verdict::Accepted;
        let _ = format_kr(v);
        let _ = format_tkr(v);
        let _ = format_percent(v);
        let _ = format_decimal(v, 2);
        let plain = format_plain_natural(v);
        let back = parse_number(&plain);
        require!(
            back == Ok(v),
            "{v} is written as {plain:?} and read back as {back:?}"
        );
        let shown = format_decimal(v, v.scale());
        let back = parse_number(&shown);
        require!(
            back == Ok(v),
            "{v} is shown as {shown:?} and read back as {back:?}"
        );
        let _ = check_amount(v);
        let _ = check_percent(v, PercentKind::Share);
        let _ = check_percent(v, PercentKind::Change);
    }
    verdict
}

fn run_compute(input: &[u8]) -> Verdict {
    let Ok(plan) = plan_from_json(&text(input)) else {
        return Verdict::Refused;
    };
    let mut scenarios: Vec<Option<ScenarioId>> = vec![None];
    scenarios.extend(plan.scenarios.iter().map(|s| Some(s.id)));
    for &sid in &scenarios {
        let report = compute_scenario(&plan, sid);
        for y in &report.years {
            if let Ok(a) = &y.allocation {
                let _ = financing_chart(a);
            }
            let _ = cost_distribution_chart(&y.distribution);
        }
        let points = equity_points(report.years.iter().map(|y| &y.equity));
        let _ = equity_chart(&points, plan.settings.equity_floor);
        let _ = export_budget_csv(&plan, sid);
        let _ = export_allocation_csv(&plan, sid);
        let _ = export_equity_csv(&plan, sid);
        let _ = export_distribution_csv(&plan, sid);
        for &year in &plan.years {
            let _ = export_members_csv(&plan, sid, year);
            for basis in [OutcomeBasis::YearToDate, OutcomeBasis::Final] {
                let _ = export_follow_up_csv(&plan, sid, year, basis);
            }
        }
        for m in &plan.members {
            if let Ok(r) = municipality_report(&plan, sid, m.id) {
                let _ = municipality_csv(&r);
            }
        }
    }
    let _ = compare(&plan, None, scenarios.last().copied().flatten());
    let _ = report_to_csv(&plan, None, None);
    Verdict::Accepted
}

/// The folder of the crash inputs kept as regression fixtures.
pub fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions")
}

/// The repository's root (the workspace).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The crash inputs kept for `target`, with their file names, in name order.
pub fn regressions(target: Target) -> Vec<(String, Vec<u8>)> {
    let dir = regressions_dir().join(target.name());
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "bin") {
                if let Ok(bytes) = std::fs::read(&path) {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    out.push((name, bytes));
                }
            }
        }
    }
    out.sort();
    out
}

fn files_in(dir: &Path, ends: &[&str]) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| {
            let n = p.to_string_lossy();
            ends.iter().any(|e| n.ends_with(e))
        })
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

/// The seed inputs of `target`: fixtures, example plans and the engine's own exports, plus the
/// kept crash inputs.
pub fn seeds(target: Target) -> Vec<Vec<u8>> {
    let root = repo_root();
    let fixtures = root.join("engine/tests/fixtures");
    let example = example_plan();
    let year = example.years.first().copied().unwrap_or(2026);
    let mut out: Vec<Vec<u8>> = match target {
        Target::PlanFile | Target::Compute => {
            let mut v = files_in(&root.join("examples"), &[".json"]);
            v.extend(files_in(&fixtures, &[".json"]));
            v.push(plan_to_json(&example).into_bytes());
            v.push(plan_to_json(&vm2024_plan()).into_bytes());
            v.push(plan_to_json(&Plan::default()).into_bytes());
            v
        }
        Target::MembersCsv => {
            let mut v = files_in(&fixtures, &[".csv"]);
            for y in &example.years {
                v.push(export_members_csv(&example, None, *y));
            }
            v.push(b"Medlem;Typ;Andel\nA;Kommun;44,5\nB;Kommun;55,5\n".to_vec());
            v
        }
        Target::BudgetCsv => vec![
            export_budget_csv(&example, None),
            b"Konto;Post;Kategori;2026;2027;Kommun;Notering\n4010;Styrelse;Styrelse;220 000;225 000;;\n;Ny;Kansli 70 % + Processt\xc3\xb6d 30 %;12 tkr;\"1 500,50\";Ort;\"a; b\"\n".to_vec(),
        ],
        Target::OutcomeCsv => vec![
            export_follow_up_csv(&example, None, year, OutcomeBasis::Final),
            b"Konto;Belopp\n4010;500 000\n4010;250 000,50\n7020;-1 000\n8888;12\n".to_vec(),
            b"Post;Utfall\nKansli;1 234\nStyrelse;-5\n".to_vec(),
        ],
        Target::Number => [
            "1 234,50", "-1 945 000", "\u{2212}12 tkr", "1,5 mkr", "44,5 %", "0,000001",
            "1.234", "1234.5", "24 512", "9999999999999999999999999999", "1 000 000 000 000",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
    };
    out.extend(regressions(target).into_iter().map(|(_, b)| b));
    out.retain(|s| !s.is_empty());
    if out.is_empty() {
        out.push(b"0".to_vec());
    }
    out
}

/// A small, fast, deterministic random number generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value).
    pub fn new(seed: u64) -> Rng {
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next random number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Values that break parsers: huge and odd numbers, minus signs, spaces, quotes, BOMs, years,
/// the formula guard, markup, separators.
pub const INTERESTING: &[&str] = &[
    "9999999999999999999999999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "1000000000000000000000000000000",
    "1 000 000 000 000",
    "1 000 000 000 000,01",
    "0,001",
    "-",
    "\u{2212}",
    "\u{2013}",
    "\u{a0}",
    "\u{202f}",
    "\"",
    "\"\"",
    "\u{feff}",
    "\u{fffe}",
    "99999",
    "2201",
    "1989",
    "-2147483648",
    "4294967295",
    "18446744073709551615",
    "1000000001",
    "'=",
    "''",
    "=SUM(A1)",
    "@",
    "+",
    "<script>alert(1)</script>",
    ";",
    ",",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "0",
    "-0",
    "1e30",
    " tkr",
    " mkr",
    " kr",
    " %",
    "100",
    "1.234",
    ",5",
    "null",
    "[]",
    "{}",
    "\"version\": 99",
    "\"version\": 1",
    "{\"typ\": \"Total\", \"värde\": \"1e30\"}",
];

/// Numbers that break computations: near the decimal type's limit, beyond the bounds, negative,
/// with many decimals, huge years and ids.
pub const NUMBERS: &[&str] = &[
    "9999999999999999999999999999",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7922816251426433759354395033",
    "1000000000000000000000000000000",
    "1000000000000",
    "1000000000001",
    "-1000000000000",
    "0.0000000000000000000000000001",
    "0.001",
    "-1",
    "-100",
    "-101",
    "1001",
    "0",
    "4294967295",
    "4294967296",
    "2147483647",
    "18446744073709551615",
    "99999",
    "2201",
    "1989",
    "1000000001",
];

/// Applies one to four random mutations to `input`, splicing from `other`.
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = v.len();
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                if let Some(b) = v.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let i = rng.below(len + 1);
                v.insert(i, (rng.next_u64() & 0xff) as u8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = (1 + rng.below(16)).min(len - i);
                v.drain(i..i + n);
            }
            3 | 4 if len > 0 => {
                // Replace the whole run of digits around i with an odd number.
                let i = rng.below(len);
                let is_digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
                let mut start = i;
                while start > 0 && is_digit(v.get(start - 1)) {
                    start -= 1;
                }
                let mut end = i;
                while end < len && is_digit(v.get(end)) {
                    end += 1;
                }
                let end = end.max(start + 1).min(len);
                let token = NUMBERS[rng.below(NUMBERS.len())].as_bytes();
                v.splice(start..end, token.iter().copied());
            }
            3 | 4 => {
                let token = INTERESTING[rng.below(INTERESTING.len())].as_bytes();
                v.extend_from_slice(token);
            }
            9 => {
                let token = INTERESTING[rng.below(INTERESTING.len())].as_bytes();
                let i = rng.below(len + 1);
                v.splice(i..i, token.iter().copied());
            }
            5 if !other.is_empty() => {
                let a = rng.below(other.len());
                let n = (1 + rng.below(64)).min(other.len() - a);
                let i = rng.below(len + 1);
                v.splice(i..i, other[a..a + n].iter().copied());
            }
            6 if len > 0 => {
                // Duplicate a line.
                let i = rng.below(len);
                let start = v[..i]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1);
                let end = v[i..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(len, |p| i + p + 1);
                let line: Vec<u8> = v[start..end].to_vec();
                v.splice(end..end, line);
            }
            7 if len > 0 => {
                let i = rng.below(len);
                let bytes = [0u8, 0xff, b'"', b';', b'\n', b'-', b'9', b',', b' ', b'\''];
                if let Some(b) = v.get_mut(i) {
                    *b = bytes[rng.below(bytes.len())];
                }
            }
            8 if len > 1 => {
                v.truncate(rng.below(len));
            }
            _ => {
                let token = INTERESTING[rng.below(INTERESTING.len())].as_bytes();
                v.extend_from_slice(token);
            }
        }
    }
    if v.len() > 1 << 20 {
        v.truncate(1 << 20);
    }
    v
}

/// A 64-bit FNV-1a hash, in hex: the file name of a crash input.
pub fn hash_hex(input: &[u8]) -> String {
    format!("{:016x}", fnv(input))
}

/// What one fuzzing run of a target found.
#[derive(Clone, Debug, Default)]
pub struct FuzzReport {
    /// Inputs run.
    pub executions: u64,
    /// Inputs the door accepted.
    pub accepted: u64,
    /// Crashes at a panic location no kept input has (each written to `regressions/`).
    pub new_crashes: Vec<(String, Crash)>,
    /// Crashes at locations already known from kept inputs.
    pub known_crashes: u64,
    /// The slowest input's time.
    pub slowest: Duration,
}

/// Fuzzes `target` for `duration` from `seed`. Crash inputs at a new panic location are
/// written to `regressions/<target>/<hash>.bin` when `save` is true.
pub fn fuzz(target: Target, duration: Duration, seed: u64, save: bool) -> FuzzReport {
    let mut report = FuzzReport::default();
    let mut known: HashSet<String> = HashSet::new();
    for (_, input) in regressions(target) {
        if let Err(c) = check(target, &input) {
            known.insert(c.location);
        }
    }
    let mut corpus = seeds(target);
    let seed_count = corpus.len();
    let mut seen: HashSet<u64> = corpus.iter().map(|c| fnv(c)).collect();
    let mut rng = Rng::new(seed);
    let start = Instant::now();
    // Each seed as it is first.
    let mut queue: Vec<Vec<u8>> = corpus.clone();
    while start.elapsed() < duration {
        let input = match queue.pop() {
            Some(i) => i,
            None => {
                // Half the time a seed itself, so the grown corpus does not crowd them out.
                let pick = if rng.below(2) == 0 {
                    rng.below(seed_count)
                } else {
                    rng.below(corpus.len())
                };
                let a = corpus.get(pick).cloned().unwrap_or_default();
                let b = corpus
                    .get(rng.below(corpus.len()))
                    .cloned()
                    .unwrap_or_default();
                mutate(&mut rng, &a, &b)
            }
        };
        let t = Instant::now();
        let result = check(target, &input);
        report.slowest = report.slowest.max(t.elapsed());
        report.executions += 1;
        match result {
            Ok(Verdict::Accepted) => {
                report.accepted += 1;
                // Inputs a door accepts reach deeper code: keep some as new seeds.
                if seen.insert(fnv(&input)) {
                    if corpus.len() < 4096 {
                        corpus.push(input);
                    } else {
                        let i = seed_count + rng.below(corpus.len() - seed_count);
                        if let Some(slot) = corpus.get_mut(i) {
                            *slot = input;
                        }
                    }
                }
            }
            Ok(Verdict::Refused) => {}
            Err(crash) => {
                if known.insert(crash.location.clone()) {
                    let name = format!("{}.bin", hash_hex(&input));
                    if save {
                        let dir = regressions_dir().join(target.name());
                        let _ = std::fs::create_dir_all(&dir);
                        let _ = std::fs::write(dir.join(&name), &input);
                    }
                    report.new_crashes.push((name, crash));
                } else {
                    report.known_crashes += 1;
                }
            }
        }
    }
    report
}

fn fnv(input: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in input {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
