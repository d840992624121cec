// Where an instruction is in the program: disassembly, symbol+offset and
// source line, for the trace's Step and Trap events.
//
// The image describes memory as loaded. A user-mode pc is relocated by R,
// and a kernel may have copied the code it runs there, so the image is
// asked about the guest-physical address (pc + rbase in user mode), and
// only trusted when it holds the very word that ran there.
#pragma once

#include "image/image.hpp"
#include "trace/event.hpp"

#include <optional>
#include <vector>

namespace trapvm::trace {

class Annotator {
public:
    explicit Annotator(const Image* image);  // null: disassembly only

    // Fills e.assembly (Step), e.symbol and e.source. physical is the
    // guest-physical address of e.record.pc.
    void annotate(Event& e, uint32_t physical) const;

private:
    // A step's annotation depends only on its physical address, pc and
    // word (the image does not change): loops run the same few addresses
    // millions of times, so the last annotation of each address is kept.
    struct Cached {
        bool valid = false;
        uint32_t physical = 0, pc = 0, word = 0;
        std::string assembly, symbol, source;
    };
    static constexpr size_t kCacheSize = 4096;  // entries, by word address modulo the size

    void compute(Event& e, uint32_t physical) const;
    std::optional<uint32_t> word_at(uint32_t physical) const;
    std::string symbol_at(uint32_t physical) const;
    std::string source_at(uint32_t physical) const;

    const Image* image_;
    std::optional<LabelIndex> labels_;  // built once: each step looks up its symbol and its branch target
    mutable std::vector<Cached> cache_;
};

// The guest-physical address of a pc in the given mode: in user mode R
// relocates it.
inline uint32_t physical_pc(uint32_t pc, bool system, uint32_t rbase) { return system ? pc : pc + rbase; }

}  // namespace trapvm::trace
