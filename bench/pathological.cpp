// The assembler and disassembler on pathological but legal programs
// (issue 12): sizes inside the documented limits at which anything worse
// than linear shows. Until the fixes recorded in README.md, the .equ chain
// never finished and the listing took 24 s.
#include "assembler/assembler.hpp"
#include "bench/bench.hpp"
#include "image/disassembler.hpp"

#include <stdexcept>

namespace trapvm::bench {

namespace {

std::string number(int i) { return std::to_string(i); }

// .equ c0, c1 + 1 ... each naming the next, defined further down.
std::string equ_chain(int links) {
    std::string text = "_start: halt\n.word c0\n";
    for (int i = 0; i < links; ++i)
        text.append(".equ c").append(number(i)).append(", c").append(number(i + 1)).append(" + 1\n");
    return text.append(".equ c").append(number(links)).append(", 0\n");
}

// Each line a label and a jump to the next one: every reference is forward.
std::string forward_references(int count) {
    std::string text = "_start:\n";
    for (int i = 0; i < count; ++i)
        text.append("L").append(number(i)).append(": j L").append(number(i + 1)).append("\n");
    return text.append("L").append(number(count)).append(": halt\n");
}

std::string bad_lines(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += "        frob r1, r2\n";
    return text;
}

Image assembled(const std::string& text, const char* what) {
    AssembleResult r = assemble_source(text, "pathological.s");
    if (!r.ok()) throw std::runtime_error(std::string("the pathological program (") + what + ") does not assemble");
    return *r.image;
}

std::vector<double> milliseconds(std::vector<double> seconds) {
    for (double& s : seconds) s *= 1e3;
    return seconds;
}

}  // namespace

void pathological_workloads(const Options& o, const std::function<void(const Figure&)>& note) {
    int n = o.quick ? 1'000 : 100'000;
    std::string chain = equ_chain(n), forward = forward_references(n), bad = bad_lines(2 * n);
    note(figure("assembler: 100,000-link .equ chain", "ms",
                milliseconds(time_runs(o.runs, [&] { assembled(chain, ".equ chain"); })),
                number(n) + " constants, each naming the next"));
    note(figure("assembler: 100,000 forward references", "ms",
                milliseconds(time_runs(o.runs, [&] { assembled(forward, "forward references"); })),
                number(n) + " lines 'Li: j Li+1'"));
    note(figure("assembler: 200,000 bad lines (capped diags)", "ms",
                milliseconds(time_runs(o.runs,
                                       [&] {
                                           if (format_diagnostics(assemble_source(bad, "bad.s")).empty())
                                               throw std::runtime_error("no errors");
                                       })),
                number(2 * n) + " unknown instructions; the first " + number(kMaxShownDiagnostics) + " shown"));
    Image image = assembled(forward, "forward references");
    note(figure("disasm: 100,000 branches to 100,000 labels", "ms",
                milliseconds(time_runs(o.runs, [&] { list_image(image); })), "list_image of the forward references"));
}

}  // namespace trapvm::bench
