#include "main/outputpanel.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QTime>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {
constexpr int kMaxLines = 5000; // a session's worth; older lines scroll away instead of growing memory
}

OutputPanel::OutputPanel(QWidget* parent) : QWidget(parent), m_log(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("outputPanel"));
    m_log->setObjectName(QStringLiteral("outputLog"));
    m_log->setAccessibleName(QStringLiteral("Output log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kMaxLines);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_log);
}

void OutputPanel::appendLine(const QString& line) {
    m_log->appendPlainText(
        QStringLiteral("[%1] %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

QString OutputPanel::text() const {
    return m_log->toPlainText();
}

} // namespace slipway::ui
