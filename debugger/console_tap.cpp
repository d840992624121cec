// Guest console output, each byte once (see console_tap.hpp).
#include "debugger/console_tap.hpp"

namespace trapvm::debug {

void ConsoleTap::put(char byte) {
    if (cursor_++ < printed_) return;  // replayed: already shown
    if (muted_) return;
    ++printed_;
    if (byte == '\n') {
        out_ << prefix_ << line_ << "\n";
        line_.clear();
    } else {
        line_ += byte;
    }
}

void ConsoleTap::flush() {
    if (line_.empty()) return;
    out_ << prefix_ << line_ << "\n";
    line_.clear();
}

}  // namespace trapvm::debug
