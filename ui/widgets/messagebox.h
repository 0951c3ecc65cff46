#pragma once

#include <QMessageBox>
#include <optional>

namespace slipway::ui {

// Modal questions with a seam for tests: a queued answer is returned instead of opening a dialog that
// nobody would close (KeePassXC's MessageBox::setNextAnswer).
class MessageBox {
public:
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
                                                const QString& informativeText,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);

    // The next question() returns `answer` without a dialog.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // The text of the last question asked (answered through the seam or not), for tests.
    static QString lastQuestion();

private:
    static std::optional<QMessageBox::StandardButton> s_nextAnswer;
    static QString s_lastQuestion;
};

} // namespace slipway::ui
