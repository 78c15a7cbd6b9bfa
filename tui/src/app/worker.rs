//! Re-optimising on a worker thread: the UI keeps drawing (and can cancel) while the search
//! runs; the thread reports progress and its outcome over a channel.

use planner::engine::Problem;
use planner::week::build::Instance;
use planner::week::edit::Pins;
use planner::week::plan::Plan;
use planner::week::reoptimise::{Outcome, ReoptOptions, ReoptProgress, reoptimise};
use planner::week::{Horizon, Scenario};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the thread sends.
#[derive(Debug)]
pub enum Report {
    Progress(ReoptProgress),
    Done(Result<Outcome, String>),
}

/// What the thread works on: copies, so the UI may go on with its own.
pub struct Task {
    pub scenario: Scenario,
    pub horizon: Horizon,
    pub base: Problem,
    pub plan: Plan,
    pub pins: Pins,
    pub opts: ReoptOptions,
}

/// A running re-optimisation.
pub struct Job {
    rx: Receiver<Report>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
    pub progress: Option<ReoptProgress>,
}

impl Job {
    pub fn spawn(task: Task) -> Job {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let handle = std::thread::spawn(move || {
            let inst = Instance::new(&task.scenario, task.horizon);
            let progress = tx.clone();
            let out = reoptimise(
                &task.plan,
                &task.pins,
                &inst,
                &task.base,
                &task.opts,
                &flag,
                &mut |p| {
                    let _ = progress.send(Report::Progress(*p));
                },
            );
            let _ = tx.send(Report::Done(out.map_err(|e| e.to_string())));
        });
        Job {
            rx,
            cancel,
            handle: Some(handle),
            progress: None,
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The reports waiting, without blocking; the outcome last if the thread is done.
    pub fn poll(&mut self) -> Vec<Report> {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(r) => out.push(r),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if !out.iter().any(|r| matches!(r, Report::Done(_))) {
                        out.push(Report::Done(Err("the optimiser stopped".into())));
                    }
                    break;
                }
            }
        }
        self.note(&out);
        out
    }

    /// Waits for the next report (tests, and quitting while the thread runs).
    pub fn wait(&mut self, timeout: Duration) -> Option<Report> {
        let r = self.rx.recv_timeout(timeout).ok()?;
        self.note(std::slice::from_ref(&r));
        Some(r)
    }

    fn note(&mut self, reports: &[Report]) {
        for r in reports {
            if let Report::Progress(p) = r {
                self.progress = Some(*p);
            }
        }
    }
}

impl Drop for Job {
    /// Leaving (or a new job) stops the thread and waits for it: no search outlives the UI.
    fn drop(&mut self) {
        self.cancel();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
