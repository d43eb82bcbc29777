//! Versions of a plan (docs/budget.md "Versioner"): the working draft (*utkast*), frozen
//! proposals (*förslag*) and adopted versions (*beslutad*: date, body, paragraph, note).
//!
//! The plan's own content is the working draft. [`Plan::freeze`] stores a whole copy of it as
//! a frozen version and locks the draft on that version: while it is locked, every edit is
//! refused with [`EditError::Frozen`](crate::EditError::Frozen), and the app asks "start a new
//! draft?" before the first change. [`Plan::start_draft`] unlocks it, or replaces the draft by
//! the copy of another version. A frozen version is never changed; a revised decision during
//! the year is a new adopted version of the same year, and [`Plan::latest_adopted`] is the one
//! in force. Versions are whole copies (docs/plan-file.md has the measured size).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::plan::{Plan, Year};

/// Stable identifier of a version within a plan (1, 2, …; never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VersionId(pub u32);

/// Who adopted a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecisionBody {
    /// *Styrelsen* (the board).
    Styrelse,
    /// *Medlemssamrådet* (the members' consultation).
    Medlemssamrad,
}

impl DecisionBody {
    /// Both bodies in display order.
    pub const ALL: [DecisionBody; 2] = [DecisionBody::Styrelse, DecisionBody::Medlemssamrad];

    /// Swedish name: `Styrelsen`, `Medlemssamrådet`.
    pub fn label(self) -> &'static str {
        match self {
            DecisionBody::Styrelse => "Styrelsen",
            DecisionBody::Medlemssamrad => "Medlemssamrådet",
        }
    }

    /// Reads `styrelse`/`styrelsen` or `medlemssamråd`/`medlemssamrådet` (any case).
    pub fn parse(text: &str) -> Option<DecisionBody> {
        match text.trim().to_lowercase().as_str() {
            "styrelse" | "styrelsen" => Some(DecisionBody::Styrelse),
            "medlemssamråd" | "medlemssamrådet" | "medlemssamrad" => {
                Some(DecisionBody::Medlemssamrad)
            }
            _ => None,
        }
    }
}

/// The decision that adopted a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The date of the meeting, `ÅÅÅÅ-MM-DD`.
    pub date: String,
    /// Who decided.
    pub body: DecisionBody,
    /// The paragraph of the minutes, without the `§` sign (`45`).
    pub paragraph: String,
    /// An optional note (`reviderad budget efter ny medelstilldelning`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Decision {
    /// A checked decision: the date must be a real `ÅÅÅÅ-MM-DD` date and the paragraph must
    /// not be empty (a leading `§` is dropped). Texts are trimmed.
    pub fn new(
        date: &str,
        body: DecisionBody,
        paragraph: &str,
        note: &str,
    ) -> Result<Decision, VersionError> {
        let date = date.trim();
        if !is_date(date) {
            return Err(VersionError::BadDate(date.to_string()));
        }
        let paragraph = paragraph.trim().trim_start_matches('§').trim();
        if paragraph.is_empty() {
            return Err(VersionError::NoParagraph);
        }
        Ok(Decision {
            date: date.to_string(),
            body,
            paragraph: paragraph.to_string(),
            note: note.trim().to_string(),
        })
    }
}

/// True for a real calendar date written `ÅÅÅÅ-MM-DD` (1990–2200).
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (crate::bounds::MIN_YEAR..=crate::bounds::MAX_YEAR).contains(&y) && (1..=days).contains(&d)
}

/// A frozen version's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionStatus {
    /// *Förslag*: frozen, not (yet) adopted.
    Forslag,
    /// *Beslutad*: adopted by a decision.
    Beslutad(Decision),
}

/// One frozen version: a whole copy of the plan as it was frozen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersion {
    /// Stable id.
    pub id: VersionId,
    /// The budget year the version is for (a revised decision is a new version of the same
    /// year).
    pub year: Year,
    /// Förslag or beslutad.
    pub status: VersionStatus,
    /// The version the draft was started from when this one was frozen, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<VersionId>,
    /// The plan as frozen (its own `versions` are empty). Written as compact JSON inside the
    /// pretty file, which halves the file (docs/plan-file.md).
    #[serde(serialize_with = "compact_plan")]
    pub plan: Box<Plan>,
}

impl PlanVersion {
    /// The decision, for an adopted version.
    pub fn decision(&self) -> Option<&Decision> {
        match &self.status {
            VersionStatus::Beslutad(d) => Some(d),
            VersionStatus::Forslag => None,
        }
    }

    /// Short Swedish label: `Beslutad 2026-11-20, § 45` or `Förslag 3 (budget 2027)`.
    pub fn label(&self) -> String {
        match &self.status {
            VersionStatus::Beslutad(d) => format!("Beslutad {}, § {}", d.date, d.paragraph),
            VersionStatus::Forslag => format!("Förslag {} (budget {})", self.id.0, self.year),
        }
    }

    /// Long Swedish label: `Budget 2027, beslutad av styrelsen 2026-11-20, § 45 (reviderad
    /// budget)`.
    pub fn long_label(&self) -> String {
        match &self.status {
            VersionStatus::Beslutad(d) => {
                let note = if d.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", d.note)
                };
                format!(
                    "Budget {}, beslutad av {} {}, § {}{note}",
                    self.year,
                    d.body.label().to_lowercase(),
                    d.date,
                    d.paragraph
                )
            }
            VersionStatus::Forslag => format!("Förslag {} till budget {}", self.id.0, self.year),
        }
    }
}

/// Serialises a version's plan as one compact JSON value (a pretty printer keeps it as is).
fn compact_plan<S: serde::Serializer>(plan: &Plan, s: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(plan).map_err(serde::ser::Error::custom)?;
    let raw = serde_json::value::RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
    raw.serialize(s)
}

/// The versions of a plan and the state of its working draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versions {
    /// Frozen versions, oldest first.
    #[serde(default)]
    pub list: Vec<PlanVersion>,
    /// The frozen version the draft is locked on: the draft is that version unchanged, and
    /// edits are refused until a new draft is started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<VersionId>,
    /// The version the draft was started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_from: Option<VersionId>,
}

impl Versions {
    /// True when the plan has no versions (a plan as before version 4 of the file).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.locked.is_none() && self.draft_from.is_none()
    }

    /// The version with `id`.
    pub fn get(&self, id: VersionId) -> Option<&PlanVersion> {
        self.list.iter().find(|v| v.id == id)
    }
}

/// Which content of a plan: the working draft or a frozen version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionRef {
    /// The working draft (the plan's own content).
    Draft,
    /// A frozen version.
    Version(VersionId),
    /// The latest adopted version (of any year).
    LatestAdopted,
}

impl VersionRef {
    /// Reads `utkast`, `beslutad` (the latest adopted) or a version number (`2`).
    pub fn parse(text: &str) -> Option<VersionRef> {
        match text.trim().to_lowercase().as_str() {
            "utkast" | "draft" => Some(VersionRef::Draft),
            "beslutad" | "senast beslutad" => Some(VersionRef::LatestAdopted),
            t => t
                .parse::<u32>()
                .ok()
                .map(|n| VersionRef::Version(VersionId(n))),
        }
    }
}

/// Why a version operation is refused; the plan is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum VersionError {
    /// A date that is not `ÅÅÅÅ-MM-DD`.
    #[error("\"{0}\" är inget datum; skriv beslutsdatum som ÅÅÅÅ-MM-DD, t.ex. 2026-11-20")]
    BadDate(String),
    /// No paragraph.
    #[error("skriv paragrafen i protokollet (t.ex. § 45)")]
    NoParagraph,
    /// The version's year is not a plan year.
    #[error("{0} är inte ett av planens år")]
    NotPlanYear(Year),
    /// No version with this id.
    #[error("version {0} finns inte i planen")]
    NoVersion(u32),
    /// No adopted version.
    #[error("planen har ingen beslutad version")]
    NoAdopted,
    /// Freezing a proposal of a draft that is already frozen.
    #[error("utkastet är oförändrat sedan {0}; ändra något först")]
    Unchanged(String),
    /// Starting a draft would replace a draft whose changes are in no version.
    #[error("utkastet har ändringar som inte finns i någon version; spara det som förslag först, annars går ändringarna förlorade")]
    DraftNotSaved,
    /// The plan already holds as many versions as it may.
    #[error("planen har redan {0} versioner, fler får inte plats")]
    TooMany(usize),
}

/// The most versions a plan holds (docs/plan-file.md: whole copies, measured).
pub const MAX_VERSIONS: usize = 200;

impl Plan {
    /// The plan's content without its versions: the draft, as a version stores it.
    pub fn content(&self) -> Plan {
        let mut p = self.clone();
        p.versions = Versions::default();
        p
    }

    /// The draft's state in Swedish: `Utkastet är låst: Beslutad 2026-11-20, § 45.`, `Utkast,
    /// startat från Beslutad 2026-11-20, § 45.` or `Utkast (inga versioner ännu).`
    pub fn draft_status(&self) -> String {
        match (
            self.locked_version(),
            self.versions.draft_from.and_then(|id| self.version(id)),
        ) {
            (Some(v), _) => format!("Utkastet är låst: {}.", v.label()),
            (None, Some(v)) => format!("Utkast, startat från {}.", v.label()),
            (None, None) if self.versions.list.is_empty() => {
                "Utkast (inga versioner ännu).".to_string()
            }
            (None, None) => "Utkast.".to_string(),
        }
    }

    /// True when the draft is locked on a frozen version (edits are refused).
    pub fn is_frozen(&self) -> bool {
        self.versions.locked.is_some()
    }

    /// The frozen version the draft is locked on.
    pub fn locked_version(&self) -> Option<&PlanVersion> {
        self.versions.locked.and_then(|id| self.versions.get(id))
    }

    /// The version with `id`.
    pub fn version(&self, id: VersionId) -> Option<&PlanVersion> {
        self.versions.get(id)
    }

    /// The adopted version in force for `year`: the latest decision date among the adopted
    /// versions of that year, the later version on the same date.
    pub fn latest_adopted(&self, year: Year) -> Option<&PlanVersion> {
        self.versions
            .list
            .iter()
            .filter(|v| v.year == year)
            .filter_map(|v| v.decision().map(|d| (d.date.as_str(), v.id, v)))
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
            .map(|(_, _, v)| v)
    }

    /// The latest adopted version of any year (latest year, then as [`Plan::latest_adopted`]).
    pub fn latest_adopted_any(&self) -> Option<&PlanVersion> {
        let mut years: Vec<Year> = self.versions.list.iter().map(|v| v.year).collect();
        years.sort_unstable();
        years.dedup();
        years.iter().rev().find_map(|y| self.latest_adopted(*y))
    }

    /// The adopted versions of `year`, oldest decision first (the original, then revisions).
    pub fn adopted_of(&self, year: Year) -> Vec<&PlanVersion> {
        let mut out: Vec<&PlanVersion> = self
            .versions
            .list
            .iter()
            .filter(|v| v.year == year && v.decision().is_some())
            .collect();
        out.sort_by(|a, b| {
            let key = |v: &PlanVersion| (v.decision().map(|d| d.date.clone()), v.id);
            key(a).cmp(&key(b))
        });
        out
    }

    /// The content `which` refers to: the draft or a copy of a version.
    pub fn content_of(&self, which: VersionRef) -> Result<Plan, VersionError> {
        match which {
            VersionRef::Draft => Ok(self.content()),
            VersionRef::Version(id) => self
                .version(id)
                .map(|v| (*v.plan).clone())
                .ok_or(VersionError::NoVersion(id.0)),
            VersionRef::LatestAdopted => self
                .latest_adopted_any()
                .map(|v| (*v.plan).clone())
                .ok_or(VersionError::NoAdopted),
        }
    }

    /// A short Swedish label of `which`: `Utkast`, or the version's label.
    pub fn version_label(&self, which: VersionRef) -> String {
        match which {
            VersionRef::Draft => "Utkast".to_string(),
            VersionRef::Version(id) => self
                .version(id)
                .map(PlanVersion::label)
                .unwrap_or_else(|| format!("Version {}", id.0)),
            VersionRef::LatestAdopted => self
                .latest_adopted_any()
                .map(PlanVersion::label)
                .unwrap_or_else(|| "Beslutad".to_string()),
        }
    }

    /// Freezes the draft as a new version of budget year `year` (`None` status decision =
    /// förslag) and locks the draft on it. A förslag of a draft already locked on a version is
    /// refused ([`VersionError::Unchanged`]); adopting a locked version again (e.g. the
    /// medlemssamråd after the board) is a new adopted version with the same content.
    pub fn freeze(
        &mut self,
        year: Year,
        decision: Option<Decision>,
    ) -> Result<VersionId, VersionError> {
        let edit = self.freeze_edit(year, decision)?;
        let id = match &edit {
            crate::Edit::Freeze { version, .. } => version.id,
            _ => return Err(VersionError::NoAdopted),
        };
        crate::apply(self, &edit).map_err(|_| VersionError::NoVersion(id.0))?;
        Ok(id)
    }

    /// The edit that freezes the draft as [`Plan::freeze`] does, checked but not applied: apply
    /// it as one undo step, so that Ångra right after adopting removes the version again
    /// (docs/budget.md "Ångra efter ett beslut").
    pub fn freeze_edit(
        &self,
        year: Year,
        decision: Option<Decision>,
    ) -> Result<crate::Edit, VersionError> {
        if !self.years.contains(&year) {
            return Err(VersionError::NotPlanYear(year));
        }
        if self.versions.list.len() >= MAX_VERSIONS {
            return Err(VersionError::TooMany(MAX_VERSIONS));
        }
        if let (None, Some(locked)) = (&decision, self.locked_version()) {
            return Err(VersionError::Unchanged(locked.label()));
        }
        let id = VersionId(
            self.versions
                .list
                .iter()
                .map(|v| v.id.0)
                .max()
                .unwrap_or(0)
                .saturating_add(1),
        );
        let based_on = self.versions.locked.or(self.versions.draft_from);
        let version = PlanVersion {
            id,
            year,
            status: match decision {
                Some(d) => VersionStatus::Beslutad(d),
                None => VersionStatus::Forslag,
            },
            based_on,
            plan: Box::new(self.content()),
        };
        Ok(crate::Edit::Freeze {
            version: Box::new(version),
            locked_before: self.versions.locked,
            draft_from_before: self.versions.draft_from,
        })
    }

    /// Starts a new draft from version `from`: the draft becomes a copy of it, unlocked, with
    /// the draft's outcome, forecasts and closing inputs kept ([`Plan::with_known_outcome`]).
    /// When the draft is not locked and its budget is in no version, it would be lost: refused
    /// with [`VersionError::DraftNotSaved`].
    pub fn start_draft(&mut self, from: VersionId) -> Result<(), VersionError> {
        let snapshot = self
            .version(from)
            .map(|v| (*v.plan).clone())
            .ok_or(VersionError::NoVersion(from.0))?;
        if self.versions.locked.is_none() {
            let draft = self.content();
            if !self
                .versions
                .list
                .iter()
                .any(|v| self.with_known_outcome(&v.plan) == draft)
            {
                return Err(VersionError::DraftNotSaved);
            }
        }
        // What became known since (outcome, forecast, closing inputs) stays with the draft.
        let snapshot = self.with_known_outcome(&snapshot);
        let versions = std::mem::take(&mut self.versions);
        *self = snapshot;
        self.versions = Versions {
            locked: None,
            draft_from: Some(from),
            ..versions
        };
        Ok(())
    }

    /// Unlocks the draft to edit it (a new draft from the version it is locked on). Nothing
    /// happens when it is not locked.
    pub fn unlock_draft(&mut self) {
        if let Some(id) = self.versions.locked.take() {
            self.versions.draft_from = Some(id);
        }
    }

    /// True when the draft's decided content (everything but what becomes known later: the
    /// lines' outcome and forecast, the years' closing inputs) equals version `id`'s. Compares
    /// field by field, without copying the plan.
    pub fn is_unchanged_since(&self, id: VersionId) -> bool {
        let Some(v) = self.version(id) else {
            return false;
        };
        let d = &*v.plan;
        let decided_year = |y: &crate::plan::YearInput| {
            (
                y.funding,
                y.requested,
                y.capital_contribution,
                y.allow_difference,
            )
        };
        let same_line = |a: &crate::plan::BudgetLine, b: &crate::plan::BudgetLine| {
            a.id == b.id
                && a.name == b.name
                && a.account == b.account
                && a.category == b.category
                && a.split == b.split
                && a.amounts == b.amounts
                && a.municipality == b.municipality
                && a.note == b.note
        };
        self.settings == d.settings
            && self.years == d.years
            && self.members == d.members
            && self.opening_equity == d.opening_equity
            && self.scenarios == d.scenarios
            && self.lines.len() == d.lines.len()
            && self
                .lines
                .iter()
                .zip(&d.lines)
                .all(|(a, b)| same_line(a, b))
            && self.year_inputs.len() == d.year_inputs.len()
            && self
                .year_inputs
                .iter()
                .zip(&d.year_inputs)
                .all(|((ya, a), (yb, b))| ya == yb && decided_year(a) == decided_year(b))
    }

    /// The plan as decided for `year` with what is known since: the latest adopted version of
    /// `year` (its lines, funding, members and settings), carrying the draft's outcome and
    /// forecast per line (by line id) and its closing inputs per year (Bokslut klart, typed
    /// result, typed closing equity, forecast period). Follow-up, Kommun and Eget kapital
    /// compare with this by default (docs/budget.md "Versioner"). `None` when `year` has no
    /// adopted version.
    pub fn decided_for(&self, year: Year) -> Option<(Plan, &PlanVersion)> {
        let v = self.latest_adopted(year)?;
        Some((self.with_known_outcome(&v.plan), v))
    }

    /// `decided` with this plan's outcome, forecasts and closing inputs (see
    /// [`Plan::decided_for`]).
    pub fn with_known_outcome(&self, decided: &Plan) -> Plan {
        let mut plan = decided.clone();
        plan.versions = Versions::default();
        for line in &mut plan.lines {
            line.outcome = self
                .line(line.id)
                .map(|l| l.outcome.clone())
                .unwrap_or_default();
        }
        for (year, yi) in &mut plan.year_inputs {
            if let Some(now) = self.year_inputs.get(year) {
                yi.closed = now.closed;
                yi.actual_result = now.actual_result;
                yi.closing_equity = now.closing_equity;
                yi.forecast_period = now.forecast_period.clone();
            }
        }
        plan
    }
}

/// Which content a view of the budget year shows (docs/budget.md "Vyerna och beslutet"):
/// Uppföljning, Kommun and Eget kapital show the decision in force by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ViewVersion {
    /// Each year its adopted version in force ([`Plan::latest_adopted`]); a year without an
    /// adopted version shows the draft.
    #[default]
    InForce,
    /// Adopted version `id` for its own year (an earlier decision), the version in force for
    /// the other years.
    Adopted(VersionId),
    /// The draft for every year (the views as they were before versions).
    Draft,
}

/// Where a view's figures of one year come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearSource {
    /// The working draft.
    Draft,
    /// A frozen (adopted) version, with the draft's outcome ([`Plan::as_decided`]).
    Version(VersionId),
}

/// One option of a view's version switch: its value, its Swedish label and whether it is
/// the version the view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewOption {
    /// The choice.
    pub choice: ViewVersion,
    /// `Beslutad (gäller): Beslutad 2022-04-22, § 12`, `Beslutad 2021-11-19, § 45` or
    /// `Utkast`.
    pub label: String,
}

impl ViewVersion {
    /// The value of a `<select>` option: `galler`, `utkast` or the version number.
    pub fn option_value(self) -> String {
        match self {
            ViewVersion::InForce => "galler".to_string(),
            ViewVersion::Draft => "utkast".to_string(),
            ViewVersion::Adopted(id) => id.0.to_string(),
        }
    }

    /// Reads [`ViewVersion::option_value`] back (anything else is the version in force).
    pub fn from_option_value(value: &str) -> ViewVersion {
        match value {
            "utkast" => ViewVersion::Draft,
            v => v
                .parse::<u32>()
                .map(|n| ViewVersion::Adopted(VersionId(n)))
                .unwrap_or(ViewVersion::InForce),
        }
    }
}

impl Plan {
    /// True when some plan year has an adopted version: only then do the views have a
    /// version switch (a plan without decisions looks as before).
    pub fn has_adopted(&self) -> bool {
        self.years.iter().any(|y| self.latest_adopted(*y).is_some())
    }

    /// Where the view's figures of `year` come from under `choice`: the chosen adopted version
    /// of that year, else the version in force, else (no adopted version, or
    /// [`ViewVersion::Draft`]) the draft. A chosen version of another year does not change
    /// this year.
    pub fn year_source(&self, year: Year, choice: ViewVersion) -> YearSource {
        let usable = |v: &PlanVersion| {
            v.year == year && v.decision().is_some() && v.plan.years.contains(&year)
        };
        let chosen = match choice {
            ViewVersion::Draft => return YearSource::Draft,
            ViewVersion::Adopted(id) => self.version(id).filter(|v| usable(v)),
            ViewVersion::InForce => None,
        };
        chosen
            .or_else(|| self.latest_adopted(year).filter(|v| usable(v)))
            .map(|v| YearSource::Version(v.id))
            .unwrap_or(YearSource::Draft)
    }

    /// The Swedish label of a year's source: the version's (`Beslutad 2022-04-22, § 12`) or
    /// `Utkast`.
    pub fn source_label(&self, source: YearSource) -> String {
        match source {
            YearSource::Draft => "Utkast".to_string(),
            YearSource::Version(id) => self.version_label(VersionRef::Version(id)),
        }
    }

    /// The plan a view computes a year of `source` on: the draft's content, or the version
    /// as decided with what is known since ([`Plan::as_decided`]). `None` for a version the
    /// plan does not have.
    pub fn source_plan(&self, source: YearSource) -> Option<Plan> {
        match source {
            YearSource::Draft => Some(self.content()),
            YearSource::Version(id) => self.version(id).map(|v| self.as_decided(&v.plan)),
        }
    }

    /// The switch of a view for `year`: `Beslutad (gäller): …` (the version in force), each
    /// earlier decision of the year (oldest first), and `Utkast`. Empty when the year has no
    /// adopted version (the view then has no switch).
    pub fn view_options(&self, year: Year) -> Vec<ViewOption> {
        let Some(in_force) = self.latest_adopted(year) else {
            return Vec::new();
        };
        let mut out = vec![ViewOption {
            choice: ViewVersion::InForce,
            label: format!("Beslutad (gäller): {}", in_force.label()),
        }];
        out.extend(
            self.adopted_of(year)
                .into_iter()
                .filter(|v| v.id != in_force.id)
                .map(|v| ViewOption {
                    choice: ViewVersion::Adopted(v.id),
                    label: v.label(),
                }),
        );
        out.push(ViewOption {
            choice: ViewVersion::Draft,
            label: "Utkast".to_string(),
        });
        out
    }

    /// The switch of a view that spans the years (Kommun, Eget kapital) with `year` selected:
    /// [`Plan::view_options`] of the year; for a year without a decision, when another year
    /// has one, `Beslutad (gäller) för varje år` and `Utkast`. Empty for a plan without any
    /// adopted version.
    pub fn view_options_across(&self, year: Year) -> Vec<ViewOption> {
        let own = self.view_options(year);
        if !own.is_empty() || !self.has_adopted() {
            return own;
        }
        vec![
            ViewOption {
                choice: ViewVersion::InForce,
                label: "Beslutad (gäller) för varje år".to_string(),
            },
            ViewOption {
                choice: ViewVersion::Draft,
                label: "Utkast".to_string(),
            },
        ]
    }

    /// `choice` as the switch of `year` shows it: a chosen version of another year, or one
    /// the plan no longer has, is the version in force.
    pub fn view_choice_for(&self, year: Year, choice: ViewVersion) -> ViewVersion {
        match choice {
            ViewVersion::Adopted(id)
                if self
                    .version(id)
                    .is_some_and(|v| v.year == year && v.decision().is_some()) =>
            {
                choice
            }
            ViewVersion::Draft => ViewVersion::Draft,
            _ => ViewVersion::InForce,
        }
    }

    /// What a view says about its version for `year`, in Swedish: `Visar Budget 2027,
    /// beslutad av styrelsen 2026-11-20, § 45. Utfall och prognos är utkastets.`, `Visar
    /// utkastet (skiljer sig från Beslutad 2026-11-20, § 45).` or `Visar utkastet (inget
    /// beslut för 2027).`; `None` for a plan without any adopted version.
    pub fn view_note(&self, year: Year, choice: ViewVersion) -> Option<String> {
        if !self.has_adopted() {
            return None;
        }
        Some(match self.year_source(year, choice) {
            YearSource::Version(id) => {
                let v = self.version(id)?;
                format!(
                    "Visar {}. Utfall, prognos och bokslut är utkastets.",
                    v.long_label()
                )
            }
            YearSource::Draft => match self.latest_adopted(year) {
                Some(v) if self.is_unchanged_since(v.id) => {
                    format!("Visar utkastet (samma budget som {}).", v.label())
                }
                Some(v) => format!("Visar utkastet (skiljer sig från {}).", v.label()),
                None => format!("Visar utkastet (inget beslut för {year})."),
            },
        })
    }

    /// Which years a view over all years shows from which version under `choice`, in Swedish:
    /// `Budget enligt Beslutad 2025-11-20, § 45: 2026. Enligt utkastet: 2025, 2027, 2028 och
    /// 2029.` `None` for a plan without any adopted version.
    pub fn view_sources_text(&self, choice: ViewVersion) -> Option<String> {
        if !self.has_adopted() {
            return None;
        }
        let mut groups: Vec<(YearSource, Vec<Year>)> = Vec::new();
        for y in &self.years {
            let s = self.year_source(*y, choice);
            match groups.iter_mut().find(|(g, _)| *g == s) {
                Some((_, ys)) => ys.push(*y),
                None => groups.push((s, vec![*y])),
            }
        }
        let list = |ys: &[Year]| {
            let texts: Vec<String> = ys.iter().map(|y| y.to_string()).collect();
            match texts.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
                Some((last, _)) => last.clone(),
                None => String::new(),
            }
        };
        let mut parts: Vec<String> = groups
            .iter()
            .filter(|(s, _)| *s != YearSource::Draft)
            .map(|(s, ys)| format!("Budget enligt {}: {}.", self.source_label(*s), list(ys)))
            .collect();
        if let Some((_, ys)) = groups.iter().find(|(s, _)| *s == YearSource::Draft) {
            parts.push(if parts.is_empty() {
                "Budget enligt utkastet för alla år.".to_string()
            } else {
                format!("Enligt utkastet: {}.", list(ys))
            });
        }
        Some(parts.join(" "))
    }

    /// `decided` as the views compare with it ([`Plan::with_known_outcome`]), with the lines
    /// added to the draft since the decision appended: they have no decided budget (no
    /// amounts) but their outcome and forecast count, so a closed year's outcome and the
    /// forecast are the whole year's.
    pub fn as_decided(&self, decided: &Plan) -> Plan {
        let mut plan = self.with_known_outcome(decided);
        let added: Vec<crate::plan::BudgetLine> = self
            .lines
            .iter()
            .filter(|l| decided.line(l.id).is_none())
            .map(|l| crate::plan::BudgetLine {
                amounts: Default::default(),
                formulas: Default::default(),
                ..l.clone()
            })
            .collect();
        plan.lines.extend(added);
        plan.next_id = plan.next_id.max(self.next_id);
        plan
    }

    /// The draft's lines that have no decided budget in `year` under `choice`: added to the
    /// draft after the decision the year shows (the views show "–" for their budget). Empty
    /// when the year shows the draft.
    pub fn lines_without_decided_budget(
        &self,
        year: Year,
        choice: ViewVersion,
    ) -> std::collections::BTreeSet<crate::plan::LineId> {
        match self.year_source(year, choice) {
            YearSource::Draft => Default::default(),
            YearSource::Version(id) => match self.version(id) {
                Some(v) => self
                    .lines
                    .iter()
                    .filter(|l| v.plan.line(l.id).is_none())
                    .map(|l| l.id)
                    .collect(),
                None => Default::default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{example_plan, Amount, Edit, EditError};

    fn decision(date: &str, paragraph: &str) -> Decision {
        Decision::new(date, DecisionBody::Styrelse, paragraph, "").unwrap()
    }

    #[test]
    fn decision_checks_date_and_paragraph() {
        assert_eq!(
            Decision::new("2026-11-20", DecisionBody::Styrelse, " § 45 ", "")
                .unwrap()
                .paragraph,
            "45"
        );
        for bad in ["2026-02-30", "20-11-2026", "2026-13-01", "idag", ""] {
            assert_eq!(
                Decision::new(bad, DecisionBody::Styrelse, "45", ""),
                Err(VersionError::BadDate(bad.to_string()))
            );
        }
        assert!(is_date("2024-02-29") && !is_date("2025-02-29"));
        assert_eq!(
            Decision::new("2026-11-20", DecisionBody::Styrelse, "§", "")
                .unwrap_err()
                .to_string(),
            "skriv paragrafen i protokollet (t.ex. § 45)"
        );
        assert_eq!(
            VersionError::BadDate("idag".into()).to_string(),
            "\"idag\" är inget datum; skriv beslutsdatum som ÅÅÅÅ-MM-DD, t.ex. 2026-11-20"
        );
    }

    #[test]
    fn adopted_version_is_frozen_until_a_new_draft_is_started() {
        let mut plan = example_plan();
        let year = plan.years[0];
        let line = plan.lines[0].id;
        let id = plan
            .freeze(year, Some(decision("2026-11-20", "45")))
            .unwrap();
        assert!(plan.is_frozen());
        assert_eq!(
            plan.locked_version().unwrap().label(),
            "Beslutad 2026-11-20, § 45"
        );
        let edit = Edit::set_line_amount(&plan, None, line, year, Amount::kr(1)).unwrap();
        let before = plan.clone();
        let err = crate::apply(&mut plan, &edit).unwrap_err();
        assert_eq!(
            err,
            EditError::Frozen {
                version: "Beslutad 2026-11-20, § 45".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "versionen Beslutad 2026-11-20, § 45 är låst; starta ett nytt utkast från den för att ändra"
        );
        assert_eq!(plan, before);
        // What becomes known later is not part of the decision: it may be entered.
        let outcome = Edit::set_forecast(&plan, line, year, Some(Amount::kr(5))).unwrap();
        crate::apply(&mut plan, &outcome).unwrap();
        let closed = Edit::set_closed(&plan, year, true);
        crate::apply(&mut plan, &closed).unwrap();
        let funding = Edit::set_capital_contribution(&plan, year, Amount::kr(7));
        assert!(crate::apply(&mut plan, &funding).is_err());
        crate::revert(&mut plan, &closed).unwrap();
        plan.start_draft(id).unwrap();
        assert_eq!(
            plan.lines[0].outcome[&year].forecast,
            Some(Amount::kr(5)),
            "the forecast stays with the new draft"
        );
        assert!(!plan.is_frozen());
        assert!(
            plan.is_unchanged_since(id),
            "a forecast is not a change of the decision"
        );
        crate::apply(&mut plan, &edit).unwrap();
        assert!(!plan.is_unchanged_since(id));
        // The adopted figures are kept.
        assert_ne!(
            plan.version(id).unwrap().plan.lines[0].amount(year),
            Amount::kr(1)
        );
        assert_eq!(plan.lines[0].amount(year), Amount::kr(1));
        // Starting another draft now would lose the change.
        assert_eq!(plan.start_draft(id), Err(VersionError::DraftNotSaved));
        let proposal = plan.freeze(year, None).unwrap();
        assert_eq!(
            plan.freeze(year, None),
            Err(VersionError::Unchanged(format!(
                "Förslag {} (budget {year})",
                proposal.0
            )))
        );
        plan.start_draft(id).unwrap();
        let adopted = plan.version(id).unwrap().plan.clone();
        assert_eq!(plan.content(), plan.with_known_outcome(&adopted));
        assert_eq!(plan.lines[0].amounts, adopted.lines[0].amounts);
    }

    #[test]
    fn a_revised_decision_is_the_latest_adopted_of_its_year() {
        let mut plan = example_plan();
        let year = plan.years[0];
        let first = plan
            .freeze(year, Some(decision("2026-11-20", "45")))
            .unwrap();
        plan.unlock_draft();
        let revised = plan
            .freeze(year, Some(decision("2027-04-15", "12")))
            .unwrap();
        plan.unlock_draft();
        plan.freeze(year, None).unwrap();
        assert_eq!(plan.latest_adopted(year).unwrap().id, revised);
        let ids: Vec<VersionId> = plan.adopted_of(year).iter().map(|v| v.id).collect();
        assert_eq!(ids, vec![first, revised]);
        assert_eq!(plan.latest_adopted(year + 1), None);
        assert_eq!(
            plan.freeze(1999, None),
            Err(VersionError::NotPlanYear(1999))
        );
    }
}
