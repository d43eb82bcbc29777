//! Reusable widgets: the live number field, the spreadsheet grid (with its TSV clipboard
//! format), banners and the plan menu.

pub mod accessibility;
pub mod banners;
pub mod chart;
pub mod csv_export;
pub mod csv_import;
pub mod focus;
pub mod grid;
pub mod insatser;
pub mod live_input;
pub mod members_help;
pub mod new_plan;
pub mod plan_menu;
pub mod presentation;
pub mod prognos;
pub mod scenario;
pub mod toast;
pub mod versions;
pub mod workshop;
pub mod years;

pub use accessibility::*;
pub use banners::*;
pub use chart::*;
pub use csv_export::*;
pub use csv_import::*;
pub use focus::*;
pub use grid::*;
pub use insatser::*;
pub use live_input::*;
pub use members_help::*;
pub use new_plan::*;
pub use plan_menu::*;
pub use presentation::*;
pub use prognos::*;
pub use scenario::*;
pub use toast::*;
pub use versions::*;
pub use workshop::*;
pub use years::*;
