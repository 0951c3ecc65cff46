#pragma once

#include <QGroupBox>

class QGridLayout;
class QLabel;

namespace slipway::spec {
class ImageSpec;
class PyValue;
} // namespace slipway::spec

namespace slipway::ui {

// The arguments a spec was given, one row per field, read-only. Fields left out are flytekit's
// defaults and are not listed, so the form reads like the spec the user wrote.
class ArgumentForm : public QGroupBox {
    Q_OBJECT

public:
    explicit ArgumentForm(QWidget* parent = nullptr);

    void setSpec(const spec::ImageSpec& spec);

    // How a value reads in the form: strings bare, lists one item per line, dicts "key=value" per line.
    static QString displayText(const spec::PyValue& value);

private:
    QGridLayout* m_grid;
    QLabel* m_empty;
};

} // namespace slipway::ui
