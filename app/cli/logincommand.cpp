// `slipway-cli login REGISTRY --username U [--kind K] [--repository NAME] [--no-verify]` and
// `slipway-cli logout REGISTRY`.
// The secret comes from stdin only (prompted without echo on a terminal): argv is visible to every
// user through `ps` and ends up in shell history.
#include "command.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/registrykey.h"
#include "credentials/registrylogin.h"
#include "credentialsupport.h"
#include "output.h"
#include "registry/loginverification.h"
#include "registry/registryclient.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <cstdio>
#include <optional>
#include <termios.h>
#include <unistd.h>

using namespace slipway;
using namespace slipway::credentials;

namespace {

int usage(const QString& command, const QString& message) {
    printErr(
        QStringLiteral("slipway-cli %1: %2\nRun 'slipway-cli --help' for usage.\n").arg(command, message));
    return kExitUsage;
}

// Options that would put a secret into argv. Refused by name, whatever follows them.
bool isSecretOption(const QString& argument) {
    static const QStringList names{QStringLiteral("--password"), QStringLiteral("-p"),
                                   QStringLiteral("--secret"), QStringLiteral("--token"),
                                   QStringLiteral("--identity-token")};
    const QString name = argument.section(QLatin1Char('='), 0, 0);
    return names.contains(name) || (argument.startsWith(QLatin1String("-p")) && argument.size() > 2);
}

int refuseSecretOption(const QString& argument) {
    // Name the option only: the refusal must not print the value it refuses.
    const QString option = argument.startsWith(QLatin1String("--")) ? argument.section(QLatin1Char('='), 0, 0)
                                                                    : argument.left(2);
    return usage(
        QStringLiteral("login"),
        QStringLiteral("%1 is refused: slipway-cli never takes a secret on the command line (every user "
                       "can read it with `ps`, and it stays in your shell history). Pipe it on stdin "
                       "instead: printf '%%s' \"$TOKEN\" | slipway-cli login REGISTRY --username USER")
            .arg(option));
}

struct LoginOptions {
    QString registry;
    QString username;
    std::optional<SecretKind> kind;
    QString repository; // where to prove push permission; empty: only that the login is accepted
    bool verify = true;
};

// Reads one line from the terminal without echoing it.
QString promptWithoutEcho(const QString& prompt) {
    termios saved{};
    const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    // Echo is off before the prompt shows: what is typed after it is never echoed nor flushed away.
    printErr(prompt);
    QByteArray line;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        line.append(static_cast<char>(c));
    if (terminal)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    printErr(QStringLiteral("\n"));
    return QString::fromUtf8(line);
}

// The secret from stdin: prompted on a terminal, else all of it minus one trailing line break
// (what `echo $TOKEN |` adds), as `docker login --password-stdin` reads it.
QString readSecret(const LoginOptions& options) {
    if (isatty(STDIN_FILENO))
        return promptWithoutEcho(
            QStringLiteral("%1 for %2 on %3: ")
                .arg(secretKindLabel(options.kind.value_or(SecretKind::Password)),
                     options.username.isEmpty() ? QStringLiteral("the identity token") : options.username,
                     options.registry));
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray secret = input.readAll();
    if (secret.endsWith('\n'))
        secret.chop(1);
    if (secret.endsWith('\r'))
        secret.chop(1);
    return QString::fromUtf8(secret);
}

std::optional<LoginOptions> parseLogin(QStringList arguments, int& exitCode) {
    LoginOptions options;
    QString registry;
    while (!arguments.isEmpty()) {
        const QString argument = arguments.takeFirst();
        if (isSecretOption(argument)) {
            exitCode = refuseSecretOption(argument);
            return std::nullopt;
        }
        const bool takesValue = argument == QLatin1String("--username") || argument == QLatin1String("-u") ||
                                argument == QLatin1String("--kind") ||
                                argument == QLatin1String("--repository");
        if (takesValue && arguments.isEmpty()) {
            exitCode = usage(QStringLiteral("login"), QStringLiteral("%1 needs a value").arg(argument));
            return std::nullopt;
        }
        if (argument == QLatin1String("--username") || argument == QLatin1String("-u")) {
            options.username = arguments.takeFirst();
        } else if (argument == QLatin1String("--kind")) {
            const QString name = arguments.takeFirst();
            options.kind = secretKindFromName(name);
            if (!options.kind) {
                exitCode =
                    usage(QStringLiteral("login"),
                          QStringLiteral("--kind is password, token or identity-token, not '%1'").arg(name));
                return std::nullopt;
            }
        } else if (argument == QLatin1String("--repository")) {
            options.repository = arguments.takeFirst();
        } else if (argument == QLatin1String("--no-verify")) {
            options.verify = false;
        } else if (argument == QLatin1String("--password-stdin")) {
            // docker's spelling of what slipway-cli always does; accepted so muscle memory works.
        } else if (argument.startsWith(QLatin1Char('-')) || !registry.isEmpty()) {
            exitCode =
                usage(QStringLiteral("login"), QStringLiteral("unexpected argument '%1'").arg(argument));
            return std::nullopt;
        } else {
            registry = argument;
        }
    }
    if (registry.isEmpty()) {
        exitCode = usage(QStringLiteral("login"), QStringLiteral("missing REGISTRY (e.g. ghcr.io)"));
        return std::nullopt;
    }
    auto key = registryKey(registry);
    if (!key) {
        exitCode = usage(QStringLiteral("login"), key.error().describe());
        return std::nullopt;
    }
    options.registry = *key;
    if (options.username.isEmpty() && options.kind != SecretKind::IdentityToken) {
        exitCode =
            usage(QStringLiteral("login"),
                  QStringLiteral("missing --username (the user you log in to %1 as)").arg(options.registry));
        return std::nullopt;
    }
    return options;
}

// Asks the registry itself whether it takes the login (and, with a repository, allows pushing
// there), through the registry client: a real token request or Basic-authenticated call.
Result<registry::LoginCheck> verifyWithRegistry(const RegistryCredential& credential,
                                                const QString& repository) {
    constexpr int kTimeoutMs = 60000;
    registry::RegistryClient client;
    auto* verification =
        client.verifyLogin(credential.registry, repository, toRegistryCredentials(credential), &client);
    std::optional<Result<registry::LoginCheck>> outcome;
    QEventLoop loop;
    QObject::connect(verification, &registry::LoginVerification::finished, &loop,
                     [&outcome, &loop](const Result<registry::LoginCheck>& check) {
                         outcome = check;
                         loop.quit();
                     });
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    verification->start();
    if (!outcome)
        loop.exec();
    if (outcome)
        return *outcome;
    verification->cancel();
    return fail(
        QStringLiteral("credentials.verify-timeout"),
        QStringLiteral("%1 did not answer within %2 s.").arg(credential.registry).arg(kTimeoutMs / 1000),
        QStringLiteral("Check the registry's address and your network, or store the login unchecked with "
                       "--no-verify."));
}

QString verifiedText(const registry::LoginCheck& check, const QString& repository) {
    if (!check.credentialsChecked)
        return QStringLiteral("The registry lets anyone in, so it did not test the login.\n");
    if (check.pushAllowed)
        return QStringLiteral("The registry accepted the login and allows pushing to %1.\n").arg(repository);
    return QStringLiteral(
        "The registry accepted the login (push permission is per repository: add --repository "
        "NAME to check it).\n");
}

int runLogin(const QStringList& arguments) {
    int exitCode = kExitOk;
    const auto options = parseLogin(arguments, exitCode);
    if (!options)
        return exitCode;
    // Before asking for the secret or the registry: without a keychain nothing could be kept.
    KeychainCredentialStore store;
    if (auto probed = awaitResult(store.probe()); !probed)
        return failWithCredentialError(probed.error());
    const QString secret = readSecret(*options);
    const RegistryCredential credential{options->registry, options->username, secret,
                                        options->kind.value_or(guessSecretKind(secret))};
    if (auto valid = validateCredential(credential); !valid) {
        printErr(QStringLiteral("error: %1\n").arg(valid.error().describe()));
        return kExitUsage;
    }
    QString verified = QStringLiteral("Not checked with the registry (--no-verify).\n");
    if (options->verify) {
        const auto check = verifyWithRegistry(credential, options->repository);
        if (!check) {
            printErr(QStringLiteral("error: %1 did not accept the login: %2\nNothing was stored.\n")
                         .arg(credential.registry, check.error().describe()));
            return kExitFailure;
        }
        verified = verifiedText(*check, options->repository);
    }
    if (auto stored = awaitResult(store.store(credential)); !stored)
        return failWithCredentialError(stored.error());
    printOut(
        QStringLiteral("Stored the %1 for %2 on %3 in %4.\n")
            .arg(secretKindLabel(credential.kind),
                 credential.username.isEmpty() ? QStringLiteral("(identity token)") : credential.username,
                 credential.registry, store.location()) +
        verified);
    return kExitOk;
}

int runLogout(const QStringList& arguments) {
    if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-')))
        return usage(QStringLiteral("logout"), QStringLiteral("expected exactly one REGISTRY"));
    auto key = registryKey(arguments.first());
    if (!key)
        return usage(QStringLiteral("logout"), key.error().describe());
    KeychainCredentialStore store;
    auto logins = awaitResult(store.list());
    if (!logins)
        return failWithCredentialError(logins.error());
    const bool known =
        std::ranges::any_of(*logins, [&key](const CredentialSummary& s) { return s.registry == *key; });
    if (auto removed = awaitResult(store.remove(*key)); !removed)
        return failWithCredentialError(removed.error());
    printOut(known ? QStringLiteral("Removed the login for %1 from %2.\n").arg(*key, store.location())
                   : QStringLiteral("There was no login for %1 to remove.\n").arg(*key));
    return kExitOk;
}

const CommandRegistration loginRegistration{CliCommand{
    QStringLiteral("login"),
    QStringLiteral("  login REGISTRY --username U [--kind password|token|identity-token]\n"
                   "        [--repository NAME] [--no-verify]\n"
                   "                         check the login with the registry (and push permission on\n"
                   "                         NAME), then store it in the OS keychain; the secret is read\n"
                   "                         from stdin (prompted without echo on a terminal), never argv\n"),
    &runLogin, 40}};

const CommandRegistration logoutRegistration{
    CliCommand{QStringLiteral("logout"),
               QStringLiteral("  logout REGISTRY        remove the registry's login from the OS keychain\n"),
               &runLogout, 41}};

} // namespace
