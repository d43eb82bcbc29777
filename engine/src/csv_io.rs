//! CSV reading and writing (placeholder while the members import is written).
