extension AGICommand {
    /// A command line being written: the checks and the quoting of its arguments.
    struct LineWriter {
        var text = ""

        mutating func reserve(_ bytes: Int) {
            text.reserveCapacity(bytes)
        }

        mutating func append(_ literal: String) {
            text.append(literal)
        }

        mutating func number(_ value: Int) {
            text.append(String(value))
        }

        /// A single argument that must not need quoting.
        mutating func word(_ argument: String) throws(InvalidArgument) {
            text.append(try AGICommand.word(argument))
        }

        /// An argument in double quotes, with `"` and `\` escaped as Asterisk's parser expects.
        /// Byte by byte, as Asterisk reads it: a quote with a combining mark after it is still a
        /// quote.
        mutating func quoted(_ argument: String) throws(InvalidArgument) {
            try AGICommand.checkControl(argument)
            text.append("\"")
            if argument.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                text.append(AGICommand.escaped(argument))
            } else {
                text.append(argument)
            }
            text.append("\"")
        }
    }
}
