//! Running the `samplan` binary in tests (docs/cli.md): the command, its output as text, and
//! the paths of fixtures and examples.

use std::process::{Command, Output};

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn samplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(args)
        .output()
        .expect("the samplan binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs a failing command: non-zero exit code, nothing on stdout, the message on stderr.
pub fn assert_fails(args: &[&str], code: i32, needles: &[&str]) {
    let o = samplan(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    assert!(
        o.stdout.is_empty(),
        "{args:?}: stdout must be empty, got {}",
        stdout(&o)
    );
    let err = stderr(&o);
    for needle in needles {
        assert!(
            err.contains(needle),
            "{args:?}: stderr lacks {needle:?}: {err}"
        );
    }
}

pub fn example(name: &str) -> String {
    format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The value of the `År;Avsnitt;Post;Värde` row for (section, post), if present.
pub fn report_value(text: &str, year: &str, section: &str, post: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(';').collect();
        (f.len() == 4 && f[0] == year && f[1] == section && f[2] == post).then(|| f[3].to_string())
    })
}

/// Writes `text` to a fresh temporary file named `name` and returns its path.
pub fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("samplan-cli-hfb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8 path").to_string()
}
