// trapvm disasm: list an image (or a .s file, assembled first) with
// addresses, words, instructions and labels.
#include "assembler/assembler.hpp"
#include "image/disassembler.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"
#include "tools/program.hpp"

#include <filesystem>
#include <iostream>

namespace trapvm::cli {

// cmd_asm.cpp
int report_diagnostics(const AssembleResult& result);
std::optional<int> check_input(const std::string& command, const std::string& path);

namespace {

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
    add_profile_option(usage);
    Parsed p = parse(usage, args);
    if (p.exit) return *p.exit;
    if (!p.vars.count("input")) return usage_error(usage, "missing the image to list");
    std::string input = p.vars["input"].as<std::string>();
    if (auto status = check_input("disasm", input)) return *status;
    std::string error;
    std::optional<std::string> text = read_file(input, &error);  // bounded, and errors are messages
    if (!text) return fail("disasm", error, kExitNoInput);
    std::vector<uint8_t> bytes(text->begin(), text->end());
    std::optional<Image> image;
    if (is_image(input, bytes)) {
        image = read_image(bytes, &error);
        if (!image) return fail("disasm", input + ": " + error, kExitBadInput);
        int status = kExitOk;
        if (!adopt_profile("disasm", input, *image, &status)) return status;  // listed with its own decoder
    } else {
        AssembleResult result = assemble_file(input);
        if (int status = report_diagnostics(result); status != kExitOk) return status;
        image = std::move(result.image);
    }
    std::cout << list_image(*image);
    return kExitOk;
}

}  // namespace trapvm::cli
