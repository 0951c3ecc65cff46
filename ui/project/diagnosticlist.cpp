#include "project/diagnosticlist.h"

#include "widgets/icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {

QLabel* iconLabel(IconName name, QWidget* parent) {
    auto* label = new QLabel(parent);
    const int size = label->fontMetrics().height();
    label->setPixmap(icon(name).pixmap(size, size));
    label->setAlignment(Qt::AlignTop);
    return label;
}

QLabel* textLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

DiagnosticList::DiagnosticList(QWidget* parent)
    : QGroupBox(QStringLiteral("Problems"), parent), m_rows(new QVBoxLayout(this)) {
    setObjectName(QStringLiteral("detailsDiagnostics"));
    m_rows->setSpacing(10);
}

void DiagnosticList::setDiagnostics(const spec::Diagnostics& diagnostics) {
    while (QLayoutItem* item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const spec::Diagnostic& diagnostic : diagnostics)
        m_rows->addWidget(makeRow(diagnostic));
    if (diagnostics.isEmpty())
        m_rows->addWidget(makeAllClearRow());
}

QWidget* DiagnosticList::makeRow(const spec::Diagnostic& diagnostic) {
    auto* row = new QWidget(this);
    row->setObjectName(QStringLiteral("diagnosticRow"));
    const QString location =
        diagnostic.position.line > 0 ? QStringLiteral("Line %1: ").arg(diagnostic.position.line) : QString();
    auto* message = textLabel(location + diagnostic.message, row);
    message->setObjectName(QStringLiteral("diagnosticMessage"));

    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(message);
    if (!diagnostic.fix.isEmpty()) {
        auto* fix = textLabel(QStringLiteral("Fix: %1").arg(diagnostic.fix), row);
        fix->setObjectName(QStringLiteral("diagnosticFix"));
        fix->setForegroundRole(QPalette::PlaceholderText);
        text->addWidget(fix);
    }

    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    QLabel* severity = iconLabel(diagnostic.isError() ? IconName::Error : IconName::Warning, row);
    severity->setObjectName(QStringLiteral("diagnosticSeverity"));
    severity->setAccessibleName(diagnostic.isError() ? QStringLiteral("Error") : QStringLiteral("Warning"));
    layout->addWidget(severity);
    layout->addLayout(text, 1);
    return row;
}

QWidget* DiagnosticList::makeAllClearRow() {
    auto* row = new QWidget(this);
    row->setObjectName(QStringLiteral("diagnosticsAllClearRow"));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(iconLabel(IconName::Ok, row));
    auto* text = textLabel(QStringLiteral("No problems found."), row);
    text->setObjectName(QStringLiteral("diagnosticsAllClear"));
    layout->addWidget(text, 1);
    return row;
}

} // namespace slipway::ui
