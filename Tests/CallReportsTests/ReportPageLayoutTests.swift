import CallReports
import Foundation
import Testing
import TestSupport

/// Issue 12, item 7: the page laid out by a real headless Chromium at 1280 px. A check script
/// (added to a copy of the page, never to the product, which has none) measures what a reader
/// would see: the page no wider than the window, no chart label running into another, none cut
/// at its chart's edges. Run by `make test`; `make deps` installs chromium-headless-shell.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ReportPageLayoutTests {
    struct Measured: Decodable {
        let scrollWidth: Double
        let overlaps: [String]
        let outside: [String]
        let charts: Int
    }

    static let check = """
    <script>
    const found = {scrollWidth: document.documentElement.scrollWidth, overlaps: [], outside: [], charts: 0};
    for (const figure of document.querySelectorAll('figure')) {
      found.charts++;
      const box = figure.getBoundingClientRect();
      const texts = [...figure.querySelectorAll('svg text')].map(t => [t.textContent, t.getBoundingClientRect()]);
      for (const [text, r] of texts) {
        if (r.left < box.left - 1 || r.right > box.right + 1) found.outside.push(figure.querySelector('figcaption').textContent + ': ' + text);
      }
      for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i][1], b = texts[j][1];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          found.overlaps.push(figure.querySelector('figcaption').textContent + ': ' + texts[i][0] + ' / ' + texts[j][0]);
      }
    }
    document.body.setAttribute('data-measured', JSON.stringify(found));
    </script>
    """

    /// On a thread of its own: waiting for Chromium on one of the cooperative pool's two threads
    /// starved the other suites' async code.
    static func measure(_ html: String) async throws -> Measured {
        try await onOwnThread { try measureWaiting(html) }
    }

    static func measureWaiting(_ html: String) throws -> Measured {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try html.replacingOccurrences(of: "</body>", with: check + "</body>").write(to: page, atomically: true, encoding: .utf8)
        let browser = "/usr/bin/chromium-headless-shell"
        guard FileManager.default.isExecutableFile(atPath: browser) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(browser) is missing: run make deps (it installs chromium-headless-shell)"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1000",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try SerialLaunch.run(process)
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let start = dom.range(of: "data-measured=\""), let end = dom[start.upperBound...].firstIndex(of: "\"") else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "Chromium gave no measurement: \(dom.prefix(300))"])
        }
        let json = String(dom[start.upperBound..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Measured.self, from: Data(json.utf8))
    }

    @Test(arguments: [nil, ReportOptions.Grouping.day, .interval, .language, .outcome])
    func thePageFitsA1280PixelScreenAndNoLabelRunsIntoAnother(grouping: ReportOptions.Grouping?) async throws {
        var outcomes = ReconstructionTests.month(10, perDay: 120, seed: 12)
        outcomes += ReconstructionTests.month(11, perDay: 120, seed: 13)
        var options = ReportOptions()
        options.grouping = grouping
        options.timeZone = TimeZone(identifier: "America/New_York")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        options.from = calendar.date(from: DateComponents(year: 2026, month: 11, day: 1))
        options.to = calendar.date(from: DateComponents(year: 2026, month: 12, day: 1))
        var report = ReportBuilder.build(ReconstructionTests.cells(outcomes), options: options)
        report.previous = PeriodComparison.previous(ReconstructionTests.cells(outcomes), options: options,
                                                    from: calendar.date(from: DateComponents(year: 2026, month: 10, day: 2))!, to: options.from!)
        let measured = try await Self.measure(ReportHTMLRenderer.render(report))
        #expect(measured.charts == 8)
        #expect(measured.scrollWidth <= 1280, "the page is \(measured.scrollWidth) px wide")
        #expect(measured.overlaps.isEmpty, "\(measured.overlaps.prefix(6))")
        #expect(measured.outside.isEmpty, "\(measured.outside.prefix(6))")
    }
}
