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
    /// List every attribution and the per-source table.
    Sources {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print an extractive summary of the draft (text only, no markers).
    Summary {
        path: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print a neutral headline suggestion.
    Headline {
        path: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the review report: counts, sources and an overall level.
    Report {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = cli::ReportFormat::Markdown)]
        format: cli::ReportFormat,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Show the configuration that applies to a draft or folder.
    Config {
        /// Print the merged configuration as TOML, each value with where it came from.
        #[arg(long)]
        print: bool,
        /// Use this config file instead of searching upward for `.truthlens.toml`.
        #[arg(long)]
        config: Option<PathBuf>,
        /// A draft (its front matter counts too) or a folder.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

fn main() -> ExitCode {
    tune_malloc();
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
        Command::Sources {
            path,
            format,
            config,
        } => cli::exit_code(cli::sources::run(&path, format, config.as_deref())),
        Command::Summary { path, config } => {
            cli::exit_code(cli::review::summary(&path, config.as_deref()))
        }
        Command::Headline { path, config } => {
            cli::exit_code(cli::review::headline(&path, config.as_deref()))
        }
        Command::Report {
            path,
            format,
            config,
        } => cli::exit_code(cli::review::report(&path, format, config.as_deref())),
        Command::Config {
            print,
            config,
            path,
        } => {
            if !print {
                eprintln!("truthlens: `config` needs --print (the only thing it does)");
                return ExitCode::from(2);
            }
            cli::exit_code(cli::config::print(&path, config.as_deref()))
        }
        Command::Lsp { stdio: _ } => match truthlens::lsp::run_stdio() {
            Ok(code) => code,
            Err(e) => {
                eprintln!("truthlens: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}

/// Two glibc defaults cost a long-lived server memory it no longer uses:
/// - each thread that allocates gets its own arena (up to 8 per core), and memory
///   freed in one is not reused by another. With the analysis spread over rayon's
///   and tokio's threads, a server with a 2 MB draft open peaked at about 104 MB
///   resident, and at 72 MB with two arenas, for the same latency.
/// - the size from which a block gets its own mapping grows to the largest block
///   freed, so after the first edit each copy of a 2 MB draft comes from the heap,
///   which then fragments. A fixed 1 MiB gives such copies back when they are freed:
///   the peak fell from 66–68 MB to about 59 MB. (The server reuses its snapshot
///   buffers, so the mappings are not made afresh on every keystroke.)
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
