// The assembler's driver: the stages of context.hpp in order.
#include "assembler/assembler.hpp"

#include "assembler/context.hpp"
#include "assembler/preprocess.hpp"

#include <exception>
#include <new>

namespace trapvm {
namespace detail {
namespace {

// Moves the location counter past statement s, refusing to wrap past
// 0xffffffff or to grow the program past kMaxProgramBytes.
void advance(Assembly& a, Stmt& s) {
    Section& sec = a.section(s.section);
    uint64_t end = (sec.placed ? uint64_t(sec.base) : 0) + sec.offset + s.size;
    a.total_bytes += s.size;
    std::string problem = end > (uint64_t{1} << 32)          ? "the program runs past address 0xffffffff"
                          : a.total_bytes > kMaxProgramBytes ? "the program is larger than the 64 MiB limit"
                                                             : "";
    if (!problem.empty()) {
        const Token& h = s.head_token();
        if (!s.bad) a.error(s, h.col, h.len, problem);
        s.bad = true;
        a.total_bytes -= s.size;
        s.size = 0;
    }
    sec.offset += s.size;
    sec.end = std::max(sec.end, sec.offset);
}

// .user and .enduser take effect before the labels on their line: a label
// on .user is the program's first (a user address), one on .enduser is
// the physical address after it.
bool starts_or_ends_part(const Stmt& s) {
    return s.kind == StmtKind::Directive && s.directive &&
           (s.directive->id == Directive::User || s.directive->id == Directive::EndUser);
}

void pass1(Assembly& a) {
    for (size_t i = 0; i < a.stmts.size(); ++i) {
        Stmt& s = a.stmts[i];
        s.section = a.current;
        s.offset = a.section(a.current).offset;
        bool boundary = starts_or_ends_part(s);
        if (boundary && !s.bad) directive_pass1(a, i);
        s.part = a.open_part;
        define_labels(a, i);
        if (s.kind == StmtKind::Insn || s.kind == StmtKind::Pseudo) s.size = insn_size(a, i);
        else if (s.kind == StmtKind::Directive && !s.bad && !boundary) directive_pass1(a, i);
        advance(a, s);
    }
    check_parts_closed(a);
}

void pass2(Assembly& a) {
    a.final_pass = true;
    for (size_t i = 0; i < a.stmts.size(); ++i) {
        const Stmt& s = a.stmts[i];
        if (s.bad) continue;
        if (s.kind == StmtKind::Insn || s.kind == StmtKind::Pseudo) emit_insn(a, i);
        else if (s.kind == StmtKind::Directive) directive_pass2(a, i);
    }
}

AssembleResult assemble(Assembly& a) {
    AssembleResult result;
    if (a.source.truncated) {  // a runaway expansion: its one error says it all
        a.diags.finish(result, {});
        return result;
    }
    a.section(SectionId::Text).placed = true;  // .text starts at 0
    define_command_line(a);
    parse_statements(a);
    pass1(a);
    Section& data = a.section(SectionId::Data);
    if (!data.placed) {
        uint64_t end = a.section(SectionId::Text).end;
        place_data(a, static_cast<uint32_t>((end + data.align - 1) / data.align * data.align));
    }
    resolve_pending(a);
    pass2(a);
    result.image = build_image(a);
    if (a.diags.any_errors()) result.image.reset();
    a.diags.finish(result, a.symbol_order);
    return result;
}

// The library reports errors as values; this keeps even a bug (or running
// out of memory) from escaping as an exception.
template <typename Stage> AssembleResult guarded(const std::string& name, Stage stage) {
    try {
        return stage();
    } catch (const std::bad_alloc&) {
        AssembleResult r;
        r.diagnostics.push_back({name, 0, 0, 1, false, "out of memory while assembling", "", ""});
        return r;
    } catch (const std::exception& e) {
        AssembleResult r;
        r.diagnostics.push_back({name, 0, 0, 1, false, std::string("internal error: ") + e.what(), "", ""});
        return r;
    }
}

}  // namespace
}  // namespace detail

AssembleResult assemble_file(const std::string& path, const AssembleOptions& options) {
    return detail::guarded(path, [&] {
        detail::Assembly a(options);
        detail::preprocess_file(path, options, a.source, a.diags);
        return detail::assemble(a);
    });
}

AssembleResult assemble_source(std::string_view text, const std::string& name, const AssembleOptions& options) {
    return detail::guarded(name, [&] {
        detail::Assembly a(options);
        detail::preprocess_text(text, name, options, a.source, a.diags);
        return detail::assemble(a);
    });
}

}  // namespace trapvm
