//! The one rule for when two names of members (or scenarios) are the same name
//! (docs/allocation.md "Member names"): compared trimmed, with runs of white space as one space
//! and without regard to case, Swedish letters included (`Västerås` and ` västerås ` match).

/// The form a name is compared in: trimmed, inner white space folded to one space, lower case
/// (Unicode, so `Å`, `Ä`, `Ö` fold to `å`, `ä`, `ö`).
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when `a` and `b` name the same member or scenario (see [`name_key`]).
pub fn names_match(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A name as it is stored: trimmed, inner white space folded to one space, case kept.
pub fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
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
