#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;

namespace slipway::ui {

// `platform`: the common platforms as check boxes and any others as free text, joined with commas as
// flytekit passes them to --platform. Nothing checked and no text is unset (flytekit's linux/amd64).
class PlatformEditor : public QWidget {
    Q_OBJECT

public:
    explicit PlatformEditor(QWidget* parent = nullptr);

    void setValue(const QString& platforms);
    QString value() const;
    void setReadOnly(bool readOnly);

Q_SIGNALS:
    void edited(const QString& platforms);

private:
    QList<QCheckBox*> m_common;
    QLineEdit* m_other;
    bool m_updating = false;
};

} // namespace slipway::ui
