# tsv_table(): turns a tab-separated data file into rows of C++ string literals for a .cpp to #include.
#
#   tsv_table(INPUT OUTPUT COLUMNS)
#
# Each line that is neither empty nor a '#' comment becomes `{"cell", "cell", ...},`; a line with
# another number of cells than COLUMNS, or a semicolon or at-sign anywhere (CMake's list
# separator and configure marker), stops the configure step naming the file. CMake re-runs when
# INPUT changes, and OUTPUT is rewritten only when its text changes.
function(tsv_table input output columns)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ ${input} text)
  if(text MATCHES "[;@]")
    message(FATAL_ERROR "${input}: a semicolon or an at-sign, which this reader cannot take")
  endif()
  string(REPLACE "\n" ";" lines "${text}")
  set(rows "")
  set(line_number 0)
  foreach(line IN LISTS lines)
    math(EXPR line_number "${line_number} + 1")
    if(line STREQUAL "" OR line MATCHES "^#")
      continue()
    endif()
    string(REPLACE "\\" "\\\\" line "${line}")
    string(REPLACE "\"" "\\\"" line "${line}")
    string(REPLACE "\t" ";" cells "${line}")
    list(LENGTH cells count)
    if(NOT count EQUAL columns)
      message(FATAL_ERROR "${input}:${line_number}: ${count} tab-separated cells, expected ${columns}")
    endif()
    list(JOIN cells "\", \"" joined)
    string(APPEND rows "{\"${joined}\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT ${output}
    CONTENT "// Generated from ${input} by cmake/TsvTable.cmake: edit that file, not this one.\n${rows}"
    @ONLY)
endfunction()
