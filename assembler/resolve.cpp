// Pending .equ values: constants pass 1 could not compute because they name
// symbols defined further down. They are computed here, once every symbol
// is defined, each after the ones it names, in time linear in the program.
//
// The pending constants and the pending constants each one names form a
// graph. Tarjan's algorithm (iterative: a chain may be 100,000 long) finds
// its strongly connected components, every component after those it needs,
// so one evaluation per constant suffices. A component of several constants,
// or of one that names itself, is a cycle: each of its constants gets an
// error naming the cycle, and a constant that needs one cannot be computed.
#include "assembler/context.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace trapvm::detail {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr int64_t kMin32 = -(int64_t{1} << 31);
constexpr int64_t kMax32 = (int64_t{1} << 32) - 1;

enum class State : uint8_t { Pending, Done, Cyclic, Failed };

struct Node {
    const std::string* name;
    SymbolDef* def;
    std::vector<size_t> deps;  // the pending constants its value names
    size_t index = kNone;      // Tarjan's visiting order and lowest reachable index
    size_t low = 0;
    bool on_stack = false;
    size_t component = kNone;
    State state = State::Pending;
    size_t cause = kNone;  // Failed: the constant in a cycle that it needs
};

class Resolution {
public:
    explicit Resolution(Assembly& a);
    void run();

private:
    void find_deps(Node& n);
    void visit(size_t v);
    void connect(size_t root);
    void finish_component(size_t root);
    void compute(size_t v);
    std::vector<size_t> find_cycle(size_t from) const;
    std::string path(const std::vector<size_t>& cycle, size_t start) const;
    void report(size_t v, const std::string& message);

    Assembly& a_;
    std::vector<Node> nodes_;  // in definition order
    std::unordered_map<const SymbolDef*, size_t> node_of_;
    std::vector<size_t> stack_;
    size_t visited_ = 0;
    size_t components_ = 0;
};

Resolution::Resolution(Assembly& a) : a_(a) {
    for (const std::string& name : a.symbol_order) {
        SymbolDef& d = a.symbols.at(name);
        if (!d.pending) continue;
        node_of_[&d] = nodes_.size();
        nodes_.push_back({&name, &d, {}});
    }
    for (Node& n : nodes_) find_deps(n);
}

// The names in the value that are pending constants. The name after '%' is
// the operator of %hi(...) or %lo(...), never a symbol.
void Resolution::find_deps(Node& n) {
    std::span<const Token> toks = a_.stmts[n.def->stmt].operand(1);
    for (size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].kind != Tok::Ident || (i > 0 && toks[i - 1].is("%"))) continue;
        auto it = a_.symbols.find(toks[i].text);
        if (it == a_.symbols.end() || !it->second.pending) continue;
        n.deps.push_back(node_of_.at(&it->second));
    }
}

void Resolution::visit(size_t v) {
    nodes_[v].index = nodes_[v].low = visited_++;
    nodes_[v].on_stack = true;
    stack_.push_back(v);
}

// Tarjan's algorithm from root, with an explicit stack of (node, next dep).
void Resolution::connect(size_t root) {
    std::vector<std::pair<size_t, size_t>> calls{{root, 0}};
    visit(root);
    while (!calls.empty()) {
        auto& [v, next] = calls.back();
        if (next < nodes_[v].deps.size()) {
            size_t d = nodes_[v].deps[next++];
            if (nodes_[d].index == kNone) visit(d), calls.push_back({d, 0});
            else if (nodes_[d].on_stack) nodes_[v].low = std::min(nodes_[v].low, nodes_[d].index);
            continue;
        }
        size_t done = v;
        calls.pop_back();
        if (!calls.empty()) nodes_[calls.back().first].low = std::min(nodes_[calls.back().first].low, nodes_[done].low);
        if (nodes_[done].low == nodes_[done].index) finish_component(done);
    }
}

// The component whose root is v is on top of the stack: every constant it
// needs outside it is final already.
void Resolution::finish_component(size_t root) {
    std::vector<size_t> members;
    size_t v = kNone;
    while (v != root) {
        v = stack_.back();
        stack_.pop_back();
        nodes_[v].on_stack = false;
        nodes_[v].component = components_;
        members.push_back(v);
    }
    ++components_;
    const Node& only = nodes_[root];
    bool self = std::find(only.deps.begin(), only.deps.end(), root) != only.deps.end();
    if (members.size() == 1 && !self) return compute(root);
    std::sort(members.begin(), members.end());  // definition order
    for (size_t m : members) nodes_[m].state = State::Cyclic;
    std::vector<size_t> cycle = find_cycle(members.front());
    std::unordered_map<size_t, size_t> place;  // where each constant on the cycle is on it
    for (size_t i = 0; i < cycle.size(); ++i) place.emplace(cycle[i], i);
    for (size_t m : members) {
        auto at = place.find(m);
        std::string what = "the value of " + quote(*nodes_[m].name) + " depends on itself: ";
        if (at != place.end()) report(m, what + path(cycle, at->second));
        else report(m, what + "it needs " + quote(*nodes_[cycle[0]].name) + ", which needs it");
    }
}

void Resolution::compute(size_t v) {
    Node& n = nodes_[v];
    Stmt& s = a_.stmts[n.def->stmt];
    StmtResolver r(a_, n.def->stmt);
    ExprResult res = detail::evaluate(s.operand(1), r);
    if (res.error) {
        n.def->pending = false, n.def->value = res.value, n.state = State::Done;
        a_.error(s, *res.error), s.bad = true;
        return;
    }
    if (!res.value.known) {  // it needs a constant that cannot be computed
        n.state = State::Failed;
        for (size_t d : n.deps)
            if (n.cause == kNone && (nodes_[d].state == State::Cyclic || nodes_[d].state == State::Failed))
                n.cause = nodes_[d].state == State::Cyclic ? d : nodes_[d].cause;
        std::string why =
            n.cause == kNone ? "" : ": it needs " + quote(*nodes_[n.cause].name) + ", whose value depends on itself";
        return report(v, "the value of " + quote(*n.name) + " cannot be computed" + why);
    }
    n.def->pending = false, n.def->value = res.value, n.state = State::Done;
    if (res.value.v < kMin32 || res.value.v > kMax32)
        a_.error(s, s.operand(1).front().col, span_len(s.operand(1)),
                 "value " + std::to_string(res.value.v) + " does not fit in 32 bits"),
            s.bad = true;
}

// The shortest cycle from `from` back to it inside its component (breadth
// first): the constants on it, from `from` on.
std::vector<size_t> Resolution::find_cycle(size_t from) const {
    std::unordered_map<size_t, size_t> parent;
    std::deque<size_t> queue{from};
    size_t last = kNone;
    while (!queue.empty() && last == kNone) {
        size_t v = queue.front();
        queue.pop_front();
        for (size_t d : nodes_[v].deps) {
            if (nodes_[d].component != nodes_[from].component) continue;
            if (d == from) {
                last = v;
                break;
            }
            if (parent.emplace(d, v).second) queue.push_back(d);
        }
    }
    std::vector<size_t> cycle;
    for (size_t v = last; v != from; v = parent.at(v)) cycle.push_back(v);
    cycle.push_back(from);
    std::reverse(cycle.begin(), cycle.end());
    return cycle;
}

// "B -> C -> A -> B": the cycle read from cycle[start]; a long one is cut
// in the middle and says how long it is.
std::string Resolution::path(const std::vector<size_t>& cycle, size_t start) const {
    constexpr size_t kHead = 4, kTail = 2;
    size_t k = cycle.size();
    auto name = [&](size_t i) {
        const std::string& n = *nodes_[cycle[(start + i) % k]].name;
        return n.size() <= kMaxShownChars ? n : quote(n);
    };
    std::string out;
    for (size_t i = 0; i < k; ++i) {
        if (k > kHead + kTail + 1 && i == kHead) out += "... -> ", i = k - kTail;
        out += name(i) + " -> ";
    }
    out += name(0);
    return k > kHead + kTail + 1 ? out + " (a cycle of " + std::to_string(k) + " constants)" : out;
}

void Resolution::report(size_t v, const std::string& message) {
    const Node& n = nodes_[v];
    Stmt& s = a_.stmts[n.def->stmt];
    a_.error(s, n.def->col, s.operand(0).front().len, message);
    s.bad = true;
}

void Resolution::run() {
    a_.final_pass = true;  // every symbol is defined now: a missing name is an error
    for (size_t v = 0; v < nodes_.size(); ++v)
        if (nodes_[v].index == kNone) connect(v);
}

}  // namespace

void resolve_pending(Assembly& a) {
    Resolution(a).run();
    for (auto& [name, d] : a.symbols) d.pending = false;
}

}  // namespace trapvm::detail
