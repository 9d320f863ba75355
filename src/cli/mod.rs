//! The command line: `ziping evaluate FILE.json`, `ziping check FILE...`.

use std::ffi::OsString;
use std::io::Write;

/// Runs the command line with `args` (without the program name) and returns the exit code.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let _ = (args, out);
    let _ = writeln!(err, "usage: ziping evaluate FILE.json | ziping check FILE...");
    2
}
