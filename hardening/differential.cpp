// Bare versus monitor on generated programs (see differential.hpp).
#include "hardening/differential.hpp"

#include "assembler/assembler.hpp"
#include "hardening/shrink.hpp"
#include "trace/equivalence.hpp"

namespace trapvm::hardening {

Verdict check_program(const Program& program, uint64_t max_steps) {
    Verdict v;
    AssembleResult assembled = assemble_source(render(program), "generated.s");
    if (!assembled.ok()) {
        v.ok = false;
        v.problem = "does not assemble (a generator bug):\n";
        for (const Diagnostic& d : assembled.diagnostics) v.problem += format_diagnostic(d);
        return v;
    }
    trace::EquivalenceSetup setup;
    setup.image = &*assembled.image;
    setup.memory_size = kMemorySize;
    setup.input = program.input;
    setup.max_steps = max_steps;
    setup.quantum = program.quantum;
    trace::EquivalenceResult r = trace::check_equivalence(setup);
    v.steps = r.steps_bare;
    v.stop = r.stop_bare;
    if (!r.equivalent || r.steps_bare != r.steps_vmm) {
        v.ok = false;
        v.problem = "not equivalent: " + (r.report.empty() ? "the step counts differ\n" : r.report);
    }
    return v;
}

std::optional<Failure> check_seed(uint64_t seed, const GenOptions& options) {
    SeededEntropy entropy(seed);
    Program program = generate(entropy, options);
    Verdict verdict = check_program(program);
    if (verdict.ok) return std::nullopt;
    Failure f;
    f.seed = seed;
    f.verdict = verdict;
    f.original_items = item_count(program);
    // The same kind of failure must remain: a shrunk program that merely
    // fails to assemble would hide the real problem.
    bool assembly_problem = verdict.problem.starts_with("does not assemble");
    ShrinkResult s = shrink(program, [&](const Program& p) {
        Verdict v = check_program(p);
        return !v.ok && v.problem.starts_with("does not assemble") == assembly_problem;
    });
    f.shrunk = s.program;
    f.shrink_attempts = s.attempts;
    f.assembly = render(s.program);
    f.shrunk_problem = check_program(s.program).problem;
    return f;
}

std::string describe(const Failure& f) {
    return "seed " + std::to_string(f.seed) + ": " + f.verdict.problem + "\nshrunk in " +
           std::to_string(f.shrink_attempts) + " attempts from " + std::to_string(f.original_items) + " to " +
           std::to_string(item_count(f.shrunk)) + " items:\n" + f.shrunk_problem +
           "\n---- minimal program (PG32 assembly) ----\n" + f.assembly + "---- end ----\n";
}

}  // namespace trapvm::hardening
