#include "docker/enginesocket.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

namespace slipway::docker {

namespace {

const QString kStartFix = QStringLiteral(
    "start Docker (Docker Desktop, or `sudo systemctl start docker`), or set DOCKER_HOST to where your "
    "engine listens");
const QString kGroupFix = QStringLiteral(
    "add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and in again)");

Result<QByteArray> readPem(const QString& directory, const QString& name) {
    const QString path = QDir(directory).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QStringLiteral("engine-tls"),
            QStringLiteral("cannot read the TLS file %1: %2").arg(path, file.errorString()),
            QStringLiteral("set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem"));
    return file.readAll();
}

} // namespace

EngineSocket::EngineSocket(EngineEndpoint endpoint, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)) {}

EngineSocket::~EngineSocket() {
    abort();
}

QIODevice* EngineSocket::device() const {
    if (m_local)
        return m_local.get();
    return m_tcp.get();
}

void EngineSocket::abort() {
    if (m_local) {
        m_local->disconnect(this);
        m_local->abort();
    }
    if (m_tcp) {
        m_tcp->disconnect(this);
        m_tcp->abort();
    }
}

void EngineSocket::reportFailure(const QString& cause, const QString& fix) {
    if (m_failed)
        return;
    m_failed = true;
    Q_EMIT failed(Error{fix == kGroupFix ? QStringLiteral("engine-access-denied")
                                         : QStringLiteral("engine-unreachable"),
                        QStringLiteral("cannot connect to the Docker engine at %1 (%2): %3")
                            .arg(m_endpoint.url(), m_endpoint.origin, cause),
                        fix,
                        {}});
}

void EngineSocket::connectToEngine() {
    if (m_endpoint.kind == EngineEndpoint::Kind::Unix) {
        m_local = std::make_unique<QLocalSocket>();
        connect(m_local.get(), &QLocalSocket::connected, this, [this] {
            m_connected = true;
            Q_EMIT connected();
        });
        connect(m_local.get(), &QLocalSocket::readyRead, this, &EngineSocket::readyRead);
        connect(m_local.get(), &QLocalSocket::bytesWritten, this, &EngineSocket::bytesWritten);
        connect(m_local.get(), &QLocalSocket::disconnected, this, &EngineSocket::disconnected);
        connect(m_local.get(), &QLocalSocket::errorOccurred, this,
                [this](QLocalSocket::LocalSocketError error) {
                    if (m_connected)
                        return; // a dropped connection shows as disconnected()
                    reportFailure(m_local->errorString(),
                                  error == QLocalSocket::SocketAccessError ? kGroupFix : kStartFix);
                });
        m_local->connectToServer(m_endpoint.socketPath);
        return;
    }
    m_tcp = std::make_unique<QSslSocket>();
    connect(m_tcp.get(), m_endpoint.tls ? &QSslSocket::encrypted : &QSslSocket::connected, this, [this] {
        m_connected = true;
        Q_EMIT connected();
    });
    connect(m_tcp.get(), &QSslSocket::readyRead, this, &EngineSocket::readyRead);
    connect(m_tcp.get(), &QSslSocket::bytesWritten, this, &EngineSocket::bytesWritten);
    connect(m_tcp.get(), &QSslSocket::encryptedBytesWritten, this, &EngineSocket::bytesWritten);
    connect(m_tcp.get(), &QSslSocket::disconnected, this, &EngineSocket::disconnected);
    connect(m_tcp.get(), &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& error : errors)
            texts.append(error.errorString());
        reportFailure(QStringLiteral("the engine's TLS certificate is not trusted: %1")
                          .arg(texts.join(QStringLiteral("; "))),
                      QStringLiteral("check that %1/ca.pem is the CA that signed the engine's certificate")
                          .arg(m_endpoint.certPath));
    });
    connect(m_tcp.get(), &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (!m_connected)
            reportFailure(m_tcp->errorString(), kStartFix);
    });
    if (m_endpoint.tls) {
        if (auto tls = configureTls(); !tls) {
            m_failed = true;
            Q_EMIT failed(tls.error());
            return;
        }
        m_tcp->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
    } else {
        m_tcp->connectToHost(m_endpoint.host, m_endpoint.port);
    }
}

Result<void> EngineSocket::configureTls() {
    auto ca = readPem(m_endpoint.certPath, QStringLiteral("ca.pem"));
    auto cert = ca ? readPem(m_endpoint.certPath, QStringLiteral("cert.pem")) : ca;
    auto key = cert ? readPem(m_endpoint.certPath, QStringLiteral("key.pem")) : cert;
    if (!key)
        return std::unexpected(key.error());
    QSslKey privateKey(*key, QSsl::Rsa);
    if (privateKey.isNull())
        privateKey = QSslKey(*key, QSsl::Ec);
    const QList<QSslCertificate> authorities = QSslCertificate::fromData(*ca);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(*cert);
    if (privateKey.isNull() || authorities.isEmpty() || certificates.isEmpty())
        return fail(QStringLiteral("engine-tls"),
                    QStringLiteral("the TLS files in %1 are not PEM certificates and an RSA or EC key")
                        .arg(m_endpoint.certPath),
                    QStringLiteral("regenerate them, or point DOCKER_CERT_PATH at the right folder"));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(authorities);
    configuration.setLocalCertificate(certificates.first());
    configuration.setPrivateKey(privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    m_tcp->setSslConfiguration(configuration);
    return {};
}

} // namespace slipway::docker
