//! Checks shared by the fuzz targets (included with `mod common;`).

use closer::rules::Detection;

/// Every detection must point at real text: `start <= end <= len`, both on
/// char boundaries, and the evidence must be exactly that slice.
pub fn check_detections(text: &str, dets: &[Detection]) {
    for d in dets {
        assert!(
            d.start <= d.end && d.end <= text.len(),
            "span {}..{} out of range (len {}) for rule {}",
            d.start,
            d.end,
            text.len(),
            d.rule
        );
        assert!(
            text.is_char_boundary(d.start) && text.is_char_boundary(d.end),
            "span {}..{} not on char boundaries for rule {}",
            d.start,
            d.end,
            d.rule
        );
        assert_eq!(
            d.evidence,
            &text[d.start..d.end],
            "evidence differs from the span for rule {}",
            d.rule
        );
    }
}
