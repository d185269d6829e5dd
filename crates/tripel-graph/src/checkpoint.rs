//! Read-only checkpoints: how readers read a RocksDB store while a writer writes it.
//!
//! Oxigraph 0.5 has no secondary mode, and opening a RocksDB folder read-only while another
//! process writes it is undefined behaviour. So readers never open the writer's folder.
//! Instead the writer, after each commit, **publishes a checkpoint**: a RocksDB checkpoint
//! ([`Store::backup`]) in a fresh folder under `<store>/checkpoints/`. SST files are hard
//! links (they are immutable), so a checkpoint costs a memtable flush, a copy of the small
//! MANIFEST and WAL files, and a few links. Nobody ever writes to a published checkpoint, so
//! any number of processes may open it with [`Store::open_read_only`] at once, and it never
//! needs to write (readers work on a full disk).
//!
//! The layout:
//!
//! ```text
//! <store>/                 the writer's RocksDB folder (its LOCK excludes a second writer)
//! <store>/checkpoints/CURRENT            the name of the latest checkpoint, one line
//! <store>/checkpoints/000000000042/      a checkpoint, openable read-only
//! ```
//!
//! **Publishing** (writer only; RocksDB's lock makes it the only one): create checkpoint
//! `N+1`, write its name to `CURRENT.tmp`, sync, rename over `CURRENT`. Readers see either
//! the old pointer or the new one, never half of one.
//!
//! **When**: a checkpoint costs a flush of every column family, about 0.1 s, so a commit
//! publishes only when the last publication is [`PUBLISH_INTERVAL`] old; otherwise its state
//! stays pending and is published by a later commit, by [`Publisher::publish`], or when the
//! writer closes. Before each commit the writer creates the marker file `PENDING` (no sync),
//! and removes it after publishing; a writer killed in between leaves it, and the next writer
//! publishes when it opens. So readers lag a running build by at most about a second, and see
//! every commit once the writer is done.
//!
//! **Pinning** (readers): read `CURRENT`, open the named folder and take a *shared*
//! `flock` on it, then check that the path still names the locked folder (the writer may have
//! retired it in between); if not, start over. The lock is held for as long as the reader
//! uses the checkpoint (RocksDB opens table files lazily, so the files must stay).
//!
//! **Retiring**: after publishing, the writer tries an *exclusive*, non-blocking lock on every
//! other checkpoint. One it gets is used by no reader: it is renamed to `N.trash` (so no new
//! reader can pin it) and deleted. One it cannot lock is in use and stays until a later
//! publication finds it free. Leftovers of a crash (`*.tmp` from RocksDB, `*.trash`) are
//! deleted the same way. So the disk holds the latest checkpoint plus those readers still
//! use; since SST files are shared with the live store, that is little extra space until
//! compaction replaces the store's files.

use oxigraph::store::{StorageError, Store};
use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The folder, inside the store folder, that holds the checkpoints.
pub const CHECKPOINTS_DIR: &str = "checkpoints";

/// The file in [`CHECKPOINTS_DIR`] that names the latest checkpoint.
const POINTER: &str = "CURRENT";

/// The file in [`CHECKPOINTS_DIR`] that says a commit has not been published yet.
const PENDING: &str = "PENDING";

/// The shortest time between two publications a commit triggers on its own.
pub const PUBLISH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

/// The writer's side: decides when to publish and publishes.
pub(crate) struct Publisher {
    store: Store,
    dir: PathBuf,
    state: std::sync::Mutex<State>,
}

#[derive(Default)]
struct State {
    last: Option<std::time::Instant>,
    pending: bool,
}

impl std::fmt::Debug for Publisher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publisher").field("dir", &self.dir).finish()
    }
}

/// Whether a writer left a commit unpublished (it is still writing, or it died before
/// publishing: a crash, a full disk).
pub(crate) fn pending(store_dir: &Path) -> bool {
    checkpoints(store_dir).join(PENDING).exists()
}

impl Publisher {
    /// The publisher of `store`, opened for writing from `store_dir`. Publishes right away
    /// when readers have no checkpoint yet or an earlier writer left a commit unpublished.
    pub(crate) fn open(store: &Store, store_dir: &Path) -> Result<Self, CheckpointError> {
        let publisher = Self {
            store: store.clone(),
            dir: store_dir.to_owned(),
            state: std::sync::Mutex::default(),
        };
        let marks = checkpoints(store_dir);
        if latest(store_dir).ok().flatten().is_none() || marks.join(PENDING).exists() {
            publisher.state().pending = true;
            publisher.publish()?;
            // Not counted: the first commit (a new store's ontology) is published at once.
            publisher.state().last = None;
        }
        Ok(publisher)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Call before a commit: marks the store as ahead of its readers.
    pub(crate) fn before_commit(&self) -> io::Result<()> {
        let mut state = self.state();
        if !state.pending {
            let marks = checkpoints(&self.dir);
            fs::create_dir_all(&marks)?;
            File::create(marks.join(PENDING))?;
            state.pending = true;
        }
        Ok(())
    }

    /// Call after a commit: publishes when the last publication is [`PUBLISH_INTERVAL`] old.
    pub(crate) fn after_commit(&self) -> Result<(), CheckpointError> {
        let due = self
            .state()
            .last
            .is_none_or(|at| at.elapsed() >= PUBLISH_INTERVAL);
        if due {
            self.publish()?;
        }
        Ok(())
    }

    /// Publishes the committed state now, if any of it is unpublished.
    pub(crate) fn publish(&self) -> Result<(), CheckpointError> {
        // Commits may come from several threads (the endpoint's updates): they publish one
        // after the other, or two would pick the same number.
        let mut state = self.state();
        if !state.pending {
            return Ok(());
        }
        publish(&self.store, &self.dir)?;
        match fs::remove_file(checkpoints(&self.dir).join(PENDING)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
        state.pending = false;
        state.last = Some(std::time::Instant::now());
        Ok(())
    }
}

impl Drop for Publisher {
    fn drop(&mut self) {
        // A failure leaves `PENDING`, so the next writer publishes: nothing to report here.
        let _ = self.publish();
    }
}

/// A checkpoint a reader has pinned: the shared lock lasts as long as this value.
#[derive(Debug)]
pub(crate) struct Pinned {
    /// The checkpoint's name (its folder name under [`CHECKPOINTS_DIR`]).
    pub name: String,
    /// The checkpoint's folder.
    pub path: PathBuf,
    // Holds the shared lock; closing the file releases it.
    _lock: File,
}

/// Why publishing or pinning failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CheckpointError {
    /// File-system work (pointer, locks, deletion) failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// RocksDB could not create the checkpoint.
    #[error("{0}")]
    Storage(#[from] StorageError),
}

fn checkpoints(store_dir: &Path) -> PathBuf {
    store_dir.join(CHECKPOINTS_DIR)
}

/// The name of the latest checkpoint of the store in `store_dir`, `None` when none has been
/// published (a store written by tripel before checkpoints existed, or a new one).
pub(crate) fn latest(store_dir: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(checkpoints(store_dir).join(POINTER)) {
        Ok(text) => {
            let name = text.trim();
            // Only names this module writes: a stray file cannot send a reader elsewhere.
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{POINTER} does not name a checkpoint: {name:?}"),
                ));
            }
            Ok(Some(name.to_owned()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Pins the latest checkpoint: `Ok(None)` when none has been published.
///
/// A checkpoint can be retired between reading the pointer and locking the folder; then the
/// pointer has moved on and the next try pins the newer one. The retry count only guards
/// against a writer that publishes faster than this loop runs.
pub(crate) fn pin_latest(store_dir: &Path) -> io::Result<Option<Pinned>> {
    const TRIES: usize = 200;
    for _ in 0..TRIES {
        let Some(name) = latest(store_dir)? else {
            return Ok(None);
        };
        let path = checkpoints(store_dir).join(&name);
        let lock = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        match lock.try_lock_shared() {
            Ok(()) => {}
            // The writer holds it exclusively: it is being retired.
            Err(TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(5));
                continue;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        if same_file(&lock, &path)? {
            return Ok(Some(Pinned {
                name,
                path,
                _lock: lock,
            }));
        }
    }
    Err(io::Error::other(format!(
        "the latest checkpoint kept changing: {TRIES} tries to pin one failed"
    )))
}

/// Whether `path` still names the folder `file` has open (it was not renamed away).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    match fs::metadata(path) {
        Ok(now) => Ok(now.dev() == open.dev() && now.ino() == open.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Without inode numbers, a retired folder is recognised by its RocksDB `CURRENT` file,
/// which the writer's rename takes away with it.
#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> io::Result<bool> {
    Ok(path.join("CURRENT").is_file())
}

/// Publishes a checkpoint of `store` (opened for writing from `store_dir`) as the latest one
/// and retires the checkpoints no reader uses any longer. Returns the new checkpoint's name.
fn publish(store: &Store, store_dir: &Path) -> Result<String, CheckpointError> {
    let dir = checkpoints(store_dir);
    fs::create_dir_all(&dir)?;
    let current = latest(store_dir).ok().flatten();
    // Leftovers first: RocksDB refuses to write a checkpoint over an existing `N.tmp`.
    retire(&dir, current.as_deref())?;
    let next = highest_number(&dir)?.map_or(1, |n| n + 1);
    let name = format!("{next:012}");
    store.backup(dir.join(&name))?;
    let tmp = dir.join(format!("{POINTER}.tmp"));
    {
        let mut f = File::create(&tmp)?;
        writeln!(f, "{name}")?;
        f.sync_all()?;
    }
    fs::rename(&tmp, dir.join(POINTER))?;
    sync_dir(&dir)?;
    retire(&dir, Some(&name))?;
    Ok(name)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// The highest checkpoint number used in `dir`, leftovers included.
fn highest_number(dir: &Path) -> io::Result<Option<u64>> {
    let mut highest = None;
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        let digits = name.split('.').next().unwrap_or_default();
        if let Ok(n) = digits.parse::<u64>() {
            highest = highest.max(Some(n));
        }
    }
    Ok(highest)
}

/// Deletes every checkpoint folder but `keep` that no reader has pinned, and the leftovers of
/// interrupted publications. Only the writer calls this.
fn retire(dir: &Path, keep: Option<&str>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == POINTER
            || name == PENDING
            || Some(name.as_str()) == keep
            || !entry.file_type()?.is_dir()
        {
            continue;
        }
        let path = entry.path();
        if name.ends_with(".tmp") || name.ends_with(".trash") {
            // Never published (or already retired): no reader can have it.
            fs::remove_dir_all(&path)?;
            continue;
        }
        let lock = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        match lock.try_lock() {
            Ok(()) => {
                // Renamed while locked: a reader that opened it meanwhile sees it gone.
                let trash = dir.join(format!("{name}.trash"));
                fs::rename(&path, &trash)?;
                drop(lock);
                fs::remove_dir_all(&trash)?;
            }
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
    Ok(())
}
