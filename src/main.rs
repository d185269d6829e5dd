//! The `tripel` binary: parse, run, map the outcome to an exit code. Everything else lives in
//! [`tripel::cli`].
//!
//! Exit codes: 0 success (also when stdout is closed early, as by `| head`), 1 runtime error,
//! 2 usage error (clap's own), 130 build interrupted by Ctrl-C.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tripel::cli::Cli::parse();
    match tripel::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // One line per error, whatever a dependency put into its message.
            let message = e.to_string().replace(['\r', '\n'], " ");
            eprintln!("tripel: {message}");
            ExitCode::from(e.exit_code())
        }
    }
}
