// On Windows: no console window behind the map. The command-line subcommands attach to the
// console they were started from instead (cli::attach_parent_console).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() {
    std::process::exit(nkmap::cli::run(std::env::args_os()));
}
