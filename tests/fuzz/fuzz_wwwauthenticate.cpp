// libFuzzer harness for the WWW-Authenticate parser: registries and anything in between choose these
// bytes. Each input line is one header value. Never a crash; schemes and parameter names come out
// lower case and non-empty; the chosen challenge is Bearer or Basic.

#include "registry/authchallenge.h"

#include <cstdint>
#include <cstdlib>

using namespace slipway::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const QList<AuthChallenge> challenges = parseAuthChallenges(input.split('\n'));
    for (const AuthChallenge& challenge : challenges) {
        if (challenge.scheme.isEmpty() || challenge.scheme != challenge.scheme.toLower())
            std::abort();
        for (const auto& [name, value] : challenge.params) {
            if (name.isEmpty() || name != name.toLower())
                std::abort();
        }
        (void)challenge.realm();
    }
    if (const auto chosen = chooseChallenge(challenges); chosen && !chosen->isBearer() && !chosen->isBasic())
        std::abort();
    return 0;
}
