//! Runs one target on files: `cargo run --profile fuzz -p samplan-fuzz --example replay -- <target> FILE…`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(target) = args
        .next()
        .and_then(|t| samplan_fuzz::Target::from_name(&t))
    else {
        eprintln!("användning: replay <mål> FIL…");
        std::process::exit(2);
    };
    for path in args {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match samplan_fuzz::check(target, &bytes) {
            Ok(v) => println!("{path}: {v:?}"),
            Err(c) => println!("{path}: {c}"),
        }
    }
}
