#pragma once

namespace lede::cli {

// Runs the lede command line; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace lede::cli
