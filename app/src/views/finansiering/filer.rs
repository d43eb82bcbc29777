//! Export and import of the members (CSV).

use super::*;
use crate::components::Checked;

/// Members CSV import (key values for the selected year) and the allocation export.
#[component]
pub(super) fn FinansieringFiles(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    // In two parts, each a task of its own (a file of 100 000 members): the rows read, then
    // checked against the plan.
    let parse = Callback::new(move |table: samplan_engine::csv::CsvTable| {
        let y = year.get_untracked();
        let import = plan
            .with_untracked(|p| samplan_engine::csv::read_members_table_for(&table, p, y))
            .map_err(|e| e.to_string())?;
        drop(table);
        Ok(Checked::then(state, move || {
            preview(state, choices, import, y)
        }))
    });
    let export = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::csv::export_allocation_csv(p, scenario))
    });
    view! {
        <div class="row-actions" role="group" aria-label="Filer för finansiering">
            <CsvImport label="Importera medlemmar (CSV)" parse=parse />
            <CsvExport label="Exportera fördelning (CSV)" what="fördelning" bytes=export />
            <XlsxExport label="Exportera fördelning (.xlsx)" what="fördelning" bytes=crate::components::table_xlsx(samplan_engine::xlsx::XlsxTable::Finansiering) />
            <crate::components::MembersCsvHelp id="finansiering-medlemmar-hjalp" />
        </div>
    }
}

/// The preview of a members import read from a file: what it does to each member of the plan.
fn preview(
    state: AppState,
    choices: Choices,
    import: samplan_engine::csv::MembersImport,
    y: Year,
) -> Result<Checked, String> {
    let plan = state.plan;
    {
        let (edit, actions) = plan
            .with_untracked(|p| import.to_edit(p, y))
            .map_err(|e| e.to_string())?;
        let fmt_opt = |v: Option<String>| v.unwrap_or_default();
        let added = actions.iter().filter(|a| **a == MemberAction::Add).count();
        let in_file = import.members.len();
        let key_label = import.kommun_key.label();
        let rows = PreviewRows::of(
            import.members.into_iter().zip(actions).collect::<Vec<_>>(),
            move |(m, a)| {
                vec![
                    m.name.clone(),
                    m.kind.map(|k| k.label().to_string()).unwrap_or_default(),
                    fmt_opt(m.population.map(|n| format_decimal(n.into(), 0))),
                    fmt_opt(m.percent.map(format::percent)),
                    fmt_opt(m.amount.map(format::kr)),
                    match a {
                        MemberAction::Update => format!("Nyckelvärden {y} ersätts"),
                        MemberAction::Add => "Ny medlem".to_string(),
                    },
                ]
            },
        );
        Ok(ImportPreview {
            summary: vec![
                format!("{} medlemmar i filen", crate::components::csv_import::count(in_file)),
                format!("{} nya", crate::components::csv_import::count(added)),
                format!("fördelningsnyckel: {key_label}"),
            ],
            headers: ["Medlem", "Typ", "Invånare", "Andel", "Belopp (kr)", "Åtgärd"].map(String::from).to_vec(),
            rows,
            notes: std::iter::once(format!("Medlemmar som inte finns i filen behålls oförändrade. Värdena gäller {y} och framåt."))
                .chain(choices.scenario_untracked().map(|id| format!(
                    "Importen ändrar basplanen och gäller alla scenarier, inte bara {}.",
                    plan.with_untracked(|p| p.scenario_name(Some(id)))
                )))
                .collect(),
            edit,
            alternative: None,
        }
        .into())
    }
}
