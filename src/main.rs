//! The `attune` command-line tool. See `attune --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
