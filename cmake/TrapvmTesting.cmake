# The one main() of every doctest executable, compiled once for all of them:
# under the sanitizers doctest's implementation takes half a minute to
# compile, and there are nine test executables.
add_library(trapvm_doctest_main OBJECT EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/tests/support/doctest_main.cpp)
target_link_libraries(trapvm_doctest_main PRIVATE doctest::doctest trapvm_options)

# trapvm_unit_tests(NAME SOURCES... LIBS ...): a doctest executable whose test
# cases ctest discovers one by one, named "<NAME>.<test case>".
#
# A test-case name must not contain ';' (doctest_discover_tests would split it
# into fake tests that run nothing); FAIL_REGULAR_EXPRESSION makes any such
# test that matches no case fail instead of passing silently.
function(trapvm_unit_tests name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    # Every test may assemble its programs (tests/support/assemble.hpp).
    target_link_libraries(${name} PRIVATE trapvm_doctest_main doctest::doctest trapvm_options ${ARG_LIBS} pg32_asm)
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    target_compile_definitions(${name} PRIVATE TRAPVM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                               TRAPVM_BINARY_DIR="${PROJECT_BINARY_DIR}")
    doctest_discover_tests(${name} TEST_PREFIX "${name}." ADD_LABELS 1
                           PROPERTIES FAIL_REGULAR_EXPRESSION "test cases: 0 [|]")
endfunction()
