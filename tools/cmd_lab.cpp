// trapvm lab list | export | package: the labs, their starters and their
// autograder packages.
#include "tools/cli.hpp"
#include "tools/commands.hpp"

namespace trapvm::cli {

int cmd_lab(const Args& args) {
    (void)args;
    return fail("lab", "not yet", kExitUsage);
}

}  // namespace trapvm::cli
