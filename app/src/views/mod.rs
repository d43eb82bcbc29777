//! The screens of the app, one module per tab, and the [`Tab`] routing (URL fragment).

pub mod budget;
pub mod eget_kapital;
pub mod finansiering;
pub mod kommun;
pub mod oversikt;
pub mod scenarier;
pub mod uppfoljning;
pub mod versioner;

pub use budget::*;
pub use eget_kapital::*;
pub use finansiering::*;
pub use kommun::*;
pub use oversikt::*;
pub use scenarier::*;
pub use uppfoljning::*;
pub use versioner::*;

/// The tabs of the app, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Key figures and warnings.
    Oversikt,
    /// Parties, members, keys.
    Finansiering,
    /// The budget grid.
    Budget,
    /// Budget vs outcome.
    Uppfoljning,
    /// Equity forecast.
    EgetKapital,
    /// One municipality: what it pays and why.
    Kommun,
    /// Scenarios: manage, levers, compare.
    Scenarier,
    /// Versions: adopt, list, start a draft, what changed (docs/budget.md "Versioner").
    Versioner,
}

impl Tab {
    /// All tabs in display order.
    pub const ALL: [Tab; 8] = [
        Tab::Oversikt,
        Tab::Finansiering,
        Tab::Budget,
        Tab::Uppfoljning,
        Tab::EgetKapital,
        Tab::Kommun,
        Tab::Scenarier,
        Tab::Versioner,
    ];

    /// The tab's Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Oversikt => "Översikt",
            Tab::Finansiering => "Finansiering",
            Tab::Budget => "Budget",
            Tab::Uppfoljning => "Uppföljning",
            Tab::EgetKapital => "Eget kapital",
            Tab::Kommun => "Kommun",
            Tab::Scenarier => "Scenarier",
            Tab::Versioner => "Versioner",
        }
    }

    /// The URL fragment without `#`: `oversikt`, `finansiering`, `budget`, `uppfoljning`,
    /// `eget-kapital`, `kommun`, `scenarier`, `versioner`.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Oversikt => "oversikt",
            Tab::Finansiering => "finansiering",
            Tab::Budget => "budget",
            Tab::Uppfoljning => "uppfoljning",
            Tab::EgetKapital => "eget-kapital",
            Tab::Kommun => "kommun",
            Tab::Scenarier => "scenarier",
            Tab::Versioner => "versioner",
        }
    }

    /// The tab named by a URL fragment (with or without `#`); `None` for anything else.
    pub fn from_fragment(fragment: &str) -> Option<Tab> {
        let f = fragment.trim_start_matches('#');
        Tab::ALL.into_iter().find(|t| t.slug() == f)
    }

    /// The tab `step` places away, wrapping around (arrow keys in the tablist).
    pub fn step(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0) as isize;
        Tab::ALL[((i + step) % n + n) as usize % n as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip() {
        for t in Tab::ALL {
            assert_eq!(Tab::from_fragment(&format!("#{}", t.slug())), Some(t));
        }
        assert_eq!(Tab::from_fragment(""), None);
        assert_eq!(Tab::from_fragment("#okänd"), None);
    }

    #[test]
    fn arrows_wrap() {
        assert_eq!(Tab::Oversikt.step(-1), Tab::Versioner);
        assert_eq!(Tab::Versioner.step(1), Tab::Oversikt);
        assert_eq!(Tab::Budget.step(1), Tab::Uppfoljning);
    }
}
