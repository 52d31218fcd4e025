//! The commands: command-line arguments → settings → pipeline → terminal.

pub mod build;
