//! Horizontal bar charts (docs/app.md "Diagram"): financing by party and member, and the cost
//! distribution by group.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::svg::{
    empty_chart, int, num, scaled, short_label, svg_open, xml_escape, BAR_H, BAR_MAX, BAR_X,
    LABEL_END, PAD, ROW_H, VALUE_GAP,
};
use super::{Chart, ChartRow};
use crate::allocation::{Allocation, MemberKind, Party};
use crate::distribution::CostDistribution;
use crate::format::{format_kr, format_percent, format_percent_opt};
use crate::money::Amount;

/// Members with a bar of their own in [`financing_chart`]; the rest share one.
pub const CHART_MAX_MEMBERS: usize = 60;

/// One bar of a horizontal bar chart.
pub(super) struct HBar {
    label: String,
    value: Decimal,
    text: String,
    class: String,
}

/// A row of a horizontal bar chart: a section heading or a bar.
pub(super) enum HRow {
    Section(String),
    Bar(HBar),
}

/// Draws horizontal bars, all on one scale: the largest value gets the full width.
pub(super) fn horizontal_bars(
    class: &str,
    title: &str,
    description: &str,
    rows: &[HRow],
) -> String {
    let max = rows
        .iter()
        .filter_map(|r| match r {
            HRow::Bar(b) => Some(b.value),
            HRow::Section(_) => None,
        })
        .fold(Decimal::ZERO, Decimal::max);
    let rows_i64 = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let height = (PAD * 2).saturating_add(ROW_H.saturating_mul(rows_i64));
    let mut svg = svg_open(class, height, title, description);
    for (i, row) in rows.iter().enumerate() {
        let top = PAD.saturating_add(ROW_H.saturating_mul(i64::try_from(i).unwrap_or(i64::MAX)));
        let baseline = top.saturating_add(ROW_H / 2 + 5);
        match row {
            HRow::Section(text) => {
                let _ = write!(
                    svg,
                    "<text class=\"chart-section\" x=\"0\" y=\"{baseline}\">{}</text>",
                    xml_escape(text)
                );
            }
            HRow::Bar(bar) => {
                let width = scaled(bar.value, max, int(BAR_MAX));
                let y = top.saturating_add((ROW_H - BAR_H) / 2);
                let _ = write!(
                    svg,
                    "<g class=\"chart-row\"><title>{full}: {text}</title>\
                     <text class=\"chart-label\" x=\"{LABEL_END}\" y=\"{baseline}\" text-anchor=\"end\">{label}</text>\
                     <rect class=\"chart-bar {class}\" x=\"{BAR_X}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_H}\"/>\
                     <text class=\"chart-value\" x=\"{vx}\" y=\"{baseline}\">{text}</text></g>",
                    full = xml_escape(&bar.label),
                    label = xml_escape(&short_label(&bar.label)),
                    class = bar.class,
                    w = num(width),
                    vx = num(int(BAR_X + VALUE_GAP).saturating_add(width)),
                    text = xml_escape(&bar.text),
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

pub(super) fn party_class(party: Party) -> &'static str {
    match party {
        Party::Staten => "chart-staten",
        Party::Region => "chart-region",
        Party::Kommuner => "chart-kommuner",
    }
}

/// Financing by party and by member: one bar per party (Staten, Region, Kommuner), then one bar
/// per member, all on one scale (the largest amount gets the full width). Bars are labelled
/// `2 698 345 kr (14,2 %)`: the amount in kronor and its share of the *medelstilldelning* T.
/// The table lists the same rows (name, type, kr, share of T). An allocation without members
/// or with T = 0 gives the "Inga data" chart.
///
/// At most [`CHART_MAX_MEMBERS`] members get a bar and a table row each (in the allocation's
/// order); the rest are one bar and row, "Övriga N medlemmar", with their sum, so that a plan
/// with a hundred thousand members draws a picture of a hundred bars, not a page that freezes
/// (docs/app.md "Imports of any size"; every member is in the Kommuner grid).
pub fn financing_chart(allocation: &Allocation) -> Chart {
    let title = "Finansiering per part och medlem";
    let headers = vec![
        "Part eller medlem".to_string(),
        "Typ".to_string(),
        "Belopp (kr)".to_string(),
        "Andel av medelstilldelningen".to_string(),
    ];
    if allocation.members.is_empty() || allocation.total.is_zero() {
        return empty_chart("chart--financing", title, headers);
    }
    let share = |amount: Amount| crate::money::percent_of(amount.value(), allocation.total.value());
    let bar_text = |amount: Amount| match share(amount) {
        Some(p) => format!("{} kr ({})", format_kr(amount.value()), format_percent(p)),
        None => format!("{} kr", format_kr(amount.value())),
    };
    let mut rows = vec![HRow::Section("Parter".to_string())];
    let mut table = Vec::new();
    for p in &allocation.parties {
        rows.push(HRow::Bar(HBar {
            label: p.party.label().to_string(),
            value: p.amount.value(),
            text: bar_text(p.amount),
            class: format!("chart-party {}", party_class(p.party)),
        }));
        table.push(ChartRow::new(
            p.party.label(),
            vec![
                "Part".to_string(),
                format_kr(p.amount.value()),
                format_percent_opt(share(p.amount)),
            ],
        ));
    }
    rows.push(HRow::Section("Medlemmar".to_string()));
    let (shown, others) = allocation
        .members
        .split_at(allocation.members.len().min(CHART_MAX_MEMBERS));
    for m in shown {
        rows.push(HRow::Bar(HBar {
            label: m.name.clone(),
            value: m.amount.value(),
            text: bar_text(m.amount),
            class: format!("chart-member {}", party_class(m.kind.party())),
        }));
        table.push(ChartRow::new(
            m.name.clone(),
            vec![
                m.kind.label().to_string(),
                format_kr(m.amount.value()),
                format_percent_opt(share(m.amount)),
            ],
        ));
    }
    // The members beyond the cap as one bar; a sum beyond the engine's range is left out.
    let others_sum = others
        .iter()
        .try_fold(Amount::ZERO, |sum, m| sum.checked_add(m.amount));
    if let (false, Some(sum)) = (others.is_empty(), others_sum) {
        let label = format!("Övriga {} medlemmar", format_kr(others.len().into()));
        rows.push(HRow::Bar(HBar {
            label: label.clone(),
            value: sum.value(),
            text: bar_text(sum),
            class: "chart-member chart-others".to_string(),
        }));
        table.push(ChartRow::new(
            label,
            vec![
                "Flera".to_string(),
                format_kr(sum.value()),
                format_percent_opt(share(sum)),
            ],
        ));
    }
    let kommuner = allocation
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun)
        .count();
    let mut description = format!(
        "Medelstilldelningen {} kr fördelas på {} och {} medlemmar, varav {} kommuner.",
        format_kr(allocation.total.value()),
        allocation
            .parties
            .iter()
            .map(|p| format!("{} {} kr", p.party.label(), format_kr(p.amount.value())))
            .collect::<Vec<_>>()
            .join(", "),
        allocation.members.len(),
        kommuner
    );
    if !others.is_empty() {
        let _ = write!(
            description,
            " Diagrammet visar de {} första medlemmarna och övriga {} tillsammans.",
            CHART_MAX_MEMBERS,
            format_kr(others.len().into())
        );
    }
    let diff = allocation.rounding_difference();
    if !diff.is_zero() {
        let _ = write!(
            description,
            " Avrundningsdifferens {} kr.",
            format_kr(diff.value())
        );
    }
    let svg = horizontal_bars("chart--financing", title, &description, &rows);
    Chart::new(title, description, svg, headers, table)
}

/// The cost distribution (*Kostnaderna har fördelats enligt följande*): one horizontal bar per
/// group (Individinsatser, Strukturpåverkande insatser, Processtöd samverkansinsatser,
/// Administration) labelled with its share of *verksamhetens kostnader* with one decimal
/// (`66,4 %`); the largest share gets the full width. The description also gives the direct
/// share. A zero base gives the "Inga data" chart.
pub fn cost_distribution_chart(distribution: &CostDistribution) -> Chart {
    let title = "Kostnadsfördelning";
    let headers = vec![
        "Kostnadsslag".to_string(),
        "Belopp (kr)".to_string(),
        "Andel av verksamhetens kostnader".to_string(),
    ];
    if distribution.base.is_zero() || distribution.groups.is_empty() {
        return empty_chart("chart--distribution", title, headers);
    }
    let mut rows = Vec::new();
    let mut table = Vec::new();
    for (group, share) in &distribution.groups {
        let text = format_percent_opt(share.percent);
        let kind = if group.is_direct() {
            "chart-direct"
        } else {
            "chart-admin"
        };
        rows.push(HRow::Bar(HBar {
            label: group.label().to_string(),
            value: share.percent.unwrap_or(Decimal::ZERO),
            text: text.clone(),
            class: format!("chart-group {kind}"),
        }));
        table.push(ChartRow::new(
            group.label(),
            vec![format_kr(share.amount.value()), text],
        ));
    }
    table.push(ChartRow::new(
        "Direkta insatskostnader totalt",
        vec![
            format_kr(distribution.direct.amount.value()),
            format_percent_opt(distribution.direct.percent),
        ],
    ));
    let description = format!(
        "Verksamhetens kostnader {} kr fördelas: {}. Direkta insatskostnader totalt {}.",
        format_kr(distribution.base.value()),
        distribution
            .groups
            .iter()
            .map(|(g, s)| format!("{} {}", g.label(), format_percent_opt(s.percent)))
            .collect::<Vec<_>>()
            .join(", "),
        format_percent_opt(distribution.direct.percent)
    );
    let svg = horizontal_bars("chart--distribution", title, &description, &rows);
    Chart::new(title, description, svg, headers, table)
}
