//! Where the secret key comes from. `RADGESTMAT_SECRET_KEY`, or `RADGESTMAT_SECRET_KEY_FILE`
//! (a Kubernetes secret or systemd credential mounted as a file). In production one of them is
//! required; in development, beside a SQLite database, a key file is made on first start so
//! that the one-command start keeps working and still keeps a real key.

use std::path::{Path, PathBuf};

use anyhow::Context;
use radgestmat_store::{SecretKey, sqlite_path};

use crate::config::{Config, Environment};

/// The development key's file name, beside the SQLite database.
const DEV_KEY_FILE: &str = "secret.key";

/// Where the key in use was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Variable,
    File(PathBuf),
    /// Made for development beside the SQLite database; `false` while it does not exist yet.
    Development(PathBuf, bool),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Variable => write!(f, "RADGESTMAT_SECRET_KEY"),
            Source::File(path) => write!(f, "file {}", path.display()),
            Source::Development(path, true) => write!(f, "development key file {}", path.display()),
            Source::Development(path, false) => write!(f, "development key file {} (made at start)", path.display()),
        }
    }
}

/// The key and its source. With `create`, the development key file is written if missing;
/// without, its absence is reported as a key to be made (and a fresh key returned meanwhile).
pub fn resolve(config: &Config, create: bool) -> anyhow::Result<(SecretKey, Source)> {
    let (key, source) = current(config, create)?;
    let Some(previous) = config.secret_key_previous.as_deref().filter(|k| !k.is_empty()) else {
        return Ok((key, source));
    };
    let previous = parse(previous, "RADGESTMAT_SECRET_KEY_PREVIOUS")?;
    anyhow::ensure!(
        previous.fingerprint() != key.fingerprint(),
        "RADGESTMAT_SECRET_KEY_PREVIOUS is the current key itself: set it to the key being replaced"
    );
    Ok((key.with_previous(&previous), source))
}

fn current(config: &Config, create: bool) -> anyhow::Result<(SecretKey, Source)> {
    let text = config.secret_key.as_deref().filter(|k| !k.is_empty());
    let file = config.secret_key_file.as_deref().filter(|f| !f.as_os_str().is_empty());
    match (text, file) {
        (Some(_), Some(_)) => anyhow::bail!("set RADGESTMAT_SECRET_KEY or RADGESTMAT_SECRET_KEY_FILE, not both"),
        (Some(text), None) => Ok((parse(text, "RADGESTMAT_SECRET_KEY")?, Source::Variable)),
        (None, Some(path)) => Ok((read(path)?, Source::File(path.to_owned()))),
        (None, None) => development_key(config, create),
    }
}

fn parse(text: &str, origin: &str) -> anyhow::Result<SecretKey> {
    SecretKey::parse(text).map_err(|reason| anyhow::anyhow!("{origin}: {reason}"))
}

fn read(path: &Path) -> anyhow::Result<SecretKey> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading the secret key {}", path.display()))?;
    parse(&text, &path.display().to_string())
}

fn development_key(config: &Config, create: bool) -> anyhow::Result<(SecretKey, Source)> {
    const HOW: &str = "set RADGESTMAT_SECRET_KEY (`radgestmat config generate-key` makes one) \
                       or RADGESTMAT_SECRET_KEY_FILE";
    if config.environment == Environment::Production {
        anyhow::bail!("RADGESTMAT_ENV=production needs a secret key: {HOW}");
    }
    let Some(database) = sqlite_path(&config.database_url) else {
        anyhow::bail!("no secret key: {HOW} (a key file is made for you only beside a SQLite database)");
    };
    let path = database.parent().unwrap_or(Path::new(".")).join(DEV_KEY_FILE);
    if path.exists() {
        return Ok((read(&path)?, Source::Development(path, true)));
    }
    if !create {
        return Ok((SecretKey::ephemeral(), Source::Development(path, false)));
    }
    let text = SecretKey::generate();
    write_private(&path, &format!("{text}\n")).with_context(|| format!("writing the secret key {}", path.display()))?;
    tracing::warn!(path = %path.display(), "no RADGESTMAT_SECRET_KEY: made a development key file; keep it with the database");
    Ok((parse(&text, "generated key")?, Source::Development(path, true)))
}

/// Creates `path` readable by its owner only; fails if it exists.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}
