#include "project/specdetailspanel.h"

#include "project/argumentform.h"
#include "project/diagnosticlist.h"
#include "project/project.h"
#include "project/referencebox.h"
#include "widgets/counted.h"
#include "widgets/emptystate.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {

constexpr int kContentMaxWidth = 860; // beyond this, lines get too long to read on wide screens

QLabel* selectableLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

EmptyState* emptyState(const QString& objectName, const QString& title, QWidget* parent) {
    auto* state = new EmptyState(parent);
    state->setObjectName(objectName);
    state->setTitle(title);
    return state;
}

} // namespace

SpecDetailsPanel::SpecDetailsPanel(const project::Project* project, QWidget* parent)
    : QWidget(parent), m_project(project), m_stack(new QStackedWidget(this)),
      m_scanning(
          emptyState(QStringLiteral("scanningState"), QStringLiteral("Looking for ImageSpecs…"), this)),
      m_noSpecs(emptyState(QStringLiteral("noSpecsState"), QStringLiteral("No ImageSpecs found"), this)),
      m_noSelection(
          emptyState(QStringLiteral("noSelectionState"), QStringLiteral("Select an ImageSpec…"), this)),
      m_details(new QScrollArea(this)), m_icon(new QLabel(this)),
      m_title(selectableLabel(QStringLiteral("detailsTitle"), this)),
      m_fileLabel(new QLabel(QStringLiteral("File"), this)),
      m_fileValue(selectableLabel(QStringLiteral("detailsFile"), this)),
      m_variableLabel(new QLabel(QStringLiteral("Variable"), this)),
      m_variableValue(selectableLabel(QStringLiteral("detailsVariable"), this)),
      m_fileSpecs(selectableLabel(QStringLiteral("detailsFileSpecs"), this)),
      m_reference(new ReferenceBox(this)), m_arguments(new ArgumentForm(this)),
      m_diagnostics(new DiagnosticList(this)) {
    setObjectName(QStringLiteral("specDetails"));
    setMinimumWidth(360);
    m_stack->setObjectName(QStringLiteral("detailsStack"));
    m_noSelection->setText(QStringLiteral("Choose a spec in the project tree to see its image reference, its "
                                          "arguments and what is wrong with it."));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(false);
    m_icon->setObjectName(QStringLiteral("detailsIcon"));
    m_fileLabel->setObjectName(QStringLiteral("detailsFileLabel"));
    m_variableLabel->setObjectName(QStringLiteral("detailsVariableLabel"));
    m_fileLabel->setForegroundRole(QPalette::PlaceholderText);
    m_variableLabel->setForegroundRole(QPalette::PlaceholderText);
    m_fileLabel->setBuddy(m_fileValue);
    m_variableLabel->setBuddy(m_variableValue);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(10);
    titleRow->addWidget(m_icon);
    titleRow->addWidget(m_title, 1);

    auto* source = new QFormLayout;
    source->setContentsMargins(0, 0, 0, 0);
    source->setHorizontalSpacing(16);
    source->setVerticalSpacing(4);
    source->addRow(m_fileLabel, m_fileValue);
    source->addRow(m_variableLabel, m_variableValue);

    auto* content = new QWidget(m_details);
    content->setAccessibleName(QStringLiteral("ImageSpec details"));
    content->setObjectName(QStringLiteral("detailsContent"));
    content->setMaximumWidth(kContentMaxWidth);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(20, 16, 20, 20);
    layout->setSpacing(14);
    layout->addLayout(titleRow);
    layout->addLayout(source);
    layout->addWidget(m_fileSpecs);
    layout->addWidget(m_reference);
    layout->addWidget(m_arguments);
    layout->addWidget(m_diagnostics);
    layout->addStretch(1);

    m_details->setObjectName(QStringLiteral("detailsScrollArea"));
    m_details->setWidget(content);
    m_details->setWidgetResizable(true);
    m_details->setFrameShape(QFrame::NoFrame);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_stack->addWidget(m_scanning);
    m_stack->addWidget(m_noSpecs);
    m_stack->addWidget(m_noSelection);
    m_stack->addWidget(m_details);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(m_reference, &ReferenceBox::copied, this, &SpecDetailsPanel::referenceCopied);
    connect(project, &project::Project::scanStarted, this, &SpecDetailsPanel::refresh);
    connect(project, &project::Project::folderChanged, this, &SpecDetailsPanel::refresh);
    connect(project, &project::Project::referenceChanged, this, [this](int file, int spec) {
        if (file == m_file && spec == m_spec)
            m_reference->setStatus(m_project->referenceStatus(file, spec));
    });
    refresh();
}

void SpecDetailsPanel::showSelection(int fileIndex, int specIndex) {
    m_file = fileIndex;
    m_spec = fileIndex >= 0 ? specIndex : -1;
    refresh();
}

void SpecDetailsPanel::refresh() {
    const QString folder = QDir::toNativeSeparators(m_project->folder());
    if (m_project->isOpen() && !m_project->hasScanned()) {
        m_scanning->setText(QStringLiteral("Reading %1").arg(folder));
        m_stack->setCurrentWidget(m_scanning);
    } else if (m_project->isOpen() && m_project->files().isEmpty()) {
        m_noSpecs->setText(
            QStringLiteral("No ImageSpecs found in %1. Slipway looks for *.yaml ImageSpecs and "
                           "ImageSpec(...) calls in *.py files.")
                .arg(folder));
        m_stack->setCurrentWidget(m_noSpecs);
    } else if (m_file < 0 || m_file >= m_project->files().size()) {
        m_stack->setCurrentWidget(m_noSelection);
    } else {
        if (m_spec >= 0)
            showSpec();
        else
            showFile();
        m_stack->setCurrentWidget(m_details);
    }
}

void SpecDetailsPanel::setHeader(IconName icon, const QString& title, const QString& file,
                                 const QString& variable) {
    const int size = m_title->fontMetrics().height() + 4;
    m_icon->setPixmap(ui::icon(icon).pixmap(size, size));
    m_title->setText(title);
    m_title->setAccessibleName(title);
    m_fileValue->setText(file);
    m_variableValue->setText(variable);
    m_variableLabel->setVisible(!variable.isEmpty());
    m_variableValue->setVisible(!variable.isEmpty());
}

void SpecDetailsPanel::showSpec() {
    const project::ProjectFile& file = m_project->files()[m_file];
    const project::SpecEntry* entry = m_project->spec(m_file, m_spec);
    if (!entry) {
        showFile();
        return;
    }
    const int line = entry->spec.origin().position.line;
    const QString location = line > 0 ? QStringLiteral("%1, line %2").arg(file.path).arg(line) : file.path;
    const bool python = file.source == project::SpecSource::Python;
    setHeader(python ? IconName::SpecPython : IconName::SpecYaml, entry->displayName(), location,
              entry->variable);
    m_fileSpecs->hide();
    m_reference->setStatus(m_project->referenceStatus(m_file, m_spec));
    m_reference->show();
    m_arguments->setSpec(entry->spec);
    m_arguments->show();
    m_diagnostics->setDiagnostics(entry->diagnostics);
}

void SpecDetailsPanel::showFile() {
    const project::ProjectFile& file = m_project->files()[m_file];
    setHeader(IconName::File, QFileInfo(file.path).fileName(), file.path, {});
    QStringList names;
    for (const project::SpecEntry& entry : file.specs)
        names.append(entry.displayName());
    m_fileSpecs->setText(names.isEmpty() ? QStringLiteral("No ImageSpec could be read from this file.")
                                         : QStringLiteral("Holds %1: %2")
                                               .arg(counted(names.size(), QStringLiteral("ImageSpec"),
                                                            QStringLiteral("ImageSpecs")),
                                                    names.join(QStringLiteral(", "))));
    m_fileSpecs->show();
    m_reference->hide();
    m_arguments->hide();
    m_diagnostics->setDiagnostics(file.diagnostics);
}

} // namespace slipway::ui
