# Compiler settings every trapvm target links: warnings, sanitizers.
add_library(trapvm_options INTERFACE)
target_compile_options(trapvm_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
if(TRAPVM_WERROR)
    target_compile_options(trapvm_options INTERFACE -Werror)
endif()
if(TRAPVM_SANITIZE)
    target_compile_options(trapvm_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
                           -fno-omit-frame-pointer)
    target_link_options(trapvm_options INTERFACE -fsanitize=address,undefined)
endif()
