#include "spec/newspecdialog.h"

#include "spec/spectemplates.h"
#include "widgets/icons.h"
#include "widgets/pathedit.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace slipway::ui {

std::optional<std::optional<NewSpecDialog::Answer>> NewSpecDialog::s_nextAnswer;

NewSpecDialog::NewSpecDialog(const QString& projectFolder, QWidget* parent)
    : QDialog(parent), m_folder(projectFolder), m_templates(new QListWidget(this)),
      m_description(new QLabel(this)), m_name(new QLineEdit(QStringLiteral("my-image"), this)),
      m_file(new QLineEdit(this)),
      m_requirementsLabel(new QLabel(QStringLiteral("&Requirements file"), this)),
      m_requirements(new PathEdit(PathEdit::Kind::File, this)), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("newSpecDialog"));
    setWindowTitle(QStringLiteral("New ImageSpec"));
    setMinimumWidth(520);

    m_templates->setObjectName(QStringLiteral("templateList"));
    m_templates->setAccessibleName(QStringLiteral("Templates"));
    for (const SpecTemplate& entry : specTemplates()) {
        auto* item = new QListWidgetItem(icon(IconName::SpecYaml), entry.title, m_templates);
        item->setData(Qt::UserRole, entry.id);
        item->setToolTip(entry.description);
    }
    m_templates->setCurrentRow(0);
    m_templates->setFixedHeight(m_templates->sizeHintForRow(0) * int(specTemplates().size()) +
                                2 * m_templates->frameWidth() + 4);
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setWordWrap(true);
    m_description->setForegroundRole(QPalette::PlaceholderText);

    m_name->setObjectName(QStringLiteral("newSpecName"));
    m_name->setAccessibleName(QStringLiteral("Image name"));
    m_file->setObjectName(QStringLiteral("newSpecFile"));
    m_file->setAccessibleName(QStringLiteral("File in the project"));
    m_requirements->setObjectName(QStringLiteral("newSpecRequirements"));
    m_requirements->setBaseFolder(projectFolder);
    m_requirements->setPath(QStringLiteral("requirements.txt"));
    m_requirements->lineEdit()->setAccessibleName(QStringLiteral("Requirements file"));
    m_requirementsLabel->setBuddy(m_requirements);
    m_problem->setObjectName(QStringLiteral("newSpecProblem"));
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("Image &name"), m_name);
    form->addRow(QStringLiteral("&File"), m_file);
    form->addRow(m_requirementsLabel, m_requirements);

    auto* layout = new QVBoxLayout(this);
    auto* templatesLabel = new QLabel(QStringLiteral("&Template"), this);
    templatesLabel->setBuddy(m_templates);
    layout->addWidget(templatesLabel);
    layout->addWidget(m_templates);
    layout->addWidget(m_description);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_templates, &QListWidget::currentRowChanged, this, &NewSpecDialog::update);
    connect(m_name, &QLineEdit::textEdited, this, &NewSpecDialog::update);
    connect(m_file, &QLineEdit::textEdited, this, [this] {
        m_fileEdited = true;
        update();
    });
    connect(m_requirements, &PathEdit::edited, this, &NewSpecDialog::update);
    update();
}

void NewSpecDialog::update() {
    const int row = std::max(0, m_templates->currentRow());
    const SpecTemplate& chosen = specTemplates()[row];
    m_description->setText(chosen.description);
    m_requirementsLabel->setVisible(chosen.needsRequirements);
    m_requirements->setVisible(chosen.needsRequirements);
    if (!m_fileEdited)
        m_file->setText(QStringLiteral("%1.yaml").arg(
            m_name->text().trimmed().isEmpty() ? QStringLiteral("imagespec") : m_name->text().trimmed()));
    QString problem;
    const Answer current = answer();
    if (current.name.isEmpty())
        problem = QStringLiteral("Give the image a name.");
    else if (QFileInfo::exists(current.filePath))
        problem = QStringLiteral("%1 exists already; choose another file name.").arg(m_file->text());
    else if (chosen.needsRequirements && !QFileInfo::exists(QDir(m_folder).filePath(current.requirements)))
        problem = QStringLiteral("There is no %1 in the project; choose the requirements file.")
                      .arg(current.requirements);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    fitHeight();
}

void NewSpecDialog::fitHeight() {
    // The dialog grows when the requirements row or a problem line appears, or a description wraps
    // onto more lines, instead of squeezing the rows into each other. Wrapped labels have a height for
    // their width, which the plain minimum size does not count.
    layout()->activate();
    int needed = layout()->totalMinimumSize().height();
    if (layout()->hasHeightForWidth())
        needed = std::max(needed, layout()->totalHeightForWidth(width()));
    if (height() < needed)
        resize(width(), needed);
}

NewSpecDialog::Answer NewSpecDialog::answer() const {
    const SpecTemplate& chosen = specTemplates()[std::max(0, m_templates->currentRow())];
    QString file = m_file->text().trimmed();
    if (!file.endsWith(QLatin1String(".yaml")) && !file.endsWith(QLatin1String(".yml")))
        file += QStringLiteral(".yaml");
    return {chosen.id, m_name->text().trimmed(), QDir(m_folder).absoluteFilePath(file),
            chosen.needsRequirements ? m_requirements->path() : QString()};
}

std::optional<NewSpecDialog::Answer> NewSpecDialog::ask(const QString& projectFolder, QWidget* parent) {
    if (s_nextAnswer)
        return std::exchange(s_nextAnswer, std::nullopt).value();
    NewSpecDialog dialog(projectFolder, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.answer();
}

void NewSpecDialog::setNextAnswer(std::optional<Answer> answer) {
    s_nextAnswer = std::move(answer);
}

} // namespace slipway::ui
