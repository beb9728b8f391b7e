//! The rule engine: journal text in, detections out. Pure: no I/O, no database.
