# lede_embed(TARGET NAME FILES... BASE DIR): compiles files into the binary as a
# table of {relative path, bytes}, so one file deploys the whole default theme.
# The generated source exposes `lede::embedded::NAME()` returning the table.
function(lede_embed target name)
  cmake_parse_arguments(ARG "" "BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc")
  # '|' separates the files: a ';' would split the shell command.
  string(REPLACE ";" "|" files "${ARG_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DBASE=${ARG_BASE} -DOUT=${out}
            "-DFILES=${files}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
    DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
