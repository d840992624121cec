// The shrinker (see shrink.hpp).
#include "hardening/shrink.hpp"

namespace trapvm::hardening {

namespace {

// Every item list of a program in a fixed order, so that list k of a copy
// is the same list as list k of the original.
void collect(std::vector<Item>& list, std::vector<std::vector<Item>*>& out) {
    out.push_back(&list);
    for (Item& it : list)
        if (it.kind == ItemKind::Loop) collect(it.body, out);
}

std::vector<std::vector<Item>*> lists(Program& p) {
    std::vector<std::vector<Item>*> out;
    collect(p.body, out);
    for (auto& f : p.functions) collect(f, out);
    return out;
}

class Shrinker {
public:
    Shrinker(Program p, const Predicate& fails, int budget) : best_(std::move(p)), fails_(fails), budget_(budget) {}

    ShrinkResult run() {
        bool progress = true;
        while (progress && attempts_ < budget_) {
            progress = drop_runs();
            progress |= unwrap_loops();
            progress |= simplify_items();
            progress |= simplify_frame();
        }
        return {best_, attempts_};
    }

private:
    Program best_;
    const Predicate& fails_;
    int budget_;
    int attempts_ = 0;

    // Keeps the candidate if it still fails.
    bool accept(Program candidate) {
        if (attempts_ >= budget_) return false;
        ++attempts_;
        if (!fails_(candidate)) return false;
        best_ = std::move(candidate);
        return true;
    }

    bool drop_runs() {
        bool progress = false;
        for (size_t k = 0; k < lists(best_).size(); ++k) {
            for (size_t chunk = std::max<size_t>(lists(best_)[k]->size() / 2, 1); chunk >= 1; chunk /= 2) {
                for (size_t start = 0; start < lists(best_)[k]->size();) {
                    Program c = best_;
                    std::vector<Item>& list = *lists(c)[k];
                    list.erase(list.begin() + static_cast<std::ptrdiff_t>(start),
                               list.begin() + static_cast<std::ptrdiff_t>(std::min(list.size(), start + chunk)));
                    if (accept(std::move(c))) progress = true;
                    else start += chunk;
                    if (k >= lists(best_).size()) return progress;  // a loop with its body went away
                }
                if (chunk == 1) break;
            }
        }
        return progress;
    }

    // A loop replaced by one copy of its body.
    bool unwrap_loops() {
        bool progress = false;
        for (size_t k = 0; k < lists(best_).size(); ++k)
            for (size_t i = 0; i < lists(best_)[k]->size(); ++i) {
                if ((*lists(best_)[k])[i].kind != ItemKind::Loop) continue;
                Program c = best_;
                std::vector<Item>& list = *lists(c)[k];
                std::vector<Item> body = std::move(list[i].body);
                list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
                list.insert(list.begin() + static_cast<std::ptrdiff_t>(i), body.begin(), body.end());
                progress |= accept(std::move(c));
            }
        return progress;
    }

    // Strictly simpler versions of one item, simplest first: each changes
    // a field toward a fixed point (0, r0, a0, one pass), so shrinking
    // cannot flip between two variants forever.
    static std::vector<Item> simpler(const Item& it) {
        std::vector<Item> out;
        auto variant = [&](bool applies, auto change) {
            if (!applies) return;
            Item v = it;
            change(v);
            out.push_back(std::move(v));
        };
        if (it.kind == ItemKind::Loop) {
            variant(it.imm > 1, [](Item& v) { v.imm = 1; });
            return out;
        }
        variant(it.imm != 0, [](Item& v) { v.imm = 0; });
        variant(it.imm > 1, [](Item& v) { v.imm = 1; });
        variant(it.skip != 0, [](Item& v) { v.skip = 0; });
        variant(it.rd != 3, [](Item& v) { v.rd = 3; });  // a0: the first argument register
        variant(it.rs1 != 0, [](Item& v) { v.rs1 = 0; });
        variant(it.rs2 != 0, [](Item& v) { v.rs2 = 0; });
        variant(it.write, [](Item& v) { v.write = false; });
        variant(it.to_handler, [](Item& v) { v.to_handler = false; });
        return out;
    }

    bool simplify_items() {
        bool progress = false;
        for (size_t k = 0; k < lists(best_).size(); ++k)
            for (size_t i = 0; i < lists(best_)[k]->size(); ++i)
                for (const Item& v : simpler((*lists(best_)[k])[i])) {
                    Program c = best_;
                    (*lists(c)[k])[i] = v;
                    progress |= accept(std::move(c));
                }
        return progress;
    }

    bool simplify_frame() {
        bool progress = false;
        auto attempt = [&](auto change) {
            Program c = best_;
            change(c);
            progress |= accept(std::move(c));
        };
        if (best_.timer_interval) attempt([](Program& c) { c.timer_interval = 0; });
        if (best_.interrupts) attempt([](Program& c) { c.interrupts = false; });
        if (best_.console_irq) attempt([](Program& c) { c.console_irq = false; });
        if (best_.start_in_user) attempt([](Program& c) { c.start_in_user = false; });
        if (best_.user_rbound != kMemorySize) attempt([](Program& c) { c.user_rbound = kMemorySize; });
        if (!best_.input.empty()) attempt([](Program& c) { c.input.clear(); });
        if (!best_.functions.empty()) attempt([](Program& c) { c.functions.clear(); });  // kept if still called
        if (best_.quantum != pg32::kQuantumDefault) attempt([](Program& c) { c.quantum = pg32::kQuantumDefault; });
        if (!best_.beside.empty()) attempt([](Program& c) { c.beside.clear(); });
        return progress;
    }
};

}  // namespace

ShrinkResult shrink(const Program& failing, const Predicate& fails, int max_attempts) {
    return Shrinker(failing, fails, max_attempts).run();
}

}  // namespace trapvm::hardening
