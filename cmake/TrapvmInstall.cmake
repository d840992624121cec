# `cmake --install build --prefix P`: the toolkit as a CMake package
# (labs/README.md, "The installed toolkit"):
#   P/bin/trapvm
#   P/include/...                    the libraries' headers and the generated tables
#   P/lib/libpg32_*.a, libtrapvm_cli.a
#   P/lib/cmake/trapvm/              trapvmConfig.cmake: find_package(trapvm), targets trapvm::NAME
#   P/share/trapvm/vmm/, tools/      the sources a C++ lab rebuilds with a student's files
#   P/share/trapvm/labs/, guest-os/  the labs, and the tree the labs run programs from
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(trapvm_libraries pg32_isa pg32_image pg32_asm pg32_machine pg32_vmm pg32_trace pg32_properties pg32_grader
                     pg32_debugger pg32_bench trapvm_cli)
target_include_directories(pg32_isa PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(pg32_isa PUBLIC cxx_std_20)  # the headers are C++20, for every user
install(TARGETS ${trapvm_libraries} trapvm_options EXPORT trapvmTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS trapvm RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Headers. vmm/interpreter.hpp is not among them: only dispatcher.cpp
# includes it, and a lab may replace it (share/trapvm/vmm has it).
foreach(dir isa-spec image assembler machine vmm trace properties grader debugger bench tools)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/${dir}
            FILES_MATCHING PATTERN "*.hpp" PATTERN "interpreter.hpp" EXCLUDE PATTERN "gen" EXCLUDE
            PATTERN "tables" EXCLUDE)
endforeach()
install(FILES ${PG32_GENERATED}/pg32_tables.gen.hpp ${PG32_GENERATED}/pg32_inc.gen.hpp ${PG32_GENERATED}/pg32.inc
              ${PG32_GENERATED}/bench_programs.gen.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# What the C++ labs rebuild: every source of pg32_vmm, and the command's main.
set(trapvm_share ${CMAKE_INSTALL_DATADIR}/trapvm)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/vmm/ DESTINATION ${trapvm_share}/vmm FILES_MATCHING PATTERN "*.cpp"
        PATTERN "*.hpp")
install(FILES ${PROJECT_SOURCE_DIR}/tools/main.cpp DESTINATION ${trapvm_share}/tools)
foreach(dir labs guest-os)  # (a lab package's toolkit/ has no labs/)
    if(EXISTS ${PROJECT_SOURCE_DIR}/${dir})
        install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${trapvm_share}/${dir})
    endif()
endforeach()

# The debugger may link libedit (found in debugger/): its users then need it too.
get_target_property(debugger_links pg32_debugger LINK_LIBRARIES)
set(trapvm_with_libedit OFF)
if("PkgConfig::LIBEDIT" IN_LIST debugger_links)
    set(trapvm_with_libedit ON)
endif()

set(trapvm_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/trapvm)
install(EXPORT trapvmTargets NAMESPACE trapvm:: DESTINATION ${trapvm_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/trapvmConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/cmake/trapvmConfig.cmake INSTALL_DESTINATION ${trapvm_cmake_dir}
                              PATH_VARS CMAKE_INSTALL_DATADIR CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/trapvmConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/trapvmConfig.cmake ${PROJECT_BINARY_DIR}/cmake/trapvmConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/trapvmLab.cmake DESTINATION ${trapvm_cmake_dir})
