//! Swedish number input (docs/numbers.md): `1234`, `1 234`, `1 234,50`, grouping with U+0020, U+00A0
//! or U+202F, minus as `-`, `−` or `–`, an optional trailing `kr`, and `12 tkr` = 12 000.
//! `1.234` is ambiguous (thousands or decimals?) and rejected; `1234.5` is a decimal.

use rust_decimal::Decimal;
use std::str::FromStr;
use thiserror::Error;

use crate::money::Amount;

/// Why a piece of text is not an acceptable number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// Characters that are not part of a number.
    NotANumber,
    /// `1.234`: could be thousands or decimals.
    Ambiguous,
    /// Both `.` and `,`, or several decimal separators.
    MixedSeparators,
    /// Digit groups that are not groups of three (`12 34`).
    Grouping,
    /// Larger than the engine can represent.
    TooLarge,
    /// An amount larger than the engine can represent: always above the money bound
    /// (docs/bounds.md), so the message is the bound's.
    AmountTooLarge,
    /// A decimal where a whole number is required.
    NotWhole,
    /// A negative value where only zero or more is allowed.
    Negative,
}

/// A rejected number, with the text the user typed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message())]
pub struct NumberError {
    /// The text as typed.
    pub input: String,
    /// What is wrong with it.
    pub kind: NumberErrorKind,
}

impl NumberError {
    fn new(input: &str, kind: NumberErrorKind) -> Self {
        NumberError {
            input: input.trim().to_string(),
            kind,
        }
    }

    /// The Swedish message shown to the user.
    pub fn message(&self) -> String {
        let s = &self.input;
        match self.kind {
            NumberErrorKind::Empty => "värdet är tomt".to_string(),
            NumberErrorKind::NotANumber => format!("\"{s}\" är inget tal"),
            NumberErrorKind::Ambiguous => format!(
                "\"{s}\" är tvetydigt: skriv {} för tusental eller {} för decimaler",
                s.replace('.', ""),
                s.replace('.', ",")
            ),
            NumberErrorKind::MixedSeparators => format!(
                "\"{s}\" har flera decimaltecken: använd mellanslag för tusental och komma för decimaler"
            ),
            NumberErrorKind::Grouping => {
                format!("\"{s}\" har felaktig tusentalsgruppering (grupper om tre siffror)")
            }
            NumberErrorKind::TooLarge => format!("\"{s}\" är för stort"),
            NumberErrorKind::AmountTooLarge => crate::bounds::BoundsError::AmountTooLarge.to_string(),
            NumberErrorKind::NotWhole => format!("\"{s}\" är inget heltal"),
            NumberErrorKind::Negative => format!("\"{s}\" får inte vara negativt"),
        }
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = s.len().checked_sub(suffix.len())?;
    if s.is_char_boundary(n) && s[n..].eq_ignore_ascii_case(suffix) {
        Some(&s[..n])
    } else {
        None
    }
}

/// Parses a Swedish number (no unit suffix). See the module docs for the accepted forms.
pub fn parse_number(input: &str) -> Result<Decimal, NumberError> {
    parse_with_multiplier(input, input.trim(), Decimal::ONE)
}

/// Parses an amount in kronor: a Swedish number with an optional trailing `kr`, or `tkr`
/// (multiplies by 1 000) or `mkr` (by 1 000 000).
pub fn parse_amount(input: &str) -> Result<Amount, NumberError> {
    let t = input.trim();
    let (body, mult) = if let Some(b) = strip_suffix_ci(t, "tkr") {
        (b, Decimal::ONE_THOUSAND)
    } else if let Some(b) = strip_suffix_ci(t, "mkr") {
        (b, Decimal::from(1_000_000))
    } else if let Some(b) = strip_suffix_ci(t, "kr") {
        (b, Decimal::ONE)
    } else {
        (t, Decimal::ONE)
    };
    parse_with_multiplier(input, body, mult)
        .map(Amount)
        .map_err(amount_error)
}

/// Parses an amount typed into a field shown in `unit` (docs/numbers.md): in tkr a bare number
/// means thousands (`1 234,5` → 1 234 500 kr) unless the text names its unit (`500 kr`,
/// `2 tkr`, `1 mkr`); in kr it is [`parse_amount`].
pub fn parse_amount_in(
    input: &str,
    unit: crate::format::DisplayUnit,
) -> Result<Amount, NumberError> {
    let t = input.trim();
    let names_unit = strip_suffix_ci(t, "kr").is_some();
    match unit {
        crate::format::DisplayUnit::Tkr if !names_unit && !t.is_empty() => {
            parse_with_multiplier(input, t, Decimal::ONE_THOUSAND)
                .map(Amount)
                .map_err(amount_error)
        }
        _ => parse_amount(input),
    }
}

fn amount_error(e: NumberError) -> NumberError {
    match e.kind {
        NumberErrorKind::TooLarge => NumberError {
            kind: NumberErrorKind::AmountTooLarge,
            ..e
        },
        _ => e,
    }
}

/// Parses a percentage (`44`, `44,0`, `44,5 %`), returned in percent points (44,5 → 44.5).
pub fn parse_percent(input: &str) -> Result<Decimal, NumberError> {
    let t = input.trim();
    let body = t.strip_suffix('%').unwrap_or(t);
    parse_with_multiplier(input, body, Decimal::ONE)
}

/// Parses a whole, non-negative count such as a population (`24 512`).
pub fn parse_count(input: &str) -> Result<u64, NumberError> {
    let d = parse_number(input)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(NumberError::new(input, NumberErrorKind::Negative));
    }
    if d.fract() != Decimal::ZERO {
        return Err(NumberError::new(input, NumberErrorKind::NotWhole));
    }
    use rust_decimal::prelude::ToPrimitive;
    d.to_u64()
        .ok_or_else(|| NumberError::new(input, NumberErrorKind::TooLarge))
}

fn parse_with_multiplier(
    original: &str,
    body: &str,
    mult: Decimal,
) -> Result<Decimal, NumberError> {
    let err = |kind| Err(NumberError::new(original, kind));
    let mut s = body.trim();
    if s.is_empty() {
        return err(if original.trim().is_empty() {
            NumberErrorKind::Empty
        } else {
            NumberErrorKind::NotANumber
        });
    }
    let mut negative = false;
    if let Some(first) = s.chars().next() {
        if matches!(first, '-' | '\u{2212}' | '\u{2013}' | '+') {
            negative = first != '+';
            s = s[first.len_utf8()..].trim_start();
        }
    }
    if s.is_empty() {
        return err(NumberErrorKind::NotANumber);
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || is_group_space(c))
    {
        return err(NumberErrorKind::NotANumber);
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    if commas.saturating_add(dots) > 1 {
        return err(NumberErrorKind::MixedSeparators);
    }
    let (int_part, frac_part) = match s.split_once([',', '.']) {
        Some((int_part, frac_part)) => (int_part, Some(frac_part)),
        None => (s, None),
    };
    // Integer part: digit groups separated by (runs of) spaces; groups after the first have three digits.
    let groups: Vec<&str> = int_part
        .split(is_group_space)
        .filter(|g| !g.is_empty())
        .collect();
    if int_part.ends_with(is_group_space) && frac_part.is_some() {
        return err(NumberErrorKind::Grouping);
    }
    if let Some((first, rest)) = groups.split_first() {
        if !rest.is_empty() && (first.len() > 3 || rest.iter().any(|g| g.len() != 3)) {
            return err(NumberErrorKind::Grouping);
        }
    }
    let digits: String = groups.concat();
    let frac = match frac_part {
        Some(f) => {
            if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
                return err(NumberErrorKind::NotANumber);
            }
            if dots == 1
                && f.len() == 3
                && groups.len() == 1
                && !digits.trim_start_matches('0').is_empty()
            {
                return err(NumberErrorKind::Ambiguous);
            }
            f
        }
        None => "",
    };
    if digits.is_empty() && frac.is_empty() {
        return err(NumberErrorKind::NotANumber);
    }
    let int_digits = if digits.is_empty() {
        "0"
    } else {
        digits.as_str()
    };
    let text = if frac.is_empty() {
        int_digits.to_string()
    } else {
        format!("{int_digits}.{frac}")
    };
    let value = match Decimal::from_str(&text) {
        Ok(v) => v,
        Err(_) => return err(NumberErrorKind::TooLarge),
    };
    let value = match value.checked_mul(mult) {
        Some(v) => v,
        None => return err(NumberErrorKind::TooLarge),
    };
    Ok(if negative {
        crate::money::negate(value)
    } else {
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_tkr_means_thousands() {
        use crate::format::DisplayUnit::{Kr, Tkr};
        assert_eq!(parse_amount_in("1 234,5", Tkr), Ok(Amount::kr(1_234_500)));
        assert_eq!(parse_amount_in(" 500 kr", Tkr), Ok(Amount::kr(500)));
        assert_eq!(parse_amount_in("2 TKR", Tkr), Ok(Amount::kr(2_000)));
        assert_eq!(parse_amount_in("1 mkr", Tkr), Ok(Amount::kr(1_000_000)));
        assert_eq!(parse_amount_in("1 234", Kr), Ok(Amount::kr(1_234)));
        assert_eq!(
            parse_amount_in("0,0005", Tkr),
            Ok(Amount(Decimal::new(5, 1)))
        );
        assert_eq!(
            parse_amount_in("12a", Tkr).map_err(|e| e.message()),
            parse_amount("12a").map_err(|e| e.message())
        );
        assert_eq!(
            parse_amount_in("", Tkr).map_err(|e| e.kind),
            Err(NumberErrorKind::Empty)
        );
        assert_eq!(
            parse_amount_in("99999999999999999999999999", Tkr).map_err(|e| e.kind),
            Err(NumberErrorKind::AmountTooLarge)
        );
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Every accepted input form of docs/numbers.md.
    #[test]
    fn accepted_forms() {
        let cases = [
            ("1234", "1234"),
            ("1 234", "1234"),
            ("1\u{00A0}234", "1234"),
            ("1\u{202F}234", "1234"),
            ("1 234,50", "1234.50"),
            ("19 038 000", "19038000"),
            ("-1 945 000", "-1945000"),
            ("\u{2212}1 945 000", "-1945000"),
            ("\u{2013}1 945", "-1945"),
            ("- 7 078", "-7078"),
            ("+12", "12"),
            ("1234.5", "1234.5"),
            ("0,5", "0.5"),
            (",5", "0.5"),
            ("0.125", "0.125"),
            ("1,234", "1.234"),
            ("  42  ", "42"),
            ("6  030", "6030"),
            ("0", "0"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_number(input), Ok(d(want)), "input {input:?}");
        }
    }

    #[test]
    fn amount_suffixes() {
        let cases = [
            ("1 234 kr", "1234"),
            ("1 234kr", "1234"),
            ("12 tkr", "12000"),
            ("12,5 tkr", "12500"),
            ("12 TKR", "12000"),
            ("1,5 mkr", "1500000"),
            ("\u{2212}12 tkr", "-12000"),
            ("1 234,50 kr", "1234.50"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_amount(input), Ok(Amount(d(want))), "input {input:?}");
        }
    }

    /// Every rejected input form, with the reason.
    #[test]
    fn rejected_forms() {
        use NumberErrorKind::*;
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("12a", NotANumber),
            ("abc", NotANumber),
            ("kr", NotANumber),
            ("-", NotANumber),
            ("1.234", Ambiguous),
            ("12.345", Ambiguous),
            ("1.234,50", MixedSeparators),
            ("1,2,3", MixedSeparators),
            ("12 34", Grouping),
            ("1234 567", Grouping),
            ("1 2345", Grouping),
            ("12,", NotANumber),
            ("1e5", NotANumber),
            ("99999999999999999999999999999999", AmountTooLarge),
        ];
        for (input, kind) in cases {
            let e = parse_amount(input).unwrap_err();
            assert_eq!(e.kind, kind, "input {input:?}");
            assert!(!e.message().is_empty());
        }
        // An amount beyond what can be represented gets the money bound's message.
        assert_eq!(
            parse_amount("1000000000000000000000000000000")
                .unwrap_err()
                .message(),
            "beloppet är för stort: högst 1 000 000 000 000 kr (tusen miljarder) är tillåtet"
        );
        assert_eq!(
            parse_number("99999999999999999999999999999999")
                .unwrap_err()
                .kind,
            TooLarge
        );
    }

    #[test]
    fn messages_are_swedish_and_name_the_value() {
        assert_eq!(
            parse_number("12a").unwrap_err().to_string(),
            "\"12a\" är inget tal"
        );
        let amb = parse_number("1.234").unwrap_err().to_string();
        assert!(
            amb.contains("tvetydigt") && amb.contains("1234") && amb.contains("1,234"),
            "{amb}"
        );
    }

    #[test]
    fn percent_and_count() {
        assert_eq!(parse_percent("44,5 %"), Ok(d("44.5")));
        assert_eq!(parse_percent("44"), Ok(d("44")));
        assert_eq!(parse_count("24 512"), Ok(24512));
        assert_eq!(
            parse_count("12,5").unwrap_err().kind,
            NumberErrorKind::NotWhole
        );
        assert_eq!(
            parse_count("-3").unwrap_err().kind,
            NumberErrorKind::Negative
        );
        assert_eq!(parse_count("1 000,00"), Ok(1000));
    }
}
