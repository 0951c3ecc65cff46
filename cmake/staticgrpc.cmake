# Links gRPC, protobuf and abseil from Debian's static archives instead of their ~60 shared libraries.
# Debian builds those with BIND_NOW, so every program that loads them resolves all their symbols at
# start-up: about 20 ms before main() in slipway-cli and docker-credential-slipway, programs that
# other tools start again and again (a pull check, `docker push` asking the credential helper). Only
# BuildKit's session uses gRPC; the linker takes the parts it calls. System libraries (OpenSSL, zlib)
# stay shared.
#
# Rewrites the link interface of the imported targets PkgConfig::PROTOBUF and PkgConfig::GRPCPP made
# by pkg_check_modules, so the targets that use them need no change.
function(slipway_link_static prefix target)
  set(archives)
  set(shared)
  foreach(name IN LISTS ${prefix}_STATIC_LIBRARIES)
    set(archive)
    if(name MATCHES "^(grpc|grpc\\+\\+|gpr|upb|address_sorting|re2|cares|protobuf|absl_.*)$")
      find_library(archive_${name} NAMES lib${name}.a PATHS ${${prefix}_STATIC_LIBRARY_DIRS})
      set(archive ${archive_${name}})
    endif()
    if(archive)
      list(APPEND archives ${archive})
    else()
      list(APPEND shared ${name})
    endif()
  endforeach()
  # The archives depend on each other in cycles (absl); a group lets the linker go round until done.
  set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES
    "-Wl,--start-group;${archives};-Wl,--end-group;${shared};Threads::Threads")
endfunction()

option(SLIPWAY_STATIC_GRPC "Link gRPC, protobuf and abseil statically (faster start-up)" ON)
if(SLIPWAY_STATIC_GRPC)
  find_package(Threads REQUIRED)
  slipway_link_static(PROTOBUF PkgConfig::PROTOBUF)
  slipway_link_static(GRPCPP PkgConfig::GRPCPP)
endif()
