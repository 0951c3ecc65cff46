#pragma once

#include <QString>
#include <QStringView>
#include <array>
#include <optional>

namespace slipway::spec {

// The 29 dataclass fields of flytekit 1.16's ImageSpec, in declaration order. The order matters:
// flytekit hashes the fields as a dict in this order.
enum class Field {
    Name,
    PythonVersion,
    Builder,
    SourceRoot,
    Env,
    Registry,
    Packages,
    CondaPackages,
    CondaChannels,
    Requirements,
    AptPackages,
    Cuda,
    Cudnn,
    BaseImage,
    Platform,
    PipIndex,
    PipExtraIndexUrl,
    PipSecretMounts,
    PipExtraArgs,
    RegistryConfig,
    Entrypoint,
    Commands,
    TagFormat,
    SourceCopyMode,
    Copy,
    PythonExec,
    RuntimePackages,
    BuilderOptions,
    BuilderConfig,
};

inline constexpr int kFieldCount = 29;

// What a field holds, as flytekit's annotations and __post_init__ checks say.
enum class FieldType {
    Str,       // Optional[str]
    StrList,   // Optional[List[str]], checked by flytekit's _is_list_of_strings
    StrDict,   // Optional[Dict[str, str]]
    AnyDict,   // Optional[Dict[str, Any]]
    CopyMode,  // Optional[CopyFileDetection]
    StrOrSpec, // Optional[Union[str, ImageSpec]]
    PairList,  // Optional[List[Tuple[str, str]]]
    PathList,  // `copy`: list of relative paths
};

struct FieldInfo {
    Field field;
    const char* name; // the keyword argument / YAML key
    FieldType type;
    bool inTag;       // false for builder, pip_secret_mounts, runtime_packages, registry_config
    bool basic;       // shown in the editor's short "Basics" section
    const char* help; // one sentence for tooltips and `spec show`
};

const std::array<FieldInfo, kFieldCount>& fieldInfos();
const FieldInfo& fieldInfo(Field field);
QString fieldName(Field field);
std::optional<Field> fieldByName(QStringView name);
// The closest field name within a small edit distance, for "did you mean" hints; empty if none.
QString closestFieldName(QStringView name);

} // namespace slipway::spec
