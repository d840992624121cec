// trapvm asm: assemble a PG32 program into an image, or with --raw into a
// flat binary of memory (for .incbin into another program).
#include "assembler/assembler.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"

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

// Missing, a directory, unreadable (EIO, say) or over 64 MiB: one line,
// kExitNoInput. Reading it all is the only sure test; the assembler then
// reads it again, which costs little next to assembling.
std::optional<int> check_readable(const std::string& command, const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return fail(command, "'" + path + "' is a directory", kExitNoInput);
    std::string error;
    if (!read_file(path, &error)) return fail(command, error, kExitNoInput);
    return std::nullopt;
}

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

int report_diagnostics(const AssembleResult& result) {
    std::cerr << format_diagnostics(result);
    int errors = result.error_count(), warnings = result.warning_count();
    if (errors > 0)
        std::cerr << plural(errors, "error") << (warnings ? ", " + plural(warnings, "warning") : "") << "\n";
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
    usage.options.add_options()  //
        ("output,o", po::value<std::string>(),
         "write the image here (default: PROGRAM with .img, or .bin with --raw)")  //
        ("raw", "write a flat binary of memory from address 0 instead of an image (for .incbin)");
    add_assembler_options(usage);
    usage.arguments.add_options()("program", po::value<std::string>(), "the program to assemble");
    usage.positional.add("program", 1);
    Parsed p = parse(usage, args);
    if (p.exit) return *p.exit;
    if (!p.vars.count("program")) return usage_error(usage, "missing the program to assemble");
    std::string input = p.vars["program"].as<std::string>();
    std::optional<AssembleOptions> maybe_options = assemble_options(usage, p.vars);
    if (!maybe_options) return kExitUsage;
    AssembleOptions options = *maybe_options;
    if (auto status = check_readable("asm", input)) return *status;
    AssembleResult result = assemble_file(input, options);
    if (int status = report_diagnostics(result); status != kExitOk) return status;
    bool raw = p.vars.count("raw") > 0;
    std::string output = p.vars.count("output") ? p.vars["output"].as<std::string>() : default_output(input, raw);
    std::optional<std::vector<uint8_t>> bytes = raw ? flat_binary(*result.image) : write_image(*result.image);
    if (!bytes)
        return fail("asm", "--raw output would be larger than 64 MiB (it spans memory from address 0)", kExitBadInput);
    std::error_code ec;
    if (std::filesystem::equivalent(input, output, ec))
        return usage_error(usage, "the output '" + output + "' is the program itself; choose another -o");
    std::string why;
    if (!write_file(output, *bytes, why)) return fail("asm", "cannot write '" + output + "': " + why, kExitCannotWrite);
    return kExitOk;
}

}  // namespace trapvm::cli
