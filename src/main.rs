//! The `closer` binary: parse the command line and hand over to `closer::cli`.

fn main() -> std::process::ExitCode {
    closer::cli::main()
}
