/// The result of reading a dialplan: what was written, what is wrong with it, and the compiled
/// plan when nothing is.
public struct PlanCompilation: Sendable {
    public let definition: PlanDefinition
    public let diagnostics: [Diagnostic]
    /// nil when `diagnostics` has errors.
    public let plan: Plan?
}

/// Entry point of the dialplan module: parse, check and compile, purely, from text.
public enum Dialplan {
    /// - Parameters:
    ///   - text: the YAML of the plan.
    ///   - file: the file name used in diagnostics.
    ///   - prompts: what the prompts folder holds; nil skips the prompt checks.
    public static func compile(_ text: String, file: String, prompts: PromptInventory?) -> PlanCompilation {
        var parser = PlanParser(file: file)
        let definition = parser.parse(text)
        var checker = PlanChecker(plan: definition, prompts: prompts)
        let diagnostics = (parser.diagnostics + checker.check()).sortedForDisplay()
        let plan = diagnostics.hasErrors ? nil : Plan(compiling: definition)
        return PlanCompilation(definition: definition, diagnostics: diagnostics, plan: plan)
    }
}
