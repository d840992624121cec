// Differential testing: thousands of generated programs, each run bare and
// under the monitor, must give identical guest-visible traces. Plus tests of
// the generator and the shrinker themselves.
//
// TRAPVM_DIFF_SEEDS=FIRST:COUNT checks other seeds (e.g. a long run before
// a release); trapvm-difftest does the same from the command line.
#include "hardening/differential.hpp"
#include "hardening/shrink.hpp"

#include "assembler/assembler.hpp"

#include <doctest/doctest.h>

#include <set>

#include <cstdlib>
#include <string>

using namespace trapvm;
using namespace trapvm::hardening;

namespace {

// About 10 s in a Release build; a sanitizer build is ~20 times slower.
#ifdef TRAPVM_SANITIZED
constexpr uint64_t kCiSeeds = 1000;
#else
constexpr uint64_t kCiSeeds = 10000;
#endif

std::pair<uint64_t, uint64_t> seed_range() {
    const char* env = std::getenv("TRAPVM_DIFF_SEEDS");
    if (!env) return {0, kCiSeeds};
    std::string text = env;
    size_t colon = text.find(':');
    if (colon == std::string::npos) return {0, std::stoull(text)};
    return {std::stoull(text.substr(0, colon)), std::stoull(text.substr(colon + 1))};
}

Program program_for(uint64_t seed) {
    SeededEntropy e(seed);
    return generate(e);
}

}  // namespace

TEST_CASE("differential: generated programs are equivalent bare and under the hybrid monitor") {
    // The generator puts privileged instructions, traps and interrupts in
    // both modes: under hybrid all of system mode is interpreted.
    auto [first, count] = seed_range();
    count = std::min<uint64_t>(count, kCiSeeds / 5);
    uint64_t failures = 0;
    for (uint64_t seed = first; seed < first + count && failures < 3; ++seed) {
        if (std::optional<Failure> f = check_seed(seed, {}, vmm::Technique::Hybrid)) {
            ++failures;
            FAIL_CHECK(describe(*f));
        }
    }
    CHECK(failures == 0);
    MESSAGE(count << " programs from seed " << first << " under the hybrid monitor");
}

TEST_CASE("differential: generated programs are equivalent bare and under the monitor") {
    auto [first, count] = seed_range();
    uint64_t failures = 0, steps = 0;
    for (uint64_t seed = first; seed < first + count && failures < 3; ++seed) {
        if (std::optional<Failure> f = check_seed(seed)) {
            ++failures;
            FAIL_CHECK(describe(*f));
        }
    }
    for (uint64_t seed = first; seed < first + std::min<uint64_t>(count, 50); ++seed)
        steps += check_program(program_for(seed)).steps;
    MESSAGE(count << " programs from seed " << first << "; the first 50 ran " << steps << " instructions");
    CHECK(steps > 50 * 100);  // the programs do run, they do not stop at once
}

TEST_CASE("differential: the generator is deterministic and its programs assemble") {
    for (uint64_t seed = 0; seed < 200; ++seed) {
        std::string text = render(program_for(seed));
        CHECK(text == render(program_for(seed)));
        AssembleResult r = assemble_source(text, "generated.s");
        INFO(text);
        REQUIRE(r.ok());
    }
}

TEST_CASE("differential: the generator covers both modes, traps, interrupts and privileged instructions") {
    int user = 0, timer = 0, csrw = 0, words = 0, loops = 0;
    for (uint64_t seed = 0; seed < 200; ++seed) {
        std::string text = render(program_for(seed));
        user += text.find("csrw epsw") != std::string::npos;
        timer += text.find("TIMER_INTERVAL") != std::string::npos;
        csrw += text.find("csrw rbound, a0") != std::string::npos;
        words += text.find(".word") != std::string::npos;
        loops += text.find("bnez t3") != std::string::npos;
    }
    CHECK(user > 50);
    CHECK(timer > 50);
    CHECK(csrw > 10);
    CHECK(words > 20);
    CHECK(loops > 50);
}

// The classes of hostile guest the reliability audit found (issue 12) must
// come out of the generator by themselves: loops of nothing but exits,
// rbase values whose low bits are set, self-modifying code with every
// store width at every aligned offset, and several VMs side by side.
TEST_CASE(
    "differential: the generator makes emulation-only loops, unaligned bases, patches of every width and several VMs") {
    int emulation_loops = 0, unaligned_rbase = 0, several_vms = 0;
    std::set<std::pair<int, int>> patches;  // (width, offset)
    auto walk = [&](const std::vector<Item>& items, auto& self) -> void {
        for (const Item& it : items) {
            bool all_privileged = it.kind == ItemKind::Loop && !it.body.empty();
            for (const Item& b : it.body)
                all_privileged &=
                    b.kind == ItemKind::CsrRead || b.kind == ItemKind::CsrWrite || b.kind == ItemKind::Port;
            emulation_loops += all_privileged;
            unaligned_rbase +=
                it.kind == ItemKind::CsrWrite && it.sel == static_cast<uint16_t>(pg32::Csr::Rbase) && (it.imm & 3) != 0;
            if (it.kind == ItemKind::Patch)
                patches.insert({static_cast<int>(pg32::info(static_cast<pg32::Op>(it.op)).mnemonic[1]), it.sel});
            self(it.body, self);
        }
    };
    for (uint64_t seed = 0; seed < 500; ++seed) {
        Program p = program_for(seed);
        walk(p.body, walk);
        several_vms += !p.beside.empty();
    }
    CHECK(emulation_loops > 20);
    CHECK(unaligned_rbase > 10);
    CHECK(several_vms > 50);
    // sb at 0..3, sh at 0 and 2, sw at 0: all seven.
    CHECK(patches ==
          std::set<std::pair<int, int>>{{'b', 0}, {'b', 1}, {'b', 2}, {'b', 3}, {'h', 0}, {'h', 2}, {'w', 0}});
}

// The shrinker, on a made-up failure: "fails" when the program still has a
// store and a write to rbound. The minimal program has just those two.
TEST_CASE("differential: the shrinker keeps only what the failure needs") {
    auto has = [](const Program& p, auto pred) {
        auto search = [&](const std::vector<Item>& items, auto& self) -> bool {
            for (const Item& it : items)
                if (pred(it) || self(it.body, self)) return true;
            return false;
        };
        if (search(p.body, search)) return true;
        for (const auto& f : p.functions)
            if (search(f, search)) return true;
        return false;
    };
    auto is_store = [](const Item& it) { return it.kind == ItemKind::Store; };
    auto is_rbound = [](const Item& it) { return it.kind == ItemKind::CsrWrite && it.sel == 7; };
    Predicate fails = [&](const Program& p) { return has(p, is_store) && has(p, is_rbound); };
    for (uint64_t seed = 0; seed < 100; ++seed) {
        Program p = program_for(seed);
        if (!fails(p)) continue;
        ShrinkResult s = shrink(p, fails);
        CHECK(fails(s.program));
        CHECK(item_count(s.program) == 2);
        CHECK_FALSE(s.program.interrupts);
        CHECK(s.program.timer_interval == 0);
        CHECK(assemble_source(render(s.program), "shrunk.s").ok());
    }
}
