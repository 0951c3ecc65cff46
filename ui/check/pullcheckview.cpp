#include "check/pullcheckview.h"

#include "check/copyfield.h"
#include "check/statusbadge.h"
#include "check/verdictlook.h"
#include "widgets/icons.h"
#include "widgets/messagebanner.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

using registry::Platform;
using registry::PullCheckResult;
using registry::PullVerdict;

namespace {

QLabel* wrappingLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString platformNames(const QList<Platform>& platforms) {
    QStringList names;
    for (const Platform& platform : platforms)
        names.append(platform.toString());
    return names.isEmpty() ? QStringLiteral("—") : names.join(QStringLiteral(", "));
}

QString yesNo(bool value) {
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

// GHCR's visibility change is one-way; the fix suggests it, so the warning must be seen, not buried.
bool suggestsGhcrPublic(const PullCheckResult& result) {
    return registry::registryKind(result.reference.registry) == registry::RegistryKind::Ghcr &&
           result.verdict == PullVerdict::PrivateNoAccess;
}

} // namespace

PullCheckView::PullCheckView(QWidget* parent)
    : QWidget(parent), m_badge(new StatusBadge(this)),
      m_reference(wrappingLabel(QStringLiteral("referenceLabel"), this)),
      m_recheck(new QPushButton(QStringLiteral("Re-check"), this)),
      m_message(wrappingLabel(QStringLiteral("messageLabel"), this)), m_runningRow(new QWidget(this)),
      m_progress(new QProgressBar(m_runningRow)), m_step(new QLabel(m_runningRow)),
      m_cancel(new QPushButton(QStringLiteral("Cancel"), m_runningRow)), m_details(new QWidget(this)),
      m_pinned(new CopyField(m_details)),
      m_imagePlatforms(wrappingLabel(QStringLiteral("imagePlatformsLabel"), m_details)),
      m_clusterPlatforms(wrappingLabel(QStringLiteral("clusterPlatformsLabel"), m_details)),
      m_access(wrappingLabel(QStringLiteral("accessLabel"), m_details)),
      m_checkedAs(wrappingLabel(QStringLiteral("checkedAsLabel"), m_details)),
      m_registrySaid(wrappingLabel(QStringLiteral("registrySaidLabel"), m_details)),
      m_fixTitle(new QLabel(QStringLiteral("<b>How to fix it</b>"), this)),
      m_fix(wrappingLabel(QStringLiteral("fixLabel"), this)), m_irreversible(new MessageBanner(this)) {
    setObjectName(QStringLiteral("pullCheckView"));
    m_badge->setObjectName(QStringLiteral("verdictBadge"));
    m_recheck->setObjectName(QStringLiteral("recheckButton"));
    m_recheck->setIcon(icon(IconName::Revert));
    m_cancel->setObjectName(QStringLiteral("cancelCheckButton"));
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_step->setObjectName(QStringLiteral("progressLabel"));
    m_pinned->setObjectName(QStringLiteral("pinnedField"));
    m_pinned->setToolTip(QStringLiteral("Give the cluster this reference: a tag can move, a digest cannot."));
    m_fix->setTextFormat(Qt::RichText);
    m_fix->setOpenExternalLinks(true);
    m_fix->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_irreversible->setObjectName(QStringLiteral("irreversibleWarning"));
    m_irreversible->setKind(MessageBanner::Kind::Warning);
    m_irreversible->setText(QStringLiteral("Once a GitHub package is public it can never be made private "
                                           "again. If the image must stay private, give the cluster a pull "
                                           "secret instead."));
    QFont referenceFont = m_reference->font();
    referenceFont.setBold(true);
    m_reference->setFont(referenceFont);

    // The reference gets a row of its own: beside the badge and the button, its longest unbreakable
    // part ("image:tag") made the view wider than a dock beside the build panel.
    auto* header = new QHBoxLayout;
    header->addWidget(m_badge, 0, Qt::AlignVCenter);
    header->addStretch(1);
    header->addWidget(m_recheck, 0, Qt::AlignTop);

    auto* running = new QHBoxLayout(m_runningRow);
    running->setContentsMargins(0, 0, 0, 0);
    running->addWidget(m_progress);
    running->addWidget(m_step, 1);
    running->addWidget(m_cancel);

    auto* form = new QFormLayout(m_details);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(QStringLiteral("Pin this:"), m_pinned);
    form->addRow(QStringLiteral("Image platforms:"), m_imagePlatforms);
    form->addRow(QStringLiteral("Cluster platforms:"), m_clusterPlatforms);
    form->addRow(QStringLiteral("Who can pull:"), m_access);
    form->addRow(QStringLiteral("Checked:"), m_checkedAs);
    form->addRow(QStringLiteral("Registry said:"), m_registrySaid);
    form->setRowVisible(m_checkedAs, false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_reference);
    layout->addWidget(m_runningRow);
    layout->addWidget(m_message);
    layout->addWidget(m_details);
    layout->addWidget(m_fixTitle);
    layout->addWidget(m_fix);
    layout->addWidget(m_irreversible);
    layout->addStretch(1);

    connect(m_recheck, &QPushButton::clicked, this, &PullCheckView::recheckRequested);
    connect(m_cancel, &QPushButton::clicked, this, &PullCheckView::cancelRequested);
    setIdle({});
}

void PullCheckView::showRunning(bool running) {
    m_running = running;
    m_runningRow->setVisible(running);
    m_recheck->setEnabled(!running);
    m_cancel->setEnabled(running);
}

void PullCheckView::setIdle(const QString& reference) {
    m_result.reset();
    showRunning(false);
    m_badge->setLook({QStringLiteral("Not checked"), BadgeTone::Neutral, icon(IconName::Info),
                      QStringLiteral("No pull check has run for this image yet.")});
    m_reference->setText(reference);
    m_recheck->setText(QStringLiteral("Check"));
    m_message->setText(QStringLiteral("Check whether the cluster will be able to pull this image."));
    m_details->hide();
    m_fixTitle->hide();
    m_fix->hide();
    m_irreversible->hide();
}

void PullCheckView::setRunning(const QString& reference) {
    showRunning(true);
    m_badge->setLook({QStringLiteral("Checking…"), BadgeTone::Neutral, icon(IconName::Info),
                      QStringLiteral("Asking the registry.")});
    m_reference->setText(reference);
    m_step->setText(QStringLiteral("Asking the registry…"));
    m_message->clear();
    m_message->hide();
    m_details->hide();
    m_fixTitle->hide();
    m_fix->hide();
    m_irreversible->hide();
}

void PullCheckView::setProgress(const QString& step) {
    m_step->setText(step);
}

void PullCheckView::setResult(const PullCheckResult& result) {
    m_result = result;
    showRunning(false);
    m_recheck->setText(QStringLiteral("Re-check"));
    m_badge->setLook(verdictLook(result.verdict));
    m_reference->setText(result.reference.toString());
    m_message->setText(result.message);
    m_message->setVisible(!result.message.isEmpty());
    showDetails(result);
    m_fixTitle->setVisible(!result.fix.isEmpty());
    m_fix->setText(linkified(result.fix));
    m_fix->setVisible(!result.fix.isEmpty());
    m_irreversible->setVisible(suggestsGhcrPublic(result));
}

void PullCheckView::setFailed(const Error& error) {
    showRunning(false);
    m_recheck->setText(m_result ? QStringLiteral("Re-check") : QStringLiteral("Check"));
    m_badge->setLook(
        {QStringLiteral("Not checked"), BadgeTone::Caution, icon(IconName::Warning), error.message});
    m_message->setText(error.fix.isEmpty() ? error.message : error.message + QLatin1Char(' ') + error.fix);
    m_message->show();
    m_details->hide();
    m_fixTitle->hide();
    m_fix->hide();
    m_irreversible->hide();
}

void PullCheckView::setCheckedAs(const QString& text) {
    m_checkedAs->setText(text);
    static_cast<QFormLayout*>(m_details->layout())->setRowVisible(m_checkedAs, !text.isEmpty());
}

void PullCheckView::showDetails(const PullCheckResult& result) {
    auto* form = static_cast<QFormLayout*>(m_details->layout());
    const QString pinned = result.pinnedReference();
    m_pinned->setText(pinned);
    form->setRowVisible(m_pinned, !pinned.isEmpty());
    showPlatforms(result);
    QString access = QStringLiteral("Anonymous: %1").arg(yesNo(result.anonymousPull));
    if (result.credentialsPull)
        access += QStringLiteral(" · with the cluster's pull secret: %1").arg(yesNo(*result.credentialsPull));
    if (result.rateLimit.known())
        access += QStringLiteral(" · rate limit: ") + result.rateLimit.describe();
    m_access->setText(access);
    m_registrySaid->setText(result.detail);
    form->setRowVisible(m_registrySaid, !result.detail.isEmpty());
    m_details->show();
}

void PullCheckView::showPlatforms(const PullCheckResult& result) {
    auto* form = static_cast<QFormLayout*>(m_details->layout());
    const bool known = !result.imagePlatforms.isEmpty();
    m_imagePlatforms->setText(platformNames(result.imagePlatforms));
    // Each cluster platform with whether some image platform runs on it; words, not colour alone.
    QStringList cluster;
    const QList<Platform> nodes =
        result.clusterPlatforms.isEmpty()
            ? QList<Platform>{Platform{QStringLiteral("linux"), QStringLiteral("amd64"), {}}}
            : result.clusterPlatforms;
    for (const Platform& node : nodes) {
        const bool served =
            std::any_of(result.imagePlatforms.begin(), result.imagePlatforms.end(),
                        [&node](const Platform& image) { return registry::runsOn(image, node); });
        cluster.append(
            known ? QStringLiteral("%1 (%2)").arg(node.toString(), served ? QStringLiteral("matches")
                                                                          : QStringLiteral("no match"))
                  : node.toString());
    }
    m_clusterPlatforms->setText(cluster.join(QStringLiteral(", ")));
    form->setRowVisible(m_imagePlatforms, known);
}

} // namespace slipway::ui
