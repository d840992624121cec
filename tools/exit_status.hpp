// The exit statuses of the trapvm command, in one place (README documents them).
#pragma once

namespace trapvm {

enum ExitStatus : int {
    kExitOk = 0,               // success; also `halt`, and power-off with status 0
    kExitUsage = 2,            // bad command line: unknown subcommand or option, bad value
    kExitBadInput = 65,        // the program is wrong: assembly errors, corrupt image (EX_DATAERR)
    kExitNoInput = 66,         // a file cannot be read: missing, a directory, no permission (EX_NOINPUT)
    kExitInternal = 70,        // a bug in trapvm itself (EX_SOFTWARE)
    kExitCannotWrite = 73,     // an output file cannot be written (EX_CANTCREAT)
    kExitTraceLimit = 122,     // --max-trace reached: the trace grew too large
    kExitOutputLimit = 123,    // --max-output reached: the program wrote too much to the console
    kExitStepLimit = 124,      // --max-steps reached (as timeout(1) does)
    kExitUnhandledTrap = 125,  // a trap with tvec = 0: no handler installed
    kExitDeadlock = 126,       // wfi with no interrupt that could ever arrive
    kExitInterrupted = 130,    // stopped by Ctrl-C (SIGINT), output flushed
};
// A guest that powers off with status s makes trapvm exit with s & 0xff.

}  // namespace trapvm
