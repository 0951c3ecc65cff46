# Links protobuf from Debian's static archive instead of its shared library. Debian builds it with
# BIND_NOW, so every program that loads it resolves all its symbols at start-up, in slipway-cli and
# docker-credential-slipway, programs that other tools start again and again (a pull check, `docker
# push` asking the credential helper). Only BuildKit's messages use protobuf; the linker takes the
# parts they need. System libraries stay shared.
#
# Rewrites the link interface of the imported target PkgConfig::PROTOBUF made by pkg_check_modules,
# so the targets that use it need no change.
function(slipway_link_static prefix target)
  set(archives)
  set(shared)
  foreach(name IN LISTS ${prefix}_STATIC_LIBRARIES)
    set(archive)
    if(name MATCHES "^(protobuf|absl_.*)$")
      find_library(archive_${name} NAMES lib${name}.a PATHS ${${prefix}_STATIC_LIBRARY_DIRS})
      set(archive ${archive_${name}})
    endif()
    if(archive)
      list(APPEND archives ${archive})
    else()
      list(APPEND shared ${name})
    endif()
  endforeach()
  # Archives may depend on each other in cycles; a group lets the linker go round until done.
  set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES
    "-Wl,--start-group;${archives};-Wl,--end-group;${shared};Threads::Threads")
endfunction()

option(SLIPWAY_STATIC_PROTOBUF "Link protobuf statically (faster start-up)" ON)
if(SLIPWAY_STATIC_PROTOBUF)
  find_package(Threads REQUIRED)
  slipway_link_static(PROTOBUF PkgConfig::PROTOBUF)
endif()
