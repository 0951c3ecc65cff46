#include "spec/specform.h"

#include "spec/fieldlabels.h"
#include "spec/platformeditor.h"
#include "widgets/filedialog.h"
#include "widgets/folderdialog.h"
#include "widgets/icons.h"
#include "widgets/keyvaluetable.h"
#include "widgets/listbuttons.h"
#include "widgets/pathedit.h"
#include "widgets/stringlisteditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace slipway::ui {

using spec::Field;
using spec::PyValue;
using OptionalValue = std::optional<PyValue>;

namespace {

const QString kRecentBaseImagesKey = QStringLiteral("editor/recentBaseImages");
constexpr int kMaxRecentBaseImages = 8;

QString scalarText(const PyValue& value) {
    return value.isStr() ? value.str() : value.repr();
}

QString valueText(const OptionalValue& value) {
    return !value || value->isNone() ? QString() : scalarText(*value);
}

QStringList listItems(const OptionalValue& value) {
    if (!value || value->isNone())
        return {};
    if (value->isStr())
        return {value->str()};
    QStringList items;
    for (const PyValue& item : value->items())
        items.append(scalarText(item));
    return items;
}

OptionalValue textValue(const QString& text) {
    return text.isEmpty() ? std::nullopt : OptionalValue(PyValue(text));
}

OptionalValue listValue(const QStringList& items) {
    return items.isEmpty() ? std::nullopt : OptionalValue(PyValue::stringList(items));
}

KeyValueTable::Entries dictEntries(const OptionalValue& value) {
    KeyValueTable::Entries entries;
    if (!value)
        return entries;
    if (value->isDict()) {
        for (const auto& [key, item] : value->entries())
            entries.append({scalarText(key), scalarText(item)});
    } else {
        for (const PyValue& pair : value->items())
            if (pair.items().size() == 2)
                entries.append({scalarText(pair.items()[0]), scalarText(pair.items()[1])});
    }
    return entries;
}

// Values the table shows as text stay what they were (an int stays an int) unless their text changed.
OptionalValue dictValue(const KeyValueTable::Entries& entries, const OptionalValue& previous) {
    if (entries.isEmpty())
        return std::nullopt;
    PyValue::Dict dict;
    for (const auto& [key, text] : entries) {
        const PyValue* old = previous && previous->isDict() ? previous->find(key) : nullptr;
        dict.append({PyValue(key), old && scalarText(*old) == text ? *old : PyValue(text)});
    }
    return PyValue::dict(std::move(dict));
}

OptionalValue pairListValue(const KeyValueTable::Entries& entries) {
    if (entries.isEmpty())
        return std::nullopt;
    PyValue::List pairs;
    for (const auto& [source, target] : entries)
        pairs.append(PyValue::tuple({PyValue(source), PyValue(target)}));
    return PyValue::list(std::move(pairs));
}

QLabel* sectionTitle(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

QFormLayout* formLayout() {
    auto* layout = new QFormLayout;
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    layout->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->setHorizontalSpacing(12);
    layout->setVerticalSpacing(8);
    return layout;
}

} // namespace

SpecForm::SpecForm(QWidget* parent)
    : QWidget(parent), m_basics(formLayout()), m_advanced(formLayout()), m_advancedBody(new QWidget(this)),
      m_advancedToggle(new QToolButton(this)) {
    setObjectName(QStringLiteral("specForm"));
    setAccessibleName(QStringLiteral("ImageSpec fields"));

    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(QStringLiteral("Advanced"));
    m_advancedToggle->setAccessibleName(QStringLiteral("Show advanced fields"));
    m_advancedToggle->setToolTip(QStringLiteral("Conda, pip indexes, environment, source code, platform, "
                                                "entrypoint, commands and builder settings"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    QFont toggleFont = m_advancedToggle->font();
    toggleFont.setBold(true);
    toggleFont.setPointSizeF(toggleFont.pointSizeF() * 1.1);
    m_advancedToggle->setFont(toggleFont);
    connect(m_advancedToggle, &QToolButton::toggled, this, &SpecForm::setAdvancedExpanded);

    m_advancedBody->setObjectName(QStringLiteral("advancedSection"));
    auto* advancedLayout = new QVBoxLayout(m_advancedBody);
    advancedLayout->setContentsMargins(0, 4, 0, 0);
    advancedLayout->addLayout(m_advanced);
    m_advancedBody->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->setSpacing(10);
    auto* basicsTitle = sectionTitle(QStringLiteral("Basics"), this);
    basicsTitle->setObjectName(QStringLiteral("basicsTitle"));
    layout->addWidget(basicsTitle);
    layout->addLayout(m_basics);
    layout->addSpacing(6);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_advancedBody);
    layout->addStretch(1);

    buildRows();
}

void SpecForm::buildRows() {
    const QStringList pythonVersions{QStringLiteral("3.9"), QStringLiteral("3.10"), QStringLiteral("3.11"),
                                     QStringLiteral("3.12"), QStringLiteral("3.13")};
    addRow(Field::Name, lineEdit(Field::Name, QStringLiteral("flytekit (the default)")), m_basics);
    addRow(Field::Registry,
           lineEdit(Field::Registry, QStringLiteral("e.g. ghcr.io/my-org; empty: the image stays local")),
           m_basics);
    QStringList baseImages = QSettings().value(kRecentBaseImagesKey).toStringList();
    for (const QString& image :
         {QStringLiteral("debian:bookworm-slim"), QStringLiteral("python:3.11-slim-bookworm"),
          QStringLiteral("ubuntu:24.04"), QStringLiteral("nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04")})
        if (!baseImages.contains(image))
            baseImages.append(image);
    addRow(Field::BaseImage,
           comboEdit(Field::BaseImage, baseImages, QStringLiteral("debian:bookworm-slim (the default)")),
           m_basics);
    addRow(Field::PythonVersion,
           comboEdit(Field::PythonVersion, pythonVersions,
                     QStringLiteral("unset: flytekit uses your local Python's version")),
           m_basics);
    addRow(Field::Packages, listEdit(Field::Packages, QStringLiteral("package")), m_basics);
    addRow(Field::Requirements,
           pathEdit(Field::Requirements, false, QStringLiteral("requirements.txt, uv.lock or poetry.lock")),
           m_basics);
    addRow(Field::AptPackages, listEdit(Field::AptPackages, QStringLiteral("Debian package")), m_basics);

    addRow(Field::Env,
           tableEdit(Field::Env, QStringLiteral("variable"), QStringLiteral("Variable"),
                     QStringLiteral("Value")),
           m_advanced);
    addRow(Field::Platform, platformEdit(), m_advanced);
    addRow(Field::CondaPackages, listEdit(Field::CondaPackages, QStringLiteral("conda package")), m_advanced);
    addRow(Field::CondaChannels, listEdit(Field::CondaChannels, QStringLiteral("conda channel")), m_advanced);
    addRow(Field::PipIndex,
           lineEdit(Field::PipIndex, QStringLiteral("https://pypi.org/simple (the default)")), m_advanced);
    addRow(Field::PipExtraIndexUrl, listEdit(Field::PipExtraIndexUrl, QStringLiteral("index URL")),
           m_advanced);
    addRow(Field::PipExtraArgs, lineEdit(Field::PipExtraArgs, QStringLiteral("e.g. --no-deps")), m_advanced);
    addRow(Field::PipSecretMounts,
           tableEdit(Field::PipSecretMounts, QStringLiteral("secret mount"), QStringLiteral("Local file"),
                     QStringLiteral("Mount target")),
           m_advanced);
    addRow(Field::SourceRoot, pathEdit(Field::SourceRoot, true, QStringLiteral("folder copied to /root")),
           m_advanced);
    addRow(Field::SourceCopyMode, copyModeEdit(), m_advanced);
    addRow(Field::Copy, copyListEdit(), m_advanced);
    addRow(Field::Commands, listEdit(Field::Commands, QStringLiteral("command")), m_advanced);
    addRow(Field::Entrypoint, listEdit(Field::Entrypoint, QStringLiteral("argument")), m_advanced);
    addRow(Field::PythonExec,
           lineEdit(Field::PythonExec, QStringLiteral("e.g. /usr/bin/python3 (the base image's Python)")),
           m_advanced);
    addRow(Field::RuntimePackages, listEdit(Field::RuntimePackages, QStringLiteral("runtime package")),
           m_advanced);
    addRow(Field::TagFormat, lineEdit(Field::TagFormat, QStringLiteral("e.g. {spec_hash}-dev")), m_advanced);
    addRow(Field::Cuda, lineEdit(Field::Cuda, QStringLiteral("envd builder only")), m_advanced);
    addRow(Field::Cudnn, lineEdit(Field::Cudnn, QStringLiteral("envd builder only")), m_advanced);
    addRow(Field::Builder,
           comboEdit(Field::Builder,
                     {QStringLiteral("default"), QStringLiteral("envd"), QStringLiteral("noop"),
                      QStringLiteral("union")},
                     QStringLiteral("the highest-priority installed builder")),
           m_advanced);
    addRow(Field::BuilderOptions,
           tableEdit(Field::BuilderOptions, QStringLiteral("builder option"), QStringLiteral("Option"),
                     QStringLiteral("Value")),
           m_advanced);
    addRow(Field::BuilderConfig,
           tableEdit(Field::BuilderConfig, QStringLiteral("builder setting"), QStringLiteral("Setting"),
                     QStringLiteral("Value")),
           m_advanced);
    addRow(Field::RegistryConfig, pathEdit(Field::RegistryConfig, false, QStringLiteral("envd builder only")),
           m_advanced);
}

void SpecForm::addRow(Field field, QWidget* widget, QFormLayout* layout) {
    Row& row = m_rows[size_t(field)];
    const QString name = spec::fieldName(field);
    widget->setObjectName(QStringLiteral("field_%1").arg(name));
    widget->setAccessibleName(fieldLabel(field));
    widget->setToolTip(fieldToolTip(field));
    row.widget = widget;
    row.advanced = layout == m_advanced;

    auto* labelBox = new QWidget(this);
    auto* labelLayout = new QHBoxLayout(labelBox);
    labelLayout->setContentsMargins(0, 0, 0, 0);
    labelLayout->setSpacing(4);
    row.label = new QLabel(fieldLabel(field), labelBox);
    row.label->setObjectName(QStringLiteral("label_%1").arg(name));
    row.label->setToolTip(fieldToolTip(field));
    row.label->setBuddy(widget->focusProxy() ? widget->focusProxy() : widget);
    row.status = new QLabel(labelBox);
    row.status->setObjectName(QStringLiteral("status_%1").arg(name));
    row.status->hide();
    labelLayout->addWidget(row.label);
    labelLayout->addWidget(row.status);
    labelLayout->addStretch(1);
    // Labels line up with the first line of their control, whatever its height.
    labelBox->setContentsMargins(0, 4, 0, 0);
    layout->addRow(labelBox, widget);
}

void SpecForm::emitEdited(Field field) {
    if (m_updating || m_readOnly)
        return;
    const OptionalValue value = m_rows[size_t(field)].read();
    if (value == m_spec.argument(field))
        return;
    if (value)
        m_spec.setArgument(field, *value);
    else
        m_spec.clearArgument(field);
    Q_EMIT fieldEdited(field, value);
}

QWidget* SpecForm::lineEdit(Field field, const QString& placeholder) {
    auto* edit = new QLineEdit(this);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    Row& row = m_rows[size_t(field)];
    row.read = [edit] { return textValue(edit->text()); };
    row.write = [edit](const OptionalValue& value) { edit->setText(valueText(value)); };
    row.setReadOnly = [edit](bool readOnly) { edit->setReadOnly(readOnly); };
    connect(edit, &QLineEdit::textEdited, this, [this, field] { emitEdited(field); });
    connect(edit, &QLineEdit::editingFinished, this, &SpecForm::editingFinished);
    return edit;
}

QWidget* SpecForm::comboEdit(Field field, const QStringList& choices, const QString& placeholder) {
    auto* combo = new QComboBox(this);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(choices);
    combo->setCurrentIndex(-1);
    combo->lineEdit()->setPlaceholderText(placeholder);
    combo->lineEdit()->setClearButtonEnabled(true);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    Row& row = m_rows[size_t(field)];
    row.read = [this, combo, field]() -> OptionalValue {
        // A nested ImageSpec (from Python) is shown as text but stays what it is.
        const OptionalValue& current = m_spec.argument(field);
        if (current && current->kind() == PyValue::Kind::Spec)
            return current;
        return textValue(combo->currentText());
    };
    row.write = [combo](const OptionalValue& value) {
        if (value && value->kind() == PyValue::Kind::Spec) {
            const PyValue name = value->spec()->value(Field::Name);
            combo->setEditText(QStringLiteral("ImageSpec %1 (defined in Python)").arg(scalarText(name)));
            return;
        }
        combo->setEditText(valueText(value));
    };
    row.setReadOnly = [combo](bool readOnly) {
        combo->lineEdit()->setReadOnly(readOnly);
        combo->setEnabled(!readOnly);
    };
    connect(combo, &QComboBox::currentTextChanged, this, [this, field] { emitEdited(field); });
    connect(combo->lineEdit(), &QLineEdit::editingFinished, this, [this, field, combo] {
        if (field == Field::BaseImage && !m_readOnly)
            rememberBaseImage(combo->currentText());
        Q_EMIT editingFinished();
    });
    return combo;
}

QWidget* SpecForm::listEdit(Field field, const QString& what) {
    auto* list = new StringListEditor(what, this);
    Row& row = m_rows[size_t(field)];
    row.read = [list] { return listValue(list->items()); };
    row.write = [list](const OptionalValue& value) { list->setItems(listItems(value)); };
    row.setReadOnly = [list](bool readOnly) { list->setReadOnly(readOnly); };
    connect(list, &StringListEditor::edited, this, [this, field] {
        emitEdited(field);
        Q_EMIT editingFinished();
    });
    return list;
}

QWidget* SpecForm::tableEdit(Field field, const QString& what, const QString& keyHeader,
                             const QString& valueHeader) {
    auto* table = new KeyValueTable(what, keyHeader, valueHeader, this);
    Row& row = m_rows[size_t(field)];
    if (field == Field::PipSecretMounts)
        row.read = [table] { return pairListValue(table->entries()); };
    else
        row.read = [this, table, field] { return dictValue(table->entries(), m_spec.argument(field)); };
    row.write = [table](const OptionalValue& value) { table->setEntries(dictEntries(value)); };
    row.setReadOnly = [table, field](bool readOnly) {
        // YAML has no tuples: pip_secret_mounts can only be kept in a Python ImageSpec.
        table->setReadOnly(readOnly || field == Field::PipSecretMounts);
    };
    connect(table, &KeyValueTable::edited, this, [this, field] {
        emitEdited(field);
        Q_EMIT editingFinished();
    });
    return table;
}

QWidget* SpecForm::pathEdit(Field field, bool folder, const QString& placeholder) {
    auto* edit = new PathEdit(folder ? PathEdit::Kind::Folder : PathEdit::Kind::File, this);
    edit->setPlaceholderText(placeholder);
    edit->lineEdit()->setAccessibleName(fieldLabel(field));
    Row& row = m_rows[size_t(field)];
    row.read = [edit] { return textValue(edit->path()); };
    row.write = [edit](const OptionalValue& value) { edit->setPath(valueText(value)); };
    row.setReadOnly = [edit](bool readOnly) { edit->setReadOnly(readOnly); };
    connect(edit, &PathEdit::edited, this, [this, field] { emitEdited(field); });
    connect(edit->lineEdit(), &QLineEdit::editingFinished, this, &SpecForm::editingFinished);
    return edit;
}

QWidget* SpecForm::copyModeEdit() {
    auto* combo = new QComboBox(this);
    combo->addItem(QStringLiteral("Not set (LOADED_MODULES when a source root is set)"));
    const QList<std::pair<spec::CopyMode, QString>> modes{
        {spec::CopyMode::LoadedModules, QStringLiteral("LOADED_MODULES: the imported .py files")},
        {spec::CopyMode::All, QStringLiteral("ALL: every file not ignored")},
        {spec::CopyMode::NoCopy, QStringLiteral("NO_COPY: nothing")}};
    for (const auto& [mode, text] : modes)
        combo->addItem(text, int(mode));
    // The long choices elide in a narrow form instead of widening it; the list shows them whole.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    Row& row = m_rows[size_t(Field::SourceCopyMode)];
    row.read = [combo]() -> OptionalValue {
        if (combo->currentIndex() <= 0)
            return std::nullopt;
        return PyValue::copyMode(spec::CopyMode(combo->currentData().toInt()));
    };
    row.write = [combo](const OptionalValue& value) {
        if (!value || value->kind() != PyValue::Kind::CopyMode) {
            combo->setCurrentIndex(0);
            return;
        }
        combo->setCurrentIndex(combo->findData(int(value->copyMode())));
    };
    row.setReadOnly = [combo](bool readOnly) { combo->setEnabled(!readOnly); };
    connect(combo, &QComboBox::currentIndexChanged, this, [this] {
        emitEdited(Field::SourceCopyMode);
        Q_EMIT editingFinished();
    });
    return combo;
}

QWidget* SpecForm::platformEdit() {
    auto* editor = new PlatformEditor(this);
    Row& row = m_rows[size_t(Field::Platform)];
    row.read = [editor] { return textValue(editor->value()); };
    row.write = [editor](const OptionalValue& value) { editor->setValue(valueText(value)); };
    row.setReadOnly = [editor](bool readOnly) { editor->setReadOnly(readOnly); };
    connect(editor, &PlatformEditor::edited, this, [this] { emitEdited(Field::Platform); });
    return editor;
}

QWidget* SpecForm::copyListEdit() {
    auto* list = static_cast<StringListEditor*>(listEdit(Field::Copy, QStringLiteral("path")));
    QToolButton* files = list->buttons()->addExtraButton(
        IconName::File, QStringLiteral("Add File…"), QStringLiteral("Choose a file of the project to copy"),
        QStringLiteral("addFileButton"));
    QToolButton* folder = list->buttons()->addExtraButton(
        IconName::Folder, QStringLiteral("Add Folder…"),
        QStringLiteral("Choose a folder of the project to copy"), QStringLiteral("addFolderButton"));
    // Icons only: the row must fit a narrow form.
    files->setToolButtonStyle(Qt::ToolButtonIconOnly);
    folder->setToolButtonStyle(Qt::ToolButtonIconOnly);
    connect(files, &QToolButton::clicked, this, [this, list] {
        const QString path =
            FileDialog::getOpenFileName(this, QStringLiteral("Copy a File"), m_projectFolder);
        if (!path.isEmpty())
            list->appendItems({PathEdit::relativeTo(m_projectFolder, path)});
    });
    connect(folder, &QToolButton::clicked, this, [this, list] {
        const QString path =
            FolderDialog::getExistingDirectory(this, QStringLiteral("Copy a Folder"), m_projectFolder);
        if (!path.isEmpty())
            list->appendItems({PathEdit::relativeTo(m_projectFolder, path) + QLatin1Char('/')});
    });
    return list;
}

void SpecForm::rememberBaseImage(const QString& image) {
    if (image.trimmed().isEmpty())
        return;
    QSettings settings;
    QStringList recent = settings.value(kRecentBaseImagesKey).toStringList();
    recent.removeAll(image);
    recent.prepend(image);
    settings.setValue(kRecentBaseImagesKey, recent.mid(0, kMaxRecentBaseImages));
    auto* combo = static_cast<QComboBox*>(fieldWidget(Field::BaseImage));
    if (combo->findText(image) < 0) {
        const QSignalBlocker blocker(combo);
        const QString text = combo->currentText();
        combo->insertItem(0, image);
        combo->setEditText(text);
    }
}

void SpecForm::setSpec(const spec::ImageSpec& spec) {
    m_updating = true;
    m_spec = spec;
    for (const spec::FieldInfo& info : spec::fieldInfos()) {
        Row& row = m_rows[size_t(info.field)];
        const OptionalValue& value = spec.argument(info.field);
        if (row.read() != value)
            row.write(value);
    }
    m_updating = false;
}

void SpecForm::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    for (Row& row : m_rows)
        row.setReadOnly(readOnly);
}

void SpecForm::setProjectFolder(const QString& folder) {
    m_projectFolder = folder;
    for (Field field : {Field::Requirements, Field::SourceRoot, Field::RegistryConfig})
        static_cast<PathEdit*>(fieldWidget(field))->setBaseFolder(folder);
}

void SpecForm::setDiagnostics(const spec::Diagnostics& diagnostics) {
    std::array<QStringList, spec::kFieldCount> messages;
    std::array<bool, spec::kFieldCount> errors{};
    for (const spec::Diagnostic& diagnostic : diagnostics) {
        if (!diagnostic.field)
            continue;
        const size_t index = size_t(*diagnostic.field);
        messages[index].append(diagnostic.fix.isEmpty()
                                   ? diagnostic.message
                                   : QStringLiteral("%1 → %2").arg(diagnostic.message, diagnostic.fix));
        errors[index] = errors[index] || diagnostic.isError();
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        QLabel* status = m_rows[i].status;
        if (messages[i].isEmpty()) {
            status->hide();
            status->setToolTip({});
            status->setAccessibleName({});
            continue;
        }
        const int size = status->fontMetrics().height();
        status->setPixmap(icon(errors[i] ? IconName::Error : IconName::Warning).pixmap(size, size));
        status->setToolTip(messages[i].join(QLatin1Char('\n')));
        status->setAccessibleName(errors[i] ? QStringLiteral("Error") : QStringLiteral("Warning"));
        status->show();
    }
}

void SpecForm::expandAdvancedIfUsed(const spec::ImageSpec& spec) {
    bool used = false;
    for (const spec::FieldInfo& info : spec::fieldInfos())
        used = used || (m_rows[size_t(info.field)].advanced && spec.hasArgument(info.field));
    setAdvancedExpanded(used);
}

void SpecForm::setAdvancedExpanded(bool expanded) {
    const QSignalBlocker blocker(m_advancedToggle);
    m_advancedToggle->setChecked(expanded);
    m_advancedToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_advancedBody->setVisible(expanded);
}

bool SpecForm::isAdvancedExpanded() const {
    return m_advancedToggle->isChecked();
}

QWidget* SpecForm::focusField(Field field) {
    Row& row = m_rows[size_t(field)];
    if (row.advanced)
        setAdvancedExpanded(true);
    QWidget* target = row.widget->focusProxy() ? row.widget->focusProxy() : row.widget;
    if (auto* list = qobject_cast<StringListEditor*>(row.widget))
        target = list->list();
    else if (auto* table = qobject_cast<KeyValueTable*>(row.widget))
        target = table->table();
    target->setFocus(Qt::OtherFocusReason);
    return row.widget;
}

} // namespace slipway::ui
