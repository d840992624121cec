// Where an instruction is in the program: disassembly, symbol+offset and
// source line, for the trace's Step, Trap and Exit events.
//
// System-mode code is named by the image's own symbols and line table, at
// its (guest-)physical address. User-mode code is named first by the user
// program the image holds that memory shows at R's base (image/code_map.hpp:
// wherever a kernel copied it), at its user address; failing that, by the
// image at pc + rbase, as for a program run in place. Either way a Step is
// named only when the program holds the very word that ran there.
#pragma once

#include "image/code_map.hpp"
#include "image/image.hpp"
#include "trace/event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace trapvm::trace {

class Annotator {
public:
    // image null: disassembly only. read: the guest-physical memory the
    // program runs in, to recognise user programs (empty: none are).
    explicit Annotator(const Image* image, CodeMap::ReadWord read = {});

    // Fills e.assembly (Step), e.symbol and e.source of a Step, Trap or
    // Exit event; rbase is the (virtual) R's base at the time.
    void annotate(Event& e, uint32_t rbase);

private:
    struct Place {
        const UserProgram* program = nullptr;  // null: the image's own code
        uint32_t address = 0;                  // in the program's terms
        bool known = false;
    };
    // The user program recognised at each rbase seen (a kernel runs a few).
    struct Loaded {
        uint32_t rbase;
        const UserProgram* program;
    };
    static constexpr size_t kMaxLoaded = 64;

    Place place(const Record& r, std::optional<uint32_t> word, uint32_t rbase);
    const UserProgram* user_program(uint32_t pc, std::optional<uint32_t> word, uint32_t rbase);
    Loaded& loaded(uint32_t rbase, bool recheck);
    std::string symbol_at(const Place& p) const;
    std::string source_at(const Place& p) const;

    const Image* image_;
    CodeMap::ReadWord read_;
    std::optional<CodeMap> map_;  // built once: each step looks up its symbol and its branch target
    std::vector<Loaded> loaded_;
    // A step's annotation depends only on where it is (program and
    // address), its pc and its word: loops run the same few addresses
    // millions of times, so the last annotation of each address is kept.
    struct Cached {
        bool valid = false;
        const UserProgram* program = nullptr;
        uint32_t address = 0, pc = 0, word = 0;
        std::string assembly, symbol, source;
    };
    static constexpr size_t kCacheSize = 4096;  // entries, by word address modulo the size
    void compute(Event& e, const Place& where) const;
    std::vector<Cached> cache_;
    bool was_user_ = false;  // the last event annotated ran in user mode at last_rbase_
    uint32_t last_rbase_ = 0;
};

// The guest-physical address of a pc in the given mode: in user mode R
// relocates it.
inline uint32_t physical_pc(uint32_t pc, bool system, uint32_t rbase) { return system ? pc : pc + rbase; }

}  // namespace trapvm::trace
