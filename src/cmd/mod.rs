//! The commands: command-line arguments → settings → pipeline → terminal.

pub mod build;
pub mod init;
pub mod new;
pub mod serve;
