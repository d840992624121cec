// Exit statistics (see exit_stats.hpp).
#include "vmm/exit_stats.hpp"

#include <algorithm>
#include <cstdio>

namespace trapvm::vmm {

uint64_t ExitStats::exits() const {
    uint64_t n = preemptions + deadlines + hypercalls + patched;
    for (uint64_t c : emulated) n += c;
    for (uint64_t c : reflected) n += c;
    return n + sensitive_exit_count();
}

uint64_t ExitStats::sensitive_exit_count() const {
    uint64_t n = 0;
    for (uint64_t c : sensitive_exits) n += c;
    return n;
}

double ExitStats::efficiency() const {
    uint64_t total = direct + interpreted + hybrid_interpreted + sensitive_exit_count() + hypercalls + patched;
    return total ? static_cast<double>(direct) / static_cast<double>(total) : 1.0;
}

void ExitStats::add(const ExitStats& o) {
    for (int i = 0; i < pg32::kOpCount; ++i) {
        emulated[i] += o.emulated[i];
        sensitive_exits[i] += o.sensitive_exits[i];
        patched_by_op[i] += o.patched_by_op[i];
    }
    for (uint32_t i = 0; i < pg32::kCauseCodeLimit; ++i) reflected[i] += o.reflected[i], injected[i] += o.injected[i];
    preemptions += o.preemptions;
    deadlines += o.deadlines;
    hypercalls += o.hypercalls;
    for (size_t i = 0; i < std::size(hypercall_counts); ++i) hypercall_counts[i] += o.hypercall_counts[i];
    direct += o.direct;
    interpreted += o.interpreted;
    hybrid_interpreted += o.hybrid_interpreted;
    patched += o.patched;
}

std::vector<ExitStats::Row> ExitStats::rows() const {
    std::vector<Row> rows;
    for (int i = 0; i < pg32::kOpCount; ++i)
        if (emulated[i]) rows.push_back({std::string(pg32::kInsns[i].mnemonic) + " (emulated)", emulated[i]});
    for (int i = 0; i < pg32::kOpCount; ++i) {
        std::string mnemonic = pg32::kInsns[i].mnemonic;
        if (sensitive_exits[i]) rows.push_back({mnemonic + " (sensitive exit)", sensitive_exits[i]});
        if (patched_by_op[i]) rows.push_back({mnemonic + " (patched)", patched_by_op[i]});
    }
    for (uint32_t c = 0; c < pg32::kCauseCodeLimit; ++c)
        if (reflected[c]) rows.push_back({pg32::cause_name(c) + " (reflected)", reflected[c]});
    for (size_t i = 0; i < std::size(hypercall_counts); ++i)
        if (hypercall_counts[i])
            rows.push_back({std::string(pg32::kHypercalls[i].name) + " (hypercall)", hypercall_counts[i]});
    if (preemptions) rows.push_back({"real TIMER (preemption)", preemptions});
    if (deadlines) rows.push_back({"virtual timer deadline", deadlines});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.count > b.count; });
    return rows;
}

std::string format_stats(const std::string& title, const ExitStats& s) {
    std::string out = title + "\n";
    char line[160];
    std::snprintf(line, sizeof line, "  %-28s %12s %8s\n", "exit reason", "exits", "share");
    out += line;
    uint64_t total = s.exits();
    for (const ExitStats::Row& r : s.rows()) {
        std::snprintf(line, sizeof line, "  %-28s %12llu %7.2f%%\n", r.reason.c_str(),
                      static_cast<unsigned long long>(r.count),
                      100.0 * static_cast<double>(r.count) / static_cast<double>(total ? total : 1));
        out += line;
    }
    std::snprintf(line, sizeof line, "  %-28s %12llu\n", "total", static_cast<unsigned long long>(total));
    out += line;
    for (uint32_t c = 0; c < pg32::kCauseCodeLimit; ++c)
        if (s.injected[c]) {
            std::snprintf(line, sizeof line, "  %-28s %12llu\n", ("injected " + pg32::cause_name(c)).c_str(),
                          static_cast<unsigned long long>(s.injected[c]));
            out += line;
        }
    // The hypercalls only under --vmm=paravirt, so the other techniques' tables stay as they were.
    std::string hypercalls = s.hypercalls ? ", " + std::to_string(s.hypercalls) + " hypercalls" : "";
    std::snprintf(line, sizeof line,
                  "  guest instructions: %llu direct, %llu emulated, %llu patched, %llu interpreted%s: %.4f%% ran "
                  "directly\n",
                  static_cast<unsigned long long>(s.direct), static_cast<unsigned long long>(s.interpreted),
                  static_cast<unsigned long long>(s.patched),
                  static_cast<unsigned long long>(s.hybrid_interpreted + s.sensitive_exit_count()), hypercalls.c_str(),
                  100.0 * s.efficiency());
    out += line;
    return out;
}

}  // namespace trapvm::vmm
