//! `radgestmat import KIND FILE`: the dry run of a file with a progress bar and its report,
//! then, with `--commit`, the commit (all or nothing), as the web page and the API do it.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use radgestmat_app::{App, NewImport};
use radgestmat_domain::{
    CommitImport, ImportKind, ImportMode, ImportOptions, ImportRowFilter, ImportState, ImportView, List, RowStatus,
    Vocabulary, json,
};

use crate::{cli_actor, describe};

/// The errors the report lists at most.
const SHOWN: u64 = 20;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// What the file holds: assets.
    #[arg(value_parser = vocabulary::<ImportKind>)]
    kind: ImportKind,
    /// A CSV file (UTF-8 or Windows-1252, `,` `;` or tab separated) or an Excel workbook (.xlsx).
    file: PathBuf,
    /// Apply the file once checked (all or nothing); without it, only the dry run.
    #[arg(long)]
    commit: bool,
    /// create (new assets only), update (existing ones, by tag) or upsert.
    #[arg(long, default_value = "create", value_parser = vocabulary::<ImportMode>)]
    mode: ImportMode,
    /// A JSON file: {"columns": {"Header": "field"}, "date_order": "day_first" | "month_first", "sheet": "Name"}.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Create the catalogue entries, sites and locations the file names but the register lacks.
    #[arg(long)]
    create_missing: bool,
    /// Commit the rows without errors and leave out those in error.
    #[arg(long)]
    skip_errors: bool,
}

fn vocabulary<T: Vocabulary>(text: &str) -> Result<T, String> {
    T::parse(text).map_err(|e| e.to_string())
}

pub async fn import(app: &App, args: ImportArgs) -> anyhow::Result<()> {
    let file = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let options: ImportOptions = match &args.mapping {
        Some(path) => {
            let text = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            json::decode(json::parse(&text).context("the mapping file is not JSON")?)
                .map_err(|e| anyhow::anyhow!("the mapping file: {e}"))?
        }
        None => ImportOptions::default(),
    };
    let file_name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let upload =
        NewImport { kind: args.kind, mode: args.mode, create_missing: args.create_missing, file_name, file, options };
    let actor = cli_actor();
    let import = app.keep_import(&actor, upload, false).await.map_err(describe)?;
    let checking = tokio::spawn({
        let app = app.clone();
        async move { app.check_import(import.id).await }
    });
    while !checking.is_finished() {
        progress(&app.get_import(&actor, import.id).await.map_err(describe)?);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    checking.await.context("the dry run stopped")?.map_err(describe)?;
    let import = app.get_import(&actor, import.id).await.map_err(describe)?;
    progress(&import);
    eprintln!();
    report(app, &import).await?;
    if import.state != ImportState::Checked {
        anyhow::bail!("the file cannot be imported (import {})", import.id);
    }
    if !args.commit {
        println!("dry run: nothing was written; run again with --commit to apply it");
        return Ok(());
    }
    let committed =
        app.commit_import(&actor, import.id, CommitImport { skip_errors: args.skip_errors }).await.map_err(describe)?;
    let c = committed.counts;
    let skipped = if args.skip_errors { format!(", {} rows in error left out", c.error) } else { String::new() };
    println!("committed: {} {} registered, {} changed{skipped}", c.create, committed.kind, c.update);
    Ok(())
}

/// `[#######.............] 1234/5000 rows` on the terminal's last line.
fn progress(import: &ImportView) {
    let (done, rows) = (import.done, import.rows.unwrap_or(0));
    let filled = if rows > 0 { (done * 30 / rows).clamp(0, 30) as usize } else { 0 };
    eprint!("\rchecking [{}{}] {done}/{rows} rows", "#".repeat(filled), ".".repeat(30 - filled));
    let _ = std::io::stderr().flush();
}

/// The dry run's counts, the file's problems and the first rows in error.
async fn report(app: &App, import: &ImportView) -> anyhow::Result<()> {
    for problem in &import.problems {
        println!("file: {}", problem.message);
    }
    for column in import.mapping.iter().filter(|c| c.field.is_none()) {
        println!("column \"{}\" is left out", column.header);
    }
    let c = import.counts;
    println!("{} to create, {} to update, {} unchanged, {} in error", c.create, c.update, c.unchanged, c.error);
    if c.error > 0 {
        let query = List { limit: SHOWN, ..List::of(ImportRowFilter { status: Some(RowStatus::Error) }) };
        let rows = app.import_rows(&cli_actor(), import.id, &query).await.map_err(describe)?;
        for row in rows.items {
            for error in row.errors {
                let column = error.column.map(|c| format!(" [{c}]")).unwrap_or_default();
                println!("line {}{column}: {}", row.line, error.message);
            }
        }
        if c.error as u64 > SHOWN {
            println!(
                "… and {} more rows in error (GET /api/v1/imports/{}/rows?status=error)",
                c.error as u64 - SHOWN,
                import.id
            );
        }
    }
    Ok(())
}
