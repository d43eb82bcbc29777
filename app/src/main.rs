//! Entry point of the samplan web app: installs the recovery screen's panic hook, restores the
//! last good plan when the recovery screen asked for it, then mounts [`samplan_app::App`] on
//! the page body (see [`samplan_app::recovery`]).

fn main() {
    samplan_app::recovery::install_panic_hook();
    samplan_app::shared::capture_at_start();
    // A shared read-only file never touches the stored plans (samplan_app::shared).
    if !samplan_app::shared::has_embedded() {
        samplan_app::recovery::restore_if_asked();
    }
    leptos::mount::mount_to_body(samplan_app::App);
    samplan_app::recovery::panic_if_asked();
}
