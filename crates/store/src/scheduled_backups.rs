//! Scheduled backups: archives written into a folder under a name that dates them, and the
//! retention that prunes the folder.

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Utc};

use crate::backup::Manifest;
use crate::{Result, Store};

const PREFIX: &str = "radgestmat-";
const SUFFIX: &str = ".rgmbak";

impl Store {
    /// Writes `radgestmat-<instant>.rgmbak` into `dir` (through a `.partial` file renamed at the
    /// end, so that a crash leaves no half archive under the real name); returns its path.
    pub async fn backup_into(&self, dir: &Path, at: DateTime<Utc>) -> Result<(std::path::PathBuf, Manifest)> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let name = format!("{PREFIX}{}{SUFFIX}", at.format("%Y%m%dT%H%M%SZ"));
        let (partial, path) = (dir.join(format!("{name}.partial")), dir.join(name));
        let manifest = self.backup(&partial).await?;
        std::fs::rename(&partial, &path).with_context(|| format!("renaming {}", partial.display()))?;
        Ok((path, manifest))
    }
}

/// Deletes the archives of `dir` that the retention does not keep: the last of each of the
/// `daily` most recent days, and the last of each of the `weekly` most recent ISO weeks.
/// Returns what it deleted.
pub fn prune_backups(dir: &Path, daily: usize, weekly: usize) -> Result<Vec<std::path::PathBuf>> {
    let mut archives = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry.context("reading the backup folder")?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stamp = name.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(SUFFIX));
        if let Some(at) = stamp.and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ").ok()) {
            archives.push((path, at.and_utc()));
        }
    }
    let doomed = expired(&archives, daily, weekly);
    for path in &doomed {
        std::fs::remove_file(path).with_context(|| format!("deleting {}", path.display()))?;
    }
    Ok(doomed)
}

fn expired(archives: &[(std::path::PathBuf, DateTime<Utc>)], daily: usize, weekly: usize) -> Vec<std::path::PathBuf> {
    use chrono::Datelike;
    let mut newest_first: Vec<_> = archives.iter().collect();
    newest_first.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
    let mut kept = std::collections::HashSet::new();
    let mut keep = |period: &dyn Fn(&DateTime<Utc>) -> (i32, u32), count: usize| {
        let mut seen = Vec::new();
        for (path, at) in &newest_first {
            let p = period(at);
            if !seen.contains(&p) && seen.len() < count {
                seen.push(p);
                kept.insert(path.clone());
            }
        }
    };
    keep(&|at| (at.year(), at.ordinal()), daily);
    keep(&|at| (at.iso_week().year(), at.iso_week().week()), weekly);
    newest_first.into_iter().filter(|(path, _)| !kept.contains(path)).map(|(path, _)| path.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_keeps_the_last_of_each_recent_day_and_week() {
        // Two archives a day for 60 days, the newest on 2026-11-21 (a Saturday).
        let start = DateTime::parse_from_rfc3339("2026-09-23T01:00:00Z").unwrap().to_utc();
        let archives: Vec<_> = (0..120)
            .map(|i| start + chrono::TimeDelta::hours(12 * i))
            .map(|at| (std::path::PathBuf::from(at.format("%Y%m%dT%H%M%SZ").to_string()), at))
            .collect();
        let doomed = expired(&archives, 7, 4);
        let kept: Vec<String> =
            archives.iter().filter(|(p, _)| !doomed.contains(p)).map(|(p, _)| p.display().to_string()).collect();
        // Seven days (the later archive of each: 15 to 21 November) and the last archive of each
        // of the four latest ISO weeks (21, 15, 8 and 1 November): nine archives.
        assert_eq!(kept.len(), 9, "{kept:?}");
        assert!(kept.contains(&"20261101T130000Z".to_owned()), "the fourth week back ends on 1 November");
        assert!(kept.contains(&"20261121T130000Z".to_owned()) && !kept.contains(&"20261121T010000Z".to_owned()));
        assert!(kept.contains(&"20261115T130000Z".to_owned()), "the 7th day back");
        assert!(kept.contains(&"20261108T130000Z".to_owned()), "Sunday, end of the week before: {kept:?}");
        assert!(!kept.iter().any(|k| k.starts_with("202610")), "October is gone: {kept:?}");
        assert!(expired(&archives[..1], 7, 4).is_empty());
    }
}
