//! Migration scans running in the background: each has an id the UI polls for progress, can
//! cancel, and later uses for previews, apply and the report. Scans run on blocking threads so
//! a 10,000-file tree never stalls the window.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use s2s_migrate::scan::{scan, Progress, ScanError, ScanOptions, ScanReport};

/// One scan.
struct Job {
    progress: Arc<Progress>,
    result: Arc<Mutex<Option<Result<ScanReport, ScanError>>>>,
}

/// A scan's state as the UI sees it.
pub enum JobState {
    /// Still walking.
    Running(s2s_migrate::scan::ProgressSnapshot),
    /// Finished (possibly cancelled).
    Done(ScanReport),
    /// Could not start.
    Failed(ScanError),
}

/// Every scan of this session.
#[derive(Default)]
pub struct Migrations {
    next: AtomicU32,
    jobs: Mutex<HashMap<u32, Job>>,
}

impl Migrations {
    /// Starts scanning `path`; returns the scan's id.
    pub fn start(&self, path: PathBuf) -> u32 {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let progress = Arc::new(Progress::default());
        let result = Arc::new(Mutex::new(None));
        let (p, r) = (progress.clone(), result.clone());
        std::thread::spawn(move || {
            let outcome = scan(zoom_catalog::catalog(), &path, &ScanOptions::default(), &p);
            *r.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
        });
        self.jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, Job { progress, result });
        id
    }

    /// The scan's state; `None` for an unknown id.
    pub fn state(&self, id: u32) -> Option<JobState> {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let job = jobs.get(&id)?;
        let result = job.result.lock().unwrap_or_else(PoisonError::into_inner);
        Some(match result.as_ref() {
            None => JobState::Running(job.progress.snapshot()),
            Some(Ok(report)) => JobState::Done(report.clone()),
            Some(Err(e)) => JobState::Failed(e.clone()),
        })
    }

    /// Asks a scan to stop.
    pub fn cancel(&self, id: u32) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        jobs.get(&id).map(|j| j.progress.cancel()).is_some()
    }

    /// A finished scan's report.
    pub fn report(&self, id: u32) -> Option<ScanReport> {
        match self.state(id)? {
            JobState::Done(report) => Some(report),
            _ => None,
        }
    }
}
