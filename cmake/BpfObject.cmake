# bpf_object(): compile bpf/<name>.bpf.c with clang and turn it into a <name>_skel target (bpftool gen skeleton).
find_program(BPF_CLANG NAMES clang clang-14 REQUIRED)
find_program(BPFTOOL NAMES bpftool PATHS /usr/sbin /usr/local/sbin REQUIRED)

execute_process(COMMAND uname -m OUTPUT_VARIABLE BPF_HOST_ARCH OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REPLACE "x86_64" "x86" BPF_TARGET_ARCH "${BPF_HOST_ARCH}")
string(REPLACE "aarch64" "arm64" BPF_TARGET_ARCH "${BPF_TARGET_ARCH}")

function(bpf_object name source)
  set(object ${CMAKE_CURRENT_BINARY_DIR}/bpf/${name}.bpf.o)
  set(skeleton ${CMAKE_CURRENT_BINARY_DIR}/bpf/${name}.skel.h)
  get_filename_component(source_dir ${source} DIRECTORY)
  file(GLOB bpf_headers ${source_dir}/*.h)
  add_custom_command(
    OUTPUT ${object}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/bpf
    COMMAND ${BPF_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_${BPF_TARGET_ARCH}
            -I${source_dir} -I/usr/include/${CMAKE_LIBRARY_ARCHITECTURE} -c ${source} -o ${object}
    DEPENDS ${source} ${bpf_headers}
    COMMENT "BPF ${name}.bpf.c"
    VERBATIM)
  add_custom_command(
    OUTPUT ${skeleton}
    COMMAND ${BPFTOOL} gen skeleton ${object} name ${name}_bpf > ${skeleton}
    DEPENDS ${object}
    COMMENT "skeleton ${name}.skel.h"
    VERBATIM)
  add_custom_target(${name}_skel_gen DEPENDS ${skeleton})
  add_library(${name}_skel INTERFACE)
  add_dependencies(${name}_skel ${name}_skel_gen)
  target_include_directories(${name}_skel INTERFACE ${CMAKE_CURRENT_BINARY_DIR}/bpf)
endfunction()
