import Dialplan
import Foundation

/// Loads a plan fixture from `Fixtures/` and compiles it under its bare file name.
enum Fixture {
    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func compile(_ name: String, prompts: PromptInventory? = nil) throws -> PlanCompilation {
        Dialplan.compile(try text(name), file: "\(name).yaml", prompts: prompts)
    }

    static func lines(_ compilation: PlanCompilation) -> [String] {
        compilation.diagnostics.map(\.description)
    }
}

import Testing
