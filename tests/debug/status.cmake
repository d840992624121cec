# Runs `trapvm debug ARGS` and checks its exit status and that it explains the
# failure on stderr (a line "trapvm debug: ..."):  cmake -DTRAPVM=... -DARGS="a;b" -DSTATUS=2 -P status.cmake
execute_process(COMMAND "${TRAPVM}" debug ${ARGS} WORKING_DIRECTORY "${PROGRAMS}" INPUT_FILE /dev/null
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL STATUS)
    message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\nstdout: ${output}\nstderr: ${errors}")
endif()
if(NOT errors MATCHES "(^|\n)trapvm debug: ")
    message(FATAL_ERROR "stderr should have a line 'trapvm debug: ...', got:\n${errors}")
endif()
