#include "build/buildresultview.h"

#include "build/buildtext.h"
#include "widgets/icons.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

namespace slipway::ui {

using docker::BuildOutcome;

namespace {

constexpr int kIconSize = 32;

QLabel* selectableLabel(QWidget* parent, const char* objectName, const QString& accessibleName) {
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QPushButton* button(QWidget* parent, const char* objectName, const QIcon& icon, const QString& text,
                    const QString& accessibleName) {
    auto* result = new QPushButton(icon, text, parent);
    result->setObjectName(QLatin1String(objectName));
    result->setAccessibleName(accessibleName);
    return result;
}

} // namespace

BuildResultView::BuildResultView(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_headline(selectableLabel(this, "resultHeadline", "Result")),
      m_reference(selectableLabel(this, "resultReference", "Image reference")),
      m_digest(selectableLabel(this, "resultDigest", "Image digest")),
      m_error(selectableLabel(this, "resultError", "Error")),
      m_fix(selectableLabel(this, "resultFix", "Fix")), m_lastLines(new QPlainTextEdit(this)),
      m_copyReference(button(this, "copyReferenceButton", icon(IconName::Copy),
                             QStringLiteral("Copy reference"), QStringLiteral("Copy the image reference"))),
      m_copyDigest(button(this, "copyDigestButton", icon(IconName::Copy), QStringLiteral("Copy digest"),
                          QStringLiteral("Copy the image digest"))),
      m_showStepLog(button(this, "showFailedStepButton", QIcon(), QStringLiteral("Show step log"),
                           QStringLiteral("Show the failed step's whole log"))) {
    setObjectName(QStringLiteral("buildResult"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.15);
    m_headline->setFont(headlineFont);
    m_reference->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_digest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_digest->setForegroundRole(QPalette::PlaceholderText);
    m_lastLines->setObjectName(QStringLiteral("resultLastLines"));
    m_lastLines->setAccessibleName(QStringLiteral("The failed step's last log lines"));
    m_lastLines->setReadOnly(true);
    m_lastLines->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_lastLines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lastLines->setFixedHeight(m_lastLines->fontMetrics().lineSpacing() * 8 + 10);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_copyReference);
    buttons->addWidget(m_copyDigest);
    buttons->addWidget(m_showStepLog);
    buttons->addStretch();
    auto* text = new QVBoxLayout;
    text->setSpacing(4);
    for (QWidget* widget : {static_cast<QWidget*>(m_headline), static_cast<QWidget*>(m_reference),
                            static_cast<QWidget*>(m_digest), static_cast<QWidget*>(m_error),
                            static_cast<QWidget*>(m_fix), static_cast<QWidget*>(m_lastLines)})
        text->addWidget(widget);
    text->addStretch(); // extra height goes below the text, not between its lines
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addLayout(buttons);

    connect(m_copyReference, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_reference->text()); });
    connect(m_copyDigest, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_digest->text().section(QLatin1Char(' '), -1)); });
    connect(m_showStepLog, &QPushButton::clicked, this, &BuildResultView::showFailedStepRequested);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    hide();
}

QString BuildResultView::headline() const {
    return m_headline->text();
}

void BuildResultView::setRecord(const project::BuildRecord& record) {
    if (!record.outcome) {
        hide();
        return;
    }
    const BuildOutcome& outcome = *record.outcome;
    const bool failed = outcome.status == BuildOutcome::Status::Failed;
    const bool cancelled = outcome.status == BuildOutcome::Status::Cancelled;
    const bool pushed = record.options.push && !outcome.digest.isEmpty();
    m_icon->setPixmap(outcomeIcon(outcome, style()).pixmap(kIconSize, kIconSize));

    switch (outcome.status) {
    case BuildOutcome::Status::Succeeded:
        m_headline->setText(pushed ? QStringLiteral("Built and pushed") : QStringLiteral("Built"));
        break;
    case BuildOutcome::Status::SkippedExists:
        m_headline->setText(QStringLiteral("Already in the registry: nothing to build (Force rebuilds it)"));
        break;
    case BuildOutcome::Status::Cancelled:
        m_headline->setText(QStringLiteral("Cancelled: no build is running"));
        break;
    case BuildOutcome::Status::Failed:
        m_headline->setText(outcome.failedStep.isEmpty()
                                ? QStringLiteral("Failed")
                                : QStringLiteral("Failed at %1").arg(outcome.failedStep));
        break;
    }
    const QString reference =
        outcome.imageReference.isEmpty() ? record.imageReference : outcome.imageReference;
    m_reference->setText(reference);
    m_reference->setVisible(!failed && !cancelled);
    m_copyReference->setVisible(!failed && !cancelled && !reference.isEmpty());
    m_digest->setText(!outcome.digest.isEmpty() ? QStringLiteral("Digest: %1").arg(outcome.digest)
                                                : QStringLiteral("Image ID: %1").arg(outcome.imageId));
    m_digest->setVisible(!failed && !cancelled && (!outcome.digest.isEmpty() || !outcome.imageId.isEmpty()));
    m_copyDigest->setVisible(m_digest->isVisibleTo(this));
    m_copyDigest->setText(outcome.digest.isEmpty() ? QStringLiteral("Copy image ID")
                                                   : QStringLiteral("Copy digest"));

    m_error->setText(outcome.error.message);
    m_error->setVisible(failed && !outcome.error.message.isEmpty());
    m_fix->setText(QStringLiteral("Fix: %1").arg(outcome.error.fix));
    m_fix->setVisible(failed && !outcome.error.fix.isEmpty());
    m_lastLines->setPlainText(outcome.lastLogLines.join(QLatin1Char('\n')));
    // The error is at the end of the step's output: show the end.
    m_lastLines->verticalScrollBar()->setValue(m_lastLines->verticalScrollBar()->maximum());
    m_lastLines->setVisible(failed && !outcome.lastLogLines.isEmpty());
    m_showStepLog->setVisible(failed && !outcome.failedStep.isEmpty());

    // A tinted band: green for success, red for failure, the window colour otherwise.
    QPalette tinted = QApplication::palette();
    QColor tint(failed ? QStringLiteral("#d32f2f") : QStringLiteral("#2e7d32"));
    QColor base = tinted.color(QPalette::Window);
    if (!cancelled) {
        const double alpha = 0.14;
        base = QColor::fromRgbF(base.redF() * (1 - alpha) + tint.redF() * alpha,
                                base.greenF() * (1 - alpha) + tint.greenF() * alpha,
                                base.blueF() * (1 - alpha) + tint.blueF() * alpha);
    }
    tinted.setColor(QPalette::Window, base);
    setPalette(tinted);
    setAccessibleName(m_headline->text());
    show();
}

} // namespace slipway::ui
