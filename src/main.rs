//! The `attune` command-line tool. See `attune --help`.

mod cli;

fn main() -> std::process::ExitCode {
    if let Err(e) = attune::process::forbid_core_dumps() {
        eprintln!("attune: could not turn core dumps off ({e}); going on");
    }
    cli::main()
}
