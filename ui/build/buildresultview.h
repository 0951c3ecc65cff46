#pragma once

#include "project/buildrecord.h"

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace slipway::ui {

// How a build ended, in a band above its steps: on success the image reference and digest with Copy
// buttons; on failure the failing step, the error, its fix and the step's last log lines. Hidden
// while the build runs.
class BuildResultView : public QFrame {
    Q_OBJECT

public:
    explicit BuildResultView(QWidget* parent = nullptr);

    // Shows the record's outcome; hides itself when it has none.
    void setRecord(const project::BuildRecord& record);

    QString headline() const;

Q_SIGNALS:
    // "Show step log": the user wants the failing step's whole output.
    void showFailedStepRequested();

private:
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_reference;
    QLabel* m_digest;
    QLabel* m_error;
    QLabel* m_fix;
    QPlainTextEdit* m_lastLines;
    QPushButton* m_copyReference;
    QPushButton* m_copyDigest;
    QPushButton* m_showStepLog;
};

} // namespace slipway::ui
