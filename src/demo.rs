//! The demo journal generator (see `generate`).
