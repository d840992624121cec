# Runs one scripted debugger session and compares its transcript with the
# golden one:  cmake -DTRAPVM=... -DSCRIPT=x.cmd -DPROGRAMS=dir -DACTUAL=out -P golden.cmake
#
# The script's first lines say how to run it:
#   # args: --vmm kernel.s calls.s --quantum 50     (after `trapvm debug`;
#                                                     {guest-os} is build/guest-os)
#   # status: 1                                     (exit status; default 0)
# The golden transcript is the script's name with .out. To accept a new
# transcript after checking it by eye: TRAPVM_UPDATE_GOLDEN=1 ctest -R debug.
file(STRINGS "${SCRIPT}" arg_line REGEX "^# args:" LIMIT_COUNT 1)
file(STRINGS "${SCRIPT}" status_line REGEX "^# status:" LIMIT_COUNT 1)
string(REGEX REPLACE "^# args:[ ]*" "" args "${arg_line}")
string(REPLACE "{guest-os}" "${GUEST_OS}" args "${args}")  # the guest OS's boot images
separate_arguments(args UNIX_COMMAND "${args}")
set(want_status 0)
if(status_line)
    string(REGEX REPLACE "^# status:[ ]*" "" want_status "${status_line}")
endif()

execute_process(COMMAND "${TRAPVM}" debug ${args} --script "${SCRIPT}"
                WORKING_DIRECTORY "${PROGRAMS}"
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
# The guest OS's images name their sources by absolute paths: shown as <src>.
string(REPLACE "${SOURCE_DIR}/" "<src>/" output "${output}")
file(WRITE "${ACTUAL}" "${output}")
string(REGEX REPLACE "\\.cmd$" ".out" golden "${SCRIPT}")
if(DEFINED ENV{TRAPVM_UPDATE_GOLDEN})
    file(WRITE "${golden}" "${output}")
endif()
if(NOT status EQUAL want_status)
    message(FATAL_ERROR "exit status ${status}, expected ${want_status}\nstderr: ${errors}\n${output}")
endif()
if(NOT errors STREQUAL "")
    message(FATAL_ERROR "unexpected output on stderr:\n${errors}")
endif()
file(READ "${golden}" expected)
if(NOT output STREQUAL expected)
    message(FATAL_ERROR "the transcript differs from the golden one; compare:\n  diff ${golden} ${ACTUAL}")
endif()
