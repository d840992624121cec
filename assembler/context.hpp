// The state of one assembly run, shared by the parts of the assembler.
// Internal to the assembler.
//
// The run has these stages (assembler.cpp drives them):
//   preprocess   files, includes, macros -> Source::lines
//   parse        each line -> a Stmt: labels, mnemonic or directive, operand spans
//   pass 1       sizes and addresses: defines labels, runs .org .align .space .equ
//   place .data  after .text (or where .org put it); floating values become addresses
//   pass 2       evaluates operands, encodes with pg32::encode, emits bytes
//   layout       bytes -> segments; overlap check; symbols, entry, line table
#pragma once

#include "assembler/assembler.hpp"
#include "assembler/diagnostics.hpp"
#include "assembler/directives.hpp"
#include "assembler/expr.hpp"
#include "assembler/lexer.hpp"
#include "isa-spec/isa.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace trapvm::detail {

enum class SectionId : uint8_t { Text, Data };
inline constexpr size_t kNoLine = static_cast<size_t>(-1);  // a symbol from -D
inline constexpr uint64_t kMaxProgramBytes = 64u << 20;     // what .space/.incbin may add up to

// Tokens [begin, end) of a statement: one operand.
struct Span {
    size_t begin = 0;
    size_t end = 0;
};

enum class StmtKind : uint8_t { Empty, Insn, Pseudo, Directive };

struct Stmt {
    size_t line = 0;  // index into Source::lines
    std::vector<Token> toks;
    std::vector<size_t> labels;  // token indices of the labels defined here
    StmtKind kind = StmtKind::Empty;
    size_t head = 0;  // token index of the mnemonic or directive
    std::vector<Span> operands;
    pg32::Op op{};
    const pg32::PseudoInfo* pseudo = nullptr;
    const DirectiveInfo* directive = nullptr;

    // Decided in pass 1, used by pass 2.
    SectionId section = SectionId::Text;
    uint64_t offset = 0;          // from its section's start (64 bits: may reach 2^32)
    uint32_t size = 0;            // bytes it emits
    bool bad = false;             // reported already: pass 2 skips it
    bool long_li = false;         // li/la: lui+ori
    int part = -1;                // the .user program it is in (Assembly::parts), or -1
    std::vector<uint8_t> incbin;  // .incbin's bytes, or .incimage's program flattened

    const Token& head_token() const { return toks[head]; }
    std::span<const Token> operand(size_t i) const {
        return std::span<const Token>(toks).subspan(operands[i].begin, operands[i].end - operands[i].begin);
    }
};

struct SymbolDef {
    Value value;
    SymbolKind kind = SymbolKind::Label;
    size_t line = kNoLine;  // where it is defined
    int col = 0;
    bool pending = false;  // an .equ pass 1 could not compute
    size_t stmt = 0;       // the defining statement
    int part = -1;         // a label of this .user program: a user address
};

struct LocalDef {
    size_t stmt;  // defined at the start of this statement
    Value value;
};

// Bytes emitted in pass 2 at consecutive offsets of one section.
struct Chunk {
    uint64_t offset = 0;
    std::vector<uint8_t> bytes;
    size_t stmt = 0;  // the statement that began it
};

struct Section {
    bool placed = false;  // base is known (.text always; .data after pass 1 or .org)
    uint32_t base = 0;
    uint64_t offset = 0;  // location counter; 64 bits so that running past 2^32 shows
    uint64_t end = 0;     // highest offset reached
    uint32_t align = 16;  // .data's start is aligned to the largest .align in it
    std::vector<Chunk> chunks;
};

// A user program in the image (pg32-reference.md §7): one assembled here
// between .user and .enduser, whose labels and lines are user addresses
// (physical minus base), or one .incimage took from another image.
struct Part {
    std::string name;
    size_t stmt = 0;                 // its .user or .incimage statement
    bool included = false;           // .incimage: base is that statement's address, known at layout
    uint32_t base = 0;               // .user: the physical address of user address 0
    uint64_t end = 0;                // .user: the physical address after its last byte
    bool closed = false;             // .user: its .enduser was seen
    std::vector<LineInfo> lines;     // user addresses
    std::vector<Symbol> symbols;     // .incimage: the image's labels
    std::vector<std::string> files;  // .incimage: the image's files (lines index these)
};

struct Assembly {
    explicit Assembly(const AssembleOptions& o) : options(o), diags(source) {}

    const AssembleOptions& options;
    Source source;
    Diags diags;
    std::vector<Stmt> stmts;
    std::unordered_map<std::string, SymbolDef> symbols;
    std::vector<std::string> symbol_order;  // definition order
    std::map<int64_t, std::vector<LocalDef>> locals;
    std::array<Section, 2> sections;
    SectionId current = SectionId::Text;
    bool final_pass = false;  // undefined names are errors, not "later"
    std::optional<std::pair<SectionId, uint64_t>> first_insn;
    uint64_t total_bytes = 0;
    std::vector<LineInfo> lines;  // of code outside .user programs
    std::vector<Part> parts;
    int open_part = -1;                                            // pass 1: the .user program being assembled
    std::optional<std::unordered_set<std::string>> names_defined;  // every label and .equ name, once asked

    Section& section(SectionId id) { return sections[static_cast<size_t>(id)]; }
    // The address (or .data offset, while .data floats) of a section offset.
    Value address(SectionId id, uint64_t offset) {
        Section& s = section(id);
        return s.placed ? Value{int64_t(s.base) + int64_t(offset)} : Value{int64_t(offset), true, true};
    }
    Value stmt_address(const Stmt& s) { return address(s.section, s.offset); }
    // What the program there calls the address: physical, or in a .user
    // program its user address. Labels, '.', .align and pc-relative
    // targets use it.
    Value program_address(const Stmt& s) { return program_address(s, s.offset); }
    Value program_address(const Stmt& s, uint64_t offset) {
        Value v = address(s.section, offset);
        if (s.part >= 0) v.v -= parts[static_cast<size_t>(s.part)].base;
        v.space = space_of(s);
        return v;
    }
    uint8_t space_of(const Stmt& s) const {
        return s.part < 0 ? Value::kPhysical : static_cast<uint8_t>(Value::kUserSpace + s.part);
    }

    void error(const Stmt& s, int col, int len, std::string msg, std::string note = {}) {
        diags.error(s.line, col, len, std::move(msg), std::move(note));
    }
    void error(const Stmt& s, const ExprError& e) { diags.error(s.line, e.col, e.len, e.message, e.note, e.suggest); }
};

// The resolver for a statement's expressions (symbols.cpp).
class StmtResolver : public Resolver {
public:
    StmtResolver(Assembly& a, size_t stmt, bool port_names = false) : a_(a), stmt_(stmt), ports_(port_names) {}
    std::optional<Value> symbol(const Token& name, ExprError& error) override;
    Value dot() override { return a_.program_address(a_.stmts[stmt_]); }

private:
    Assembly& a_;
    size_t stmt_;
    bool ports_;
};

// Evaluates an operand of statement `stmt`; reports errors and returns nothing on one.
std::optional<Value> eval_operand(Assembly& a, size_t stmt, std::span<const Token> toks, bool port_names = false);

// symbols.cpp
bool define_symbol(Assembly& a, const std::string& name, Value v, SymbolKind kind, size_t stmt, const Token* at);
void define_labels(Assembly& a, size_t stmt);
void define_command_line(Assembly& a);
void place_data(Assembly& a, uint32_t base);  // .data gets its address
void resolve_pending(Assembly& a);

// statement.cpp
void parse_statements(Assembly& a);

// instructions.cpp: the size in pass 1, the bytes in pass 2.
uint32_t insn_size(Assembly& a, size_t stmt);
void emit_insn(Assembly& a, size_t stmt);

// directives.cpp
void directive_pass1(Assembly& a, size_t stmt);
void directive_pass2(Assembly& a, size_t stmt);
// A value pass 1 must know: a plain number (not .data-relative, not later).
std::optional<int64_t> known_now(Assembly& a, size_t stmt, std::span<const Token> toks);
// The bytes of a file found as .include finds it; nothing after an error.
std::optional<std::string> read_included(Assembly& a, const Stmt& s, std::span<const Token> arg);

// user_programs.cpp: .user, .enduser and .incimage in pass 1 (the bytes
// they emit, or nothing after an error), the checks at the end of pass 1,
// and the image's user programs.
std::optional<uint32_t> user_begin(Assembly& a, size_t stmt);
std::optional<uint32_t> user_end(Assembly& a, size_t stmt);
std::optional<uint32_t> incimage(Assembly& a, size_t stmt);
bool section_switch_allowed(Assembly& a, size_t stmt);  // .text/.data: not inside .user
void check_parts_closed(Assembly& a);
std::string part_name(const Assembly& a, int part);  // for messages: "user program 'count'"
void add_programs(Assembly& a, Image& image);

// layout.cpp
void emit_bytes(Assembly& a, const Stmt& s, uint64_t offset, std::span<const uint8_t> bytes);
std::optional<Image> build_image(Assembly& a);

}  // namespace trapvm::detail
