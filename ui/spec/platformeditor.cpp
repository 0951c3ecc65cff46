#include "spec/platformeditor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLineEdit>

namespace slipway::ui {

namespace {
const QStringList kCommonPlatforms{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")};
} // namespace

PlatformEditor::PlatformEditor(QWidget* parent) : QWidget(parent), m_other(new QLineEdit(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    for (const QString& platform : kCommonPlatforms) {
        auto* box = new QCheckBox(platform, this);
        box->setObjectName(
            QStringLiteral("platform_%1").arg(QString(platform).replace(QLatin1Char('/'), QLatin1Char('_'))));
        box->setAccessibleName(QStringLiteral("Build for %1").arg(platform));
        layout->addWidget(box);
        m_common.append(box);
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_updating)
                Q_EMIT edited(value());
        });
    }
    m_other->setObjectName(QStringLiteral("platformOther"));
    m_other->setAccessibleName(QStringLiteral("Other platforms"));
    m_other->setPlaceholderText(QStringLiteral("other, e.g. linux/arm/v7"));
    m_other->setToolTip(QStringLiteral("More platforms, separated by commas"));
    layout->addWidget(m_other, 1);
    setFocusProxy(m_common.first());
    connect(m_other, &QLineEdit::textEdited, this, [this] { Q_EMIT edited(value()); });
}

void PlatformEditor::setValue(const QString& platforms) {
    if (platforms == value())
        return;
    m_updating = true;
    QStringList others;
    QStringList parts;
    for (const QString& part : platforms.split(QLatin1Char(','), Qt::SkipEmptyParts))
        parts.append(part.trimmed());
    for (int i = 0; i < m_common.size(); ++i)
        m_common[i]->setChecked(parts.contains(kCommonPlatforms[i]));
    for (const QString& part : std::as_const(parts))
        if (!kCommonPlatforms.contains(part))
            others.append(part);
    m_other->setText(others.join(QLatin1Char(',')));
    m_updating = false;
}

QString PlatformEditor::value() const {
    QStringList parts;
    for (int i = 0; i < m_common.size(); ++i)
        if (m_common[i]->isChecked())
            parts.append(kCommonPlatforms[i]);
    for (const QString& part : m_other->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    return parts.join(QLatin1Char(','));
}

void PlatformEditor::setReadOnly(bool readOnly) {
    for (QCheckBox* box : std::as_const(m_common))
        box->setEnabled(!readOnly);
    m_other->setReadOnly(readOnly);
}

} // namespace slipway::ui
