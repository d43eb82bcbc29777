//! Names (docs/allocation.md "Member names", docs/app.md "Files" and "Sharing"): the one rule
//! for when two names are the same name — compared trimmed, with runs of white space as one
//! space and without regard to case, Swedish letters included (`Västerås` and ` västerås `
//! match) — used for members, scenarios and stored plans; the free name for a plan that would
//! duplicate a stored one ("Plan (2)"); and the file name of a shared read-only file
//! (`<förbund>-<kommun>-<år>.html`).
/// The form a name is compared in: trimmed, inner white space folded to one space, lower case
/// (Unicode, so `Å`, `Ä`, `Ö` fold to `å`, `ä`, `ö`).
pub fn name_key(name: &str) -> String {
    clean_name(name).to_lowercase()
}

/// True when `a` and `b` name the same member or scenario (see [`name_key`]).
pub fn names_match(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A name as it is stored: trimmed, inner white space folded to one space, case kept.
pub fn clean_name(name: &str) -> String {
    let mut clean = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !clean.is_empty() {
            clean.push(' ');
        }
        clean.push_str(word);
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_names() {
        assert!(names_match("Västerås", "västerås "));
        assert!(names_match("ÅRE", "åre"));
        assert!(names_match("Upplands  Väsby", " upplands väsby"));
        assert!(names_match("Köping", "KÖPING"));
        assert!(!names_match("Köping", "Koping"));
        assert!(!names_match("Sala", "Salem"));
        assert!(names_match("", "   "));
        assert_eq!(clean_name("  Upplands \t Väsby "), "Upplands Väsby");
        assert_eq!(name_key("Västerås"), "västerås");
    }
}

/// `name` when no plan in `taken` has it; otherwise the base name with the first free
/// number from 2 up: `"Plan"` → `"Plan (2)"`, `"Plan (3)"`, …. A name that already ends in
/// `" (n)"` counts up from its base (`"Plan (2)"` → `"Plan (3)"`). Names are compared by
/// [`names_match`], so `"plan "` takes the place of `"Plan"` too.
pub fn unique_plan_name<S: AsRef<str>>(name: &str, taken: &[S]) -> String {
    let name = name.trim();
    let is_taken = |candidate: &str| taken.iter().any(|t| names_match(t.as_ref(), candidate));
    if !is_taken(name) {
        return name.to_string();
    }
    let numbered = |base: &str, first: u64| -> Option<String> {
        // At most `taken.len()` numbers are taken, so one of the next `taken.len() + 1` is free.
        (0..=taken.len() as u64)
            .map_while(|i| first.checked_add(i))
            .map(|n| format!("{base} ({n})"))
            .find(|candidate| !is_taken(candidate))
    };
    split_number(name)
        .and_then(|(base, n)| numbered(base, n.checked_add(1)?))
        .or_else(|| numbered(name, 2))
        .unwrap_or_else(|| format!("{name} (2)"))
}

/// `("Plan", 2)` for `"Plan (2)"`; `None` when the name does not end in `" (n)"` with n ≥ 2.
fn split_number(name: &str) -> Option<(&str, u64)> {
    let (base, digits) = name.strip_suffix(')')?.rsplit_once(" (")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    (n >= 2 && !base.trim().is_empty()).then_some((base, n))
}

/// The file name of a shared read-only file: `<förbund>-<kommun>-<år>.html`, or
/// `<förbund>-<år>.html` for the whole plan. Letters (å, ä, ö and every other letter),
/// digits, `_` and `.` are kept; spaces, slashes and every other character become `-`,
/// runs of `-` become one, and a part left empty becomes `plan` (or `kommun`).
pub fn shared_file_name(forbund: &str, kommun: Option<&str>, year: i32) -> String {
    let mut parts = vec![file_part(forbund, "plan")];
    if let Some(k) = kommun {
        parts.push(file_part(k, "kommun"));
    }
    parts.push(year.to_string());
    format!("{}.html", parts.join("-"))
}

/// One part of a file name (see [`shared_file_name`]).
fn file_part(text: &str, empty: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let keep = c.is_alphanumeric() || c == '_' || c == '.';
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.');
    if trimmed.is_empty() {
        empty.to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod plan_name_tests {
    use super::*;

    #[test]
    fn a_free_name_is_kept() {
        assert_eq!(unique_plan_name("Plan", &["Annan"]), "Plan");
        assert_eq!(unique_plan_name("Plan", &[] as &[&str]), "Plan");
        assert_eq!(unique_plan_name("  Plan ", &["Annan"]), "Plan");
    }

    #[test]
    fn a_taken_name_gets_the_first_free_number() {
        assert_eq!(unique_plan_name("Plan", &["Plan"]), "Plan (2)");
        assert_eq!(unique_plan_name("Plan", &["Plan", "Plan (2)"]), "Plan (3)");
        assert_eq!(
            unique_plan_name("Plan", &["Plan", "Plan (3)", "Plan (2)", "Plan (5)"]),
            "Plan (4)"
        );
        assert_eq!(
            unique_plan_name("Plan (2)", &["Plan", "Plan (2)"]),
            "Plan (3)"
        );
        assert_eq!(unique_plan_name("Plan", &[" Plan "]), "Plan (2)");
        // One rule for names: case and inner white space do not make a name free.
        assert_eq!(unique_plan_name("plan", &["Plan"]), "plan (2)");
        assert_eq!(
            unique_plan_name("Min  plan", &["min plan", "MIN PLAN (2)"]),
            "Min  plan (3)"
        );
        // Not a number suffix: counted from 2 after the whole name.
        assert_eq!(unique_plan_name("Plan (a)", &["Plan (a)"]), "Plan (a) (2)");
        assert_eq!(unique_plan_name("Plan (1)", &["Plan (1)"]), "Plan (1) (2)");
        assert_eq!(unique_plan_name("(2)", &["(2)"]), "(2) (2)");
        assert_eq!(
            unique_plan_name("Plan (4294967295)", &["Plan (4294967295)"]),
            "Plan (4294967296)"
        );
        assert_eq!(
            unique_plan_name(
                "Plan (18446744073709551615)",
                &["Plan (18446744073709551615)"]
            ),
            "Plan (18446744073709551615) (2)"
        );
    }

    #[test]
    fn shared_file_names_keep_swedish_letters() {
        assert_eq!(
            shared_file_name("Samordningsförbundet Västmanland", Some("Köping"), 2025),
            "Samordningsförbundet-Västmanland-Köping-2025.html"
        );
        assert_eq!(
            shared_file_name("Finsam Ö/Å", Some("Upplands Väsby"), 2026),
            "Finsam-Ö-Å-Upplands-Väsby-2026.html"
        );
        assert_eq!(shared_file_name("Förbund", None, 2025), "Förbund-2025.html");
        assert_eq!(
            shared_file_name(" a // b: \"c\" ", Some("<>"), 2025),
            "a-b-c-kommun-2025.html"
        );
        assert_eq!(shared_file_name("..", None, 2025), "plan-2025.html");
        assert_eq!(
            shared_file_name("a\\b\u{0}c", None, 2025),
            "a-b-c-2025.html"
        );
    }
}
