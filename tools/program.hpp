// Getting a program into a machine, shared by run, trace, debug and diff:
// read an image, or assemble a .s file on the fly; then load it.
#pragma once

#include "assembler/assembler.hpp"
#include "image/image.hpp"
#include "machine/machine.hpp"

#include <optional>
#include <string>

namespace trapvm::cli {

// Reads PATH as an image, or assembles it when it is not one. On failure it
// prints the reason (every assembler diagnostic, or one line) as `command`
// and sets *status to the exit status; it returns nothing.
std::optional<Image> load_program(const std::string& command, const std::string& path, const AssembleOptions& options,
                                  int* status);

// True once the profile is fixed: given with --profile (cli.cpp), or taken
// from the first program loaded. A program of another profile is then an error.
extern bool profile_given;

// Makes the image's ISA profile the active one, unless the profile is
// fixed already (--profile, or an earlier program): then a different one is
// an error, printed as `command`, with *status set to 65.
bool adopt_profile(const std::string& command, const std::string& path, const Image& image, int* status);

// Copies the image's segments into memory and resets the machine to its
// entry point. False, with *error set, when a segment does not fit.
bool install(Machine& machine, const Image& image, std::string* error);

// "hello.s:12" for an address the image has a line for, else "". The file
// name is shown through printable(): it is for a terminal.
std::string source_of(const Image& image, uint32_t address);

// "0x00000124" (and " (hello.s:12)" when known).
std::string describe_address(const Image& image, uint32_t address);
// The source line of the code at pc ("count.s:12"), or "": in user mode pc
// is relocated by R and named by the user program whose bytes the image
// holds there (pg32-reference.md §7), if any.
std::string source_of_pc(const Image& image, uint32_t pc, bool user, uint32_t rbase);
// "0x00000124 (count.s:12)": describe_address for a pc, named as above.
std::string describe_pc(const Image& image, uint32_t pc, bool user, uint32_t rbase);

// Programs, images and console input files are read up to 64 MiB, as the
// assembler reads sources.
inline constexpr size_t kMaxInputBytes = size_t{64} << 20;

// Reads a whole file. Nothing, with *error set, when it cannot be read, is
// a directory, or is larger than kMaxInputBytes.
std::optional<std::string> read_file(const std::string& path, std::string* error);

}  // namespace trapvm::cli
