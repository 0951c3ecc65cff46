#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace slipway::ui {

// The Output dock: a timestamped log of what Slipway did (scans, references that failed).
class OutputPanel : public QWidget {
    Q_OBJECT

public:
    explicit OutputPanel(QWidget* parent = nullptr);

    void appendLine(const QString& line);
    QString text() const;

private:
    QPlainTextEdit* m_log;
};

} // namespace slipway::ui
