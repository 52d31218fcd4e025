//! The commands: command-line arguments → settings → pipeline → terminal.

pub mod build;
pub mod cms;
pub mod init;
pub mod new;
pub mod serve;
