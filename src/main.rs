fn main() {
    std::process::exit(nkmap::cli::run(std::env::args_os()));
}
