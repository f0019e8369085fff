# bpf_object(): compile bpf/<name>.bpf.c with clang and turn it into a <name>_skel target (bpftool gen skeleton).
# With FLAVOUR <f> DEFINE <macro>: the same source compiled with -D<macro> into bpf/<f>/<name>.skel.h (skeleton
# type <name>_bpf as well, so one translation unit includes one flavour) and a <name>_<f>_skel target.
find_program(BPF_CLANG NAMES clang clang-14 REQUIRED)
find_program(BPFTOOL NAMES bpftool PATHS /usr/sbin /usr/local/sbin REQUIRED)

execute_process(COMMAND uname -m OUTPUT_VARIABLE BPF_HOST_ARCH OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REPLACE "x86_64" "x86" BPF_TARGET_ARCH "${BPF_HOST_ARCH}")
string(REPLACE "aarch64" "arm64" BPF_TARGET_ARCH "${BPF_TARGET_ARCH}")

function(bpf_object name source)
  cmake_parse_arguments(BPF "" "FLAVOUR;DEFINE" "" ${ARGN})
  set(output_dir ${CMAKE_CURRENT_BINARY_DIR}/bpf)
  set(target ${name})
  set(defines "")
  if(BPF_FLAVOUR)
    set(output_dir ${output_dir}/${BPF_FLAVOUR})
    set(target ${name}_${BPF_FLAVOUR})
    set(defines -D${BPF_DEFINE})
  endif()
  set(object ${output_dir}/${name}.bpf.o)
  set(skeleton ${output_dir}/${name}.skel.h)
  get_filename_component(source_dir ${source} DIRECTORY)
  file(GLOB bpf_headers ${source_dir}/*.h)
  add_custom_command(
    OUTPUT ${object}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${output_dir}
    COMMAND ${BPF_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_${BPF_TARGET_ARCH} ${defines}
            -I${source_dir} -I/usr/include/${CMAKE_LIBRARY_ARCHITECTURE} -c ${source} -o ${object}
    DEPENDS ${source} ${bpf_headers}
    COMMENT "BPF ${name}.bpf.c ${BPF_FLAVOUR}"
    VERBATIM)
  add_custom_command(
    OUTPUT ${skeleton}
    COMMAND ${BPFTOOL} gen skeleton ${object} name ${name}_bpf > ${skeleton}
    DEPENDS ${object}
    COMMENT "skeleton ${name}.skel.h ${BPF_FLAVOUR}"
    VERBATIM)
  add_custom_target(${target}_skel_gen DEPENDS ${skeleton})
  add_library(${target}_skel INTERFACE)
  add_dependencies(${target}_skel ${target}_skel_gen)
  target_include_directories(${target}_skel INTERFACE ${CMAKE_CURRENT_BINARY_DIR}/bpf)
endfunction()
