#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace slipway::ui {

// A read-only value with a Copy button: a digest to pin, a command to paste into a terminal.
class CopyField : public QWidget {
    Q_OBJECT

public:
    explicit CopyField(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    QToolButton* copyButton() const { return m_copy; }
    QLineEdit* field() const { return m_field; }

Q_SIGNALS:
    void copied(const QString& text);

private:
    QLineEdit* m_field;
    QToolButton* m_copy;
};

// `text` with http(s) URLs turned into links and everything else escaped, for a rich-text QLabel.
QString linkified(const QString& text);

} // namespace slipway::ui
