import Testing

@testable import MatrixTransport

@Suite struct NoticeHTMLTests {
    @Test func firstLineBoldBreaksKeptAndEscaped() {
        #expect(NoticeHTML.render("Readiness 80 · rest\nToday: <rest> & \"sleep\"") == "<b>Readiness 80 · rest</b><br/>Today: &lt;rest&gt; &amp; &quot;sleep&quot;")
    }
}
