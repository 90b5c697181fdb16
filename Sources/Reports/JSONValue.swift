// SPDX-License-Identifier: Apache-2.0

import AttnMath
import Vocabularies

/// A JSON document with keys kept in the order written, so the command line's
/// output reads in the order SPEC.md lists the fields.
///
/// Numbers print with Swift's shortest round-trip form (up to 17 significant
/// digits), so no precision is lost; non-finite numbers become `null`.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public static func numbers(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.number)) }

    public static func optionalNumbers(_ values: [Double?]) -> JSONValue {
        .array(values.map { $0.map(JSONValue.number) ?? .null })
    }

    /// Compact JSON on one line.
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value):
            guard value.isFinite else {
                out += "null"
                return
            }
            // Swift's description is the shortest string that reads back as the same double ("3.0", "1e-05").
            out += "\(value)"
        case .string(let value): JSONValue.writeString(value, into: &out)
        case .array(let values):
            out += "["
            for (i, value) in values.enumerated() {
                if i > 0 { out += ", " }
                value.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += ", " }
                JSONValue.writeString(member.0, into: &out)
                out += ": "
                member.1.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ value: String, into out: inout String) {
        out += "\""
        out += ControlEscaping.escaped(value, for: .json)
        out += "\""
    }
}
