#include "project/referencebox.h"

#include "widgets/icons.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace slipway::ui {

using project::ReferenceStatus;

ReferenceBox::ReferenceBox(QWidget* parent)
    : QGroupBox(QStringLiteral("Image reference"), parent), m_reference(new QLineEdit(this)),
      m_copy(new QToolButton(this)), m_stateIcon(new QLabel(this)), m_state(new QLabel(this)) {
    setObjectName(QStringLiteral("referenceBox"));

    m_reference->setObjectName(QStringLiteral("imageReferenceField"));
    m_reference->setAccessibleName(QStringLiteral("Image reference"));
    m_reference->setReadOnly(true);
    m_reference->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_reference->setMinimumWidth(240);

    m_copy->setObjectName(QStringLiteral("copyReferenceButton"));
    m_copy->setAccessibleName(QStringLiteral("Copy image reference"));
    m_copy->setToolTip(QStringLiteral("Copy the image reference to the clipboard"));
    m_copy->setIcon(icon(IconName::Copy));
    m_copy->setText(QStringLiteral("Copy"));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_reference->text());
        Q_EMIT copied(m_reference->text());
    });

    m_stateIcon->setObjectName(QStringLiteral("referenceStateIcon"));
    m_stateIcon->setAccessibleName(QStringLiteral("Reference status"));
    m_state->setObjectName(QStringLiteral("referenceStateLabel"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* note =
        new QLabel(QStringLiteral("The tag flytekit 1.15.4 and later computes for this spec on this "
                                  "machine, with relative paths resolved against the project folder."),
                   this);
    note->setObjectName(QStringLiteral("referenceNote"));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* referenceRow = new QHBoxLayout;
    referenceRow->setSpacing(8);
    referenceRow->addWidget(m_reference, 1);
    referenceRow->addWidget(m_copy);
    auto* stateRow = new QHBoxLayout;
    stateRow->setSpacing(8);
    stateRow->addWidget(m_stateIcon, 0, Qt::AlignTop);
    stateRow->addWidget(m_state, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addLayout(referenceRow);
    layout->addLayout(stateRow);
    layout->addWidget(note);
}

void ReferenceBox::setStatus(const ReferenceStatus& status) {
    const bool ready = status.state == ReferenceStatus::State::Ready;
    m_reference->setText(ready ? status.reference : QString());
    m_reference->setCursorPosition(0); // the registry and name first; the tag is the part that may hide
    m_reference->setPlaceholderText(status.state == ReferenceStatus::State::Computing
                                        ? QStringLiteral("computing…")
                                        : QStringLiteral("no reference"));
    m_copy->setEnabled(ready);

    const int iconSize = m_state->fontMetrics().height();
    switch (status.state) {
    case ReferenceStatus::State::Computing:
        m_state->setText(QStringLiteral("Hashing the files the spec refers to…"));
        m_stateIcon->clear();
        break;
    case ReferenceStatus::State::Ready:
        m_state->clear();
        m_stateIcon->clear();
        break;
    case ReferenceStatus::State::Failed:
        m_state->setText(status.message);
        m_stateIcon->setPixmap(icon(IconName::Error).pixmap(iconSize, iconSize));
        break;
    case ReferenceStatus::State::Unavailable:
        m_state->setText(status.message);
        m_stateIcon->setPixmap(icon(IconName::Warning).pixmap(iconSize, iconSize));
        break;
    }
    const bool hasState = !m_state->text().isEmpty();
    m_state->setVisible(hasState);
    m_stateIcon->setVisible(hasState && !m_stateIcon->pixmap().isNull());
}

} // namespace slipway::ui
