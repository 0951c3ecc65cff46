#pragma once

#include <QPalette>

namespace slipway::ui {

// A dark palette for Fusion, for screenshots and tests of the dark theme where the platform has none
// (Xvfb, offscreen). The app uses it with --dark-palette; the screenshot tests switch to it.
QPalette darkPalette();

// Fusion with darkPalette() for the whole application.
void useDarkPalette();

} // namespace slipway::ui
