// trapvm asm: assemble a PG32 program into an image, or with --raw into a
// flat binary of memory (for .incbin into another program).
#include "assembler/assembler.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"

#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace trapvm::cli {

// Shared with cmd_disasm.cpp, which assembles a .s file before listing it.
int report_diagnostics(const AssembleResult& result);

namespace {

constexpr uint64_t kMaxRawBytes = 64u << 20;

// "NAME=VALUE" (VALUE decimal, 0x hex or 0b binary, maybe negative) or
// "NAME", which means NAME=1 as with a C compiler.
bool parse_define(const std::string& text, std::pair<std::string, int64_t>& out) {
    size_t eq = text.find('=');
    out.first = text.substr(0, eq);
    if (out.first.empty()) return false;
    if (eq == std::string::npos) return out.second = 1, true;
    std::string v = text.substr(eq + 1);
    bool negative = v.starts_with("-");
    if (negative) v.erase(0, 1);
    int base = 10;
    if (v.starts_with("0x") || v.starts_with("0X")) base = 16, v.erase(0, 2);
    else if (v.starts_with("0b") || v.starts_with("0B")) base = 2, v.erase(0, 2);
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n, base);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n > (uint64_t{1} << 32)) return false;
    out.second = negative ? -static_cast<int64_t>(n) : static_cast<int64_t>(n);
    return true;
}

std::string default_output(const std::string& input, bool raw) {
    return std::filesystem::path(input).replace_extension(raw ? ".bin" : ".img").string();
}

// Memory from address 0 to the end of the last segment, gaps zero-filled.
std::optional<std::vector<uint8_t>> flat_binary(const Image& image) {
    uint64_t end = 0;
    for (const Segment& s : image.segments) end = std::max<uint64_t>(end, uint64_t(s.address) + s.bytes.size());
    if (end > kMaxRawBytes) return std::nullopt;
    std::vector<uint8_t> out(end, 0);
    for (const Segment& s : image.segments) std::copy(s.bytes.begin(), s.bytes.end(), out.begin() + s.address);
    return out;
}

bool write_file(const std::string& path, const std::vector<uint8_t>& bytes, std::string& why) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (out.flush()) return true;
    why = std::strerror(errno);
    return false;
}

// Missing, a directory, or unreadable: one line, kExitNoInput.
std::optional<int> check_readable(const std::string& command, const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return fail(command, "'" + path + "' is a directory", kExitNoInput);
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(command, "cannot read '" + path + "': " + std::strerror(errno), kExitNoInput);
    return std::nullopt;
}

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

int report_diagnostics(const AssembleResult& result) {
    for (const Diagnostic& d : result.diagnostics) std::cerr << format_diagnostic(d);
    int errors = result.error_count(), warnings = result.warning_count();
    if (errors > 0) std::cerr << plural(errors, "error") << (warnings ? ", " + plural(warnings, "warning") : "") << "\n";
    else if (warnings > 0) std::cerr << plural(warnings, "warning") << "\n";
    return errors > 0 ? kExitBadInput : kExitOk;
}

std::optional<int> check_input(const std::string& command, const std::string& path) {
    return check_readable(command, path);
}

int cmd_asm(const Args& args) {
    Usage usage{"asm", "PROGRAM.s [-o IMAGE] [-I DIR]... [-D NAME=VALUE]... [--raw]",
                "Assembles PROGRAM.s into an image (PROGRAM.img unless -o says otherwise): the memory contents,\n"
                "entry point, symbols and line table that 'trapvm run' and 'trapvm disasm' read.\n"
                "Errors are reported with file, line and column; the exit status is then 65."};
    usage.options.add_options()                                                     //
        ("output,o", po::value<std::string>(), "write the image here (default: PROGRAM with .img, or .bin with --raw)")  //
        ("include-dir,I", po::value<std::vector<std::string>>(), "also look for .include and .incbin files in DIR")   //
        ("define,D", po::value<std::vector<std::string>>(), "define the constant NAME (NAME=VALUE, or NAME for 1)")  //
        ("raw", "write a flat binary of memory from address 0 instead of an image (for .incbin)")                   //
        ("program", po::value<std::string>(), "the program to assemble (also the first argument)");
    usage.positional.add("program", 1);
    Parsed p = parse(usage, args);
    if (p.exit) return *p.exit;
    if (!p.vars.count("program")) return usage_error(usage, "missing the program to assemble");
    std::string input = p.vars["program"].as<std::string>();
    AssembleOptions options;
    if (p.vars.count("include-dir")) options.include_dirs = p.vars["include-dir"].as<std::vector<std::string>>();
    if (p.vars.count("define"))
        for (const std::string& d : p.vars["define"].as<std::vector<std::string>>()) {
            std::pair<std::string, int64_t> def;
            if (!parse_define(d, def)) return usage_error(usage, "bad -D '" + d + "': expected NAME=NUMBER");
            options.defines.push_back(def);
        }
    if (auto status = check_readable("asm", input)) return *status;
    AssembleResult result = assemble_file(input, options);
    if (int status = report_diagnostics(result); status != kExitOk) return status;
    bool raw = p.vars.count("raw") > 0;
    std::string output = p.vars.count("output") ? p.vars["output"].as<std::string>() : default_output(input, raw);
    std::optional<std::vector<uint8_t>> bytes = raw ? flat_binary(*result.image) : write_image(*result.image);
    if (!bytes) return fail("asm", "--raw output would be larger than 64 MiB (it spans memory from address 0)", kExitBadInput);
    std::error_code ec;
    if (std::filesystem::equivalent(input, output, ec))
        return usage_error(usage, "the output '" + output + "' is the program itself; choose another -o");
    std::string why;
    if (!write_file(output, *bytes, why)) return fail("asm", "cannot write '" + output + "': " + why, kExitCannotWrite);
    return kExitOk;
}

}  // namespace trapvm::cli
