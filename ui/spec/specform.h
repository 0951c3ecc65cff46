#pragma once

#include "spec/diagnostic.h"
#include "spec/field.h"
#include "spec/imagespec.h"

#include <QWidget>
#include <array>
#include <functional>
#include <optional>

class QFormLayout;
class QLabel;
class QToolButton;

namespace slipway::ui {

// Every ImageSpec field with a control that suits it, in a short "Basics" section (what most specs
// need) and an "Advanced" section for the rest. Shows a spec and turns what the user does into
// fieldEdited(); it never changes a spec itself. Field widgets are named field_<yaml key>.
class SpecForm : public QWidget {
    Q_OBJECT

public:
    explicit SpecForm(QWidget* parent = nullptr);

    // Shows `spec`. A control whose value already equals the spec's is left alone, so typing is not
    // disturbed by the round trip through the document.
    void setSpec(const spec::ImageSpec& spec);
    void setReadOnly(bool readOnly);
    // Relative paths are picked and shown against this folder.
    void setProjectFolder(const QString& folder);
    // Marks the rows that have problems, with the messages as tooltips.
    void setDiagnostics(const spec::Diagnostics& diagnostics);
    // Opens the Advanced section when any of its fields is set (for a spec just opened).
    void expandAdvancedIfUsed(const spec::ImageSpec& spec);
    void setAdvancedExpanded(bool expanded);
    bool isAdvancedExpanded() const;

    // Shows the field's section, focuses its control and returns the control (to scroll to it).
    QWidget* focusField(spec::Field field);
    QWidget* fieldWidget(spec::Field field) const { return m_rows[size_t(field)].widget; }

Q_SIGNALS:
    void fieldEdited(spec::Field field, const std::optional<spec::PyValue>& value);
    // The user left a control: typing in it again starts a new undo step.
    void editingFinished();

private:
    struct Row {
        QWidget* widget = nullptr;
        QLabel* label = nullptr;
        QLabel* status = nullptr;
        bool advanced = false;
        std::function<std::optional<spec::PyValue>()> read;
        std::function<void(const std::optional<spec::PyValue>&)> write;
        std::function<void(bool)> setReadOnly;
    };

    void buildRows();
    void addRow(spec::Field field, QWidget* widget, QFormLayout* layout);
    void emitEdited(spec::Field field);
    QWidget* lineEdit(spec::Field field, const QString& placeholder);
    QWidget* comboEdit(spec::Field field, const QStringList& choices, const QString& placeholder);
    QWidget* listEdit(spec::Field field, const QString& what);
    QWidget* tableEdit(spec::Field field, const QString& what, const QString& keyHeader,
                       const QString& valueHeader);
    QWidget* pathEdit(spec::Field field, bool folder, const QString& placeholder);
    QWidget* copyModeEdit();
    QWidget* platformEdit();
    QWidget* copyListEdit();
    void rememberBaseImage(const QString& image);

    std::array<Row, spec::kFieldCount> m_rows{};
    spec::ImageSpec m_spec;
    QString m_projectFolder;
    QFormLayout* m_basics;
    QFormLayout* m_advanced;
    QWidget* m_advancedBody;
    QToolButton* m_advancedToggle;
    bool m_updating = false;
    bool m_readOnly = false;
};

} // namespace slipway::ui
