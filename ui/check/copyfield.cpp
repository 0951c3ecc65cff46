#include "check/copyfield.h"

#include "widgets/icons.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QToolButton>

namespace slipway::ui {

CopyField::CopyField(QWidget* parent)
    : QWidget(parent), m_field(new QLineEdit(this)), m_copy(new QToolButton(this)) {
    m_field->setReadOnly(true);
    m_field->setObjectName(QStringLiteral("copyFieldText"));
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setIcon(icon(IconName::Copy));
    m_copy->setText(QStringLiteral("Copy"));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setToolTip(QStringLiteral("Copy to the clipboard"));
    m_copy->setAccessibleName(QStringLiteral("Copy"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_copy);
    setFocusProxy(m_field);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_field->text());
        Q_EMIT copied(m_field->text());
    });
}

void CopyField::setText(const QString& text) {
    m_field->setText(text);
    m_field->setCursorPosition(0);
    m_copy->setEnabled(!text.isEmpty());
}

QString CopyField::text() const {
    return m_field->text();
}

QString linkified(const QString& text) {
    static const QRegularExpression url(QStringLiteral("https?://[^\\s<>\"')]+"));
    QString html;
    qsizetype position = 0;
    for (auto it = url.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString link = match.captured();
        // A sentence's full stop or comma after a URL is not part of it.
        while (!link.isEmpty() && QStringLiteral(".,;:").contains(link.back()))
            link.chop(1);
        html += text.mid(position, match.capturedStart() - position).toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%1</a>").arg(link.toHtmlEscaped());
        position = match.capturedStart() + link.size();
    }
    html += text.mid(position).toHtmlEscaped();
    return html;
}

} // namespace slipway::ui
