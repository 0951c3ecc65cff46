#pragma once

#include "widgets/icons.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QStackedWidget;

namespace slipway::project {
class Project;
}

namespace slipway::ui {

class ArgumentForm;
class DiagnosticList;
class EmptyState;
class ReferenceBox;

// The centre of the window: what the project tree's current row is. Read-only for now; the spec editor
// grows out of it. Says plainly when there is nothing to show and why.
class SpecDetailsPanel : public QWidget {
    Q_OBJECT

public:
    explicit SpecDetailsPanel(const project::Project* project, QWidget* parent = nullptr);

    // specIndex -1 shows the file; fileIndex -1 shows no selection.
    void showSelection(int fileIndex, int specIndex);

Q_SIGNALS:
    void referenceCopied(const QString& reference);

private:
    void refresh();
    void showSpec();
    void showFile();
    void setHeader(IconName icon, const QString& title, const QString& file, const QString& variable);

    const project::Project* m_project;
    int m_file = -1;
    int m_spec = -1;

    QStackedWidget* m_stack;
    EmptyState* m_scanning;
    EmptyState* m_noSpecs;
    EmptyState* m_noSelection;
    QScrollArea* m_details;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_fileLabel;
    QLabel* m_fileValue;
    QLabel* m_variableLabel;
    QLabel* m_variableValue;
    QLabel* m_fileSpecs;
    ReferenceBox* m_reference;
    ArgumentForm* m_arguments;
    DiagnosticList* m_diagnostics;
};

} // namespace slipway::ui
