//! One binary, two programs: in the wasm build it mounts the app; built
//! natively it is the `postmortem` command (`cli/`). Everything else lives
//! in the library.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(postmortem::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}
