// isa-gen: reads isa-spec/tables/*.tbl, checks them, and writes the files that
// every other part of trapvm is built from.
//
//   isa-gen TABLE_DIR OUT_DIR
//
// writes OUT_DIR/pg32_tables.gen.hpp (C++), OUT_DIR/pg32.inc (guest include),
// OUT_DIR/pg32_inc.gen.hpp (the same include as a C++ string, built into the
// assembler) and OUT_DIR/pg32-instructions.md (reference). Exit status 0 on success, 1
// when a table has errors (each printed as file:line: error: ...), 2 on bad
// usage. A file whose content is unchanged is not rewritten, so a rebuild
// recompiles only what really changed.
#include "spec.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

bool write_if_changed(const std::string& path, const std::string& text) {
    std::ifstream old(path, std::ios::binary);
    if (old) {
        std::ostringstream current;
        current << old.rdbuf();
        if (current.str() == text) return true;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        std::cerr << "isa-gen: cannot write " << path << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: isa-gen TABLE_DIR OUT_DIR\n";
        return 2;
    }
    std::vector<std::string> errors;
    isagen::Spec spec = isagen::load_spec(argv[1], errors);
    if (!errors.empty()) {
        for (const std::string& e : errors) std::cerr << e << "\n";
        std::cerr << "isa-gen: " << errors.size() << " error(s) in the PG32 tables\n";
        return 1;
    }
    std::string out = argv[2];
    bool ok = write_if_changed(out + "/pg32_tables.gen.hpp", isagen::emit_cpp_header(spec)) &&
              write_if_changed(out + "/pg32.inc", isagen::emit_guest_include(spec)) &&
              write_if_changed(out + "/pg32_inc.gen.hpp", isagen::emit_include_embedding(spec)) &&
              write_if_changed(out + "/pg32-instructions.md", isagen::emit_reference(spec));
    return ok ? 0 : 1;
}
