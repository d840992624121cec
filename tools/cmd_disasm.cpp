// trapvm disasm: list an image (or a .s file, assembled first) with
// addresses, words, instructions and labels.
#include "assembler/assembler.hpp"
#include "assembler/disassembler.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace trapvm::cli {

// cmd_asm.cpp
int report_diagnostics(const AssembleResult& result);
std::optional<int> check_input(const std::string& command, const std::string& path);

namespace {

std::vector<uint8_t> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// An image is recognised by its magic number, or by its name: a corrupt
// .img gets the image reader's message rather than the assembler's.
bool is_image(const std::string& path, const std::vector<uint8_t>& bytes) {
    return looks_like_image(bytes) || std::filesystem::path(path).extension() == ".img";
}

}  // namespace

int cmd_disasm(const Args& args) {
    Usage usage{"disasm", "IMAGE | PROGRAM.s",
                "Lists an image made by 'trapvm asm': each segment word by word with its address, the word\n"
                "and the instruction, and labels on their own lines. A .s file is assembled first."};
    usage.arguments.add_options()("input", po::value<std::string>(), "the image or program to list");
    usage.positional.add("input", 1);
    Parsed p = parse(usage, args);
    if (p.exit) return *p.exit;
    if (!p.vars.count("input")) return usage_error(usage, "missing the image to list");
    std::string input = p.vars["input"].as<std::string>();
    if (auto status = check_input("disasm", input)) return *status;
    std::vector<uint8_t> bytes = read_bytes(input);
    std::optional<Image> image;
    if (is_image(input, bytes)) {
        std::string error;
        image = read_image(bytes, &error);
        if (!image) return fail("disasm", input + ": " + error, kExitBadInput);
    } else {
        AssembleResult result = assemble_file(input);
        if (int status = report_diagnostics(result); status != kExitOk) return status;
        image = std::move(result.image);
    }
    std::cout << list_image(*image);
    return kExitOk;
}

}  // namespace trapvm::cli
