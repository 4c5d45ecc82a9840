//! How a found value is shown: s2s-core's one masking rule.

pub use s2s_core::secret::mask;
