//! s2s-migrate against real files on disk. One binary, one module per topic.

mod apply;
mod corpus;
mod fuzz;
mod scan;
mod support;
