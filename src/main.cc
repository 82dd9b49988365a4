#include "cli/cli.h"

int main(int argc, char** argv) { return lede::cli::Main(argc, argv); }
