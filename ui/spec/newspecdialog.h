#pragma once

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace slipway::ui {

class PathEdit;

// File > New ImageSpec: a template, the image name and the file to create in the project. Has the
// test seam of the other dialogs: a queued answer is returned without showing anything.
class NewSpecDialog : public QDialog {
    Q_OBJECT

public:
    struct Answer {
        QString templateId;
        QString name;
        QString filePath;     // absolute
        QString requirements; // relative to the project; for the requirements template
    };

    NewSpecDialog(const QString& projectFolder, QWidget* parent = nullptr);

    Answer answer() const;

    // Shows the dialog; std::nullopt when cancelled.
    static std::optional<Answer> ask(const QString& projectFolder, QWidget* parent);
    static void setNextAnswer(std::optional<Answer> answer);

private:
    void update();
    void fitHeight();

    QString m_folder;
    QListWidget* m_templates;
    QLabel* m_description;
    QLineEdit* m_name;
    QLineEdit* m_file;
    QLabel* m_requirementsLabel;
    PathEdit* m_requirements;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    bool m_fileEdited = false;

    static std::optional<std::optional<Answer>> s_nextAnswer;
};

} // namespace slipway::ui
