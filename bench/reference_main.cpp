// trapvm-reference IMAGE: runs a PG32 image (loop (a)) on the reference
// interpreter and prints its steps and checksum, for make bench (hyperfine,
// callgrind). Not a tool for users.
#include "bench/reference.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: trapvm-reference IMAGE\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error;
    std::optional<trapvm::Image> image = trapvm::read_image(bytes, &error);
    if (!image) {
        std::fprintf(stderr, "trapvm-reference: %s: %s\n", argv[1], error.c_str());
        return 65;
    }
    trapvm::bench::ReferenceResult r = trapvm::bench::run_reference(*image, 1u << 20);
    std::printf("%llu steps, a0 = 0x%08x%s\n", static_cast<unsigned long long>(r.steps), r.a0,
                r.halted ? "" : " (did not halt)");
    return r.halted ? 0 : 1;
}
