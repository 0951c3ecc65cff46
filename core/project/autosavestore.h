#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace slipway::project {

// Unsaved editor text, kept in the user's data folder (never beside the project) so that a crash does
// not lose it. One record per spec file; removed when the edits are saved or discarded, so a record
// found when a file is opened means Slipway ended without either.
class AutosaveStore {
public:
    struct Record {
        QString filePath; // absolute path of the spec file the text belongs to
        QString text;
        QDateTime savedAt;
    };

    // `folder` empty: <AppDataLocation>/autosave.
    explicit AutosaveStore(QString folder = {});

    bool save(const QString& filePath, const QString& text);
    std::optional<Record> find(const QString& filePath) const;
    void remove(const QString& filePath);
    QString folder() const { return m_folder; }

private:
    QString recordPath(const QString& filePath) const;

    QString m_folder;
};

} // namespace slipway::project
