//! Stages that are all-or-nothing on disk, and skipped on `--resume` when already done.
//!
//! A stage works in `<name>.partial/` and, when everything it writes is complete, saves its summary
//! (`stage.json`: the settings it ran with and its findings) and renames the folder to `<name>/`. So an
//! interrupted run leaves at worst a `.partial` folder, never a half-written table beside finished ones;
//! and a resumed run reuses a stage only if it finished with the same settings.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};

/// What [`run`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The stage ran.
    Ran,
    /// The stage had finished before with the same settings; its summary was read back.
    Reused,
}

#[derive(Serialize, Deserialize)]
struct Saved<T> {
    settings: String,
    summary: T,
}

/// The file name of a finished stage's summary.
pub const SUMMARY: &str = "stage.json";

/// Runs `work` in `parent/<name>.partial/` and moves it to `parent/<name>/`, or, when `resume` and the stage
/// finished before with the same `settings`, returns its saved summary.
pub fn run<T, F>(parent: &Path, name: &str, settings: &str, resume: bool, work: F) -> Result<(T, Outcome)>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce(&Path) -> Result<T>,
{
    let done = parent.join(name);
    let saved_path = done.join(SUMMARY);
    if resume && saved_path.exists() {
        let text = std::fs::read(&saved_path).map_err(|e| Error::io(&saved_path, e))?;
        let saved: Saved<T> = serde_json::from_slice(&text)
            .map_err(|e| Error::Resume { path: saved_path.clone(), reason: e.to_string() })?;
        if saved.settings == settings {
            return Ok((saved.summary, Outcome::Reused));
        }
    }
    let partial = parent.join(format!("{name}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(|e| Error::io(&partial, e))?;
    }
    std::fs::create_dir_all(&partial).map_err(|e| Error::io(&partial, e))?;
    let summary = work(&partial)?;
    let saved = Saved { settings: settings.to_string(), summary };
    let json = serde_json::to_vec_pretty(&saved).map_err(|e| Error::input(format!("stage {name}: {e}")))?;
    write_atomic(&partial.join(SUMMARY), &json)?;
    // Move the old result aside before the new one takes its place, so a crash in between leaves one of them.
    let old = parent.join(format!("{name}.old"));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    if done.exists() {
        std::fs::rename(&done, &old).map_err(|e| Error::io(&done, e))?;
    }
    std::fs::rename(&partial, &done).map_err(|e| Error::io(&done, e))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok((saved.summary, Outcome::Ran))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    gptomics_train::io::write_atomic(path, bytes).map_err(|e| match e {
        gptomics_train::Error::Io { file, source } => Error::Io { path: file, source },
        other => Error::Train(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_stages_are_reused_only_with_the_same_settings() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("gptomics-stage-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let (n, how) = run(&dir, "s", "a", true, |d| write_atomic(&d.join("t.tsv"), b"x").map(|()| 1u32))?;
        assert_eq!((n, how), (1, Outcome::Ran));
        assert!(dir.join("s/t.tsv").exists() && !dir.join("s.partial").exists());
        assert_eq!(run(&dir, "s", "a", true, |_| Ok(2u32))?, (1, Outcome::Reused));
        assert_eq!(run(&dir, "s", "b", true, |_| Ok(3u32))?, (3, Outcome::Ran));
        assert_eq!(run(&dir, "s", "b", false, |_| Ok(4u32))?, (4, Outcome::Ran));
        // A failing stage leaves its finished predecessor alone and no summary in the partial folder.
        assert!(run(&dir, "s", "c", false, |_| Err::<u32, _>(Error::input("boom"))).is_err());
        assert!(dir.join("s/stage.json").exists() && !dir.join("s.partial/stage.json").exists());
        std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(())
    }
}
