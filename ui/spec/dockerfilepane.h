#pragma once

#include "build/buildplan.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace slipway::spec {
class ImageSpec;
struct HostEnvironment;
} // namespace slipway::spec

namespace slipway::ui {

class CodeEditor;
class CodeHighlighter;

// The Dockerfile flytekit's default builder would write for the spec, read-only and highlighted, with
// the dialect (BuildKit or classic) and the installer (uv or pip) to choose. The choices are build
// options: they never change the tag. Remembered across sessions.
class DockerfilePane : public QWidget {
    Q_OBJECT

public:
    explicit DockerfilePane(QWidget* parent = nullptr);

    void setSpec(const spec::ImageSpec& spec, const spec::HostEnvironment& host);
    build::DockerfileOptions options() const;
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    QComboBox* m_dialect;
    QComboBox* m_installer;
    CodeEditor* m_view;
    CodeHighlighter* m_highlighter;
    QLabel* m_error;
    std::unique_ptr<spec::ImageSpec> m_spec;
    std::unique_ptr<spec::HostEnvironment> m_host;
};

} // namespace slipway::ui
