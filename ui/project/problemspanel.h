#pragma once

#include "spec/diagnostic.h"

#include <QWidget>

class QTreeView;

namespace slipway::project {
class Project;
}

namespace slipway::ui {

class ProblemsModel;

// The Problems dock: every diagnostic of the project; activating one asks to show its spec.
class ProblemsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ProblemsPanel(const project::Project* project, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }
    ProblemsModel* model() const { return m_model; }

Q_SIGNALS:
    // specIndex is -1 for a problem with the file as a whole.
    void problemActivated(int fileIndex, int specIndex, const spec::Diagnostic& diagnostic);

private:
    ProblemsModel* m_model;
    QTreeView* m_view;
};

} // namespace slipway::ui
