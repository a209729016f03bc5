# One place for the warnings and sanitizers every target of ours builds with.
function(scr_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  target_compile_definitions(${target} PRIVATE BOOST_BIND_GLOBAL_PLACEHOLDERS BOOST_ALLOW_DEPRECATED_HEADERS)
  if(SCR_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  elseif(SCR_SANITIZE STREQUAL "address")
    # GCC's -Wmaybe-uninitialized gives false positives under the sanitizers' instrumentation.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined -Wno-maybe-uninitialized)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  elseif(NOT SCR_SANITIZE STREQUAL "")
    message(FATAL_ERROR "SCR_SANITIZE must be empty or 'address', not '${SCR_SANITIZE}'")
  endif()
endfunction()
