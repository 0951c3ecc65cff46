#include "spec/speceditor.h"

#include "project/autosavestore.h"
#include "project/livereference.h"
#include "project/referencebox.h"
#include "spec/codeeditor.h"
#include "spec/codehighlighter.h"
#include "spec/dockerfilepane.h"
#include "spec/fieldlabels.h"
#include "spec/specdocument.h"
#include "spec/specform.h"
#include "spec/texteditcommand.h"
#include "widgets/filedialog.h"
#include "widgets/icons.h"
#include "widgets/messagebanner.h"
#include "widgets/messagebox.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {

constexpr int kYamlMergeKey = 100;
constexpr int kNoMerge = -1;
constexpr int kAutosaveDelayMs = 1500;
constexpr int kBurstIdleMs = 1200; // a pause this long ends a burst of typing (one undo step)

MessageBanner* banner(const QString& objectName, MessageBanner::Kind kind, QWidget* parent) {
    auto* result = new MessageBanner(parent);
    result->setObjectName(objectName);
    result->setKind(kind);
    result->hide();
    return result;
}

bool isUndoOrRedo(QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    return key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo);
}

} // namespace

SpecEditor::SpecEditor(QWidget* parent)
    : QWidget(parent), m_undoStack(new QUndoStack(this)), m_reference(new project::LiveReference(this)),
      m_autosave(std::make_unique<project::AutosaveStore>()), m_autosaveTimer(new QTimer(this)),
      m_burstTimer(new QTimer(this)), m_toolBar(new QToolBar(this)), m_icon(new QLabel(this)),
      m_title(new QLabel(this)), m_path(new QLabel(this)),
      m_readOnlyBanner(banner(QStringLiteral("readOnlyBanner"), MessageBanner::Kind::Information, this)),
      m_diskBanner(banner(QStringLiteral("diskChangedBanner"), MessageBanner::Kind::Warning, this)),
      m_recoveryBanner(banner(QStringLiteral("recoveryBanner"), MessageBanner::Kind::Information, this)),
      m_syntaxBanner(banner(QStringLiteral("yamlErrorBanner"), MessageBanner::Kind::Error, this)),
      m_errorBanner(banner(QStringLiteral("editorErrorBanner"), MessageBanner::Kind::Error, this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_formArea(new QScrollArea(this)),
      m_form(new SpecForm(this)), m_referenceBox(new ReferenceBox(this)), m_tabs(new QTabWidget(this)),
      m_yaml(new CodeEditor(this)),
      m_yamlHighlighter(new CodeHighlighter(CodeHighlighter::Language::Yaml, m_yaml->document(), palette())),
      m_dockerfile(new DockerfilePane(this)) {
    setObjectName(QStringLiteral("specEditor"));
    setMinimumWidth(520);
    createActions();

    m_toolBar->setObjectName(QStringLiteral("editorToolBar"));
    m_toolBar->setAccessibleName(QStringLiteral("Editor tools"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_saveAction);
    m_toolBar->addAction(m_revertAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_undoAction);
    m_toolBar->addAction(m_redoAction);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("editorTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setObjectName(QStringLiteral("editorPath"));
    m_path->setForegroundRole(QPalette::PlaceholderText);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_icon->setObjectName(QStringLiteral("editorIcon"));

    auto* titleBox = new QVBoxLayout;
    titleBox->setSpacing(0);
    titleBox->addWidget(m_title);
    titleBox->addWidget(m_path);
    auto* header = new QHBoxLayout;
    header->setContentsMargins(16, 10, 8, 6);
    header->setSpacing(10);
    header->addWidget(m_icon, 0, Qt::AlignVCenter);
    header->addLayout(titleBox, 1);
    header->addWidget(m_toolBar, 0, Qt::AlignVCenter);

    m_form->setMaximumWidth(760);
    m_formArea->setObjectName(QStringLiteral("formScrollArea"));
    m_formArea->setWidget(m_form);
    m_formArea->setWidgetResizable(true);
    m_formArea->setFrameShape(QFrame::NoFrame);
    // The form narrows with the splitter (line edits shrink); it never scrolls sideways.
    m_formArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // ...so its slot in the splitter follows the form's narrowest layout (see eventFilter).
    m_form->installEventFilter(this);
    fitFormArea();

    m_yaml->setObjectName(QStringLiteral("yamlEditor"));
    m_yaml->setAccessibleName(QStringLiteral("ImageSpec YAML"));
    m_tabs->setObjectName(QStringLiteral("previewTabs"));
    m_tabs->addTab(m_yaml, icon(IconName::SpecYaml), QStringLiteral("YAML"));
    m_tabs->addTab(m_dockerfile, icon(IconName::File), QStringLiteral("Dockerfile"));
    m_tabs->setDocumentMode(true);

    auto* preview = new QWidget(this);
    preview->setObjectName(QStringLiteral("previewColumn"));
    auto* previewLayout = new QVBoxLayout(preview);
    previewLayout->setContentsMargins(8, 8, 12, 8);
    previewLayout->setSpacing(8);
    previewLayout->addWidget(m_referenceBox);
    previewLayout->addWidget(m_tabs, 1);
    preview->setMinimumWidth(320);

    m_splitter->setObjectName(QStringLiteral("editorSplitter"));
    m_splitter->addWidget(m_formArea);
    m_splitter->addWidget(preview);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({600, 400});
    m_splitter->setChildrenCollapsible(false);

    auto* banners = new QVBoxLayout;
    banners->setContentsMargins(12, 0, 12, 0);
    banners->setSpacing(4);
    for (MessageBanner* strip :
         {m_errorBanner, m_diskBanner, m_recoveryBanner, m_readOnlyBanner, m_syntaxBanner})
        banners->addWidget(strip);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addLayout(banners);
    layout->addWidget(m_splitter, 1);

    m_readOnlyBanner->setText(
        QStringLiteral("This ImageSpec is defined in Python code. Slipway does not rewrite Python, so it is "
                       "shown read-only; save it as a YAML file to edit it here."));
    connect(m_readOnlyBanner->addButton(QStringLiteral("Save as YAML…"), QStringLiteral("saveAsYamlButton")),
            &QPushButton::clicked, this, &SpecEditor::saveAs);
    connect(m_syntaxBanner->addButton(QStringLiteral("Go to Line"), QStringLiteral("goToErrorButton")),
            &QPushButton::clicked, this, [this] {
                if (m_document && m_document->syntaxError())
                    showDiagnostic(*m_document->syntaxError());
            });
    connect(m_errorBanner->addButton(QStringLiteral("Dismiss"), QStringLiteral("dismissErrorButton")),
            &QPushButton::clicked, this, [this] { hideBanner(m_errorBanner); });

    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(kAutosaveDelayMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &SpecEditor::autosaveNow);
    m_burstTimer->setSingleShot(true);
    m_burstTimer->setInterval(kBurstIdleMs);
    connect(m_burstTimer, &QTimer::timeout, this, &SpecEditor::endBurst);

    connect(m_form, &SpecForm::fieldEdited, this, &SpecEditor::applyFieldEdit);
    connect(m_form, &SpecForm::editingFinished, this, &SpecEditor::endBurst);
    connect(m_yaml, &QPlainTextEdit::textChanged, this, &SpecEditor::applyYamlEdit);
    connect(m_reference, &project::LiveReference::statusChanged, m_referenceBox, &ReferenceBox::setStatus);
    connect(m_referenceBox, &ReferenceBox::copied, this, &SpecEditor::referenceCopied);
    connect(m_undoStack, &QUndoStack::indexChanged, this, &SpecEditor::updateActions);

    // The window's Undo/Redo own these keys, also while a line edit has the focus.
    for (QLineEdit* edit : m_form->findChildren<QLineEdit*>())
        edit->installEventFilter(this);
    m_yaml->installEventFilter(this);
    setEnabled(false);
    updateActions();
}

// Children outlive this destructor's body and some speak while they go (the undo stack clears itself, a
// focused line edit reports editingFinished): nobody may call back into a half-destroyed editor.
SpecEditor::~SpecEditor() {
    for (QObject* sender : std::initializer_list<QObject*>{m_undoStack, m_reference, m_referenceBox, m_form,
                                                           m_yaml, m_autosaveTimer, m_burstTimer, m_document})
        if (sender)
            sender->disconnect(this);
    m_yaml->removeEventFilter(this);
    for (QLineEdit* edit : m_form->findChildren<QLineEdit*>())
        edit->removeEventFilter(this);
}

void SpecEditor::createActions() {
    m_saveAction = new QAction(icon(IconName::Save), QStringLiteral("&Save"), this);
    m_saveAction->setObjectName(QStringLiteral("actionSave"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(QStringLiteral("Save the ImageSpec to its file"));
    connect(m_saveAction, &QAction::triggered, this, &SpecEditor::save);

    m_saveAsAction = new QAction(QStringLiteral("Save &As…"), this);
    m_saveAsAction->setObjectName(QStringLiteral("actionSaveAs"));
    m_saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_saveAsAction->setStatusTip(QStringLiteral("Save the ImageSpec as a new YAML file"));
    connect(m_saveAsAction, &QAction::triggered, this, &SpecEditor::saveAs);

    m_revertAction = new QAction(icon(IconName::Revert), QStringLiteral("Re&vert"), this);
    m_revertAction->setObjectName(QStringLiteral("actionRevert"));
    m_revertAction->setStatusTip(QStringLiteral("Go back to the saved file (Undo brings your edits back)"));
    connect(m_revertAction, &QAction::triggered, this, &SpecEditor::revert);

    m_undoAction = m_undoStack->createUndoAction(this, QStringLiteral("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    m_undoAction->setIcon(icon(IconName::Undo));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undoStack->createRedoAction(this, QStringLiteral("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    m_redoAction->setIcon(icon(IconName::Redo));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    // Before the stack moves: a new edit after an undo starts its own step.
    connect(m_undoAction, &QAction::triggered, this, &SpecEditor::endBurst);
    connect(m_redoAction, &QAction::triggered, this, &SpecEditor::endBurst);
}

bool SpecEditor::isModified() const {
    return m_document && m_document->isModified();
}

bool SpecEditor::openYaml(const QString& path, const QString& projectFolder) {
    auto* document = new spec::SpecDocument(
        spec::HostEnvironment{spec::HostEnvironment::current().machine, projectFolder}, this);
    if (const Result<void> opened = document->openYaml(path); !opened) {
        delete document;
        Q_EMIT statusMessage(opened.error().describe());
        return false;
    }
    m_noReferenceReason.clear();
    setDocument(document, projectFolder);
    offerRecovery();
    return true;
}

void SpecEditor::openPython(const QString& path, const QString& variable, const spec::ImageSpec& spec,
                            const spec::Diagnostics& diagnostics, const QString& projectFolder,
                            const QString& noReferenceReason) {
    auto* document = new spec::SpecDocument(
        spec::HostEnvironment{spec::HostEnvironment::current().machine, projectFolder}, this);
    document->openPython(path, variable, spec, diagnostics);
    m_noReferenceReason = noReferenceReason;
    setDocument(document, projectFolder);
}

void SpecEditor::closeDocument() {
    if (m_document && !m_document->isReadOnly())
        m_autosave->remove(m_document->filePath());
    setDocument(nullptr, {});
}

void SpecEditor::setDocument(spec::SpecDocument* document, const QString& projectFolder) {
    if (m_document) {
        m_document->disconnect(this);
        m_document->deleteLater();
    }
    m_document = document;
    m_undoStack->clear();
    m_autosaveTimer->stop();
    ++m_burst;
    for (MessageBanner* strip :
         {m_errorBanner, m_diskBanner, m_recoveryBanner, m_readOnlyBanner, m_syntaxBanner})
        strip->hide();
    setEnabled(document != nullptr);
    if (!document) {
        m_reference->clear();
        m_applyingText = true;
        m_yaml->clear();
        m_applyingText = false;
        Q_EMIT documentChanged();
        Q_EMIT diagnosticsChanged({});
        updateActions();
        return;
    }
    connect(document, &spec::SpecDocument::textChanged, this, &SpecEditor::onTextChanged);
    connect(document, &spec::SpecDocument::specChanged, this, &SpecEditor::onSpecChanged);
    connect(document, &spec::SpecDocument::diagnosticsChanged, this, &SpecEditor::onDiagnosticsChanged);
    connect(document, &spec::SpecDocument::modifiedChanged, this, [this](bool modified) {
        updateHeader();
        updateActions();
        Q_EMIT modifiedChanged(modified);
    });
    connect(document, &spec::SpecDocument::filePathChanged, this, [this] {
        updateHeader();
        Q_EMIT documentChanged();
    });
    connect(document, &spec::SpecDocument::changedOnDisk, this, &SpecEditor::onChangedOnDisk);
    connect(document, &spec::SpecDocument::removedFromDisk, this, &SpecEditor::onRemovedFromDisk);

    const bool readOnly = document->isReadOnly();
    m_form->setProjectFolder(projectFolder);
    m_form->setReadOnly(readOnly);
    m_yaml->setReadOnly(readOnly);
    m_readOnlyBanner->setVisible(readOnly);
    m_form->setSpec(document->spec());
    m_form->expandAdvancedIfUsed(document->spec());
    m_reference->clear();
    onTextChanged();
    onSpecChanged();
    onDiagnosticsChanged();
    m_yaml->moveCursor(QTextCursor::Start);
    m_formArea->ensureVisible(0, 0);
    updateHeader();
    updateActions();
    Q_EMIT documentChanged();
    Q_EMIT modifiedChanged(document->isModified());
}

// ---- edits ----

void SpecEditor::applyFieldEdit(spec::Field field, const std::optional<spec::PyValue>& value) {
    if (!m_document || m_document->isReadOnly())
        return;
    const Result<QString> text = m_document->textWithArgument(field, value);
    if (!text) {
        showError(QStringLiteral("%1 was not changed: %2").arg(fieldLabel(field), text.error().describe()));
        m_form->setSpec(m_document->spec());
        return;
    }
    pushText(*text, int(field), QStringLiteral("Edit %1").arg(fieldLabel(field)));
}

void SpecEditor::applyYamlEdit() {
    if (m_applyingText || !m_document || m_document->isReadOnly())
        return;
    pushText(m_yaml->toPlainText(), kYamlMergeKey, QStringLiteral("Edit YAML"));
}

void SpecEditor::pushText(const QString& text, int mergeKey, const QString& description) {
    if (text == m_document->text())
        return;
    m_undoStack->push(
        new TextEditCommand(m_document, m_document->text(), text, mergeKey, m_burst, description));
    if (mergeKey != kNoMerge)
        m_burstTimer->start();
    else
        endBurst();
}

void SpecEditor::endBurst() {
    ++m_burst;
    m_burstTimer->stop();
}

void SpecEditor::onTextChanged() {
    if (m_yaml->toPlainText() != m_document->text()) {
        m_applyingText = true;
        m_yaml->replaceText(m_document->text());
        m_applyingText = false;
    }
    if (!m_document->isReadOnly())
        m_autosaveTimer->start();
}

void SpecEditor::onSpecChanged() {
    const spec::ImageSpec& spec = m_document->spec();
    m_form->setSpec(spec);
    m_dockerfile->setSpec(spec, m_document->host());
    updateHeader();
}

void SpecEditor::onDiagnosticsChanged() {
    const std::optional<spec::Diagnostic>& error = m_document->syntaxError();
    m_form->setDiagnostics(m_document->diagnostics());
    if (error) {
        const int line = std::max(1, error->position.line);
        m_yaml->setErrorLine(line, error->message);
        m_syntaxBanner->setText(
            QStringLiteral("The YAML has an error on line %1: %2. The form shows the last "
                           "valid state until the text reads as an ImageSpec again.")
                .arg(line)
                .arg(error->message));
        m_syntaxBanner->show();
    } else {
        m_yaml->setErrorLine(0);
        m_syntaxBanner->hide();
    }
    m_form->setReadOnly(m_document->isReadOnly() || error.has_value());
    if (!error)
        m_reference->setSpec(m_document->spec(), m_document->host(),
                             m_noReferenceReason.isEmpty() ? m_document->loadProblem() : m_noReferenceReason);
    Q_EMIT diagnosticsChanged(m_document->diagnostics());
}

// ---- saving ----

bool SpecEditor::save() {
    if (!m_document)
        return false;
    if (m_document->isReadOnly())
        return saveAs();
    if (const Result<void> saved = m_document->save(); !saved) {
        showError(saved.error().describe());
        return false;
    }
    m_autosave->remove(m_document->filePath());
    hideBanner(m_diskBanner);
    Q_EMIT statusMessage(QStringLiteral("Saved %1").arg(m_document->displayPath()));
    Q_EMIT saved(m_document->filePath());
    return true;
}

bool SpecEditor::saveAs() {
    if (!m_document)
        return false;
    const QString suggested = m_document->isReadOnly()
                                  ? QDir(QFileInfo(m_document->filePath()).absolutePath())
                                        .filePath(QStringLiteral("%1.yaml").arg(
                                            m_document->variable().isEmpty() ? QStringLiteral("imagespec")
                                                                             : m_document->variable()))
                                  : m_document->filePath();
    QString path = FileDialog::getSaveFileName(this, QStringLiteral("Save ImageSpec As"), suggested,
                                               QStringLiteral("ImageSpec YAML (*.yaml *.yml)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".yaml")) && !path.endsWith(QLatin1String(".yml")))
        path += QStringLiteral(".yaml");
    const QString oldPath = m_document->filePath();
    const bool wasReadOnly = m_document->isReadOnly();
    if (const Result<void> saved = m_document->saveAs(path); !saved) {
        showError(saved.error().describe());
        return false;
    }
    if (!wasReadOnly)
        m_autosave->remove(oldPath);
    m_autosave->remove(path);
    if (wasReadOnly) {
        m_readOnlyBanner->hide();
        m_yaml->setReadOnly(false);
        m_noReferenceReason.clear();
        onDiagnosticsChanged();
    }
    Q_EMIT statusMessage(QStringLiteral("Saved %1").arg(m_document->displayPath()));
    Q_EMIT saved(m_document->filePath());
    return true;
}

void SpecEditor::revert() {
    if (!m_document || !m_document->isModified())
        return;
    pushText(m_document->savedText(), kNoMerge, QStringLiteral("Revert to Saved"));
    Q_EMIT statusMessage(QStringLiteral("Reverted to the saved file; Undo brings your edits back"));
}

bool SpecEditor::maybeSave(const QString& doing) {
    if (!isModified())
        return true;
    const QMessageBox::StandardButton answer = MessageBox::question(
        this, QStringLiteral("Unsaved Changes"),
        QStringLiteral("Save the changes to %1 before %2?").arg(m_document->displayPath(), doing),
        QStringLiteral("Your changes are lost if you don't save them."),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    switch (answer) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        m_autosave->remove(m_document->filePath());
        return true;
    default:
        return false;
    }
}

void SpecEditor::autosaveNow() {
    m_autosaveTimer->stop();
    if (!m_document || m_document->isReadOnly())
        return;
    if (m_document->isModified())
        m_autosave->save(m_document->filePath(), m_document->text());
    else
        m_autosave->remove(m_document->filePath());
}

void SpecEditor::offerRecovery() {
    const std::optional<project::AutosaveStore::Record> record = m_autosave->find(m_document->filePath());
    if (!record || record->text == m_document->text()) {
        if (record)
            m_autosave->remove(m_document->filePath());
        return;
    }
    m_recoveryBanner->clearButtons();
    m_recoveryBanner->setText(
        QStringLiteral("Slipway closed with unsaved edits to this spec (kept at %1). Restore them?")
            .arg(QLocale().toString(record->savedAt.toLocalTime(), QLocale::ShortFormat)));
    const QString text = record->text;
    connect(m_recoveryBanner->addButton(QStringLiteral("Restore"), QStringLiteral("restoreAutosaveButton")),
            &QPushButton::clicked, this, [this, text] {
                hideBanner(m_recoveryBanner);
                pushText(text, kNoMerge, QStringLiteral("Restore Unsaved Edits"));
                autosaveNow();
            });
    connect(m_recoveryBanner->addButton(QStringLiteral("Discard"), QStringLiteral("discardAutosaveButton")),
            &QPushButton::clicked, this, [this] {
                hideBanner(m_recoveryBanner);
                m_autosave->remove(m_document->filePath());
            });
    m_recoveryBanner->show();
}

// ---- the file on disk ----

void SpecEditor::onChangedOnDisk() {
    if (!m_document->isModified()) {
        reloadFromDisk();
        Q_EMIT statusMessage(
            QStringLiteral("%1 changed on disk and was reloaded").arg(m_document->displayPath()));
        return;
    }
    m_diskBanner->clearButtons();
    m_diskBanner->setKind(MessageBanner::Kind::Warning);
    m_diskBanner->setText(
        QStringLiteral("%1 was changed by another program. Reload it (your unsaved edits can "
                       "be brought back with Undo), or keep your edits and overwrite it when "
                       "you save.")
            .arg(m_document->displayPath()));
    connect(m_diskBanner->addButton(QStringLiteral("Reload"), QStringLiteral("reloadFromDiskButton")),
            &QPushButton::clicked, this, &SpecEditor::reloadFromDisk);
    connect(m_diskBanner->addButton(QStringLiteral("Keep My Edits"), QStringLiteral("keepEditsButton")),
            &QPushButton::clicked, this, [this] {
                hideBanner(m_diskBanner);
                if (const std::optional<QString> disk = m_document->readDisk())
                    m_document->adoptDiskText(*disk);
            });
    m_diskBanner->show();
}

void SpecEditor::onRemovedFromDisk() {
    m_diskBanner->clearButtons();
    m_diskBanner->setKind(MessageBanner::Kind::Warning);
    m_diskBanner->setText(QStringLiteral("%1 was deleted or moved by another program. Save writes it again.")
                              .arg(m_document->displayPath()));
    connect(m_diskBanner->addButton(QStringLiteral("Save"), QStringLiteral("saveAgainButton")),
            &QPushButton::clicked, this, &SpecEditor::save);
    m_diskBanner->show();
}

void SpecEditor::reloadFromDisk() {
    hideBanner(m_diskBanner);
    const std::optional<QString> disk = m_document->readDisk();
    if (!disk)
        return;
    m_document->adoptDiskText(*disk);
    pushText(*disk, kNoMerge, QStringLiteral("Reload from Disk"));
}

// ---- presentation ----

// A problem with a field focuses that field's control (the YAML shows its line too); one without a
// field, or any while the text does not read as a spec, goes to its line in the YAML.
void SpecEditor::showDiagnostic(const spec::Diagnostic& diagnostic) {
    if (!m_document)
        return;
    const int line = diagnostic.position.line;
    if (line > 0) {
        m_tabs->setCurrentWidget(m_yaml);
        m_yaml->goToLine(line, std::max(1, diagnostic.position.column));
        m_yaml->centerCursor();
    }
    if (diagnostic.field && m_document->isTextValid()) {
        QWidget* widget = m_form->focusField(*diagnostic.field);
        m_formArea->ensureWidgetVisible(widget, 20, 40);
    } else if (line > 0) {
        m_yaml->setFocus(Qt::OtherFocusReason);
    }
}

void SpecEditor::updateHeader() {
    if (!m_document) {
        m_title->clear();
        m_path->clear();
        return;
    }
    const spec::PyValue name = m_document->spec().value(spec::Field::Name);
    const QString title = m_document->isReadOnly() && !m_document->variable().isEmpty()
                              ? m_document->variable()
                              : (name.isStr() ? name.str() : name.repr());
    m_title->setText(title);
    m_title->setAccessibleName(QStringLiteral("ImageSpec %1").arg(title));
    QString where = m_document->displayPath();
    if (m_document->isReadOnly())
        where += QStringLiteral(" · read-only (Python)");
    else if (m_document->isModified())
        where += QStringLiteral(" · modified");
    m_path->setText(where);
    const int size = m_title->fontMetrics().height() + 4;
    m_icon->setPixmap(
        icon(m_document->isReadOnly() ? IconName::SpecPython : IconName::SpecYaml).pixmap(size, size));
}

void SpecEditor::updateActions() {
    const bool open = m_document != nullptr;
    const bool editable = open && !m_document->isReadOnly();
    m_saveAction->setEnabled(editable &&
                             (m_document->isModified() || !QFileInfo::exists(m_document->filePath())));
    m_saveAsAction->setEnabled(open);
    m_revertAction->setEnabled(editable && m_document->isModified());
}

void SpecEditor::showError(const QString& message) {
    m_errorBanner->setText(message);
    m_errorBanner->show();
    Q_EMIT statusMessage(message);
}

void SpecEditor::hideBanner(MessageBanner* banner) {
    banner->hide();
}

bool SpecEditor::eventFilter(QObject* watched, QEvent* event) {
    if (isUndoOrRedo(event)) {
        event->ignore();
        return true;
    }
    if (watched == m_yaml && event->type() == QEvent::FocusOut)
        endBurst();
    if (watched == m_form && event->type() == QEvent::LayoutRequest)
        fitFormArea();
    return QWidget::eventFilter(watched, event);
}

void SpecEditor::fitFormArea() {
    // The form's narrowest layout changes as sections open and rows appear, and with fonts and style;
    // the scroll area never gets narrower than it plus the vertical scroll bar, so nothing is clipped.
    const int width = m_form->minimumSizeHint().width() + m_formArea->verticalScrollBar()->sizeHint().width();
    if (m_formArea->minimumWidth() != width)
        m_formArea->setMinimumWidth(width);
}

void SpecEditor::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_yamlHighlighter->setPalette(palette());
}

} // namespace slipway::ui
