# Compiler settings every trapvm target links: warnings, sanitizers.
add_library(trapvm_options INTERFACE)
# -Wno-missing-field-initializers: structs are built with designated
# initializers that name only what differs from the defaults, which GCC 12
# would warn about.
target_compile_options(trapvm_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers)
if(TRAPVM_WERROR)
    target_compile_options(trapvm_options INTERFACE -Werror)
endif()
# Sanitizers stop at the first report (-fno-sanitize-recover), so that a
# report fails the test that caused it instead of scrolling past.
if(TRAPVM_SANITIZE OR TRAPVM_FUZZ)
    target_compile_options(trapvm_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
                           -fno-omit-frame-pointer)
    target_link_options(trapvm_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
    target_compile_definitions(trapvm_options INTERFACE TRAPVM_SANITIZED=1)  # slow tests do less
endif()
# Fuzzing: coverage instrumentation everywhere (fuzzer-no-link); the fuzz
# targets add -fsanitize=fuzzer for libFuzzer's main (fuzz/CMakeLists.txt).
if(TRAPVM_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "TRAPVM_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++ "
                            "(Debian packages clang and libclang-rt-14-dev)")
    endif()
    target_compile_options(trapvm_options INTERFACE -fsanitize=fuzzer-no-link)
    target_link_options(trapvm_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
