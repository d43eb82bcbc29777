//! `samplan`: the command-line tool (docs/cli.md), a thin adapter over `samplan_engine`.
//!
//! Each subcommand is a [`Command`] variant with its own argument struct, parser and `run_*`
//! function that returns the complete [`Output`] or a [`CliError`]. Nothing is written until
//! the command has succeeded, so a failing command prints nothing on standard output.
//!
//! Exit codes: 0 success, 1 bad data (file, CSV, allocation), 2 bad usage (flags, arguments),
//! 141 standard output closed (nothing is reported; standard error is never required).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::arithmetic_side_effects))]

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_decimal::prelude::ToPrimitive;
use samplan_engine::{
    allocation::{
        allocate, AllocationInput, Funding, MemberKind, MemberRounding, Party, RoundingUnit,
    },
    csv::{read_members_csv, write_csv_with, Cell, CsvWriteOptions},
    format::format_decimal,
    input::{parse_amount, parse_count},
    round_half_up, Amount,
};

const USAGE: &str = "\
samplan – budget och medelsfördelning för samordningsförbund

Användning:
  samplan allocate (--total KR | --state KR) --members FIL [--rounding each|balanced] [--unit 1|100|1000]
                   [--allow-difference]
  samplan report FIL.samplan.json [--year ÅR] [--scenario NAMN]
  samplan export FIL.samplan.json --xlsx UT.xlsx [--scenario NAMN]
  samplan diff A.samplan.json B.samplan.json
  samplan diff FIL.samplan.json --from VERSION [--to VERSION]
  samplan --help

Kommandon:
  allocate   Fördelar medelstilldelningen 50/25/25 på Staten, Region och Kommuner och
             kommunernas del på medlemmarna enligt nyckeln i medlemsfilen. Skriver CSV
             (semikolon, UTF-8 utan BOM) med kolumnerna
             Medlem;Typ;Belopp;Exakt;Andel av total (%);Andel av part (%)
             och en rad per medlem, även Staten och Region. Belopp i kronor (med
             ören bara när medlemsfilens Belopp eller --total/--state har ören).
             En sammanfattning med avrundningsdifferensen per part skrivs till standard error.
             Belopp som tillsammans skiljer sig från partens andel med mer än en halv
             avrundningsenhet per medlem är ett fel (inget skrivs till standard output),
             om inte --allow-difference anges.
      --total KR       medelstilldelningen T, t.ex. 19038000, \"19 038 000\" eller \"19 038 tkr\"
      --state KR       statens belopp S i stället för T (T = S / 50 %)
      --members FIL    medlemsfil (CSV): Medlem;Typ;Invånare|Andel|Belopp
      --rounding       each (standard): varje medlem avrundas för sig;
                       balanced: medlemmarna summerar exakt till partens belopp
      --unit           avrundningsenhet i kr: 1 (standard), 100 eller 1000; totalen och
                       statens belopp måste gå jämnt upp i enheten
      --allow-difference
                       godta Belopp som avviker från partens andel (styrelsens beslut);
                       skillnaden redovisas som avvikelse från partens andel

  report     Skriver planens nyckeltal som CSV i långt format med kolumnerna
             År;Avsnitt;Post;Värde (tom År = hela planen). Avsnitt per år:
               Finansiering, Parter    medelstilldelning, belopp per part och medlem,
                                       summa medlemmar, äskande, avrundningsdifferens
                                       (eller Fel)
               Budget, Utfall          summor per kategori, kostnader, intäkter, resultat
               Kostnadsfördelning budget|utfall
                                       andel % och hela % per kostnadsslag, Bas
               Eget kapital            EK IB, Kapitaltillskott, Årets resultat, EK UB,
                                       EK-kvot %, Över taket, Under golvet,
                                       Resultatbas (budget, utfall, angivet eller
                                       angivet EK UB),
                                       Kvotens bas (\"antagande\" när den är antagen)
               Uppföljning: POST       Budget, Utfall, Avvikelse, Förbrukad % per post
                                       och delsumma
               Medlem: NAMN            Belopp, Andel av medelstilldelningen %,
                                       Andel av kostnaderna, Andel av resultatet,
                                       Andel av eget kapital UB (kr, Finsam 9 § p8),
                                       Kr per invånare, Förändring kr, Förändring %
                                       (mot föregående år)
               Varning                 varningar och fel, med rubrik och text
             Belopp i kr med decimalkomma utan tusentalsavgränsare. Ett år som inte kan
             beräknas skrivs med sitt fel; då listas felen på standard error och
             felkoden är 2.
      --year ÅR        bara detta år
      --scenario NAMN  räkna på ett namngivet scenario i stället för grundplanen

  export     Skriver hela planen som en Excel-arbetsbok (.xlsx): bladen Finansiering,
             Budget, Uppföljning och Eget kapital och ett blad per kommun. Belopp är tal
             med svenskt talformat; summor, delsummor, resultat och förändringar är
             formler som ger samma belopp som samplan.
      --xlsx UT.xlsx   filen som skrivs (skrivs över om den finns)
      --scenario NAMN  ett namngivet scenario i stället för grundplanen

  diff       Skriver vad som skiljer två planer, eller två versioner av en plan, som CSV
             med kolumnerna År;Avsnitt;Vad;Från;Till;Skillnad (Skillnad = Till − Från):
             Medelstilldelning, varje Budgetpost, varje medlems Medlemsbidrag, Eget
             kapital UB och EK-kvot (%), bara det som skiljer, och efter varje avsnitt och
             år en rad Summa med summan av skillnaderna. Med två filer jämförs filernas
             utkast. Ingen skillnad ger bara rubrikraden.
      --from VERSION   versionen att jämföra från: ett versionsnummer, \"beslutad\"
                       (den senast beslutade) eller \"utkast\"
      --to VERSION     versionen att jämföra med (standard: utkast)

Felkoder: 0 = klart, 1 = fel i data (fil, CSV, fördelning), 2 = fel i anropet, eller
(report) ett eller flera år kan inte beräknas, 141 = standard ut är stängd (t.ex. en stängd pipe).
";

/// A parsed command line.
#[derive(Debug)]
enum Command {
    /// `--help`, `-h` or `help`.
    Help,
    /// `allocate …`.
    Allocate(AllocateArgs),
    /// `report …`.
    Report(ReportArgs),
    /// `export …`.
    Export(ExportArgs),
    /// `diff …`.
    Diff(DiffArgs),
}

impl Command {
    /// The subcommand's name, for messages.
    fn name(&self) -> &'static str {
        match self {
            Command::Help => "help",
            Command::Allocate(_) => "allocate",
            Command::Report(_) => "report",
            Command::Export(_) => "export",
            Command::Diff(_) => "diff",
        }
    }
}

/// Arguments of `samplan allocate`.
#[derive(Debug)]
struct AllocateArgs {
    funding: Funding,
    members: PathBuf,
    rounding: MemberRounding,
    unit: RoundingUnit,
    allow_difference: bool,
}

/// Arguments of `samplan report`.
#[derive(Debug)]
#[allow(dead_code)] // Read once `report` is implemented.
struct ReportArgs {
    file: PathBuf,
    year: Option<i32>,
    scenario: Option<String>,
}

/// Arguments of `samplan export`.
#[derive(Debug)]
struct ExportArgs {
    file: PathBuf,
    xlsx: PathBuf,
    scenario: Option<String>,
}

/// Arguments of `samplan diff`.
#[derive(Debug)]
struct DiffArgs {
    files: Vec<PathBuf>,
    from: Option<samplan_engine::versions::VersionRef>,
    to: Option<samplan_engine::versions::VersionRef>,
}

/// What a successful command prints, and its exit code (non-zero when `report` printed what
/// it could but some year has an error).
struct Output {
    stdout: Vec<u8>,
    stderr: String,
    code: u8,
}

/// Why a command failed; the message is Swedish.
#[derive(Debug)]
enum CliError {
    /// Bad flags or arguments (exit code 2).
    Usage(String),
    /// Bad data: unreadable file, CSV error, allocation error (exit code 1).
    Data(String),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Data(_) => 1,
            CliError::Usage(_) => 2,
        }
    }
}

/// Exit code when standard output cannot be written (a closed pipe, a closed descriptor): as a
/// shell reports a process ended by SIGPIPE (128 + 13).
const EXIT_STDOUT_CLOSED: u8 = 141;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = match parse_command(args) {
        Ok(command) => command,
        Err(error) => return fail("samplan", &error),
    };
    let name = format!("samplan {}", command.name());
    match run(command) {
        Ok(output) => {
            if stdout_closed_at_start() || write_stdout(&output.stdout).is_err() {
                // E.g. `samplan report x | head -0`: nobody reads; say nothing, but never
                // claim success.
                return ExitCode::from(EXIT_STDOUT_CLOSED);
            }
            write_stderr(&output.stderr);
            ExitCode::from(output.code)
        }
        Err(error) => fail(&name, &error),
    }
}

/// True when standard output was closed before samplan started (`samplan report x.json >&-`).
/// The Rust runtime reopens a closed standard descriptor on `/dev/null` before `main`, read and
/// write; a shell's `>/dev/null` opens it write-only. So descriptor 1 on `/dev/null` opened
/// read-write is the closed one (read from `/proc`, Linux only; elsewhere always false).
fn stdout_closed_at_start() -> bool {
    #[cfg(target_os = "linux")]
    {
        let on_null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|target| target == std::path::Path::new("/dev/null"));
        let read_write = || {
            std::fs::read_to_string("/proc/self/fdinfo/1")
                .ok()
                .and_then(|info| {
                    info.lines()
                        .find_map(|l| l.strip_prefix("flags:"))
                        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                })
                // O_ACCMODE = 3, O_RDWR = 2.
                .is_some_and(|flags| flags & 0o3 == 0o2)
        };
        on_null && read_write()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Writes all of `bytes` to standard output; a broken pipe or a descriptor closed meanwhile
/// is an error (`std::io::stdout()` quietly drops writes to a closed descriptor). A descriptor
/// closed before the start is on /dev/null already (the Rust runtime reopens it there; see
/// [`stdout_closed_at_start`]).
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        // Duplicating the descriptor fails when it is closed.
        let fd = std::io::stdout().as_fd().try_clone_to_owned()?;
        let mut out = std::fs::File::from(fd);
        out.write_all(bytes)?;
        out.flush()
    }
    #[cfg(not(unix))]
    {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }
}

/// Writes `text` to standard error, ignoring failures (a closed standard error must never abort
/// the program: `eprint!` would panic).
fn write_stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Reports `error` on standard error, prefixed with the program (and command) name.
fn fail(prefix: &str, error: &CliError) -> ExitCode {
    match error {
        CliError::Usage(message) => write_stderr(&format!(
            "{prefix}: {message}\nSkriv \"samplan --help\" för hjälp.\n"
        )),
        CliError::Data(message) => write_stderr(&format!("{prefix}: {message}\n")),
    }
    ExitCode::from(error.exit_code())
}

fn run(command: Command) -> Result<Output, CliError> {
    match command {
        Command::Help => Ok(Output {
            stdout: USAGE.as_bytes().to_vec(),
            stderr: String::new(),
            code: 0,
        }),
        Command::Allocate(args) => run_allocate(&args),
        Command::Report(args) => run_report(&args),
        Command::Export(args) => run_export(&args),
        Command::Diff(args) => run_diff(&args),
    }
}

// ---------------------------------------------------------------------------------------------
// Argument parsing

/// A tiny lexer over the arguments: `--flag value`, `--flag=value` and positionals. Arguments
/// stay `OsString`s, so a path may be anything the OS accepts (also non-UTF-8 names); flags and
/// other values must be text.
struct Args {
    items: std::vec::IntoIter<OsString>,
}

enum Arg {
    Flag(String, Option<OsString>),
    Positional(OsString),
}

/// Splits `--flag=value` at the first `=`, keeping the value as it is (any bytes on Unix).
fn split_flag(item: &std::ffi::OsStr) -> Option<(String, OsString)> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = item.as_bytes();
        let eq = bytes.iter().position(|b| *b == b'=')?;
        let (flag, value) = bytes.split_at(eq);
        let flag = std::str::from_utf8(flag).ok()?.to_string();
        let value = std::ffi::OsStr::from_bytes(value.get(1..).unwrap_or_default());
        Some((flag, value.to_os_string()))
    }
    #[cfg(not(unix))]
    {
        let text = item.to_str()?;
        let (flag, value) = text.split_once('=')?;
        Some((flag.to_string(), OsString::from(value)))
    }
}

/// The text of an argument, or a usage error naming it.
fn text(what: &str, value: OsString) -> Result<String, CliError> {
    value.into_string().map_err(|v| {
        CliError::Usage(format!(
            "{what}: \"{}\" är inte giltig text",
            v.to_string_lossy()
        ))
    })
}

impl Args {
    fn new(args: Vec<OsString>) -> Args {
        Args {
            items: args.into_iter(),
        }
    }

    fn next_arg(&mut self) -> Option<Arg> {
        let item = self.items.next()?;
        let lossy = item.to_string_lossy();
        if lossy.starts_with("--") && lossy.len() > 2 {
            match split_flag(&item) {
                Some((flag, value)) => Some(Arg::Flag(flag, Some(value))),
                None => Some(Arg::Flag(lossy.into_owned(), None)),
            }
        } else if lossy.starts_with('-') && lossy.len() > 1 {
            Some(Arg::Flag(lossy.into_owned(), None))
        } else {
            Some(Arg::Positional(item))
        }
    }

    /// The value of `flag`: after `=` or the next argument.
    fn value(&mut self, flag: &str, inline: Option<OsString>) -> Result<OsString, CliError> {
        inline
            .or_else(|| self.items.next())
            .ok_or_else(|| CliError::Usage(format!("flaggan {flag} kräver ett värde")))
    }

    /// The value of `flag` as text.
    fn text_value(&mut self, flag: &str, inline: Option<OsString>) -> Result<String, CliError> {
        let value = self.value(flag, inline)?;
        text(flag, value)
    }
}

fn set_once<T>(slot: &mut Option<T>, flag: &str, value: T) -> Result<(), CliError> {
    if slot.is_some() {
        return Err(CliError::Usage(format!(
            "flaggan {flag} har angetts flera gånger"
        )));
    }
    *slot = Some(value);
    Ok(())
}

fn is_help(s: &str) -> bool {
    matches!(s, "--help" | "-h" | "help")
}

fn parse_command(args: Vec<OsString>) -> Result<Command, CliError> {
    let mut args = Args::new(args);
    let Some(first) = args.items.next() else {
        return Err(CliError::Usage(
            "ange ett kommando: allocate, report, export eller diff".to_string(),
        ));
    };
    let first = first.to_string_lossy().into_owned();
    if is_help(&first) {
        return Ok(Command::Help);
    }
    // `samplan allocate --help` also shows the help.
    if args
        .items
        .as_slice()
        .iter()
        .filter_map(|a| a.to_str())
        .any(|a| is_help(a) && a != "help")
    {
        return Ok(Command::Help);
    }
    match first.as_str() {
        "allocate" => parse_allocate(args).map(Command::Allocate),
        "report" => parse_report(args).map(Command::Report),
        "export" => parse_export(args).map(Command::Export),
        "diff" => parse_diff(args).map(Command::Diff),
        other => Err(CliError::Usage(format!(
            "okänt kommando \"{other}\": välj allocate, report, export eller diff"
        ))),
    }
}

fn parse_allocate(mut args: Args) -> Result<AllocateArgs, CliError> {
    let mut total = None;
    let mut state = None;
    let mut members = None;
    let mut rounding = None;
    let mut unit = None;
    let mut allow_difference = false;
    while let Some(arg) = args.next_arg() {
        match arg {
            Arg::Flag(flag, inline) if flag == "--allow-difference" => {
                if inline.is_some() {
                    return Err(CliError::Usage(
                        "flaggan --allow-difference tar inget värde".to_string(),
                    ));
                }
                allow_difference = true;
            }
            Arg::Flag(flag, inline) => {
                let value = match flag.as_str() {
                    "--members" => {
                        let path = PathBuf::from(args.value(&flag, inline)?);
                        set_once(&mut members, &flag, path)?;
                        continue;
                    }
                    "--total" | "--state" | "--rounding" | "--unit" => {
                        args.text_value(&flag, inline)?
                    }
                    _ => {
                        return Err(CliError::Usage(format!(
                            "okänd flagga \"{flag}\" för allocate"
                        )))
                    }
                };
                match flag.as_str() {
                    "--total" => set_once(&mut total, &flag, parse_kr(&flag, &value)?)?,
                    "--state" => set_once(&mut state, &flag, parse_kr(&flag, &value)?)?,
                    "--rounding" => {
                        let r = MemberRounding::parse(&value).ok_or_else(|| {
                            CliError::Usage(format!(
                                "--rounding: \"{value}\" är okänt; välj each eller balanced"
                            ))
                        })?;
                        set_once(&mut rounding, &flag, r)?
                    }
                    _ => set_once(&mut unit, &flag, parse_unit(&value)?)?,
                }
            }
            Arg::Positional(p) => {
                return Err(CliError::Usage(format!(
                    "oväntat argument \"{}\" för allocate",
                    p.to_string_lossy()
                )))
            }
        }
    }
    let funding = match (total, state) {
        (Some(t), None) => Funding::Total(t),
        (None, Some(s)) => Funding::State(s),
        (Some(_), Some(_)) => {
            return Err(CliError::Usage(
                "ange antingen --total eller --state, inte båda".to_string(),
            ))
        }
        (None, None) => {
            return Err(CliError::Usage(
                "ange medelstilldelningen med --total KR eller statens belopp med --state KR"
                    .to_string(),
            ))
        }
    };
    let members = members
        .ok_or_else(|| CliError::Usage("ange medlemsfilen med --members FIL".to_string()))?;
    Ok(AllocateArgs {
        funding,
        members,
        rounding: rounding.unwrap_or_default(),
        unit: unit.unwrap_or_default(),
        allow_difference,
    })
}

/// Parses a funding amount (`--total`, `--state`) within the money bounds: at most two
/// decimals (ören), never silently rounded. A negative amount is refused by the allocation
/// (a data error, exit code 1).
fn parse_kr(flag: &str, value: &str) -> Result<Amount, CliError> {
    let amount = parse_amount(value).map_err(|e| CliError::Usage(format!("{flag}: {e}")))?;
    samplan_engine::bounds::check_amount(amount.value())
        .map_err(|e| CliError::Usage(format!("{flag}: {e}")))
}

fn parse_unit(value: &str) -> Result<RoundingUnit, CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--unit: avrundningsenheten \"{}\" finns inte: välj 1, 100 eller 1000 kr",
            value.trim()
        ))
    };
    let kronor = parse_amount(value).map_err(|_| bad())?.value();
    if !kronor.fract().is_zero() {
        return Err(bad());
    }
    let kronor = kronor.to_u32().ok_or_else(bad)?;
    RoundingUnit::try_from(kronor).map_err(|_| bad())
}

/// The plan file and `--scenario`, which `report` and `export` share; `own` reads the
/// command's other flags and returns false for a flag it does not know.
fn parse_plan_args(
    mut args: Args,
    command: &str,
    usage: &str,
    mut own: impl FnMut(&str, Option<OsString>, &mut Args) -> Result<bool, CliError>,
) -> Result<(PathBuf, Option<String>), CliError> {
    let mut file = None;
    let mut scenario = None;
    while let Some(arg) = args.next_arg() {
        match arg {
            Arg::Flag(flag, inline) if flag == "--scenario" => {
                let value = args.text_value(&flag, inline)?;
                set_once(&mut scenario, &flag, value)?
            }
            Arg::Flag(flag, inline) => {
                if !own(&flag, inline, &mut args)? {
                    return Err(CliError::Usage(format!(
                        "okänd flagga \"{flag}\" för {command}"
                    )));
                }
            }
            Arg::Positional(p) => set_once(&mut file, "FIL", PathBuf::from(p))
                .map_err(|_| CliError::Usage(format!("ange bara en planfil till {command}")))?,
        }
    }
    let file = file.ok_or_else(|| CliError::Usage(format!("ange planfilen: samplan {usage}")))?;
    Ok((file, scenario))
}

fn parse_report(args: Args) -> Result<ReportArgs, CliError> {
    let mut year = None;
    let (file, scenario) = parse_plan_args(
        args,
        "report",
        "report FIL.samplan.json",
        |flag, inline, args| {
            if flag != "--year" {
                return Ok(false);
            }
            let value = args.text_value(flag, inline)?;
            let y = parse_count(&value)
                .ok()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| {
                    CliError::Usage(format!("--year: \"{}\" är inget år", value.trim()))
                })?;
            set_once(&mut year, flag, y)?;
            Ok(true)
        },
    )?;
    Ok(ReportArgs {
        file,
        year,
        scenario,
    })
}

fn parse_export(args: Args) -> Result<ExportArgs, CliError> {
    let mut xlsx = None;
    let (file, scenario) = parse_plan_args(
        args,
        "export",
        "export FIL.samplan.json --xlsx UT.xlsx",
        |flag, inline, args| {
            if flag != "--xlsx" {
                return Ok(false);
            }
            let value = args.value(flag, inline)?;
            set_once(&mut xlsx, flag, PathBuf::from(value))?;
            Ok(true)
        },
    )?;
    let xlsx =
        xlsx.ok_or_else(|| CliError::Usage("ange filen att skriva: --xlsx UT.xlsx".to_string()))?;
    Ok(ExportArgs {
        file,
        xlsx,
        scenario,
    })
}

fn parse_diff(mut args: Args) -> Result<DiffArgs, CliError> {
    let mut files = Vec::new();
    let mut from = None;
    let mut to = None;
    while let Some(arg) = args.next_arg() {
        match arg {
            Arg::Flag(flag, inline) if flag == "--from" || flag == "--to" => {
                let value = args.text_value(&flag, inline)?;
                let which = samplan_engine::versions::VersionRef::parse(&value).ok_or_else(|| {
                    CliError::Usage(format!(
                        "{flag}: \"{}\" är ingen version; skriv ett versionsnummer, beslutad eller utkast",
                        value.trim()
                    ))
                })?;
                let slot = if flag == "--from" { &mut from } else { &mut to };
                set_once(slot, &flag, which)?;
            }
            Arg::Flag(flag, _) => {
                return Err(CliError::Usage(format!("okänd flagga \"{flag}\" för diff")))
            }
            Arg::Positional(p) => files.push(PathBuf::from(p)),
        }
    }
    match (files.len(), from.is_some() || to.is_some()) {
        (2, false) => {}
        (1, true) if from.is_some() => {}
        (1, true) => {
            return Err(CliError::Usage(
                "ange versionen att jämföra från: --from VERSION".to_string(),
            ))
        }
        (2, true) => {
            return Err(CliError::Usage(
                "--from och --to gäller en planfil; med två filer jämförs deras utkast"
                    .to_string(),
            ))
        }
        _ => {
            return Err(CliError::Usage(
                "ange två planfiler, eller en planfil med --from VERSION: samplan diff A.samplan.json B.samplan.json"
                    .to_string(),
            ))
        }
    }
    Ok(DiffArgs { files, from, to })
}

// ---------------------------------------------------------------------------------------------
// Subcommands

/// Reads and opens a plan file, or a data error naming it.
fn read_plan(path: &Path) -> Result<samplan_engine::Plan, CliError> {
    let bytes = read_file(path)?;
    let name = path.display();
    let text = String::from_utf8(bytes)
        .map_err(|_| CliError::Data(format!("fel i {name}: filen är inte UTF-8-text")))?;
    samplan_engine::plan_from_json(&text).map_err(|e| CliError::Data(format!("fel i {name}: {e}")))
}

fn run_diff(args: &DiffArgs) -> Result<Output, CliError> {
    use samplan_engine::versions::VersionRef;
    let (a, b, from_label, to_label) = match args.files.as_slice() {
        [one] => {
            let plan = read_plan(one)?;
            let from = args.from.unwrap_or(VersionRef::LatestAdopted);
            let to = args.to.unwrap_or(VersionRef::Draft);
            let content = |w| {
                plan.content_of(w)
                    .map_err(|e| CliError::Data(e.to_string()))
            };
            (
                content(from)?,
                content(to)?,
                plan.version_label(from),
                plan.version_label(to),
            )
        }
        [first, second] => (
            read_plan(first)?.content(),
            read_plan(second)?.content(),
            first.display().to_string(),
            second.display().to_string(),
        ),
        _ => return Err(CliError::Usage("ange två planfiler".to_string())),
    };
    let diff = samplan_engine::diff::diff_plans(&a, &b, &from_label, &to_label);
    let stderr = format!(
        "Från: {from_label}\nTill: {to_label}\n{}\n",
        match diff.rows.len() {
            0 => "Inga skillnader".to_string(),
            1 => "1 skillnad".to_string(),
            n => format!("{n} skillnader"),
        }
    );
    Ok(Output {
        stdout: write_csv_with(
            &samplan_engine::diff::diff_csv(&diff),
            CsvWriteOptions::STDOUT,
        ),
        stderr,
        code: 0,
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "filen finns inte".to_string(),
            std::io::ErrorKind::PermissionDenied => "åtkomst nekad".to_string(),
            std::io::ErrorKind::IsADirectory => "det är en mapp, inte en fil".to_string(),
            _ => e.to_string(),
        };
        CliError::Data(format!("kan inte läsa {}: {reason}", path.display()))
    })
}

fn run_allocate(args: &AllocateArgs) -> Result<Output, CliError> {
    let bytes = read_file(&args.members)?;
    let import = read_members_csv(&bytes, None)
        .map_err(|e| CliError::Data(format!("fel i {}: {e}", args.members.display())))?;
    let mut input = AllocationInput::new(args.funding, import.members);
    input.kommun_key = import.kommun_key;
    if let Some(key) = import.region_key {
        input.region_key = key;
    }
    input.unit = args.unit;
    input.rounding = args.rounding;
    input.allow_difference = args.allow_difference;
    let allocation =
        allocate(&input).map_err(|e| CliError::Data(format!("kan inte fördela: {e}")))?;

    let mut rows = vec![[
        "Medlem",
        "Typ",
        "Belopp",
        "Exakt",
        "Andel av total (%)",
        "Andel av part (%)",
    ]
    .map(Cell::text)
    .to_vec()];
    for m in &allocation.members {
        rows.push(vec![
            Cell::text(m.name.clone()),
            Cell::text(m.kind.label()),
            Cell::from(m.amount),
            Cell::Number(round_half_up(m.exact, 4)),
            m.share_of_total.map_or(Cell::Empty, |p| Cell::Fixed(p, 4)),
            m.share_of_party.map_or(Cell::Empty, |p| Cell::Fixed(p, 4)),
        ]);
    }

    let mut summary = format!(
        "Medelstilldelning {} kr (avrundningsenhet {} kr, avrundning {})\n",
        samplan_engine::format::format_kr_ore(allocation.total.value()),
        allocation.unit.kronor(),
        match allocation.rounding {
            MemberRounding::Each => "each",
            MemberRounding::Balanced => "balanced",
        }
    );
    for p in &allocation.parties {
        summary.push_str(&format!(
            "{}: {} kr av {} kr, {} {} kr",
            p.party.label(),
            samplan_engine::format::format_kr_ore(p.members_sum.value()),
            samplan_engine::format::format_kr_ore(p.amount.value()),
            if p.deviation {
                "avvikelse från partens andel"
            } else {
                "avrundningsdifferens"
            },
            samplan_engine::format::format_signed_kr_ore(p.rounding_difference.value()),
        ));
        let regions = allocation
            .members
            .iter()
            .filter(|m| m.kind == MemberKind::Region)
            .count();
        if p.party == Party::Kommuner || (p.party == Party::Region && regions > 1) {
            summary.push_str(&format!(" (nyckel {}", p.key));
            if let Some(rate) = p.kr_per_inhabitant {
                summary.push_str(&format!(", {} kr per invånare", format_decimal(rate, 2)));
            }
            summary.push(')');
        }
        summary.push('\n');
    }
    let members_total = allocation.members_total();
    let deviation = allocation.parties.iter().any(|p| p.deviation);
    summary.push_str(&format!(
        "Medlemmarna betalar {} kr, {} {} kr mot medelstilldelningen\n",
        samplan_engine::format::format_kr_ore(members_total.value()),
        if deviation {
            "avvikelse"
        } else {
            "avrundningsdifferens"
        },
        members_total.checked_sub(allocation.total).map_or_else(
            || "–".to_string(),
            |d| samplan_engine::format::format_signed_kr_ore(d.value())
        ),
    ));
    Ok(Output {
        stdout: write_csv_with(&rows, CsvWriteOptions::STDOUT),
        stderr: summary,
        code: 0,
    })
}

/// Kronor for the summary: whole kronor, or with two decimals when there are ören
/// (`236 975,51`), so a sum of Belopp with ören is never shown rounded.
fn run_report(args: &ReportArgs) -> Result<Output, CliError> {
    let bytes = read_file(&args.file)?;
    let name = args.file.display();
    let text = String::from_utf8(bytes)
        .map_err(|_| CliError::Data(format!("fel i {name}: filen är inte UTF-8-text")))?;
    let plan = samplan_engine::plan_from_json(&text)
        .map_err(|e| CliError::Data(format!("fel i {name}: {e}")))?;
    let csv = samplan_engine::csv::report_to_csv(&plan, args.year, args.scenario.as_deref())
        .map_err(|e| CliError::Data(e.to_string()))?;
    let report = samplan_engine::compute_scenario(
        &plan,
        args.scenario
            .as_deref()
            .and_then(|n| plan.scenario_by_name(n)),
    );
    let shown: Vec<&samplan_engine::Warning> = report
        .warnings
        .iter()
        .filter(|w| args.year.is_none_or(|y| w.year().is_none_or(|wy| wy == y)))
        .collect();
    let errors: Vec<&&samplan_engine::Warning> = shown
        .iter()
        .filter(|w| w.severity() == samplan_engine::Severity::Error)
        .collect();
    let warnings = shown.len().saturating_sub(errors.len());
    let mut stderr = format!(
        "{}: {}, {} fel\n",
        plan.settings.name,
        match warnings {
            1 => "1 varning".to_string(),
            n => format!("{n} varningar"),
        },
        errors.len()
    );
    for e in &errors {
        stderr.push_str(&format!("samplan report: fel: {}\n", e.message()));
    }
    Ok(Output {
        stdout: csv.into_bytes(),
        stderr,
        code: if errors.is_empty() { 0 } else { 2 },
    })
}

fn run_export(args: &ExportArgs) -> Result<Output, CliError> {
    let bytes = read_file(&args.file)?;
    let name = args.file.display();
    let text = String::from_utf8(bytes)
        .map_err(|_| CliError::Data(format!("fel i {name}: filen är inte UTF-8-text")))?;
    let plan = samplan_engine::plan_from_json(&text)
        .map_err(|e| CliError::Data(format!("fel i {name}: {e}")))?;
    let scenario = match &args.scenario {
        None => None,
        Some(s) => Some(plan.scenario_by_name(s).ok_or_else(|| {
            CliError::Data(format!("scenariot \"{}\" finns inte i planen", s.trim()))
        })?),
    };
    let xlsx = samplan_engine::xlsx::export_plan_xlsx(&plan, scenario)
        .map_err(|e| CliError::Data(e.to_string()))?;
    std::fs::write(&args.xlsx, &xlsx)
        .map_err(|e| CliError::Data(format!("kan inte skriva {}: {e}", args.xlsx.display())))?;
    Ok(Output {
        stdout: Vec::new(),
        stderr: format!("Skrev {} ({} byte)\n", args.xlsx.display(), xlsx.len()),
        code: 0,
    })
}
