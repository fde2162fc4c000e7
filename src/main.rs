//! Argument parsing only; the work happens in `truthlens::cli` and `truthlens::lsp`.

use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use truthlens::cli::colour::ColourChoice;
use truthlens::cli::{self, CheckFormat, FailOn, OutputFormat};

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
    /// Review drafts and print findings (exit 0 clean, 1 findings at or above
    /// --fail-on, 2 error).
    Check {
        /// Files or directories to review; `-` reads standard input.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format: for people, versioned JSON, SARIF 2.1.0, or GitHub Actions
        /// annotations.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// The lowest severity that makes the exit code 1 (info and hint findings
        /// are advice: they are printed but pass by default).
        #[arg(long, value_enum, default_value_t = FailOn::Warning)]
        fail_on: FailOn,
        /// Print only the findings, without the closing total.
        #[arg(long, short)]
        quiet: bool,
        /// Colour the output: on a terminal without NO_COLOR (auto), always or never.
        #[arg(long, value_enum, default_value_t = ColourChoice::Auto)]
        color: ColourChoice,
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
    /// Print the configuration that applies to a draft or folder, as TOML, each
    /// value with where it came from.
    Config {
        /// Accepted for older scripts: printing is what `config` does.
        #[arg(long, hide = true)]
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
    /// Print a shell completion script (for example: truthlens completions bash
    /// > ~/.local/share/bash-completion/completions/truthlens).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), for example: truthlens man > truthlens.1
    Man,
}

fn main() -> ExitCode {
    tune_malloc();
    let args = Args::parse();
    match args.command {
        Command::Check {
            paths,
            format,
            fail_on,
            quiet,
            color,
            config,
            stdin_filename,
        } => {
            let options = cli::CheckOptions {
                format,
                config,
                stdin_filename,
                fail_on,
                quiet,
                colour: cli::colour::for_stdout(color),
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
            print: _,
            config,
            path,
        } => cli::exit_code(cli::config::print(&path, config.as_deref())),
        Command::Lsp { stdio: _ } => match truthlens::lsp::run_stdio() {
            Ok(code) => code,
            Err(e) => {
                eprintln!("truthlens: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Completions { shell } => {
            let mut command = Args::command();
            clap_complete::generate(shell, &mut command, "truthlens", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let page = clap_mangen::Man::new(Args::command());
            match page.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("truthlens: {e}");
                    ExitCode::from(2)
                }
            }
        }
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
