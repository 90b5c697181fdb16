import TUIKit
