//! `trustboard`: the server, and the commands operators run.

use clap::{Parser, Subcommand};
use server::{config::Settings, demo, open_database, telemetry};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "trustboard",
    version,
    about = "Trustboard: local delivery plans for a Children's Trust"
)]
struct Cli {
    /// A TOML configuration file (environment variables override it).
    #[arg(long, global = true, env = "TRUSTBOARD_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply database migrations, then serve (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the generated demonstration data into an empty database.
    SeedDemo,
    /// Import measurements of one indicator from a tidy CSV file (area code, period, value, …).
    /// Nothing is imported if any row is bad, unless --valid-rows-only is given.
    ImportMeasurements {
        /// The indicator's code in the catalogue, e.g. "NI 116".
        #[arg(long)]
        indicator: String,
        #[arg(long)]
        file: PathBuf,
        #[arg(long)]
        valid_rows_only: bool,
    },
    /// Import area boundaries (ONS-coded GeoJSON or TopoJSON: districts or wards) for the map.
    /// Nothing is imported if the file is refused.
    ImportBoundaries {
        #[arg(long)]
        file: PathBuf,
    },
    /// Create an administrator. The password is read from TRUSTBOARD_ADMIN_PASSWORD or, if
    /// that is not set, from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Write a backup of the whole database (every table but sessions and short-lived
    /// throttling) to a gzip'd file, taken in one snapshot while the application serves.
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup file into an empty database, checked table by table, in one
    /// transaction; a non-empty database or a file from another schema version is refused.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Copy a whole county from one database to another (SQLite or PostgreSQL, either way).
    /// The source is not migrated; the target is migrated first and must be empty.
    CopyData {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Make the day's digests of what is due (once per person per day) and, when a mail server
    /// is configured, send those not yet sent; without one they wait in the outbox.
    SendDigests {
        /// The day to make them for (YYYY-MM-DD); today (UK time) when not given.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("trustboard: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log_format);
    // Two databases of its own: DATABASE_URL is neither opened nor migrated.
    if let Some(Command::CopyData { from, to }) = &cli.command {
        return match server::ops::commands::copy_data(from, to).await {
            Ok(sums) => {
                server::ops::print_sums(&sums);
                println!(
                    "Copied {} to {}: every table checked.",
                    app::db::redact_url(from),
                    app::db::redact_url(to)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("trustboard: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(cli.command.unwrap_or(Command::Serve), settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "trustboard stopped");
            eprintln!("trustboard: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> server::anyhow_like::Result<()> {
    let db = open_database(&settings).await?;
    tracing::info!(backend = db.backend().name(), url = %app::db::redact_url(&settings.database_url), "database ready");
    match command {
        Command::Migrate => {
            println!("Migrations applied ({}).", db.backend().name());
        }
        Command::SeedDemo => report_seed(demo::load(&db, today(&settings)).await?),
        Command::ImportMeasurements {
            indicator,
            file,
            valid_rows_only,
        } => {
            let code = app::domain::IndicatorCode::parse(&indicator)?;
            let Some(ind) = app::db::catalogue::indicator_by_code(&db, &code).await? else {
                return Err(format!("there is no indicator {code} in the catalogue").into());
            };
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("could not read {}: {e}", file.display()))?;
            let mode = if valid_rows_only {
                app::db::import::Mode::ValidRowsOnly
            } else {
                app::db::import::Mode::AllOrNothing
            };
            let report = app::db::import::import_csv(
                &db,
                &app::db::audit::Actor::system("operator (command line)"),
                ind.id,
                &text,
                mode,
            )
            .await?;
            for e in &report.errors {
                println!("{e}");
            }
            for (what, said) in report.tally.lines() {
                println!("{what}: {said}");
            }
            println!(
                "{} added, {} changed, {} already held.",
                report.added, report.changed, report.unchanged
            );
            if !report.errors.is_empty() && !valid_rows_only {
                return Err("nothing was imported because some rows are bad (fix them, or use --valid-rows-only)".into());
            }
        }
        Command::ImportBoundaries { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("could not read {}: {e}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let report = app::db::boundaries::import_boundaries(
                &db,
                &app::db::audit::Actor::system("operator (command line)"),
                &name,
                &text,
            )
            .await?;
            println!(
                "{} areas read; {} outlines stored ({} wards added); {} areas outside the Trust skipped.",
                report.features, report.stored, report.new_wards, report.skipped_outside
            );
        }
        Command::CreateAdmin { email, name } => {
            let password = match std::env::var("TRUSTBOARD_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("Password for {email} (12 characters or more), then Enter:");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let id = server::admin::create_admin(&db, &email, &name, &password).await?;
            println!("Administrator {email} created (id {id}). They can sign in now.");
        }
        Command::SendDigests { date } => {
            let date = date
                .or(settings.today)
                .unwrap_or_else(|| app::domain::events::utc_to_london(chrono::Utc::now()).date());
            let mailer = server::reminders::mailer(&settings);
            let report = server::reminders::run_digests(
                &db,
                mailer.as_ref(),
                &settings.public_url(),
                date,
                settings.demo,
            )
            .await?;
            println!(
                "Digests for {date}: {} made, {} already made; {} sent, {} could not be sent{}.",
                report.made,
                report.already,
                report.sent,
                report.failed,
                if mailer.is_some() {
                    ""
                } else {
                    " (no mail server configured: they wait in the outbox)"
                }
            );
        }
        Command::Backup { to } => {
            let report = server::ops::commands::backup(&db, &to).await?;
            server::ops::print_sums(&report.sums);
            println!(
                "Backup written to {} ({} bytes, schema version {}).",
                to.display(),
                report.bytes,
                report.schema_version
            );
        }
        Command::Restore { from } => {
            let (dump, sums) = server::ops::commands::restore(&db, &from).await?;
            server::ops::print_sums(&sums);
            println!(
                "Restored {} (taken {} from {}): every table checked.",
                from.display(),
                dump.taken_at,
                dump.backend
            );
        }
        Command::CopyData { .. } => {}
        Command::Serve => {
            if settings.demo {
                report_seed(demo::load(&db, today(&settings)).await?);
            }
            // Before serving: imports left running by a server that has stopped say so.
            server::recover_interrupted_imports(&db).await?;
            let listener = tokio::net::TcpListener::bind(settings.addr).await?;
            let addr = listener.local_addr()?;
            let state = server::state(db.clone(), &settings);
            let housekeeping = server::spawn_housekeeping(&state);
            let digests = settings
                .send_digests
                .then(|| server::reminders::spawn_daily(&state, &settings));
            tracing::info!(%addr, "listening");
            println!("Trustboard is running at http://{addr}/ (Ctrl-C to stop)");
            server::serve(listener, state, server::shutdown_signal()).await?;
            housekeeping.abort();
            if let Some(task) = digests {
                task.abort();
            }
            db.close().await;
        }
    }
    Ok(())
}

fn today(settings: &Settings) -> chrono::NaiveDate {
    settings
        .today
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

fn report_seed(outcome: demo::SeedOutcome) {
    match outcome {
        demo::SeedOutcome::Loaded {
            partnerships,
            indicators,
            measurements,
        } => {
            tracing::info!(partnerships, indicators, measurements, "demo data loaded");
            println!("Demo data loaded: {partnerships} partnerships, {indicators} indicators, {measurements} measurements.");
        }
        demo::SeedOutcome::AlreadyPresent => {
            tracing::info!("demo data: the database already has a Trust; nothing loaded");
        }
    }
}
