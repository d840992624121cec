// Which program's code is running: the kernel's own (the image's symbols
// and line table, by physical address) or one of the user programs the
// image holds (by user address), for the trace and the debugger.
//
// The image says where a user program's bytes are in the image, not where
// it runs: a kernel copies it into a region of its choice and points R at
// it (the guest OS does), or runs it in place. So the tools recognise it by
// its code, in memory at R's base:
//
//   memory at rbase + a  ==  the image's word at program.address + a
//
// for the words its line table says are instructions (at most kSamples of
// them, spread evenly, so the cost is bounded). The program recognised is
// the one for which that holds for the largest share of those words, and
// for more than half; a program that shares its first routines with
// another (the guest OS's ulib.s) loses to the one that matches entirely.
// A caller names code with it only where it holds the very word that ran.
#pragma once

#include "image/image.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace trapvm {

class CodeMap {
public:
    // Reads one word of (guest-)physical memory; nothing outside memory.
    using ReadWord = std::function<std::optional<uint32_t>(uint32_t physical)>;
    static constexpr size_t kSamples = 64;

    // The image must outlive the map and keep its programs unchanged.
    explicit CodeMap(const Image& image);

    bool has_programs() const { return !image_.programs.empty(); }

    // The user program memory holds at rbase, or null. With a word: only
    // among the programs that hold that word at user address pc.
    const UserProgram* recognise(uint32_t rbase, const ReadWord& read) const;
    const UserProgram* recognise(uint32_t rbase, uint32_t pc, uint32_t word, const ReadWord& read) const;

    // The word the image holds at a program's user address.
    std::optional<uint32_t> word_at(const UserProgram& program, uint32_t user) const;
    bool holds(const UserProgram& program, uint32_t user, uint32_t word) const {
        return word_at(program, user) == word;
    }

    // Labels by address: the image's own (program null) or a program's.
    const LabelIndex& labels(const UserProgram* program) const;
    const LineInfo* line_at(const UserProgram* program, uint32_t address) const;

    const Image& image() const { return image_; }

private:
    // How many of a program's sampled code words memory holds at rbase.
    size_t matches(const UserProgram& program, uint32_t rbase, const ReadWord& read) const;
    const UserProgram* best(const std::vector<const UserProgram*>& candidates, uint32_t rbase,
                            const ReadWord& read) const;

    const Image& image_;
    LabelIndex kernel_labels_;
    std::vector<LabelIndex> program_labels_;      // one per program
    std::vector<std::vector<uint32_t>> samples_;  // per program: user addresses of code words
    std::vector<const UserProgram*> all_;
};

}  // namespace trapvm
