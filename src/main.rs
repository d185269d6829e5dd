//! The `tripel` binary: parse, run, map the outcome to an exit code. Everything else lives in
//! [`tripel::cli`].
//!
//! Exit codes: 0 success (also when stdout is closed early, as by `| head`), 1 runtime error,
//! 2 usage error (clap's own), 3 finished with documents skipped
//! ([`tripel::cli::EXIT_SKIPPED`]), 130 build interrupted by Ctrl-C or SIGTERM.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc rather than the system's malloc: extraction allocates many small short-lived
/// values (tokens, spans, feature lists), and glibc's malloc and free cost a fifth of its
/// instructions (docs/evaluation.md, "Session 6, third round"). With its `override` feature
/// (the workspace's Cargo.toml says why) it serves RocksDB's C++ too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match tripel::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version are printed as clap formats them.
        Err(e) if !e.use_stderr() => e.exit(),
        // Usage errors become one line (with clap's list of valid values), exit code 2.
        Err(e) => {
            let text = e.render().to_string();
            let line: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            eprintln!("tripel: {}", line.join(" ").trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
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
