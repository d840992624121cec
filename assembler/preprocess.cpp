// The preprocessor: includes and macros (see preprocess.hpp).
#include "assembler/preprocess.hpp"

#include "assembler/directives.hpp"
#include "assembler/lexer.hpp"
#include "isa-spec/isa.hpp"
#include "pg32_inc.gen.hpp"

#include <cctype>
#include <filesystem>
#include <map>
#include <unordered_map>

namespace trapvm::detail {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxMacroDepth = 64;
constexpr int kMaxIncludeDepth = 32;
// Macros that use other macros twice, or files included twice by files
// included twice, grow exponentially; this stops them with one message.
// Lines alone do not bound memory (a macro may hold a 1 MiB line), so the
// text they add up to has a limit too.
constexpr size_t kMaxLines = 200'000;
constexpr size_t kMaxTextBytes = kMaxFileBytes;

// The start of a line: any labels ("loop:", "1:") and then the first word.
struct Head {
    size_t labels_end = 0;  // where the first word starts (labels before it)
    std::string word;
    size_t word_end = 0;
};

Head scan_head(std::string_view text) {
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
    size_t pos = 0;
    for (;;) {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        size_t start = pos;
        while (pos < text.size() && word_char(text[pos])) ++pos;
        size_t end = pos;
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        if (end > start && pos < text.size() && text[pos] == ':') {
            ++pos;
            continue;
        }
        return {start, std::string(text.substr(start, end - start)), end};
    }
}

struct Macro {
    std::string name;
    std::vector<std::string> params;
    std::unordered_map<std::string, size_t> param_index;  // params[i] -> i: a macro may have 100,000
    struct Line {
        std::string text;
        uint32_t file;
        int line;
    };
    std::vector<Line> body;
    size_t def_line = 0;  // the .macro line (index into Source::lines)
    bool bad = false;     // its definition had errors: uses expand to nothing
};

// Replaces \param with its argument. Unknown "\name"s outside strings are
// collected in unknown (with their columns) for the definition check. The
// result stops growing past limit bytes: a line of a thousand \a with a
// long argument would be gigabytes, and past the limit is an error anyway.
std::string substitute(const std::string& text, const Macro& m, const std::vector<std::string>& args,
                       std::vector<std::pair<std::string, int>>* unknown, size_t limit = kMaxTextBytes + 1) {
    std::string out;
    char quote = 0;
    for (size_t i = 0; i < text.size() && out.size() <= limit; ++i) {
        char c = text[i];
        if (!quote && (c == '#' || c == ';')) return out + text.substr(i);
        if (c == '"' || c == '\'') quote = quote == c ? 0 : (quote ? quote : c);
        size_t j = i + 1;
        while (c == '\\' && j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
            ++j;
        std::string name = text.substr(i + 1, j - i - 1);
        auto param = c == '\\' ? m.param_index.find(name) : m.param_index.end();
        size_t p = param == m.param_index.end() ? m.params.size() : param->second;
        if (c == '\\' && !name.empty() && p < m.params.size()) {
            out += args.empty() ? "" : args[p];
            i = j - 1;
            continue;
        }
        if (c == '\\' && !name.empty() && !quote && unknown) unknown->push_back({name, static_cast<int>(i) + 1});
        out += c;
        if (c == '\\' && quote && i + 1 < text.size()) out += text[++i];  // keep "\n", "\"" whole
    }
    return out;
}

// A chain of "in macro ... used at ..." notes, cut to the innermost three
// and the outermost one: a runaway recursion must not print 64 notes.
std::string cap_lines(const std::string& chain, int depth) {
    size_t cut = 0;
    for (int i = 0; i < 3 && cut != std::string::npos; ++i) cut = chain.find('\n', cut + (i > 0));
    size_t last = chain.rfind('\n');
    if (cut == std::string::npos || cut == last) return chain;
    return chain.substr(0, cut) + "\n(" + std::to_string(depth - 4) + " more macro levels)" + chain.substr(last);
}

// Where lines come from: the line the student wrote, and the macro chain.
struct Origin {
    bool in_macro = false;
    uint32_t use_file = 0;
    int use_line = 0;
    std::string context;
    int depth = 0;
};

struct Frame {
    std::string key;      // canonical path, to find cycles
    std::string display;  // as shown to the student
    size_t include_line;  // the .include line (index into Source::lines)
};

class Preprocessor {
public:
    Preprocessor(const AssembleOptions& options, Source& source, Diags& diags)
        : options_(options), source_(source), diags_(diags) {}

    void run(std::string_view text, const std::string& display, const std::string& key, size_t include_line,
             const Origin& outer);

    // The Image::files index of a path, added on first use.
    uint32_t file_index(const std::string& display) {
        auto [it, added] = file_indexes_.emplace(display, static_cast<uint32_t>(source_.files.size()));
        if (added) source_.files.push_back(display);
        return it->second;
    }

private:
    void line(const std::string& text, uint32_t file, int number, const Origin& origin);
    size_t emit(const std::string& text, uint32_t file, int number, const Origin& origin, size_t assemble_end);
    void collect(const Head& h, const std::string& text, uint32_t file, int number, size_t at);
    void begin_macro(const std::string& text, const Head& h, size_t at);
    void include(const std::string& text, const Head& h, size_t at, const Origin& origin);
    void expand(Macro& m, const std::string& text, const Head& h, size_t at, const Origin& origin);
    std::string include_chain(size_t at, const std::string& last) const;

    const AssembleOptions& options_;
    Source& source_;
    Diags& diags_;
    std::map<std::string, Macro> macros_;
    std::optional<Macro> defining_;
    std::vector<Frame> stack_;
    std::unordered_map<std::string, uint32_t> file_indexes_;
    size_t text_bytes_ = 0;
    bool truncated_ = false;
};

void Preprocessor::run(std::string_view text, const std::string& display, const std::string& key, size_t include_line,
                       const Origin& outer) {
    uint32_t file = file_index(display);
    stack_.push_back({key, display, include_line});
    // One line at a time: a 64 MiB file of newlines is 64 million lines,
    // and only the first 200,000 are ever looked at.
    size_t start = 0;
    for (int number = 1; start < text.size() && !truncated_; ++number) {
        std::string_view l = next_line(text, start);
        Origin o = outer;
        if (!o.in_macro) o.use_file = file, o.use_line = number;
        line(std::string(l), file, number, o);
    }
    if (defining_) {
        diags_.error(defining_->def_line, 1, static_cast<int>(source_.lines[defining_->def_line].text.size()),
                     quote(".macro " + defining_->name) + " has no matching '.endm'");
        defining_.reset();
    }
    stack_.pop_back();
}

size_t Preprocessor::emit(const std::string& text, uint32_t file, int number, const Origin& origin,
                          size_t assemble_end) {
    source_.lines.push_back({text, file, number, origin.use_file, origin.use_line, origin.context, assemble_end});
    text_bytes_ += text.size() + 1;
    std::string past = source_.lines.size() > kMaxLines ? std::to_string(kMaxLines) + " lines"
                       : text_bytes_ > kMaxTextBytes    ? std::to_string(kMaxTextBytes >> 20) + " MiB of text"
                                                        : "";
    if (!past.empty()) {  // line() stops taking lines after this one
        diags_.error(source_.lines.size() - 1, 1, 1,
                     "the program grew past " + past +
                         " as macros and includes expanded; does a macro or include repeat itself?");
        truncated_ = source_.truncated = true;
    }
    return source_.lines.size() - 1;
}

void Preprocessor::line(const std::string& text, uint32_t file, int number, const Origin& origin) {
    if (truncated_) return;
    Head h = scan_head(text);
    std::string word = to_lower(h.word);
    if (defining_) {
        size_t at = emit(text, file, number, origin, 0);
        collect(h, text, file, number, at);
        return;
    }
    auto m = macros_.find(h.word);
    bool consumed = word == ".macro" || word == ".endm" || word == ".include" || m != macros_.end();
    size_t at = emit(text, file, number, origin, consumed ? h.labels_end : std::string::npos);
    int col = static_cast<int>(h.labels_end) + 1;
    if (word == ".macro") begin_macro(text, h, at);
    else if (word == ".endm") diags_.error(at, col, static_cast<int>(h.word.size()), "'.endm' without a '.macro'");
    else if (word == ".include") include(text, h, at, origin);
    else if (m != macros_.end()) expand(m->second, text, h, at, origin);
}

// A line inside .macro ... .endm: part of the body, or its end.
void Preprocessor::collect(const Head& h, const std::string& text, uint32_t file, int number, size_t at) {
    std::string word = to_lower(h.word);
    int col = static_cast<int>(h.labels_end) + 1;
    if (word == ".endm") {
        if (text.substr(0, h.labels_end).find_first_not_of(" \t") != std::string::npos)
            diags_.error(at, 1, static_cast<int>(h.labels_end), "a label cannot be on the '.endm' line");
        std::string name = defining_->name;
        macros_[name] = std::move(*defining_);
        defining_.reset();
        return;
    }
    if (word == ".macro") {
        diags_.error(at, col, static_cast<int>(h.word.size()),
                     "'.macro' inside the definition of macro " + quote(defining_->name) + ": macros cannot nest");
        defining_->bad = true;
        return;
    }
    std::vector<std::pair<std::string, int>> unknown;
    substitute(text, *defining_, {}, &unknown);
    for (auto& [name, c] : unknown) {
        const std::vector<std::string>& params = defining_->params;
        diags_.error(at, c, static_cast<int>(name.size()) + 1,
                     quote("\\" + name) + " is not a parameter of macro " + quote(defining_->name),
                     params.empty() ? "it has no parameters" : "its parameters are " + name_list(params));
        defining_->bad = true;
    }
    defining_->body.push_back({text, file, number});
}

void Preprocessor::begin_macro(const std::string& text, const Head& h, size_t at) {
    Lexed lx = lex_line(text.substr(0, text.find_first_of("#;", h.word_end)));
    std::vector<Token> toks;
    for (Token& t : lx.tokens)
        if (t.col > static_cast<int>(h.word_end) && !t.is(",")) toks.push_back(t);
    Macro m;
    m.def_line = at;
    int col = static_cast<int>(h.labels_end) + 1;
    if (lx.error || toks.empty() || toks[0].kind != Tok::Ident) {
        diags_.error(at, col, static_cast<int>(h.word.size()), "'.macro' needs a name: .macro NAME[, PARAM, ...]");
        m.bad = true;
    } else {
        m.name = toks[0].text;
        if (is_reserved_word(m.name)) {
            diags_.error(at, toks[0].col, toks[0].len, "cannot name a macro " + quote(m.name) + ": that name is taken");
            m.bad = true;
        }
        for (size_t i = 1; i < toks.size(); ++i) {
            if (toks[i].kind != Tok::Ident) {
                diags_.error(at, toks[i].col, toks[i].len, "a macro parameter must be a name"), m.bad = true;
                continue;
            }
            m.param_index.emplace(toks[i].text, m.params.size());  // the first of two same names wins, as before
            m.params.push_back(toks[i].text);
        }
        auto old = macros_.find(m.name);
        if (old != macros_.end()) {
            const SourceLine& first = source_.lines[old->second.def_line];
            diags_.error(at, toks[0].col, toks[0].len, "macro " + quote(m.name) + " is already defined",
                         "first defined at " + printable(source_.files[first.file]) + ":" + std::to_string(first.line));
            m.bad = true;
        }
    }
    defining_ = std::move(m);
}

std::string Preprocessor::include_chain(size_t at, const std::string& last) const {
    std::string chain;
    for (size_t i = 1; i < stack_.size(); ++i) {
        const SourceLine& l = source_.lines[stack_[i].include_line];
        chain += printable(source_.files[l.file]) + ":" + std::to_string(l.line) + " includes " +
                 shown_path(stack_[i].display) + "\n";
    }
    const SourceLine& l = source_.lines[at];
    return chain + printable(source_.files[l.file]) + ":" + std::to_string(l.line) + " includes " + last;
}

void Preprocessor::include(const std::string& text, const Head& h, size_t at, const Origin& origin) {
    Lexed lx = lex_line(text);
    std::vector<Token> args;
    for (Token& t : lx.tokens)
        if (t.col > static_cast<int>(h.word_end)) args.push_back(t);
    int col = static_cast<int>(h.labels_end) + 1, len = static_cast<int>(h.word.size());
    if (lx.error) return diags_.error(at, lx.error->col, lx.error->len, lx.error->message);
    if (args.size() != 1 || args[0].kind != Tok::String)
        return diags_.error(at, col, len, "'.include' takes one file name in quotes: .include \"FILE\"");
    const Token& name = args[0];
    const std::string& including = source_.files[source_.lines[at].file];
    std::string path = find_file(name.str, including, options_.include_dirs);
    bool builtin = path.empty() && name.str == "pg32.inc";
    if (path.empty() && !builtin) {
        std::string note = "looked in " + search_places(including, options_.include_dirs);
        if (stack_.size() > 1) note.append("\n").append(include_chain(at, shown_path(name.str)));
        return diags_.error(at, name.col, name.len, "cannot find include file " + quote_path(name.str), note);
    }
    std::error_code ec;
    std::string key = builtin ? kBuiltinIncludeName : fs::weakly_canonical(path, ec).string();
    std::string display = builtin ? kBuiltinIncludeName : path;
    for (const Frame& f : stack_)
        if (f.key == key)
            return diags_.error(at, name.col, name.len,
                                "include cycle: " + quote_path(display) + " is already being included",
                                include_chain(at, shown_path(display) + " again"));
    if (stack_.size() >= kMaxIncludeDepth)
        return diags_.error(at, name.col, name.len, "includes are nested too deeply",
                            include_chain(at, shown_path(display)));
    std::string contents, why;
    if (builtin) contents = std::string(pg32::kGuestInclude);
    else if (!read_file(path, contents, why))
        return diags_.error(at, name.col, name.len, "cannot read include file " + quote_path(path) + ": " + why);
    int jl = 0, jc = 0;
    std::string junk = binary_junk(contents, jl, jc);
    if (!junk.empty())
        return diags_.error(at, name.col, name.len,
                            quote_path(path) + " is not assembly source: it contains binary data (byte " + junk +
                                " at line " + std::to_string(jl) + ", column " + std::to_string(jc) + ")",
                            "to put a file's raw bytes into the program, use .incbin");
    run(contents, display, key, at, origin);
}

void Preprocessor::expand(Macro& m, const std::string& text, const Head& h, size_t at, const Origin& origin) {
    int col = static_cast<int>(h.labels_end) + 1, len = static_cast<int>(h.word.size());
    if (m.bad) return;  // its definition was reported already
    if (origin.depth >= kMaxMacroDepth)
        return diags_.error(at, col, len,
                            "macros nested more than " + std::to_string(kMaxMacroDepth) + " deep: does macro " +
                                quote(m.name) + " use itself?");
    Lexed lx = lex_line(text);
    if (lx.error) return diags_.error(at, lx.error->col, lx.error->len, lx.error->message);
    std::vector<std::string> args;
    int depth = 0, first = -1, last = -1, comma = 0;
    bool missing = false;
    for (const Token& t : lx.tokens) {
        if (t.col <= static_cast<int>(h.word_end)) continue;
        if (t.is(",") && depth == 0) {
            if (first < 0) missing = true, diags_.error(at, t.col, 1, "missing macro argument before ','");
            args.push_back(first < 0 ? "" : text.substr(first - 1, last - first));
            first = last = -1, comma = t.col;
            continue;
        }
        depth += t.is("(") - t.is(")");
        if (first < 0) first = t.col;
        last = t.col + t.len;
    }
    if (first >= 0) args.push_back(text.substr(first - 1, last - first));
    else if (comma > 0) missing = true, diags_.error(at, comma, 1, "missing macro argument after ','");
    if (missing) return;
    if (args.size() != m.params.size())
        return diags_.error(at, col, len,
                            "macro " + quote(m.name) + " takes " + std::to_string(m.params.size()) + " argument" +
                                (m.params.size() == 1 ? "" : "s") +
                                (m.params.empty() ? "" : " (" + name_list(m.params) + ")") + ", found " +
                                std::to_string(args.size()));
    Origin inner = origin;
    inner.in_macro = true;
    inner.depth = origin.depth + 1;
    const SourceLine& use = source_.lines[at];
    inner.context = cap_lines("in macro " + quote(m.name) + " used at " + printable(source_.files[use.file]) + ":" +
                                  std::to_string(use.line) + (origin.context.empty() ? "" : "\n" + origin.context),
                              inner.depth);
    Macro copy = m;  // the body may define macros and so move the map's nodes
    for (const Macro::Line& b : copy.body) {
        if (truncated_) return;  // a limit was reached: the rest would only be thrown away
        line(substitute(b.text, copy, args, nullptr, kMaxTextBytes - std::min(text_bytes_, kMaxTextBytes) + 1), b.file,
             b.line, inner);
    }
}

}  // namespace

void preprocess_text(std::string_view text, const std::string& name, const AssembleOptions& options, Source& source,
                     Diags& diags) {
    int jl = 0, jc = 0;
    std::string junk = binary_junk(text, jl, jc);
    if (!junk.empty()) {
        bool image = text.starts_with("PG32IMG");
        diags.file_error(name, 0,
                         image ? "this is a trapvm image, not assembly source; list it with 'trapvm disasm'"
                               : "this is not assembly source: it contains binary data (byte " + junk + ")",
                         image ? 1 : jl, image ? 1 : jc);
        return;
    }
    std::error_code ec;
    std::string key = fs::weakly_canonical(name, ec).string();
    Preprocessor p(options, source, diags);
    p.run(text, name, ec ? name : key, std::string::npos, Origin{});
}

void preprocess_file(const std::string& path, const AssembleOptions& options, Source& source, Diags& diags) {
    std::string text, why;
    if (!read_file(path, text, why)) return diags.file_error(path, 0, "cannot read " + quote_path(path) + ": " + why);
    preprocess_text(text, path, options, source, diags);
}

}  // namespace trapvm::detail
