// SPDX-License-Identifier: Apache-2.0

// The escaper lives in a target of its own, below both the math and the UI toolkit (whose
// cell buffer escapes with the same rule); every `import AttnMath` still sees it.
@_exported import TextEscaping
