//! Pure functions over entries and detections: what keeps happening, with
//! whom, and what mends it. No I/O, no database, no clock: callers pass the
//! period and "today".

pub mod people;
pub mod repairs;
