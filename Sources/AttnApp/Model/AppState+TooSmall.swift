// SPDX-License-Identifier: Apache-2.0

extension AppState {
    /// The screen shows only "terminal too small" (`ScreenLayout`): no panel, so
    /// `update` lets only quit and resize act.
    var isTooSmall: Bool {
        size.width < ScreenLayout.compactMinimum.width || size.height < ScreenLayout.compactMinimum.height
    }
}
