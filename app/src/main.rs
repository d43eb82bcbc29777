//! Entry point of the samplan web app: mounts [`samplan_app::App`] on the page body.

fn main() {
    leptos::mount::mount_to_body(samplan_app::App);
}
