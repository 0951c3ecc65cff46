#include "widgets/messagebox.h"

namespace slipway::ui {

std::optional<QMessageBox::StandardButton> MessageBox::s_nextAnswer;
QString MessageBox::s_lastQuestion;

QMessageBox::StandardButton MessageBox::question(QWidget* parent, const QString& title, const QString& text,
                                                 const QString& informativeText,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton) {
    s_lastQuestion = text;
    if (s_nextAnswer)
        return std::exchange(s_nextAnswer, std::nullopt).value();
    QMessageBox box(QMessageBox::Question, title, text, buttons, parent);
    box.setObjectName(QStringLiteral("questionBox"));
    box.setInformativeText(informativeText);
    box.setDefaultButton(defaultButton);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer) {
    s_nextAnswer = answer;
}

QString MessageBox::lastQuestion() {
    return s_lastQuestion;
}

} // namespace slipway::ui
