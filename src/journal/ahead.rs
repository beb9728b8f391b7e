//! The rules run ahead of an import's write. Worker threads analyse the
//! records a chunk at a time, in the order the store will ask for them,
//! while the writer inserts the entries; the writer then takes each
//! record's findings as it needs them, and when the chunk it needs is not
//! done yet it analyses the next chunk no worker has begun rather than sit
//! idle. So the write never waits for all the rules, nor the rules for the
//! write, and no core is left without work while either lasts.
//!
//! A chunk whose rules panicked on a worker is analysed again on the
//! writer's thread, so no record is written without its detections.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::rules::{Engine, EntryDetections, summarize};

/// Texts to a chunk: small enough that the writer seldom waits long for a
/// chunk a worker has begun, large enough that handing one out costs
/// nothing next to its rules (tens of microseconds a text).
const CHUNK: usize = 256;

/// A chunk's findings, as far as they are.
enum Slot {
    Pending,
    /// Found by a worker.
    Found(Vec<EntryDetections>),
    /// Found by the writer itself.
    Mine(Vec<EntryDetections>),
    /// The rules panicked on a worker.
    Failed,
    /// Given to the writer.
    Taken,
}

/// The texts to analyse, in the order the writer will want them, and what
/// has been found so far.
pub(super) struct Ahead<'a> {
    engine: &'a Engine,
    texts: Vec<&'a str>,
    /// The first chunk no one has claimed (past the end once all are).
    next: AtomicUsize,
    stop: AtomicBool,
    slots: Mutex<Vec<Slot>>,
    ready: Condvar,
    /// Workers' findings the writer has copied, for a worker to free. A
    /// block is cheapest freed by the thread whose malloc arena it came
    /// from: the writer freeing the workers' blocks itself waited on their
    /// arenas' locks for a fifth of its time while the rules ran.
    spent: Mutex<Vec<Vec<EntryDetections>>>,
}

impl<'a> Ahead<'a> {
    pub(super) fn new(engine: &'a Engine, texts: Vec<&'a str>) -> Self {
        let chunks = texts.len().div_ceil(CHUNK);
        Ahead {
            engine,
            texts,
            next: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            slots: Mutex::new((0..chunks).map(|_| Slot::Pending).collect()),
            ready: Condvar::new(),
            spent: Mutex::new(Vec::new()),
        }
    }

    /// How many worker threads could have work, at most.
    pub(super) fn chunks(&self) -> usize {
        self.texts.len().div_ceil(CHUNK)
    }

    /// A worker's loop: chunks in order until none is left or the write is
    /// over.
    pub(super) fn work(&self) {
        while let Some(k) = self.claim() {
            let found = catch_unwind(AssertUnwindSafe(|| self.analyse(k)));
            self.put(k, found.map_or(Slot::Failed, Slot::Found));
            let spent = std::mem::take(&mut *lock(&self.spent));
            drop(spent);
        }
    }

    /// Stops the workers after the chunk each is on, when dropped: the
    /// write is over (done, failed or panicked), and what is left would be
    /// thrown away.
    pub(super) fn stop_when_dropped(&self) -> StopWhenDropped<'_, 'a> {
        StopWhenDropped(self)
    }

    /// The writer's side, for the records of an import of `records` in all,
    /// whose texts were given in the order of `order` (record indexes).
    pub(super) fn taker(&self, order: &[usize], records: usize) -> Taker<'_, 'a> {
        let mut position = vec![usize::MAX; records];
        for (p, &i) in order.iter().enumerate() {
            if let Some(slot) = position.get_mut(i) {
                *slot = p;
            }
        }
        Taker {
            ahead: self,
            position,
            held: None,
        }
    }

    fn claim(&self) -> Option<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        (k < self.chunks()).then_some(k)
    }

    fn analyse(&self, k: usize) -> Vec<EntryDetections> {
        let end = ((k + 1) * CHUNK).min(self.texts.len());
        self.texts[k * CHUNK..end]
            .iter()
            .map(|text| summarize(&self.engine.detect(text)))
            .collect()
    }

    fn slots(&self) -> MutexGuard<'_, Vec<Slot>> {
        lock(&self.slots)
    }

    fn put(&self, k: usize, slot: Slot) {
        self.slots()[k] = slot;
        self.ready.notify_all();
    }

    /// Chunk `k`'s findings, for the writer.
    fn take(&self, k: usize) -> Vec<EntryDetections> {
        loop {
            let mut slots = self.slots();
            match std::mem::replace(&mut slots[k], Slot::Taken) {
                Slot::Found(found) => {
                    drop(slots);
                    let copy = found.clone();
                    lock(&self.spent).push(found);
                    return copy;
                }
                Slot::Mine(found) => return found,
                // Again on this thread, where a panic reaches the import as
                // it would for any one entry; taken twice only if asked out
                // of order.
                Slot::Failed | Slot::Taken => {
                    drop(slots);
                    return self.analyse(k);
                }
                Slot::Pending => slots[k] = Slot::Pending,
            }
            drop(slots);
            // Rather than wait, analyse a chunk no one has begun: its turn
            // comes later. Chunks are claimed in order and every one before
            // `k` was taken, so this is `k` itself or one after it.
            if let Some(j) = self.claim() {
                let found = self.analyse(j);
                self.put(j, Slot::Mine(found));
                continue;
            }
            // Every chunk is claimed: a worker is on `k`.
            let mut slots = self.slots();
            while matches!(slots[k], Slot::Pending) {
                slots = self
                    .ready
                    .wait(slots)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }
    }
}

/// Nothing panics while holding these locks (the rules run outside them).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// See [`Ahead::stop_when_dropped`].
pub(super) struct StopWhenDropped<'b, 'a>(&'b Ahead<'a>);

impl Drop for StopWhenDropped<'_, '_> {
    fn drop(&mut self) {
        self.0.stop.store(true, Ordering::Relaxed);
    }
}

/// Hands the writer each record's findings, one chunk held at a time.
pub(super) struct Taker<'b, 'a> {
    ahead: &'b Ahead<'a>,
    /// Each record's place among the texts, `usize::MAX` if it has none.
    position: Vec<usize>,
    held: Option<(usize, Vec<Option<EntryDetections>>)>,
}

impl Taker<'_, '_> {
    /// What the rules find in record `i`, whose text is `text`: from the
    /// work ahead, or analysed now if the record was not planned for (the
    /// journal changed since the plan) or its findings were already given.
    pub(super) fn take(&mut self, i: usize, text: &str) -> EntryDetections {
        let now = || summarize(&self.ahead.engine.detect(text));
        let Some(p) = self.position.get(i).copied().filter(|&p| p != usize::MAX) else {
            return now();
        };
        let k = p / CHUNK;
        let held = match &mut self.held {
            Some((h, found)) if *h == k => found,
            held => {
                let found = self.ahead.take(k).into_iter().map(Some).collect();
                &mut held.insert((k, found)).1
            }
        };
        held.get_mut(p % CHUNK)
            .and_then(Option::take)
            .unwrap_or_else(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Believable entries, most of which the rules find something in.
    fn texts(n: usize) -> Vec<String> {
        let texts: Vec<String> = crate::demo::journal(&crate::demo::DemoOptions {
            seed: 7,
            end: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            entries: n,
            offset: chrono::FixedOffset::east_opt(0).expect("offset"),
        })
        .into_iter()
        .map(|e| e.text)
        .collect();
        let engine = Engine::builtin();
        let found = texts
            .iter()
            .filter(|t| summarize(&engine.detect(t)) != EntryDetections::default())
            .count();
        assert!(found > n / 2, "only {found} of {n} texts have findings");
        texts
    }

    #[test]
    fn every_record_gets_its_own_findings_whoever_analyses_it() {
        let engine = Engine::builtin();
        let owned = texts(CHUNK * 3 + 7);
        let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
        // The writer asks in reverse record order, as planned.
        let order: Vec<usize> = (0..texts.len()).rev().collect();
        let planned: Vec<&str> = order.iter().map(|&i| texts[i]).collect();
        for workers in [0, 1, 3] {
            let ahead = Ahead::new(&engine, planned.clone());
            std::thread::scope(|scope| {
                for _ in 0..workers {
                    scope.spawn(|| ahead.work());
                }
                let _stop = ahead.stop_when_dropped();
                let mut taker = ahead.taker(&order, texts.len());
                for &i in &order {
                    assert_eq!(
                        taker.take(i, texts[i]),
                        summarize(&engine.detect(texts[i])),
                        "record {i} with {workers} workers"
                    );
                }
            });
        }
    }

    #[test]
    fn records_out_of_plan_or_asked_twice_are_analysed_then() {
        let engine = Engine::builtin();
        let owned = texts(CHUNK + 1);
        let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
        let order: Vec<usize> = (0..texts.len() - 1).collect();
        let ahead = Ahead::new(&engine, order.iter().map(|&i| texts[i]).collect());
        let mut taker = ahead.taker(&order, texts.len());
        let last = texts.len() - 1;
        let expect = |i: usize| summarize(&engine.detect(texts[i]));
        assert_eq!(taker.take(last, texts[last]), expect(last));
        assert_eq!(taker.take(CHUNK, texts[CHUNK]), expect(CHUNK));
        assert_eq!(taker.take(0, texts[0]), expect(0));
        assert_eq!(taker.take(0, texts[0]), expect(0));
    }
}
