//! Argument parsing only; the work happens in `truthlens::cli` and `truthlens::lsp`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use truthlens::cli::{self, OutputFormat};

#[derive(Parser)]
#[command(
    name = "truthlens",
    version,
    about = "Reviews how article drafts are sourced and worded"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Review drafts and print findings (exit 0 clean, 1 findings, 2 error).
    Check {
        /// Files or directories to review; `-` reads standard input.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Use this config file instead of searching upward for `.truthlens.toml`.
        #[arg(long)]
        config: Option<PathBuf>,
        /// File name to report for standard input (its extension picks Markdown or text).
        #[arg(long, default_value = "stdin.md")]
        stdin_filename: PathBuf,
    },
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Command::Check {
            paths,
            format,
            config,
            stdin_filename,
        } => {
            let options = cli::CheckOptions {
                format,
                config,
                stdin_filename,
            };
            cli::exit_code(cli::check::run(&paths, &options))
        }
        Command::Lsp { stdio: _ } => match truthlens::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("truthlens: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}
