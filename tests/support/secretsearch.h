#pragma once

// Looking for a secret in what Slipway wrote or printed, in every form it could take there: as
// is, as UTF-16 (QString in QDataStream / QSettings @Variant values), and base64 in both alphabets
// at any offset, so it is also found inside `Authorization: Basic base64(user:secret)`, a Docker
// config's "auth", or X-Registry-Auth's base64url JSON.

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

namespace slipway::testing {

struct SecretForm {
    QString name;
    QByteArray bytes;
};

// Base64 of a longer text that holds `secret` somewhere contains, for one of the three offsets the
// secret can start at, the characters that depend on the secret's bytes alone: the whole 3-byte
// groups it fills, without the first group (shared with what comes before) or a last partial one.
inline QByteArray base64Core(const QByteArray& secret, int offset, QByteArray::Base64Options alphabet) {
    const QByteArray encoded =
        (QByteArray(offset, '\0') + secret).toBase64(alphabet | QByteArray::OmitTrailingEquals);
    const qsizetype wholeGroups = (offset + secret.size()) / 3;
    const qsizetype first = offset == 0 ? 0 : 1;
    return encoded.mid(first * 4, (wholeGroups - first) * 4);
}

inline QList<SecretForm> secretForms(const QByteArray& secret) {
    QList<SecretForm> forms{{QStringLiteral("plain"), secret}};
    QByteArray utf16le;
    QByteArray utf16be;
    for (const char byte : secret) {
        utf16le += QByteArray(1, byte) + '\0';
        utf16be += QByteArray(1, '\0') + byte;
    }
    forms.append({QStringLiteral("UTF-16LE"), utf16le});
    forms.append({QStringLiteral("UTF-16BE"), utf16be});
    for (int offset = 0; offset < 3; ++offset) {
        forms.append({QStringLiteral("base64 at offset %1").arg(offset),
                      base64Core(secret, offset, QByteArray::Base64Encoding)});
        forms.append({QStringLiteral("base64url at offset %1").arg(offset),
                      base64Core(secret, offset, QByteArray::Base64UrlEncoding)});
    }
    return forms;
}

// "what: form" for every form of the secret that `bytes` holds.
inline QStringList secretHits(const QString& what, const QByteArray& bytes, const QList<SecretForm>& forms) {
    QStringList hits;
    for (const SecretForm& form : forms) {
        if (!form.bytes.isEmpty() && bytes.contains(form.bytes))
            hits.append(QStringLiteral("%1: %2").arg(what, form.name));
    }
    return hits;
}

// Every regular file under `root` (hidden ones too; no sockets or pipes, symlinks not followed) that holds a
// form of the secret; `searched` counts the files read.
inline QStringList filesWithSecret(const QString& root, const QList<SecretForm>& forms,
                                   int* searched = nullptr) {
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            hits.append(QStringLiteral("%1: unreadable, so not searched").arg(file.fileName()));
            continue;
        }
        if (searched)
            ++*searched;
        hits += secretHits(file.fileName(), file.readAll(), forms);
    }
    return hits;
}

} // namespace slipway::testing
